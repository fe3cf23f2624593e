/**
 * The human output of `mapspec check`: one line per tab with what adoption found (so a wrong header
 * row or role is visible before any finding is believed), the findings grouped by tab in the add-on's
 * own words, and a one-line summary a CI log can be grepped for. Every line goes through terminalText:
 * a control character in a tab name or value is shown escaped, never sent to the terminal.
 */
import { coverageText } from '../core/systems/coverage';
import type { CheckOutput, TabLayout } from './check';
import { terminalText } from './visible';

/** Long or multi-line column names are shown on one line and cut: the tab line must stay readable. */
function shortHeader(header: string, max = 32): string {
  const one = header.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 || word === 'info' ? '' : 's'}`;
}

export function layoutLine(tab: TabLayout): string {
  if (tab.kind === 'none' || tab.headerRow === null) return `${tab.name}: no mapping-spec header found (not checked)`;
  const where = [`header row ${tab.headerRow}`, ...(tab.bandRow !== null ? [`band row ${tab.bandRow}`] : []), `${tab.level} confidence`];
  const roles = tab.columns.filter((c) => c.role !== null).map((c) => `${c.letter} ${c.role}${c.header ? ` (${shortHeader(c.header)})` : ''}${c.group ? ` under ${shortHeader(c.group, 24)}` : ''}`);
  const key = tab.key === null ? '' : `; key ${tab.key.letter} ${tab.key.confirmed ? 'confirmed' : 'detected'}`;
  return `${tab.name}: ${tab.kind}, ${where.join(', ')}; ${roles.length > 0 ? roles.join(', ') : 'no column roles'}${key}`;
}

export function formatHuman(out: CheckOutput): string {
  const lines: string[] = [`${out.file}: ${plural(out.tabs.length, 'tab')}`];
  for (const tab of out.tabs) lines.push(`  ${layoutLine(tab)}`);
  for (const s of out.systems ?? []) {
    lines.push(`  ${s.kind === 'metadata' ? 'metadata' : 'sample'} ${s.name}: the ${s.side}${s.sideGiven ? '' : ` (${s.kind === 'metadata' ? 'from its format' : 'by default'}; say dest= or source= otherwise)`}; ${s.summary}`);
  }
  for (const tab of out.tabs) {
    const own = out.findings.filter((f) => f.sheetId === tab.sheetId);
    if (own.length === 0) continue;
    lines.push('', `${tab.name} (${plural(own.length, 'finding')})`);
    // The message already names tab, row and column as the sidebar shows it.
    for (const f of own) lines.push(`  ${f.message} (${f.rule}, ${f.severity})`);
  }
  const checked = out.tabs.filter((t) => t.kind !== 'none').length;
  if (out.truncated) lines.push('', `Only the first ${out.findings.length} of ${out.total} findings are listed.`);
  // The add-on counts rows over every tab it checked, value-map tabs read for their lists included.
  const rows = out.listTabs ? `${plural(out.rowsChecked, 'row')}, with ${out.listTabs.map((n) => JSON.stringify(n)).join(', ')} read for ${out.listTabs.length === 1 ? 'its' : 'their'} lists` : plural(out.rowsChecked, 'row');
  if (out.ownWords.length > 0) {
    const list = (kind: 'status' | 'type') => out.ownWords.filter((w) => w.kind === kind).map((w) => `"${w.word}" (${plural(w.rows, 'row')}${w.suggestion ? `, perhaps ${w.suggestion}` : ''})`);
    const statuses = list('status');
    const types = list('type');
    lines.push('', 'Words this spec uses that Mapspec does not know yet (say what they mean with --status WORD=STATUS, --type WORD=TYPE, or in the sidebar):');
    if (statuses.length) lines.push(`  statuses: ${statuses.join(', ')}`);
    if (types.length) lines.push(`  types: ${types.join(', ')}`);
  }
  if (out.coverage.length > 0) {
    lines.push('', 'Coverage:');
    for (const c of out.coverage) {
      lines.push(`  ${c.tab} × ${c.system}: ${coverageText(c)}`);
    }
  }
  const unconfirmed = out.tabs.filter((t) => t.key !== null && !t.key.confirmed).length;
  if (unconfirmed > 0) {
    lines.push('', `The key column detected in ${plural(unconfirmed, 'tab')} was not checked for missing or duplicate IDs: confirm it with --key [TAB!]COLUMN.`);
  }
  lines.push(
    '',
    `${plural(out.bySeverity.error, 'error')}, ${plural(out.bySeverity.warning, 'warning')}, ${plural(out.bySeverity.info, 'info')} in ${plural(checked, 'tab')} (${rows})`,
  );
  return terminalText(lines);
}

/** GitHub's workflow-command text: %, CR and LF escaped in the message; also , and : in properties. */
function ghEscape(text: string, property = false): string {
  const t = text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  return property ? t.replace(/:/g, '%3A').replace(/,/g, '%2C') : t;
}

/**
 * `--format github`: one `::error` / `::warning` / `::notice` line per finding, so an integration
 * repository's CI annotates the spec ("file=…,title=rule::tab row col: message"); then the summary.
 */
export function formatGithub(out: CheckOutput): string {
  const level = { error: 'error', warning: 'warning', info: 'notice' } as const;
  const lines = out.findings.map((f) => `::${level[f.severity]} file=${ghEscape(out.file, true)},title=${ghEscape(f.rule, true)}::${ghEscape(f.message)} ${ghEscape(f.hint)}`);
  lines.push(`${plural(out.bySeverity.error, 'error')}, ${plural(out.bySeverity.warning, 'warning')}, ${plural(out.bySeverity.info, 'info')}`);
  // Control characters in a cell stay visible escapes, as in the human output.
  return terminalText(lines);
}
