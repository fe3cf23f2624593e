/**
 * The Checks panel: "Run checks" (one runChecks call for every registered tab), counts by severity
 * (icon + number + word, not colour alone), rows and tabs checked, the findings grouped by tab in
 * collapsible sections, filtered by severity (the count chips), rule and tab, with "Next finding"
 * going through them in order. Each finding is a button: it selects the finding's cell in the sheet
 * (selectCell) — or shows the tab when the finding is about the whole tab (activateTab) — and is
 * marked as visited. Above the findings, the spec's own status and type words, offered for adoption
 * (own-words-section). Below: the colour key and "Clear Mapspec colours".
 */
import { coverageText } from '../../src/core/systems/coverage';
import type { CheckResult, FindingView } from '../../src/core/api';
import type { Severity } from '../../src/core/mapping/findings';
import { server } from '../client';
import { h, icon, replace, srOnly } from '../dom';
import { findingBody, SEVERITIES, SEVERITY_WORD, severityIcon } from '../findings-view';
import { count, plural, runTime } from '../format';
import { legendSection } from '../legend';
import { setBadge } from '../nav';
import { ownWordsSection, type OwnWordChoices } from './own-words-section';
import { getState, setState } from '../store';
import { setStatus, work } from '../status';

let runBar: HTMLElement;
let lastRun: HTMLElement;
let results: HTMLElement;
let legendHost: HTMLElement;
let last: CheckResult | null = null;
/** Findings the person went to since the last run. */
let visited = new Set<string>();

export function initChecksPanel(container: HTMLElement): void {
  // The button stays the same element across runs, so the keyboard focus stays on it.
  lastRun = h('p', { class: 'muted small last-run' });
  runBar = h('div', { class: 'run-bar' }, h('button', { type: 'button', class: 'primary', id: 'run-checks', onclick: () => void runChecks() }, icon('↻'), ' Run checks'), lastRun);
  results = h('div', { class: 'results', 'aria-live': 'off' });
  legendHost = h('div', {});
  replace(container, runBar, results, legendHost);
  renderRunBar();
  renderIntro();
}

/** The state changed (tabs registered, legend): redraw what depends on it. */
export function renderChecksPanel(): void {
  const state = getState();
  replace(legendHost, state ? legendSection(state.legend) : null);
  if (!last) renderIntro();
  renderRunBar();
}

function registeredCount(): number {
  return getState()?.tabs.filter((t) => t.kind !== null).length ?? 0;
}

function renderRunBar(): void {
  if (last) replace(lastRun, 'Last run ', h('time', { datetime: last.checkedAt }, runTime(last.checkedAt)));
  else replace(lastRun);
}

function renderIntro(): void {
  const n = registeredCount();
  replace(
    results,
    h(
      'p',
      { class: 'muted' },
      n === 0
        ? 'No tab is part of the spec yet. Insert the template or use one of your tabs (Spec panel), then run the checks.'
        : `Checks the ${plural(n, 'tab')} in the spec: missing paths, unknown types, type changes with no rule, choice fields with no value map, duplicates and more.`,
    ),
  );
}

export async function runChecks(): Promise<void> {
  const result = await work('Checking every row…', () => server.runChecks({}));
  if (result) showResult(result);
}

async function adoptWords(choices: OwnWordChoices): Promise<void> {
  const n = Object.keys(choices.statuses).length + Object.keys(choices.types).length;
  const result = await work(`Saving ${plural(n, 'word')} and checking again…`, () => server.adoptOwnWords(choices));
  if (!result) return;
  // The server merged these words into the saved ones: the Settings panel shows them without another call.
  const state = getState();
  if (state) {
    const { statusSynonyms, typeSynonyms } = state.settings;
    setState({ ...state, settings: { ...state.settings, statusSynonyms: { ...statusSynonyms, ...choices.statuses }, typeSynonyms: { ...typeSynonyms, ...choices.types } } });
  }
  showResult(result, `Saved what ${plural(n, 'word')} ${n === 1 ? 'means' : 'mean'}. `);
}

/**
 * The result drawn, the filters reset, the panel's badge set (nothing checked: no badge); the status
 * line is left to the caller (a run says what it found; a tag, which brings results too, says its own).
 */
export function updateChecks(result: CheckResult): void {
  last = result;
  visited = new Set();
  filter = { severities: new Set(), rule: '', sheetId: null };
  renderRunBar();
  renderResults(result);
  const { error, warning } = result.bySeverity;
  setBadge('checks', result.tabs.length === 0 ? '' : error ? count(error) : warning ? count(warning) : '✓', error ? 'error' : warning ? 'warning' : 'ok');
}

function showResult(result: CheckResult, before = ''): void {
  updateChecks(result);
  // E.g. a registered tab was deleted: said first, so it is not missed.
  const notices = before + (result.notices.length ? `${result.notices.join(' ')} ` : '');
  if (result.tabs.length === 0) {
    // Nothing was checked: neither a tick nor "no problems".
    setStatus(`${notices}There is no tab to check yet.`);
    return;
  }
  setStatus(
    notices +
    (result.total === 0
      ? result.rowsChecked > 0
        ? `No problems found in ${plural(result.rowsChecked, 'row')}.`
        : 'No problems found (no rows to check yet).'
      : `Found ${plural(result.total, 'problem')}: ${SEVERITIES.filter((s) => result.bySeverity[s] > 0)
          .map((s) => severityCount(s, result.bySeverity[s]))
          .join(', ')}.`),
    result.total === 0 && !notices ? 'success' : 'info',
  );
}

function severityCount(s: Severity, n: number): string {
  return `${count(n)} ${n === 1 ? SEVERITY_WORD[s].one : SEVERITY_WORD[s].many}`;
}

/** What the findings list shows: severities (none = all), one rule, one tab; reset on every run. */
type Filter = { severities: Set<Severity>; rule: string; sheetId: number | null };
let filter: Filter = { severities: new Set(), rule: '', sheetId: null };
let findingsHost: HTMLElement | null = null;

function matches(f: FindingView): boolean {
  return (filter.severities.size === 0 || filter.severities.has(f.severity)) && (filter.rule === '' || f.rule === filter.rule) && (filter.sheetId === null || f.sheetId === filter.sheetId);
}

function filtering(): boolean {
  return filter.severities.size > 0 || filter.rule !== '' || filter.sheetId !== null;
}

function renderResults(r: CheckResult): void {
  const shown = r.tabs.reduce((n, t) => n + t.findings.length, 0);
  const clean = r.tabs.filter((t) => t.findings.length === 0);
  findingsHost = h('div', { class: 'findings-host' });
  replace(
    results,
    severityChips(r),
    h(
      'p',
      { class: 'muted small checked' },
      `${plural(r.rowsChecked, 'row')} checked in ${plural(r.tabs.length, 'tab')}`,
      r.paintedCells > 0 ? ` · ${plural(r.paintedCells, 'cell')} coloured` : '',
    ),
    r.tabs.length === 0
      ? h('p', { class: 'empty' }, 'There is no tab to check yet. Insert the template or use one of your tabs (Spec panel).')
      : r.total === 0
        ? h('div', { class: 'all-clear', role: 'note' }, h('span', { class: 'tick', 'aria-hidden': 'true' }, '✓'), h('strong', {}, 'No problems found'))
        : null,
    r.truncated || shown < r.total ? h('p', { class: 'notice' }, `Showing the first ${count(shown)} of ${count(r.total)} findings.`) : null,
    ownWordsSection(r, (choices) => void adoptWords(choices)),
    r.coverage.length > 0
      ? h(
          'section',
          { class: 'coverage', 'aria-labelledby': 'coverage-heading' },
          h('h3', { id: 'coverage-heading' }, 'Coverage'),
          h(
            'ul',
            {},
            ...r.coverage.map((c) =>
              h('li', { dir: 'auto' }, `${c.tab} × ${c.system}: ${coverageText(c)}`),
            ),
          ),
        )
      : null,
    shown > 0 ? filterBar(r) : null,
    findingsHost,
    clean.length && r.total > 0
      ? h(
          'ul',
          { class: 'clean-tabs', 'aria-label': 'Tabs with no problems' },
          ...clean.map((t) => h('li', {}, icon('✓', 'ok-mark'), ' ', h('span', { dir: 'auto' }, t.name), h('span', { class: 'muted' }, ' — no problems'))),
        )
      : null,
  );
  renderFindings(r);
}

/** The counts by severity; each chip filters the list to its severity (pressed again: all). */
function severityChips(r: CheckResult): HTMLElement {
  return h(
    'ul',
    { class: 'counts', 'aria-label': 'Findings by severity' },
    ...SEVERITIES.map((s) => {
      const n = r.bySeverity[s];
      const label = severityCount(s, n);
      const chip = h(
        'button',
        { type: 'button', class: 'chip', 'aria-pressed': String(filter.severities.has(s)), disabled: n === 0, title: n === 0 ? '' : `Show only ${SEVERITY_WORD[s].many}` },
        severityIcon(s),
        h('span', {}, label),
      );
      chip.addEventListener('click', () => {
        if (filter.severities.has(s)) filter.severities.delete(s);
        else filter.severities.add(s);
        chip.setAttribute('aria-pressed', String(filter.severities.has(s)));
        renderFindings(r);
      });
      return h('li', { class: `count sev-${s}${n === 0 ? ' zero' : ''}` }, chip);
    }),
  );
}

/** Rule and tab filters, and "Next finding", over the findings shown. */
function filterBar(r: CheckResult): HTMLElement {
  const all = r.tabs.flatMap((t) => t.findings);
  const byRule = new Map<string, number>();
  for (const f of all) byRule.set(f.rule, (byRule.get(f.rule) ?? 0) + 1);
  const rule = h(
    'select',
    { id: 'filter-rule', 'aria-label': 'Rule' },
    h('option', { value: '' }, `Every rule (${count(all.length)})`),
    ...[...byRule.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([name, n]) => h('option', { value: name, selected: filter.rule === name }, `${name} (${count(n)})`)),
  ) as HTMLSelectElement;
  rule.addEventListener('change', () => {
    filter.rule = rule.value;
    renderFindings(r);
  });
  const withFindings = r.tabs.filter((t) => t.findings.length > 0);
  const tab = h(
    'select',
    { id: 'filter-tab', 'aria-label': 'Tab' },
    h('option', { value: '' }, 'Every tab'),
    ...withFindings.map((t) => h('option', { value: String(t.sheetId), selected: filter.sheetId === t.sheetId }, `${t.name} (${count(t.findings.length)})`)),
  ) as HTMLSelectElement;
  tab.addEventListener('change', () => {
    filter.sheetId = tab.value === '' ? null : Number(tab.value);
    renderFindings(r);
  });
  const next = h('button', { type: 'button', class: 'secondary small', id: 'next-finding', title: 'Go to the next finding shown (after the last one you went to)' }, 'Next finding ↓');
  next.addEventListener('click', () => void nextFinding());
  return h('div', { class: 'filter-bar', role: 'group', 'aria-label': 'Filter the findings' }, rule, withFindings.length > 1 ? tab : null, next);
}

/** The findings list under the filters: groups by tab, each open when few are shown. */
function renderFindings(r: CheckResult): void {
  if (!findingsHost) return;
  const groups = r.tabs.map((t) => ({ t, findings: t.findings.filter(matches) })).filter((g) => g.findings.length > 0);
  const shown = groups.reduce((n, g) => n + g.findings.length, 0);
  const all = r.tabs.reduce((n, t) => n + t.findings.length, 0);
  const openAll = shown <= 60;
  const clear = h('button', { type: 'button', class: 'link small' }, 'Show all');
  clear.addEventListener('click', () => {
    filter = { severities: new Set(), rule: '', sheetId: null };
    renderResults(r);
    results.querySelector<HTMLElement>('#filter-rule')?.focus();
  });
  replace(
    findingsHost,
    filtering() ? h('p', { class: 'muted small filter-note', 'aria-live': 'polite' }, `Showing ${count(shown)} of ${plural(all, 'finding')} · `, clear) : null,
    ...groups.map(({ t, findings }, i) =>
      h(
        'details',
        { class: 'tab-group', open: openAll || i === 0, 'data-sheet-id': t.sheetId },
        h('summary', {}, h('span', { class: 'group-name', dir: 'auto' }, t.name), h('span', { class: 'group-counts' }, ...groupCounts(findings))),
        h('ul', { class: 'finding-list' }, ...findings.map((f) => h('li', {}, findingButton(f)))),
      ),
    ),
  );
}

/** Goes to the first finding shown after the last one visited (from the top after the last). */
async function nextFinding(): Promise<void> {
  if (!findingsHost) return;
  const buttons = Array.from(findingsHost.querySelectorAll<HTMLButtonElement>('button.finding'));
  if (buttons.length === 0) {
    setStatus('No finding is shown: change the filters.', 'info');
    return;
  }
  const lastVisited = buttons.map((b) => b.classList.contains('visited')).lastIndexOf(true);
  const target = buttons[(lastVisited + 1) % buttons.length]!;
  const group = target.closest('details');
  if (group) group.open = true;
  target.focus();
  target.click();
}

function groupCounts(findings: readonly FindingView[]): HTMLElement[] {
  const n: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) n[f.severity] += 1;
  return SEVERITIES.filter((s) => n[s] > 0).map((s) => h('span', { class: `mini sev-${s}` }, severityIcon(s), count(n[s]), srOnly(` ${n[s] === 1 ? SEVERITY_WORD[s].one : SEVERITY_WORD[s].many}`)));
}

function keyOf(f: FindingView): string {
  return `${f.sheetId}|${f.row}|${f.column}|${f.rule}|${f.message}`;
}

function findingButton(f: FindingView): HTMLButtonElement {
  const button = h(
    'button',
    { type: 'button', class: `finding sev-${f.severity}`, 'data-rule': f.rule, 'data-row': f.row, 'data-column': f.column },
    ...findingBody(f, true),
  );
  if (visited.has(keyOf(f))) markVisited(button);
  button.addEventListener('click', () => void go(f, button));
  return button;
}

function markVisited(button: HTMLButtonElement): void {
  if (button.classList.contains('visited')) return;
  button.classList.add('visited');
  button.append(h('span', { class: 'visited-mark', title: 'Visited' }, icon('✓'), srOnly(' (visited)')));
}

async function go(f: FindingView, button: HTMLButtonElement): Promise<void> {
  if (f.row === null) {
    const result = await work(`Opening ${f.tab}…`, () => server.activateTab({ sheetId: f.sheetId }), { disable: false });
    if (!result) return;
    setStatus(`Showing ${result.name}.`);
  } else {
    const row = f.row;
    const result = await work('Going to the cell…', () => server.selectCell({ sheetId: f.sheetId, row, column: f.columnIndex ?? 1 }), { disable: false });
    if (!result) return;
    setStatus(`Selected ${result.a1} in ${f.tab}.`);
  }
  visited.add(keyOf(f));
  markVisited(button);
}
