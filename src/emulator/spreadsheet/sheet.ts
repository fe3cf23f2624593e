/**
 * Sheet: its name, id and place, getRange in both forms with Apps Script's argument checks, data
 * extent (getLastRow/getLastColumn/getDataRange), inserting/deleting rows and columns, appendRow,
 * clearing, hiding, freezing, sizes, tab colour, protections, developer metadata and selection.
 */
import type { RectData, SheetData } from '../state';
import { refOf, type Api, type GDeveloperMetadata, type GDeveloperMetadataFinder, type GProtection, type GRange, type GSheet, type GSpreadsheet } from './api';
import { rectA1 } from './a1-notation';
import { applyInput } from './cells';
import { checkIntegers, gridRect } from './checks';
import { normalizeColor } from './color';
import { markFormulasChanged } from './formula';
import { MSG, typeNames } from './messages';
import { addMetadata } from './metadata';
import {
  cellFor, DEFAULT_COLUMN_WIDTH, DEFAULT_ROW_HEIGHT, lastColumnWithContent, lastRowWithContent, MAX_WORKBOOK_CELLS,
  rowAt, workbookCells,
} from './model';
import { newProtection } from './protection';
import { clearCellParts } from './range';
import { deleteColumns, deleteRows, insertColumns, insertRows, renameSheetRefs } from './structure';
import { fromScript, inputLength, MAX_CELL_CHARS } from './values';

type S = GoogleAppsScript.Spreadsheet.Sheet;

export class SheetImpl
  implements
    Pick<
      S,
      | 'getName' | 'getSheetId' | 'getIndex' | 'getLastRow' | 'getLastColumn' | 'getMaxRows' | 'getMaxColumns'
      | 'isSheetHidden' | 'getFrozenRows' | 'getFrozenColumns' | 'getTabColor' | 'getColumnWidth' | 'getRowHeight'
      | 'getSheetName' | 'getDataRange' | 'getParent'
    >
{
  constructor(
    private readonly _api: Api,
    private readonly _id: number,
  ) {}

  /** Uncounted: which sheet this object is (for Spreadsheet.deleteSheet, setActiveSheet...). */
  _sheetIdOf(): number {
    return this._id;
  }

  private get _data(): SheetData {
    return this._api.sheetData(this._id);
  }
  private _self(): GSheet {
    return this as unknown as GSheet;
  }
  private _ctx() {
    return this._api.ctx;
  }

  getName(): string { return this._data.name; }
  getSheetName(): string { return this._data.name; }
  setName(name: string): GSheet {
    const sheet = this._data;
    validateSheetName(this._api, String(name), sheet);
    renameSheetRefs(this._api.book, sheet, String(name));
    sheet.name = String(name);
    this._api.afterWrite(true);
    return this._self();
  }
  getSheetId(): number { return this._id; }
  getIndex(): number { return this._api.book.sheets.indexOf(this._data) + 1; }
  getParent(): GSpreadsheet { return this._api.spreadsheet(); }
  getType(): string { return 'GRID'; }

  getRange(a1OrRow: string | number, column?: number, numRows?: number, numColumns?: number): GRange {
    const sheet = this._data;
    if (typeof a1OrRow === 'string' && column === undefined) {
      const { sheet: target, rect } = this._api.resolveA1(a1OrRow, sheet);
      // "Other!A1" on this sheet's getRange: Sheets resolves the range on the named sheet.
      return this._api.range(target.id, rect);
    }
    const args = [a1OrRow, column, numRows, numColumns].filter((a) => a !== undefined);
    if (args.length < 2) throw this._ctx().argumentError('SpreadsheetApp.Sheet.getRange', typeNames(args));
    checkIntegers(this._ctx(), 'SpreadsheetApp.Sheet.getRange', args);
    return this._api.range(this._id, gridRect(this._ctx(), sheet, a1OrRow as number, column!, numRows ?? 1, numColumns ?? 1));
  }
  getSheetValues(startRow: number, startColumn: number, numRows: number, numColumns: number): unknown[][] {
    const sheet = this._data;
    const rows = numRows === -1 ? Math.max(lastRowWithContent(sheet) - startRow + 1, 1) : numRows;
    const cols = numColumns === -1 ? Math.max(lastColumnWithContent(sheet) - startColumn + 1, 1) : numColumns;
    const rect = gridRect(this._ctx(), sheet, startRow, startColumn, rows, cols);
    return readValues(this._api, sheet, rect);
  }
  getDataRange(): GRange {
    const sheet = this._data;
    return this._api.range(this._id, { r1: 1, c1: 1, r2: Math.max(1, lastRowWithContent(sheet)), c2: Math.max(1, lastColumnWithContent(sheet)) });
  }
  getLastRow(): number { return lastRowWithContent(this._data); }
  getLastColumn(): number { return lastColumnWithContent(this._data); }
  getMaxRows(): number { return this._data.maxRows; }
  getMaxColumns(): number { return this._data.maxColumns; }

  // Rows and columns

  private _grow(cells: number): void {
    if (workbookCells(this._api.book) + cells > MAX_WORKBOOK_CELLS) throw this._ctx().error(MSG.tooManyCells);
  }
  private _insert(dim: 'row' | 'column', before: number, count: number, method: string): GSheet {
    checkIntegers(this._ctx(), `SpreadsheetApp.Sheet.${method}`, [before, count]);
    const sheet = this._data;
    const max = dim === 'row' ? sheet.maxRows : sheet.maxColumns;
    if (before < 1 || before > max + 1) throw this._ctx().error(dim === 'row' ? MSG.rowsOutOfBounds : MSG.columnsOutOfBounds);
    if (count < 1) throw this._ctx().error(dim === 'row' ? MSG.rowsAtLeastOne : MSG.columnsAtLeastOne);
    this._grow(count * (dim === 'row' ? sheet.maxColumns : sheet.maxRows));
    this._api.assertCanEdit(sheet);
    (dim === 'row' ? insertRows : insertColumns)(this._api.book, sheet, before, count);
    this._api.afterWrite(true);
    return this._self();
  }
  insertRows(rowIndex: number, numRows = 1): GSheet { return this._insert('row', rowIndex, numRows, 'insertRows'); }
  insertRowsBefore(beforePosition: number, howMany: number): GSheet { return this._insert('row', beforePosition, howMany, 'insertRowsBefore'); }
  insertRowsAfter(afterPosition: number, howMany: number): GSheet { return this._insert('row', afterPosition + 1, howMany, 'insertRowsAfter'); }
  insertRowBefore(beforePosition: number): GSheet { return this._insert('row', beforePosition, 1, 'insertRowBefore'); }
  insertRowAfter(afterPosition: number): GSheet { return this._insert('row', afterPosition + 1, 1, 'insertRowAfter'); }
  insertColumns(columnIndex: number, numColumns = 1): GSheet { return this._insert('column', columnIndex, numColumns, 'insertColumns'); }
  insertColumnsBefore(beforePosition: number, howMany: number): GSheet { return this._insert('column', beforePosition, howMany, 'insertColumnsBefore'); }
  insertColumnsAfter(afterPosition: number, howMany: number): GSheet { return this._insert('column', afterPosition + 1, howMany, 'insertColumnsAfter'); }
  insertColumnBefore(beforePosition: number): GSheet { return this._insert('column', beforePosition, 1, 'insertColumnBefore'); }
  insertColumnAfter(afterPosition: number): GSheet { return this._insert('column', afterPosition + 1, 1, 'insertColumnAfter'); }

  private _delete(dim: 'row' | 'column', at: number, count: number, method: string): void {
    checkIntegers(this._ctx(), `SpreadsheetApp.Sheet.${method}`, [at, count]);
    const sheet = this._data;
    const max = dim === 'row' ? sheet.maxRows : sheet.maxColumns;
    const frozen = dim === 'row' ? sheet.frozenRows : sheet.frozenColumns;
    if (at < 1 || count < 1 || at + count - 1 > max) throw this._ctx().error(dim === 'row' ? MSG.rowsOutOfBounds : MSG.columnsOutOfBounds);
    if (count >= max - (at <= frozen ? 0 : frozen) && at <= frozen + 1) {
      throw this._ctx().error(dim === 'row' ? MSG.deleteAllRows : MSG.deleteAllColumns);
    }
    this._api.assertCanEdit(sheet);
    (dim === 'row' ? deleteRows : deleteColumns)(this._api.book, sheet, at, count);
    this._api.afterWrite(true);
  }
  deleteRow(rowPosition: number): GSheet {
    this._delete('row', rowPosition, 1, 'deleteRow');
    return this._self();
  }
  deleteRows(rowPosition: number, howMany: number): void { this._delete('row', rowPosition, howMany, 'deleteRows'); }
  deleteColumn(columnPosition: number): GSheet {
    this._delete('column', columnPosition, 1, 'deleteColumn');
    return this._self();
  }
  deleteColumns(columnPosition: number, howMany: number): void { this._delete('column', columnPosition, howMany, 'deleteColumns'); }

  /** One call: writes after the last row with content, growing the grid by a row when it is full. */
  appendRow(rowContents: unknown[]): GSheet {
    if (!Array.isArray(rowContents)) throw this._ctx().argumentError('SpreadsheetApp.Sheet.appendRow', typeNames([rowContents]));
    const sheet = this._data;
    const { locale, timeZone } = this._api.book;
    const inputs = rowContents.map((v) => fromScript(v, locale, timeZone));
    if (inputs.some((i) => inputLength(i) > MAX_CELL_CHARS)) throw this._ctx().error(MSG.cellTooLong);
    const row = lastRowWithContent(sheet) + 1;
    const extraRows = Math.max(0, row - sheet.maxRows);
    const extraCols = Math.max(0, inputs.length - sheet.maxColumns);
    this._grow(extraRows * sheet.maxColumns + extraCols * (sheet.maxRows + extraRows));
    this._api.assertCanEdit(sheet, { r1: row, c1: 1, r2: row, c2: Math.max(1, inputs.length) });
    sheet.maxRows += extraRows;
    sheet.maxColumns += extraCols;
    let formulas = false;
    inputs.forEach((input, j) => {
      if (input.v === undefined && input.f === undefined && !rowAt(sheet, row - 1)?.[j]) return;
      if (applyInput(cellFor(sheet, row, j + 1), input)) formulas = true;
    });
    this._api.afterWrite(formulas);
    return this._self();
  }

  // Clearing

  private _clear(contents: boolean, formats: boolean, notes: boolean, validations: boolean): GSheet {
    const sheet = this._data;
    this._api.assertCanEdit(sheet);
    let formulas = false;
    for (let r0 = 0; r0 < sheet.rows.length; r0++) {
      const line = rowAt(sheet, r0);
      if (!line) continue;
      for (const cell of line) {
        if (cell && clearCellParts(cell, { contents, formats, notes, validations })) formulas = true;
      }
    }
    if (formats) sheet.merges = [];
    if (formulas) markFormulasChanged(this._api.book);
    if (contents) this._api.afterWrite(formulas);
    return this._self();
  }
  clear(options?: { contentsOnly?: boolean; formatOnly?: boolean }): GSheet {
    const o = options ?? {};
    if (o.contentsOnly || o.formatOnly) return this._clear(!!o.contentsOnly, !!o.formatOnly, false, false);
    return this._clear(true, true, true, true);
  }
  clearContents(): GSheet { return this._clear(true, false, false, false); }
  clearFormats(): GSheet { return this._clear(false, true, false, false); }
  clearNotes(): GSheet { return this._clear(false, false, true, false); }

  // Visibility, freezing, sizes, colours

  hideSheet(): GSheet {
    const sheet = this._data;
    if (!sheet.hidden && this._api.book.sheets.every((s) => s === sheet || s.hidden)) throw this._ctx().error(MSG.hideLastVisible);
    sheet.hidden = true;
    if (this._api.book.active.sheetId === sheet.id) {
      const next = this._api.book.sheets.find((s) => !s.hidden)!;
      this._api.book.active = { sheetId: next.id, a1: 'A1' };
    }
    return this._self();
  }
  showSheet(): GSheet {
    this._data.hidden = false;
    return this._self();
  }
  isSheetHidden(): boolean { return this._data.hidden; }
  setFrozenRows(rows: number): void {
    checkIntegers(this._ctx(), 'SpreadsheetApp.Sheet.setFrozenRows', [rows]);
    this._data.frozenRows = Math.max(0, rows);
  }
  getFrozenRows(): number { return this._data.frozenRows; }
  setFrozenColumns(columns: number): void {
    checkIntegers(this._ctx(), 'SpreadsheetApp.Sheet.setFrozenColumns', [columns]);
    this._data.frozenColumns = Math.max(0, columns);
  }
  getFrozenColumns(): number { return this._data.frozenColumns; }
  setTabColor(color: string | null): GSheet {
    this._data.tabColor = color === null || color === undefined ? null : normalizeColor(String(color));
    return this._self();
  }
  getTabColor(): string | null { return this._data.tabColor; }
  setColumnWidth(columnPosition: number, width: number): GSheet { return this.setColumnWidths(columnPosition, 1, width); }
  setColumnWidths(startColumn: number, numColumns: number, width: number): GSheet {
    checkIntegers(this._ctx(), 'SpreadsheetApp.Sheet.setColumnWidths', [startColumn, numColumns, width]);
    for (let c = startColumn; c < startColumn + numColumns; c++) this._data.columnWidths[c] = width;
    return this._self();
  }
  getColumnWidth(columnPosition: number): number { return this._data.columnWidths[columnPosition] ?? DEFAULT_COLUMN_WIDTH; }
  setRowHeight(rowPosition: number, height: number): GSheet { return this.setRowHeights(rowPosition, 1, height); }
  setRowHeights(startRow: number, numRows: number, height: number): GSheet {
    checkIntegers(this._ctx(), 'SpreadsheetApp.Sheet.setRowHeights', [startRow, numRows, height]);
    for (let r = startRow; r < startRow + numRows; r++) this._data.rowHeights[r] = height;
    return this._self();
  }
  getRowHeight(rowPosition: number): number { return this._data.rowHeights[rowPosition] ?? DEFAULT_ROW_HEIGHT; }
  // Fitting columns to their text needs font metrics the emulator doesn't have; widths stay as set.
  autoResizeColumns(startColumn: number, numColumns: number): GSheet {
    checkIntegers(this._ctx(), 'SpreadsheetApp.Sheet.autoResizeColumns', [startColumn, numColumns]);
    return this._self();
  }
  autoResizeColumn(columnPosition: number): GSheet { return this.autoResizeColumns(columnPosition, 1); }

  // Protection, metadata, selection

  protect(): GProtection { return newProtection(this._api, this._data); }
  getProtections(type: string): GProtection[] {
    const t = String(type);
    return this._data.protections.filter((p) => (t === 'SHEET' ? !p.range : !!p.range)).map((p) => this._api.protection(this._id, p.id));
  }
  addDeveloperMetadata(key: string, value?: unknown, visibility?: unknown): GSheet {
    addMetadata(this._api, { type: 'SHEET', sheetId: this._id }, 'Sheet.addDeveloperMetadata', key, value, visibility);
    return this._self();
  }
  getDeveloperMetadata(): GDeveloperMetadata[] {
    return this._api.metadataFinder({ kind: 'sheet', sheetId: this._id }).withLocationType('SHEET' as unknown as GoogleAppsScript.Spreadsheet.DeveloperMetadataLocationType).find();
  }
  createDeveloperMetadataFinder(): GDeveloperMetadataFinder {
    return this._api.metadataFinder({ kind: 'sheet', sheetId: this._id });
  }
  activate(): GSheet {
    const sheet = this._data;
    sheet.hidden = false;
    this._api.book.active = { sheetId: this._id, a1: 'A1' };
    return this._self();
  }
  getActiveRange(): GRange | null {
    const book = this._api.book;
    if (book.active.sheetId !== this._id) return this._api.range(this._id, { r1: 1, c1: 1, r2: 1, c2: 1 });
    return this._api.range(this._id, this._api.resolveA1(book.active.a1, this._data).rect);
  }
  getActiveCell(): GRange {
    const r = refOf(this.getActiveRange())!.rect;
    return this._api.range(this._id, { r1: r.r1, c1: r.c1, r2: r.r1, c2: r.c1 });
  }
  getCurrentCell(): GRange | null { return this.getActiveCell(); }
  setActiveRange(range: GRange): GRange {
    const ref = refOf(range);
    if (!ref || ref.sheetId !== this._id) throw this._ctx().error('The range must be on the active sheet.');
    this._api.book.active = { sheetId: this._id, a1: rectA1(ref.rect) };
    return range;
  }
  setActiveSelection(a1OrRange: string | GRange): GRange {
    const range = typeof a1OrRange === 'string' ? this.getRange(a1OrRange) : a1OrRange;
    const ref = refOf(range);
    if (!ref) throw this._ctx().argumentError('SpreadsheetApp.Sheet.setActiveSelection', typeNames([a1OrRange]));
    this._api.book.active = { sheetId: ref.sheetId, a1: rectA1(ref.rect) };
    return range;
  }
}

function readValues(api: Api, sheet: SheetData, rect: RectData): unknown[][] {
  const out: unknown[][] = [];
  for (let r = rect.r1; r <= rect.r2; r++) {
    const line = rowAt(sheet, r - 1);
    const row: unknown[] = [];
    for (let c = rect.c1; c <= rect.c2; c++) {
      const v = line?.[c - 1]?.v;
      row.push(v === undefined ? '' : typeof v === 'object' ? api.ctx.makeDate(v.d) : v);
    }
    out.push(row);
  }
  return out;
}

/** Sheet names: unique (ignoring case, as Sheets does) and at most 100 characters. */
export function validateSheetName(api: Api, name: string, self?: SheetData): void {
  if (name.length > 100) throw api.ctx.error(MSG.sheetNameTooLong);
  const clash = api.book.sheets.find((s) => s !== self && s.name.toLowerCase() === name.toLowerCase());
  if (clash) throw api.ctx.error(MSG.sheetNameTaken(name));
}
