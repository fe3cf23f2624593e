/**
 * Builds a snapshot tab from one whole-range read (getDisplayValues of the tab's data range), so
 * adapters make a constant number of spreadsheet calls per tab whatever the number of rows.
 */
import { UserError } from '../errors';
import { setCell } from './canonical';
import { canonicalText, canonicalTexts } from './text';
import type { SnapshotRow, SnapshotTab, TabKind } from './types';

export type GridCell = string | number | boolean | null;

export type GridTabInput = {
  sheetId: number;
  name: string;
  kind: TabKind;
  /** Display values of the data range, top row first; rows above headerRow are ignored (titles). */
  values: ReadonlyArray<ReadonlyArray<GridCell>>;
  /** 0-based index into values of the header row. */
  headerRow: number;
  keyColumn: string;
  /** Value maps: the list-name column (part of the key); null for mapping tabs or single-list tabs. */
  listColumn: string | null;
};

/** Joins list name and source value into a value-map row key (readable in the sidebar). */
export const VALUE_MAP_KEY_SEPARATOR = ' › ';

export function valueMapKey(list: string, source: string): string {
  return list + VALUE_MAP_KEY_SEPARATOR + source;
}

/** Snapshot column names (see tabFromGrid) with their 0-based column index, for one grid. */
export function snapshotColumns(values: ReadonlyArray<ReadonlyArray<unknown>>, headerRow: number): { index: number; name: string }[] {
  const width = values.reduce((w, r) => Math.max(w, r.length), 0);
  const flat: string[] = [];
  for (const line of values) for (let c = 0; c < width; c++) flat.push(line[c] === null || line[c] === undefined ? '' : String(line[c]));
  const canon = canonicalTexts(flat);
  return namedColumns(width, values.length, headerRow, (r, c) => canon[r * width + c] ?? '');
}

function namedColumns(width: number, rows: number, headerRow: number, cell: (r: number, c: number) => string): { index: number; name: string }[] {
  const used = new Set<string>();
  const columns: { index: number; name: string }[] = [];
  for (let c = 0; c < width; c++) {
    let name = cell(headerRow, c);
    if (!name) {
      let hasContent = false;
      for (let r = headerRow + 1; r < rows && !hasContent; r++) hasContent = cell(r, c) !== '';
      if (!hasContent) continue;
      name = `Column ${columnLetter(c)}`;
    }
    let unique = name;
    for (let n = 2; used.has(unique); n++) unique = `${name}#${n}`;
    used.add(unique);
    columns.push({ index: c, name: unique });
  }
  return columns;
}

/**
 * Header names: a blank header over a column with content becomes "Column F"; a repeated name gets
 * "#2", "#3" left to right (the same deterministic rule as duplicate row keys). Columns with neither
 * a header nor content are dropped. Fully blank rows are skipped.
 */
export function tabFromGrid(input: GridTabInput): SnapshotTab {
  const { values, headerRow } = input;
  const width = values.reduce((w, r) => Math.max(w, r.length), 0);
  // Canonicalise the whole range in one batch (see canonicalTexts), as a row-major flat list.
  const flat: string[] = [];
  for (const line of values) for (let c = 0; c < width; c++) flat.push(line[c] === null || line[c] === undefined ? '' : String(line[c]));
  const canon = canonicalTexts(flat);
  const cell = (r: number, c: number): string => canon[r * width + c] ?? '';

  const columns = namedColumns(width, values.length, headerRow, cell);
  const header = columns.map((c) => c.name);
  const keyColumn = canonicalText(input.keyColumn);
  const keyAt = columns.find((c) => c.name === keyColumn);
  if (!keyAt) throw new UserError(`Tab "${input.name}" has no column "${keyColumn}" to tell its rows apart.`);
  const listColumn = input.listColumn === null ? null : canonicalText(input.listColumn);
  const listAt = listColumn === null ? null : columns.find((c) => c.name === listColumn);
  if (listAt === undefined) throw new UserError(`Tab "${input.name}" has no column "${listColumn}" for the list names.`);

  const rows: SnapshotRow[] = [];
  for (let r = headerRow + 1; r < values.length; r++) {
    const cells: Record<string, string> = {};
    let any = false;
    for (const col of columns) {
      const v = cell(r, col.index);
      if (v) {
        setCell(cells, col.name, v);
        any = true;
      }
    }
    if (!any) continue;
    const source = cells[keyAt.name] ?? '';
    const key = listAt ? valueMapKey(cells[listAt.name] ?? '', source) : source;
    rows.push({ key, cells });
  }
  return { sheetId: input.sheetId, name: canonicalText(input.name), kind: input.kind, header, keyColumn, listColumn, rows };
}

/** 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
