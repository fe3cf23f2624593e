/**
 * Running the checks over a spreadsheet: value-map tabs first (their lists are what mapping rows
 * refer to), then mapping and data-dictionary tabs, then IDs Mapspec manages across tabs. Returns
 * findings sorted by tab, row and column, capped for the sidebar, with counts of everything.
 */
import { columnNumber } from './a1';
import { makeContext, TabView, type CheckContext } from './check-context';
import { headerFindings } from './checks-header';
import { checkRows, type SeenKey } from './checks-rows';
import { FindingSink, groupFindings, quote, RULE_NAMES, type Finding, type RuleName, type Severity } from './findings';
import { GridReader, type TabGrid } from './grid';
import { lostColumnText, resolveLayout, type Layout } from './layout';
import { resolveSettings, type MappingSettings } from './settings';
import type { OwnWord } from './own-words';
import { checkValueMapTab, emptyValueMapIndex, valueMapIndexFromNames, type ValueMapIndex } from './value-maps';

export type TabInput = { grid: TabGrid; layout: Layout };

export type CheckReport = {
  findings: Finding[];
  /** Number of findings before the cap. */
  total: number;
  truncated: boolean;
  counts: { [rule: string]: number };
  bySeverity: { error: number; warning: number; info: number };
  rowsChecked: number;
  /** Value-map list names found (cache them for single-tab checks). */
  valueMapLists: string[];
  /** The status and type words the tabs use that Mapspec does not know, to offer for adoption. */
  ownWords: OwnWord[];
};

/** Checks one tab: its header, then (for mapping/dictionary tabs) its rows, or its value-map lists. */
function checkOne(
  input: TabInput,
  ctx: CheckContext,
  valueMaps: ValueMapIndex | null,
  sink: FindingSink,
  indexToFill: ValueMapIndex | null,
): { rows: number; keys: SeenKey[] } {
  const reader = new GridReader(input.grid);
  const layout = input.layout;
  if (layout.kind === 'none') return { rows: 0, keys: [] };
  if (reader.lastRow < layout.headerRow) {
    sink.add({
      tab: reader.name, row: null, column: null, columnName: null, rule: 'missing-header',
      text: reader.lastRow === 0 ? 'the tab is empty, so its header row is gone.' : `the header row (row ${layout.headerRow}) is gone: the tab ends at row ${reader.lastRow}.`,
      hint: 'Restore the header row, or adopt the tab again.',
    });
    return { rows: 0, keys: [] };
  }
  const resolved = resolveLayout(reader, layout);
  for (const l of resolved.lost) {
    sink.add({ tab: reader.name, row: layout.headerRow, column: null, columnName: l.header, rule: 'missing-header', text: lostColumnText(l), hint: 'Restore the column name, or tell Mapspec which column holds it now.' });
  }
  headerFindings(reader, layout.headerRow, resolved.header, resolved.roleAt, layout.kind, sink);
  const view = new TabView(reader, layout, resolved);
  if (layout.kind === 'value-map') {
    return { rows: checkValueMapTab(view, ctx, indexToFill ?? emptyValueMapIndex(), sink), keys: [] };
  }
  const r = checkRows(view, ctx, valueMaps, sink);
  return { rows: r.rowsChecked, keys: layout.managedIds ? r.keys : [] };
}

function sortAndCount(sink: FindingSink, ctx: CheckContext, tabOrder: Map<string, number>, max: number, rowsChecked: number, lists: string[]): CheckReport {
  // One cause, one finding: an unknown word, or a rule on many rows of a tab, is grouped.
  const findings = groupFindings(sink.findings, sink.notes);
  const colNum = (c: string | null) => (c === null ? 0 : (columnNumber(c) ?? 0));
  const sorted = findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => (tabOrder.get(a.f.tab) ?? 0) - (tabOrder.get(b.f.tab) ?? 0) || (a.f.row ?? 0) - (b.f.row ?? 0) || colNum(a.f.column) - colNum(b.f.column) || a.i - b.i)
    .map((x) => x.f);
  const counts: { [rule: string]: number } = {};
  for (const r of RULE_NAMES) counts[r] = 0;
  const bySeverity: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of sorted) {
    counts[f.rule]++;
    bySeverity[f.severity]++;
  }
  return { findings: sorted.slice(0, max), total: sorted.length, truncated: sorted.length > max, counts, bySeverity, rowsChecked, valueMapLists: lists, ownWords: ctx.ownWords.list(ctx.settings, ctx.vocab) };
}

/**
 * Checks the adopted tabs of a spreadsheet. Tabs are given in sheet order with their saved layouts;
 * value-map tabs define the lists that rows of other tabs may name. Never throws on odd content;
 * throws UserError only for malformed settings.
 */
export function checkSpreadsheet(tabs: readonly TabInput[], settings?: Partial<MappingSettings>): CheckReport {
  const s = resolveSettings(settings);
  const ctx = makeContext(s);
  const sink = new FindingSink(s.severityOverrides);
  const index = emptyValueMapIndex();
  const order = new Map<string, number>();
  tabs.forEach((t, i) => order.set(t.grid.name, i));
  let rows = 0;
  for (const t of tabs) if (t.layout.kind === 'value-map') rows += checkOne(t, ctx, null, sink, index).rows;
  // Managed IDs must be unique across tabs: remember where each was first seen.
  const firstSeen = new Map<string, { tab: string; row: number }>();
  for (const t of tabs) {
    if (t.layout.kind === 'value-map') continue;
    const res = checkOne(t, ctx, index, sink, null);
    rows += res.rows;
    for (const k of res.keys) {
      const prev = firstSeen.get(k.key);
      if (prev && prev.tab !== t.grid.name) {
        const reader = new GridReader(t.grid);
        const resolved = resolveLayout(reader, t.layout);
        const view = new TabView(reader, t.layout, resolved);
        sink.addAt(view.whereColumn(resolved.keyColumn, k.row), 'duplicate-key', `the ID ${quote(k.text)} is also used in ${quote(prev.tab)}, row ${prev.row}.`, 'IDs that Mapspec manages are unique across tabs; give one of the rows a new ID.');
      } else if (!prev) firstSeen.set(k.key, { tab: t.grid.name, row: k.row });
    }
  }
  return sortAndCount(sink, ctx, order, s.maxFindings, rows, Object.values(index.lists).map((l) => l.name));
}

/**
 * Checks a single tab (e.g. the active one). `valueMapLists` are the list names known from an
 * earlier full run (null: do not check value-map references).
 */
export function checkTab(input: TabInput, valueMapLists: readonly string[] | null, settings?: Partial<MappingSettings>): CheckReport {
  const s = resolveSettings(settings);
  const ctx = makeContext(s);
  const sink = new FindingSink(s.severityOverrides);
  const index = valueMapLists ? valueMapIndexFromNames(valueMapLists) : null;
  const own = emptyValueMapIndex();
  const res = checkOne(input, ctx, index, sink, own);
  return sortAndCount(sink, ctx, new Map([[input.grid.name, 0]]), s.maxFindings, res.rows, Object.values(own.lists).map((l) => l.name));
}

export type { RuleName };
