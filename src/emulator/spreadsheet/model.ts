/**
 * The workbook data model's helpers (the data shapes are in ../state.ts): creating workbooks and
 * sheets, reading and writing sparse cells, and the sizes Sheets reports (last row/column with
 * content, cells in the workbook).
 */
import type { CellData, SheetData, WorkbookData } from '../state';

export function newSheet(id: number, name: string, rows = 1000, columns = 26): SheetData {
  return {
    id, name, hidden: false, tabColor: null, frozenRows: 0, frozenColumns: 0,
    maxRows: rows, maxColumns: columns, rows: [], merges: [], protections: [],
    columnWidths: {}, rowHeights: {},
  };
}

export function newWorkbook(name: string): WorkbookData {
  return {
    id: 'local-' + Math.random().toString(36).slice(2, 12),
    name, locale: 'en_US', timeZone: 'Etc/UTC',
    sheets: [newSheet(0, 'Sheet1')], nextSheetId: 1,
    active: { sheetId: 0, a1: 'A1' },
    developerMetadata: [], nextMetadataId: 1,
  };
}

/** Sheets' limit on cells (rows x columns of every sheet) in one spreadsheet. */
export const MAX_WORKBOOK_CELLS = 10_000_000;

export const DEFAULT_COLUMN_WIDTH = 100;
export const DEFAULT_ROW_HEIGHT = 21;

type Row = (CellData | null | undefined)[];

/** A row of cells (0-based index); JSON turns sparse holes into null, so rows may be null too. */
export function rowAt(sheet: SheetData, r0: number): Row | undefined {
  return (sheet.rows[r0] as Row | null | undefined) ?? undefined;
}

/** The cell at 1-based row and column, if anything was ever stored there. */
export function cellAt(sheet: SheetData, row: number, column: number): CellData | undefined {
  return rowAt(sheet, row - 1)?.[column - 1] ?? undefined;
}

/** The cell at 1-based row and column, created if needed. */
export function cellFor(sheet: SheetData, row: number, column: number): CellData {
  let line = rowAt(sheet, row - 1);
  if (!line) {
    line = [];
    sheet.rows[row - 1] = line as (CellData | null)[];
  }
  let cell = line[column - 1];
  if (!cell) {
    cell = {};
    line[column - 1] = cell;
  }
  return cell;
}

/** Content, for getLastRow and isBlank: a value or a formula. Formatting, notes, rules don't count. */
export function hasContent(cell: CellData | null | undefined): boolean {
  return !!cell && ((cell.v !== undefined && cell.v !== '') || cell.f !== undefined);
}

export function lastRowWithContent(sheet: SheetData): number {
  for (let r0 = sheet.rows.length - 1; r0 >= 0; r0--) {
    const line = rowAt(sheet, r0);
    if (line && line.some(hasContent)) return r0 + 1;
  }
  return 0;
}

export function lastColumnWithContent(sheet: SheetData): number {
  let last = 0;
  for (let r0 = 0; r0 < sheet.rows.length; r0++) {
    const line = rowAt(sheet, r0);
    if (!line) continue;
    for (let c0 = line.length - 1; c0 >= last; c0--) {
      if (hasContent(line[c0])) {
        last = c0 + 1;
        break;
      }
    }
  }
  return last;
}

export function workbookCells(book: WorkbookData): number {
  return book.sheets.reduce((n, s) => n + s.maxRows * s.maxColumns, 0);
}

export function sheetById(book: WorkbookData, id: number): SheetData | undefined {
  return book.sheets.find((s) => s.id === id);
}

/** Sheet names in references are matched without regard to case, as Sheets does. */
export function sheetByName(book: WorkbookData, name: string): SheetData | undefined {
  return book.sheets.find((s) => s.name === name) ?? book.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
}

/** Drops a cell object once nothing is left in it, keeping the sparse grid small. */
export function pruneCell(sheet: SheetData, row: number, column: number): void {
  const line = rowAt(sheet, row - 1);
  const cell = line?.[column - 1];
  if (line && cell && Object.keys(cell).length === 0) line[column - 1] = null;
}
