/**
 * What a change email lists, in rows (issue 25): from a snapshot diff, one ChangeRow per added,
 * removed or changed row — an added or removed row on one line (its label, source → destination),
 * a changed row with its changed cells — plus notes for tabs and columns, and the row totals the
 * email's shown rows and "and N more" add up to. Columns are named as the Checks panel names them
 * ("DESTINATION › Label"), from the tab's saved layout, never the snapshot's internal "Label#2".
 * Shared by the version-tagged and review-requested events and by the digest (which also says
 * where each change is and who made it).
 */
import type { CellChangeLine, ChangeRow, RowTotals } from '../events';
import { a1 } from '../mapping/a1';
import type { Layout } from '../mapping/layout';
import type { Role } from '../mapping/roles';
import { compareKey, truncate } from '../mapping/text';
import type { CellChange, RowChange, SnapshotDiff } from '../versions/diff';
import { canonicalText } from '../versions/text';
import { clip } from './bytes';
import { lastEditor } from './edit-log';
import type { EditLogEntry } from './types';

/** Rows an event carries (the queue may cut further to fit a property; the totals stay whole). */
export const EVENT_MAX_ROWS = 60;
const VALUE_MAX = 200;
const SUMMARY_MAX = 240;

/** How one tab's columns are named in an email, and which hold a row's label, source and destination. */
export type TabWords = {
  title: (column: string) => string;
  label: string | null;
  source: string | null;
  destination: string | null;
};

/** Where a tab's data rows and named columns are in the sheet (1-based), for a digest's links. */
export type TabLocator = { sheetId: number; rows: number[]; columns: Record<string, number> };

const LABEL_ROLES: readonly Role[] = ['source-label', 'label', 'destination-label'];
const SOURCE_ROLES: readonly Role[] = ['source-path', 'source-value', 'path'];
const DESTINATION_ROLES: readonly Role[] = ['destination-path', 'destination-value'];

/** "Label#2" → the base name and which of its name it is (1 for "Label"). */
function occurrence(name: string): { base: string; n: number } {
  const m = /^(.*)#(\d+)$/.exec(name);
  return m ? { base: m[1]!, n: Number(m[2]) } : { base: name, n: 1 };
}

/**
 * The words for a tab from its saved layout: each role column's snapshot name (its header, "#2" for
 * the second of a name, left to right) gets the Checks panel's title, its band in front when the
 * header does not already say it. Columns the layout does not know keep their header; a repeated one
 * reads "Label (2)".
 */
export function tabWords(layout: Layout | null | undefined): TabWords {
  const titles = new Map<string, string>();
  const names = new Map<Role, string>();
  if (layout) {
    const seen = new Map<string, number>();
    for (const c of [...layout.columns].sort((a, b) => a.column - b.column)) {
      const header = canonicalText(c.header);
      if (header === '') continue;
      const n = (seen.get(header) ?? 0) + 1;
      seen.set(header, n);
      const name = n === 1 ? header : `${header}#${n}`;
      const h = header.replace(/\s+/g, ' ');
      titles.set(name, c.band && !compareKey(h).includes(compareKey(c.band)) ? `${truncate(c.band, 32)} › ${h}` : h);
      if (!names.has(c.role)) names.set(c.role, name);
    }
  }
  const first = (roles: readonly Role[]) => roles.map((r) => names.get(r)).find((n) => n !== undefined) ?? null;
  return {
    title: (column) => {
      const known = titles.get(column);
      if (known) return known;
      const { base, n } = occurrence(column);
      return n > 1 ? `${base} (${n})` : base;
    },
    label: first(LABEL_ROLES),
    source: first(SOURCE_ROLES),
    destination: first(DESTINATION_ROLES),
  };
}

/** Column names a person reads, by sheet id and the snapshot's column name. */
export type ColumnTitles = { [sheetId: string]: { [column: string]: string } };

/**
 * The readable title of every column a diff names ("DESTINATION › Sample" for "Sample#2"), per tab,
 * for the sidebar's diff: only the names that read differently, so an unknown one shows as it is.
 */
export function diffTitles(diff: SnapshotDiff, words: (sheetId: number) => TabWords): ColumnTitles {
  const out: ColumnTitles = {};
  for (const t of diff.tabs) {
    const w = words(t.sheetId);
    const names = new Set<string>([...t.columnsAdded, ...t.columnsRemoved, ...t.rows.flatMap((r) => r.cells.map((c) => c.column))]);
    if (t.keyColumnChanged) names.add(t.keyColumnChanged.from).add(t.keyColumnChanged.to);
    const titles: { [column: string]: string } = {};
    for (const n of names) {
      const title = w.title(n);
      if (title !== n) titles[n] = title;
    }
    if (Object.keys(titles).length) out[String(t.sheetId)] = titles;
  }
  return out;
}

/** Words for every tab of a spec, by sheet id. */
export function specWords(layouts: ReadonlyMap<number, Layout>): (sheetId: number) => TabWords {
  const cache = new Map<number, TabWords>();
  return (sheetId) => {
    let w = cache.get(sheetId);
    if (!w) {
      w = tabWords(layouts.get(sheetId));
      cache.set(sheetId, w);
    }
    return w;
  };
}

/** An added or removed row on one line: its label, source → destination; else its first cells. */
export function rowSummary(cells: readonly CellChange[], side: 'old' | 'new', words: TabWords): string {
  const value = (column: string | null) => {
    if (column === null) return '';
    const c = cells.find((x) => x.column === column);
    return c ? (side === 'old' ? c.old : c.new) : '';
  };
  const label = value(words.label);
  const src = value(words.source);
  const dst = value(words.destination);
  const parts = [label, src || dst ? `${src || '—'} → ${dst || '—'}` : ''].filter((p) => p !== '');
  const text = parts.length
    ? parts.join(', ')
    : cells
        .slice(0, 3)
        .map((c) => `${words.title(c.column)}: ${side === 'old' ? c.old : c.new}`)
        .join('; ');
  return clip(text.replace(/\s*[\r\n]+\s*/g, ' '), SUMMARY_MAX);
}

export function totalsOf(diff: SnapshotDiff): RowTotals {
  const totals: RowTotals = { added: 0, changed: 0, removed: 0 };
  for (const t of diff.tabs) {
    totals.added += t.counts.added;
    totals.changed += t.counts.changed;
    totals.removed += t.counts.removed;
  }
  return totals;
}

export function rowCount(totals: RowTotals): number {
  return totals.added + totals.changed + totals.removed;
}

/** How many rows a listed row stands for: one, or none for a note. */
export function rowWeight(row: ChangeRow): number {
  return row.change === 'note' ? 0 : 1;
}

/** "8 rows added, 0 changed, 0 removed" */
export function totalsText(totals: RowTotals): string {
  return `${totals.added} row${totals.added === 1 ? '' : 's'} added, ${totals.changed} changed, ${totals.removed} removed`;
}

export type WhereAndWho = { locators: ReadonlyMap<number, TabLocator>; log: readonly EditLogEntry[]; since: string };

/**
 * The rows an email lists for `diff` (at most `max`, notes included) and its totals. With `where`
 * (the digest), each row and changed cell carries its sheet cell and, when the edit log knows, who
 * made it.
 */
export function changeRowsFromDiff(diff: SnapshotDiff, words: (sheetId: number) => TabWords, max = EVENT_MAX_ROWS, where: WhereAndWho | null = null): { rows: ChangeRow[]; totals: RowTotals } {
  const rows: ChangeRow[] = [];
  const push = (r: ChangeRow) => {
    if (rows.length < max) rows.push(r);
  };
  for (const t of diff.tabs) {
    if (t.status === 'unchanged') continue;
    const w = words(t.sheetId);
    const loc = where?.locators.get(t.sheetId);
    const base = { sheetId: t.sheetId, tab: t.name, rowKey: '', cells: [] as CellChangeLine[], by: '' };
    // Only the digest says where a change is (its links); an event's rows carry no cell.
    const note = (summary: string, at: string | null) => push({ ...base, change: 'note', summary, a1: where ? at : null });
    if (t.status === 'added') note(`New tab (${t.counts.added} row${t.counts.added === 1 ? '' : 's'})`, 'A1');
    if (t.status === 'removed') note(`Tab removed from the spec (${t.counts.removed} row${t.counts.removed === 1 ? '' : 's'})`, null);
    if (t.renamedFrom !== null) note(`Renamed from "${t.renamedFrom}"`, 'A1');
    for (const c of t.columnsAdded) note(`Column added: ${w.title(c)}`, loc?.columns[c] ? a1(1, loc.columns[c]!) : null);
    for (const c of t.columnsRemoved) note(`Column removed: ${w.title(c)}`, null);
    for (const r of t.rows) push(rowOf(r, base, w, loc, where));
  }
  return { rows, totals: totalsOf(diff) };
}

function rowOf(r: RowChange, base: { sheetId: number; tab: string }, w: TabWords, loc: TabLocator | undefined, where: WhereAndWho | null): ChangeRow {
  const sheetRow = r.newPosition !== null && loc ? (loc.rows[r.newPosition - 1] ?? null) : null;
  const editor = (col: number | null) => (where && sheetRow !== null && col !== null ? lastEditor(where.log, base.sheetId, sheetRow, col, where.since) : '');
  const row = { ...base, rowKey: r.key };
  if (r.type === 'added') {
    const firstCol = r.cells.map((c) => loc?.columns[c.column]).find((n) => n !== undefined) ?? 1;
    return { ...row, change: 'added', summary: rowSummary(r.cells, 'new', w), cells: [], a1: sheetRow !== null ? `${sheetRow}:${sheetRow}` : null, by: editor(firstCol) };
  }
  if (r.type === 'removed') return { ...row, change: 'removed', summary: rowSummary(r.cells, 'old', w), cells: [], a1: null, by: '' };
  const cells = r.cells.map((c) => {
    const col = loc?.columns[c.column] ?? null;
    return { column: w.title(c.column), before: clip(c.old, VALUE_MAX), after: clip(c.new, VALUE_MAX), a1: sheetRow !== null && col !== null ? a1(sheetRow, col) : null, by: editor(col) };
  });
  const bys = [...new Set(cells.map((c) => c.by).filter((b) => b !== ''))];
  return { ...row, change: 'changed', summary: '', cells, a1: sheetRow !== null ? `${sheetRow}:${sheetRow}` : null, by: bys.join(', ') };
}
