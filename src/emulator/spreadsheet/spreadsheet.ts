/**
 * Spreadsheet: identity (id, name, URL), its sheets (tab order, lookup by name/id, insert, delete,
 * move, duplicate), the active sheet and selection, A1 ranges across sheets, locale and time zone,
 * toasts, protections and developer metadata.
 */
import type { SheetData } from '../state';
import { refOf, sheetIdOf, type Api, type GDeveloperMetadata, type GDeveloperMetadataFinder, type GProtection, type GRange, type GSheet, type GSpreadsheet } from './api';
import { rectA1 } from './a1-notation';
import { markFormulasChanged } from './formula';
import { MSG, typeNames } from './messages';
import { addMetadata } from './metadata';
import { MAX_WORKBOOK_CELLS, newSheet, sheetById, workbookCells } from './model';
import { SheetImpl, validateSheetName } from './sheet';

type SS = GoogleAppsScript.Spreadsheet.Spreadsheet;

export class SpreadsheetImpl
  implements Pick<SS, 'getId' | 'getName' | 'getUrl' | 'getNumSheets' | 'getSpreadsheetTimeZone' | 'getSpreadsheetLocale'>
{
  constructor(private readonly _api: Api) {}

  private _self(): GSpreadsheet {
    return this as unknown as GSpreadsheet;
  }
  private get _book() {
    return this._api.book;
  }
  private _sheetOf(sheet: unknown, method: string): SheetData {
    const id = sheetIdOf(sheet);
    if (id === undefined) throw this._api.ctx.argumentError(`SpreadsheetApp.Spreadsheet.${method}`, typeNames([sheet]));
    return this._api.sheetData(id);
  }

  getId(): string { return this._book.id; }
  getName(): string { return this._book.name; }
  rename(newName: string): void { this._book.name = String(newName); }
  getUrl(): string { return `https://docs.google.com/spreadsheets/d/${this._book.id}/edit`; }
  getSpreadsheetTimeZone(): string { return this._book.timeZone; }
  setSpreadsheetTimeZone(timezone: string): void { this._book.timeZone = String(timezone); }
  getSpreadsheetLocale(): string { return this._book.locale; }
  setSpreadsheetLocale(locale: string): void { this._book.locale = String(locale); }

  getSheets(): GSheet[] { return this._book.sheets.map((s) => this._api.sheet(s.id)); }
  getNumSheets(): number { return this._book.sheets.length; }
  getSheetByName(name: string): GSheet | null {
    const s = this._book.sheets.find((x) => x.name === name);
    return s ? this._api.sheet(s.id) : null;
  }
  getSheetById(id: number): GSheet | null {
    const s = sheetById(this._book, id);
    return s ? this._api.sheet(s.id) : null;
  }

  /** insertSheet(), (name), (index), (name, index); the new sheet goes after the active one and becomes active. */
  insertSheet(a?: string | number, b?: number): GSheet {
    const book = this._book;
    if ((a !== undefined && typeof a !== 'string' && typeof a !== 'number') || (b !== undefined && typeof b !== 'number')) {
      throw this._api.ctx.error('not emulated: Spreadsheet.insertSheet with options (templates)');
    }
    let name = typeof a === 'string' ? a : undefined;
    const index = typeof a === 'number' ? a : b;
    if (name === undefined || name === '') {
      let n = book.sheets.length + 1;
      while (book.sheets.some((s) => s.name.toLowerCase() === `sheet${n}`)) n++;
      name = `Sheet${n}`;
    }
    validateSheetName(this._api, name);
    const sheet = newSheet(book.nextSheetId, name);
    if (workbookCells(book) + sheet.maxRows * sheet.maxColumns > MAX_WORKBOOK_CELLS) throw this._api.ctx.error(MSG.tooManyCells);
    book.nextSheetId++;
    const at = index !== undefined ? Math.max(0, Math.min(Math.trunc(index), book.sheets.length)) : book.sheets.indexOf(this._api.activeSheetData()) + 1;
    book.sheets.splice(at, 0, sheet);
    book.active = { sheetId: sheet.id, a1: 'A1' };
    // Formulas naming this sheet before it existed now resolve.
    this._api.afterWrite(true);
    return this._api.sheet(sheet.id);
  }

  deleteSheet(sheet: GSheet): void {
    const data = this._sheetOf(sheet, 'deleteSheet');
    const book = this._book;
    if (!data.hidden && book.sheets.every((s) => s === data || s.hidden)) throw this._api.ctx.error(MSG.removeLastVisible);
    this._api.assertCanEdit(data);
    book.sheets = book.sheets.filter((s) => s !== data);
    book.developerMetadata = book.developerMetadata.filter((m) => m.location.type === 'SPREADSHEET' || m.location.sheetId !== data.id);
    if (book.active.sheetId === data.id) {
      const next = book.sheets.find((s) => !s.hidden)!;
      book.active = { sheetId: next.id, a1: 'A1' };
    }
    // References to it now read #REF!, as in Sheets (the formula text keeps the sheet's name).
    markFormulasChanged(book);
    this._api.afterWrite(true);
  }
  deleteActiveSheet(): GSheet {
    this.deleteSheet(this._api.sheet(this._api.activeSheetData().id));
    return this._api.sheet(this._api.activeSheetData().id);
  }

  getActiveSheet(): GSheet { return this._api.sheet(this._api.activeSheetData().id); }
  setActiveSheet(sheet: GSheet): GSheet {
    const data = this._sheetOf(sheet, 'setActiveSheet');
    data.hidden = false;
    this._book.active = { sheetId: data.id, a1: 'A1' };
    return this._api.sheet(data.id);
  }
  moveActiveSheet(pos: number): void {
    const book = this._book;
    const active = this._api.activeSheetData();
    book.sheets = book.sheets.filter((s) => s !== active);
    book.sheets.splice(Math.max(0, Math.min(Math.trunc(pos) - 1, book.sheets.length)), 0, active);
  }
  duplicateActiveSheet(): GSheet {
    const book = this._book;
    const active = this._api.activeSheetData();
    if (workbookCells(book) + active.maxRows * active.maxColumns > MAX_WORKBOOK_CELLS) throw this._api.ctx.error(MSG.tooManyCells);
    let name = `Copy of ${active.name}`;
    for (let n = 2; book.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase()); n++) name = `Copy ${n} of ${active.name}`;
    const copy: SheetData = { ...structuredClone(active), id: book.nextSheetId++, name, protections: [] };
    book.sheets.splice(book.sheets.indexOf(active) + 1, 0, copy);
    book.active = { sheetId: copy.id, a1: 'A1' };
    this._api.afterWrite(true);
    return this._api.sheet(copy.id);
  }

  // Sheet methods the Spreadsheet offers for its active sheet; delegated uncounted (one call each).
  private _active(): SheetImpl {
    return new SheetImpl(this._api, this._api.activeSheetData().id);
  }
  appendRow(rowContents: unknown[]): GSheet {
    this._active().appendRow(rowContents);
    return this._api.sheet(this._api.activeSheetData().id);
  }
  getLastRow(): number { return this._active().getLastRow(); }
  getLastColumn(): number { return this._active().getLastColumn(); }
  getDataRange(): GRange { return this._active().getDataRange(); }

  getRange(a1Notation: string): GRange {
    const { sheet, rect } = this._api.resolveA1(a1Notation, this._api.activeSheetData());
    return this._api.range(sheet.id, rect);
  }
  getActiveRange(): GRange | null {
    const book = this._book;
    const sheet = this._api.activeSheetData();
    return this._api.range(sheet.id, this._api.resolveA1(book.active.a1, sheet).rect);
  }
  getActiveCell(): GRange {
    const book = this._book;
    const sheet = this._api.activeSheetData();
    const r = this._api.resolveA1(book.active.a1, sheet).rect;
    return this._api.range(sheet.id, { r1: r.r1, c1: r.c1, r2: r.r1, c2: r.c1 });
  }
  getCurrentCell(): GRange | null { return this.getActiveCell(); }
  setActiveRange(range: GRange): GRange {
    const ref = refOf(range);
    if (!ref) throw this._api.ctx.argumentError('SpreadsheetApp.Spreadsheet.setActiveRange', typeNames([range]));
    this._api.sheetData(ref.sheetId).hidden = false;
    this._book.active = { sheetId: ref.sheetId, a1: rectA1(ref.rect) };
    return range;
  }
  setActiveSelection(a1OrRange: string | GRange): GRange {
    return this.setActiveRange(typeof a1OrRange === 'string' ? this.getRange(a1OrRange) : a1OrRange);
  }

  toast(msg: string, title?: string, timeoutSeconds?: number): void {
    this._api.ctx.effects.toasts.push({
      message: String(msg ?? ''),
      title: title === undefined || title === null ? '' : String(title),
      timeoutSeconds: timeoutSeconds === undefined || timeoutSeconds === null ? 5 : Number(timeoutSeconds),
    });
  }

  getProtections(type: string): GProtection[] {
    const t = String(type);
    return this._book.sheets.flatMap((s) =>
      s.protections.filter((p) => (t === 'SHEET' ? !p.range : !!p.range)).map((p) => this._api.protection(s.id, p.id)),
    );
  }

  addDeveloperMetadata(key: string, value?: unknown, visibility?: unknown): GSpreadsheet {
    addMetadata(this._api, { type: 'SPREADSHEET' }, 'Spreadsheet.addDeveloperMetadata', key, value, visibility);
    return this._self();
  }
  getDeveloperMetadata(): GDeveloperMetadata[] {
    return this._api.metadataFinder({ kind: 'spreadsheet' }).find();
  }
  createDeveloperMetadataFinder(): GDeveloperMetadataFinder {
    return this._api.metadataFinder({ kind: 'all' });
  }
}
