/**
 * The human output of `mapspec diff`: per tab that differs, one line per row added (+), removed (-)
 * and changed cell (~), in the tab's reading order, then the rows that only moved; and a summary line
 * a CI log can be grepped for. Long and multi-line values are shown on one line and cut (the JSON
 * has them whole). Every line goes through terminalText: control characters in values show escaped.
 */
import type { RowChange, TabDiff } from '../core/versions/diff';
import type { DiffOutput } from './diff';
import { hasDifferences } from './diff';
import { terminalText, visible } from './visible';

const MAX_VALUE = 60;

/** One line, cut to `max` characters with "…"; a blank value is "(blank)"; line breaks and controls shown escaped. */
export function shortValue(value: string, max = MAX_VALUE): string {
  const one = visible(value.replace(/[ \t]+/g, ' ').trim());
  if (one === '') return '(blank)';
  const chars = [...one];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : one;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "row M2", or for a value map "row sex: m" (the list, then the source value). */
function rowName(r: RowChange): string {
  return r.entry && r.entry.list ? `row ${r.entry.list}: ${r.entry.source || r.key}` : `row ${r.key}`;
}

function tabTitle(t: TabDiff): string {
  const notes: string[] = [];
  if (t.status === 'added') notes.push('new tab');
  if (t.status === 'removed') notes.push('removed tab');
  if (t.renamedFrom !== null) notes.push(`renamed from ${JSON.stringify(t.renamedFrom)}`);
  if (t.kind === 'value-map') notes.push('value map');
  const c = t.counts;
  notes.push(`${c.added} added, ${c.changed} changed, ${c.removed} removed${c.moved > 0 ? `, ${c.moved} moved` : ''}`);
  return `${t.name} (${notes.join('; ')})`;
}

export function tabLines(t: TabDiff): string[] {
  const lines = [tabTitle(t)];
  if (t.kindChanged) lines.push(`  ! kind: ${t.kindChanged.from} → ${t.kindChanged.to}`);
  if (t.keyColumnChanged) lines.push(`  ! key column: ${t.keyColumnChanged.from} → ${t.keyColumnChanged.to}`);
  for (const c of t.columnsAdded) lines.push(`  + column ${c}`);
  for (const c of t.columnsRemoved) lines.push(`  - column ${c}`);
  if (t.columnsReordered) lines.push('  ! columns reordered');
  for (const r of t.rows) {
    if (r.type === 'added') lines.push(`  + ${rowName(r)}`);
    else if (r.type === 'removed') lines.push(`  - ${rowName(r)}`);
    else for (const c of r.cells) lines.push(`  ~ ${rowName(r)}: ${c.column}: ${shortValue(c.old)} → ${shortValue(c.new)}`);
  }
  if (t.rowsOmitted > 0) lines.push(`  … ${plural(t.rowsOmitted, 'more row change')}`);
  for (const m of t.moved) lines.push(`  ↕ row ${m.key}: moved from position ${m.oldPosition} to ${m.newPosition}`);
  if (t.movedOmitted > 0) lines.push(`  … ${plural(t.movedOmitted, 'more moved row')}`);
  for (const d of t.duplicateKeys) lines.push(`  ! ${d.side} file has key ${JSON.stringify(d.key)} on ${d.count} rows (told apart as ${d.key}#2…)`);
  return lines;
}

export function formatDiff(out: DiffOutput): string {
  const { diff } = out;
  const lines: string[] = [`${out.old} → ${out.new}`];
  if (diff.tabs.length === 0) {
    lines.push('', 'No differences (no mapping-spec or value-map tabs in either file)');
    return terminalText(lines);
  }
  if (!hasDifferences(diff)) {
    const rows = diff.summary.unchanged;
    lines.push('', `No differences (${plural(rows, 'row')} in ${plural(diff.tabs.length, 'tab')})`);
    return terminalText(lines);
  }
  for (const t of diff.tabs) if (t.status !== 'unchanged') lines.push('', ...tabLines(t));
  const s = diff.summary;
  const differing = diff.tabs.filter((t) => t.status !== 'unchanged').length;
  lines.push('', `${s.added} added, ${s.changed} changed, ${s.removed} removed rows in ${plural(differing, 'tab')}`);
  return terminalText(lines);
}
