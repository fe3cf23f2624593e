/**
 * The live spec as a versions-core Snapshot: every registered tab read whole (readTabGrid: a fixed
 * number of calls per tab), turned into rows keyed by the layout's key column. Value-map tabs are
 * keyed by list name + source value, so the same source value in two lists is two rows.
 */
import type { Layout } from '../../core/mapping/layout';
import { roleColumn } from '../../core/mapping/layout';
import type { Role } from '../../core/mapping/roles';
import { UserError } from '../../core/errors';
import { tabFromGrid, type GridCell, type Snapshot, type SnapshotTab } from '../../core/versions';
import { columnLetter } from '../../core/versions/grid';
import { canonicalText } from '../../core/versions/text';
import { readTabGrid } from '../adapters/tab-grid';
import { isInternalSheet, type RegisteredTab } from './registered-tabs';
import type { TabGrid } from '../../core/mapping/grid';

/** Columns tried, in order, for a mapping or dictionary tab with no chosen key column. */
const FALLBACK_KEY_ROLES: readonly Role[] = ['id', 'source-path', 'destination-path', 'path', 'source-label', 'label'];

/**
 * The name tabFromGrid gives the column at 0-based index `col` (same rules: canonical header text, a
 * blank header over content becomes "Column F", repeats get "#2"), so the layout's key column, a
 * column number, can be named for the core.
 */
function columnName(values: ReadonlyArray<ReadonlyArray<GridCell>>, headerRow: number, col: number): string | null {
  const text = (r: number, c: number) => {
    const v = values[r]?.[c];
    return v === null || v === undefined ? '' : canonicalText(String(v));
  };
  const used = new Set<string>();
  for (let c = 0; c <= col; c++) {
    let name = text(headerRow, c);
    if (!name) {
      let hasContent = false;
      for (let r = headerRow + 1; r < values.length && !hasContent; r++) hasContent = text(r, c) !== '';
      if (!hasContent) {
        if (c === col) return null;
        continue;
      }
      name = `Column ${columnLetter(c)}`;
    }
    let unique = name;
    for (let n = 2; used.has(unique); n++) unique = `${name}#${n}`;
    used.add(unique);
    if (c === col) return unique;
  }
  return null;
}

/** 1-based key (and list) columns of a layout. */
function keyColumns(layout: Layout): { key: number | null; list: number | null } {
  if (layout.kind === 'value-map') {
    return { key: roleColumn(layout, 'source-value') ?? roleColumn(layout, 'value') ?? layout.keyColumn, list: roleColumn(layout, 'value-map') };
  }
  if (layout.keyColumn !== null) return { key: layout.keyColumn, list: null };
  for (const role of FALLBACK_KEY_ROLES) {
    const c = roleColumn(layout, role);
    if (c !== null) return { key: c, list: null };
  }
  return { key: null, list: null };
}

/** One registered tab as a snapshot tab (read here, or from a grid the caller already read). */
export function snapshotTab(tab: RegisteredTab, read: TabGrid = readTabGrid(tab.sheet).grid): SnapshotTab {
  const grid = read;
  const values = grid.display as ReadonlyArray<ReadonlyArray<GridCell>>;
  const headerRow = tab.layout.headerRow - 1;
  const cols = keyColumns(tab.layout);
  const keyName = cols.key === null ? null : columnName(values, headerRow, cols.key - 1);
  // With no usable key column the first named column keys the rows (a tab is never left out).
  const key = keyName ?? firstColumnName(values, headerRow);
  if (key === null) throw new UserError(`Tab "${grid.name}" has no header row with column names, so it cannot be versioned.`);
  const list = cols.list === null ? null : columnName(values, headerRow, cols.list - 1);
  return tabFromGrid({
    sheetId: tab.sheetId,
    name: grid.name,
    kind: tab.layout.kind === 'value-map' ? 'value-map' : 'mapping',
    values,
    headerRow,
    keyColumn: key,
    listColumn: list,
  });
}

function firstColumnName(values: ReadonlyArray<ReadonlyArray<GridCell>>, headerRow: number): string | null {
  const width = values.reduce((w, r) => Math.max(w, r.length), 0);
  for (let c = 0; c < width; c++) {
    const name = columnName(values, headerRow, c);
    if (name !== null) return name;
  }
  return null;
}

/** The whole registered spec, Mapspec's own hidden sheets left out. */
export function liveSnapshot(tabs: readonly RegisteredTab[]): Snapshot {
  return { tabs: tabs.filter((t) => !isInternalSheet(t.sheet.getName())).map((t) => snapshotTab(t)) };
}
