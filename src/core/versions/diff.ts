/**
 * Differences between two snapshots (two versions, or a version and the live sheets). Tabs are
 * matched by sheetId (a renamed tab is "renamed", not removed and added), rows by key with maps, so
 * the work is linear in rows (plus n log n for moves). A row that only moved is not "changed"; moves
 * are listed apart, as information.
 *
 * Columns added or removed are reported per tab; cells are compared only in columns both sides
 * have, so filling a new column does not mark every row changed. Positions are 1-based among the
 * tab's data rows (not sheet row numbers: blank rows and the header are not in a snapshot).
 */
import { disambiguateKeys } from './keys';
import { longestIncreasing } from './moves';
import { cellText, prepareSnapshot, type PreparedTab } from './prepare';
import type { Snapshot, TabKind } from './types';

export type CellChange = { column: string; old: string; new: string };

/** A value-map row as the person sees it: which list, which source value. */
export type ValueMapEntry = { list: string; source: string };

export type RowChange = {
  type: 'added' | 'removed' | 'changed';
  /** Unique within the tab ("id#2" for a second "id"). */
  key: string;
  oldPosition: number | null;
  newPosition: number | null;
  /** A changed row that also moved. */
  moved: boolean;
  /** Value-map tabs only. */
  entry: ValueMapEntry | null;
  /** Changed: the changed cells. Added / removed: every non-blank cell (old or new '' ). */
  cells: CellChange[];
};

export type MovedRow = { key: string; oldPosition: number; newPosition: number };

export type DuplicateKey = { side: 'old' | 'new'; key: string; count: number };

/** Row counts. moved is information: moved rows are also counted as changed or unchanged. */
export type RowCounts = { added: number; removed: number; changed: number; unchanged: number; moved: number };

export type TabDiff = {
  sheetId: number;
  /** The newer name (the old one for a removed tab). */
  name: string;
  kind: TabKind;
  status: 'added' | 'removed' | 'modified' | 'unchanged';
  renamedFrom: string | null;
  kindChanged: { from: TabKind; to: TabKind } | null;
  keyColumnChanged: { from: string; to: string } | null;
  columnsAdded: string[];
  columnsRemoved: string[];
  /** Columns both sides have are in a different order. */
  columnsReordered: boolean;
  counts: RowCounts;
  /** In reading order: new order, removed rows where they used to be. */
  rows: RowChange[];
  /** Rows left out of `rows` by maxRowsPerTab (counts are always complete). */
  rowsOmitted: number;
  moved: MovedRow[];
  movedOmitted: number;
  duplicateKeys: DuplicateKey[];
};

export type DiffSummary = RowCounts & {
  tabsAdded: number;
  tabsRemoved: number;
  tabsRenamed: number;
  tabsModified: number;
  columnsAdded: number;
  columnsRemoved: number;
  duplicateKeys: number;
};

export type SnapshotDiff = { tabs: TabDiff[]; summary: DiffSummary };

export type DiffOptions = {
  /** Cap on listed row changes per tab, to keep a sidebar payload small. Default: no cap. */
  maxRowsPerTab?: number;
  maxMovedPerTab?: number;
};

export const EMPTY_SNAPSHOT: Snapshot = { tabs: [] };

/**
 * Tabs in the newer snapshot's order, then removed tabs in the older one's order. Text is compared in
 * canonical form (NFC, plain spaces, trimmed), as it is hashed.
 */
export function diffSnapshots(before: Snapshot, after: Snapshot, options: DiffOptions = {}): SnapshotDiff {
  const old = prepareSnapshot(before);
  const cur = prepareSnapshot(after);
  const limits = { rows: options.maxRowsPerTab ?? Infinity, moved: options.maxMovedPerTab ?? Infinity };
  const oldById = new Map(old.map((t) => [t.sheetId, t] as const));
  const curIds = new Set(cur.map((t) => t.sheetId));
  const tabs = cur.map((t) => diffTab(oldById.get(t.sheetId) ?? null, t, limits));
  for (const t of old) if (!curIds.has(t.sheetId)) tabs.push(diffTab(t, null, limits));

  const summary: DiffSummary = {
    added: 0,
    removed: 0,
    changed: 0,
    unchanged: 0,
    moved: 0,
    tabsAdded: 0,
    tabsRemoved: 0,
    tabsRenamed: 0,
    tabsModified: 0,
    columnsAdded: 0,
    columnsRemoved: 0,
    duplicateKeys: 0,
  };
  for (const t of tabs) {
    summary.added += t.counts.added;
    summary.removed += t.counts.removed;
    summary.changed += t.counts.changed;
    summary.unchanged += t.counts.unchanged;
    summary.moved += t.counts.moved;
    if (t.status === 'added') summary.tabsAdded++;
    if (t.status === 'removed') summary.tabsRemoved++;
    if (t.status === 'modified') summary.tabsModified++;
    if (t.renamedFrom !== null) summary.tabsRenamed++;
    summary.columnsAdded += t.columnsAdded.length;
    summary.columnsRemoved += t.columnsRemoved.length;
    summary.duplicateKeys += t.duplicateKeys.length;
  }
  return { tabs, summary };
}

const NO_ROWS: PreparedTab = { sheetId: -1, name: '', kind: 'mapping', header: [], keyColumn: '', listColumn: null, keys: [], values: [] };

function diffTab(old: PreparedTab | null, cur: PreparedTab | null, limits: { rows: number; moved: number }): TabDiff {
  const o = old ?? NO_ROWS;
  const n = cur ?? NO_ROWS;
  const oldKeys = disambiguateKeys(o.keys);
  const newKeys = disambiguateKeys(n.keys);
  const oldIndex = new Map<string, number>();
  oldKeys.keys.forEach((k, i) => oldIndex.set(k, i));
  const newIndex = new Map<string, number>();
  newKeys.keys.forEach((k, j) => newIndex.set(k, j));

  const both = old !== null && cur !== null;
  const oldCol = new Map(o.header.map((c, i) => [c, i] as const));
  const newCols = new Set(n.header);
  // Columns both sides have, in the new order, with their position on each side.
  const common = n.header.flatMap((c, ni) => (oldCol.has(c) ? [{ column: c, oi: oldCol.get(c)!, ni }] : []));
  const commonOldOrder = o.header.filter((c) => newCols.has(c));
  const columnsAdded = both ? n.header.filter((c) => !oldCol.has(c)) : [];
  const columnsRemoved = both ? o.header.filter((c) => !newCols.has(c)) : [];
  const columnsReordered = both && common.some((c, k) => c.column !== commonOldOrder[k]);

  // Rows of the new side: added, or matched with an old row (pairs kept in new order). Added and
  // removed rows list every cell; that is built only for the rows listed (see limits).
  type Slot = RowChange | { type: 'added'; j: number } | { type: 'removed'; i: number };
  const changeAt: (Slot | null)[] = new Array(n.keys.length).fill(null);
  const pairOld: number[] = [];
  const pairNew: number[] = [];
  for (let j = 0; j < n.keys.length; j++) {
    const i = oldIndex.get(newKeys.keys[j]!);
    if (i === undefined) changeAt[j] = { type: 'added', j };
    else {
      pairOld.push(i);
      pairNew.push(j);
    }
  }

  const stable = longestIncreasing(pairOld);
  const stableOld = new Uint8Array(o.keys.length);
  const moved: MovedRow[] = [];
  let changed = 0;
  let unchanged = 0;
  for (let p = 0; p < pairOld.length; p++) {
    const i = pairOld[p]!;
    const j = pairNew[p]!;
    const key = newKeys.keys[j]!;
    const isMoved = !stable[p];
    if (isMoved) moved.push({ key, oldPosition: i + 1, newPosition: j + 1 });
    else stableOld[i] = 1;
    const a = o.values[i]!;
    const b = n.values[j]!;
    let cells: CellChange[] | null = null;
    for (const c of common) {
      const x = a[c.oi];
      const y = b[c.ni];
      if (x === y || (!x && !y)) continue; // equal as given: equal canonically
      const ox = cellText(x);
      const ny = cellText(y);
      if (ox !== ny) (cells ??= []).push({ column: c.column, old: ox, new: ny });
    }
    if (!cells) unchanged++;
    else {
      changed++;
      changeAt[j] = { type: 'changed', key, oldPosition: i + 1, newPosition: j + 1, moved: isMoved, entry: entryOf(n, b), cells };
    }
  }

  // Removed rows are listed after the last row that stayed in place above them.
  const removedAfter = new Map<number, Slot[]>();
  let anchor = -1;
  let removed = 0;
  for (let i = 0; i < o.keys.length; i++) {
    const j = newIndex.get(oldKeys.keys[i]!);
    if (j !== undefined) {
      if (stableOld[i]) anchor = j;
      continue;
    }
    removed++;
    const list = removedAfter.get(anchor) ?? [];
    list.push({ type: 'removed', i });
    removedAfter.set(anchor, list);
  }
  const slots: Slot[] = [...(removedAfter.get(-1) ?? [])];
  for (let j = 0; j < n.keys.length; j++) {
    const c = changeAt[j];
    if (c) slots.push(c);
    const after = removedAfter.get(j);
    if (after) slots.push(...after);
  }
  const rows = slots.slice(0, limits.rows).map((slot): RowChange => {
    if ('key' in slot) return slot;
    if (slot.type === 'added') return wholeRow('added', newKeys.keys[slot.j]!, null, slot.j + 1, n, n.values[slot.j]!);
    return wholeRow('removed', oldKeys.keys[slot.i]!, slot.i + 1, null, o, o.values[slot.i]!);
  });

  const counts: RowCounts = { added: n.keys.length - pairOld.length, removed, changed, unchanged, moved: moved.length };
  const renamedFrom = both && o.name !== n.name ? o.name : null;
  const kindChanged = both && o.kind !== n.kind ? { from: o.kind, to: n.kind } : null;
  const keyColumnChanged = both && o.keyColumn !== n.keyColumn ? { from: o.keyColumn, to: n.keyColumn } : null;
  const modified =
    renamedFrom !== null || kindChanged !== null || keyColumnChanged !== null || columnsAdded.length > 0 || columnsRemoved.length > 0 || columnsReordered || counts.added + counts.removed + counts.changed + counts.moved > 0;
  const base = cur ?? o;
  return {
    sheetId: base.sheetId,
    name: base.name,
    kind: base.kind,
    status: !old ? 'added' : !cur ? 'removed' : modified ? 'modified' : 'unchanged',
    renamedFrom,
    kindChanged,
    keyColumnChanged,
    columnsAdded,
    columnsRemoved,
    columnsReordered,
    counts,
    rows,
    rowsOmitted: slots.length - rows.length,
    moved: moved.length > limits.moved ? moved.slice(0, limits.moved) : moved,
    movedOmitted: Math.max(0, moved.length - limits.moved),
    duplicateKeys: [
      ...oldKeys.duplicates.map((d) => ({ side: 'old' as const, ...d })),
      ...newKeys.duplicates.map((d) => ({ side: 'new' as const, ...d })),
    ],
  };
}

function wholeRow(type: 'added' | 'removed', key: string, oldPosition: number | null, newPosition: number | null, tab: PreparedTab, line: (string | undefined)[]): RowChange {
  const cells: CellChange[] = [];
  tab.header.forEach((column, i) => {
    const v = cellText(line[i]);
    if (v) cells.push(type === 'added' ? { column, old: '', new: v } : { column, old: v, new: '' });
  });
  return { type, key, oldPosition, newPosition, moved: false, entry: entryOf(tab, line), cells };
}

function entryOf(tab: PreparedTab, line: (string | undefined)[]): ValueMapEntry | null {
  if (tab.kind !== 'value-map') return null;
  const at = (column: string | null): string => (column === null ? '' : cellText(line[tab.header.indexOf(column)]));
  return { list: at(tab.listColumn), source: at(tab.keyColumn) };
}
