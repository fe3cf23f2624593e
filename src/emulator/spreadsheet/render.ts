/**
 * A sheet's visible grid for the playground page, read straight from the workbook (no execution,
 * nothing counted): values, what each cell shows, its formatting, notes, checkboxes and merges.
 */
import type { RectData, WorkbookData } from '../state';
import { displayValue } from './number-format';
import { checkboxState } from './range';
import { DEFAULT_COLUMN_WIDTH, DEFAULT_ROW_HEIGHT, rowAt, sheetById } from './model';

export type RenderedValue = string | number | boolean | { d: number } | null;

export interface RenderedSheet {
  sheetId: number;
  name: string;
  maxRows: number;
  maxColumns: number;
  frozenRows: number;
  frozenColumns: number;
  /** Rows and columns rendered (at most the asked limits and the grid size). */
  rows: number;
  columns: number;
  values: RenderedValue[][];
  formulas: string[][];
  display: string[][];
  backgrounds: string[][];
  fontColors: string[][];
  bold: boolean[][];
  italic: boolean[][];
  strike: boolean[][];
  underline: boolean[][];
  wrap: boolean[][];
  halign: ('left' | 'center' | 'right' | null)[][];
  notes: string[][];
  /** true/false for checkbox cells, null elsewhere. */
  checkbox: (boolean | null)[][];
  /** Dropdown choices of list-validated cells, null elsewhere. */
  dropdown: (string[] | null)[][];
  merges: RectData[];
  columnWidths: number[];
  rowHeights: number[];
}

export function renderSheet(workbook: WorkbookData, sheetId: number, maxRows = 100, maxCols = 26): RenderedSheet {
  const sheet = sheetById(workbook, sheetId);
  if (!sheet) throw new Error(`Sheet with id ${sheetId} not found`);
  const rows = Math.min(sheet.maxRows, maxRows);
  const columns = Math.min(sheet.maxColumns, maxCols);
  const grid = <T>(f: (r: number, c: number) => T): T[][] =>
    Array.from({ length: rows }, (_, r) => Array.from({ length: columns }, (_, c) => f(r, c)));
  const cell = (r: number, c: number) => rowAt(sheet, r)?.[c] ?? undefined;
  const { locale, timeZone } = workbook;
  return {
    sheetId,
    name: sheet.name,
    maxRows: sheet.maxRows,
    maxColumns: sheet.maxColumns,
    frozenRows: sheet.frozenRows,
    frozenColumns: sheet.frozenColumns,
    rows,
    columns,
    values: grid((r, c) => cell(r, c)?.v ?? null),
    formulas: grid((r, c) => cell(r, c)?.f ?? ''),
    display: grid((r, c) => {
      const x = cell(r, c);
      return displayValue(x?.v, x?.nf, locale, timeZone);
    }),
    backgrounds: grid((r, c) => cell(r, c)?.bg ?? '#ffffff'),
    fontColors: grid((r, c) => cell(r, c)?.fc ?? '#000000'),
    bold: grid((r, c) => !!cell(r, c)?.bold),
    italic: grid((r, c) => !!cell(r, c)?.italic),
    strike: grid((r, c) => !!cell(r, c)?.strike),
    underline: grid((r, c) => !!cell(r, c)?.underline),
    wrap: grid((r, c) => !!cell(r, c)?.wrap),
    halign: grid((r, c) => cell(r, c)?.halign ?? null),
    notes: grid((r, c) => cell(r, c)?.note ?? ''),
    checkbox: grid((r, c) => {
      const x = cell(r, c);
      return x ? checkboxState(x) : null;
    }),
    dropdown: grid((r, c) => {
      const dv = cell(r, c)?.dv;
      return dv?.kind === 'list' ? [...dv.values] : null;
    }),
    merges: sheet.merges.filter((m) => m.r1 <= rows && m.c1 <= columns).map((m) => ({ ...m })),
    columnWidths: Array.from({ length: columns }, (_, c) => sheet.columnWidths[c + 1] ?? DEFAULT_COLUMN_WIDTH),
    rowHeights: Array.from({ length: rows }, (_, r) => sheet.rowHeights[r + 1] ?? DEFAULT_ROW_HEIGHT),
  };
}
