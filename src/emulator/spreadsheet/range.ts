/**
 * Range: geometry, values and formulas (with Sheets' entered-text parsing and limits), display
 * values, data validation and checkboxes, merges, clearing, protection and developer metadata.
 * Formatting lives in range-format.ts, the grid plumbing in range-base.ts.
 */
import type { CellData, RectData, ValidationData } from '../state';
import type { GDataValidation, GDeveloperMetadata, GDeveloperMetadataFinder, GProtection, GRange, GSheet } from './api';
import { rectA1, rectContains, rectsIntersect } from './a1-notation';
import { applyInput, CellLimitError, checkInputLength } from './cells';
import { checkIntegers, gridRect } from './checks';
import { translateFormula } from './formula-parser';
import { MSG, typeNames } from './messages';
import { addMetadata } from './metadata';
import { hasContent, rowAt } from './model';
import { displayValue } from './number-format';
import { newProtection } from './protection';
import { RangeFormat } from './range-format';
import { validationOf } from './validation';
import { fromScript, toScript, type CellInput } from './values';

type R = GoogleAppsScript.Spreadsheet.Range;

export class RangeImpl
  extends RangeFormat
  implements
    Pick<
      R,
      | 'getA1Notation' | 'getRow' | 'getColumn' | 'getRowIndex' | 'getNumRows' | 'getNumColumns' | 'getHeight'
      | 'getWidth' | 'getLastRow' | 'getLastColumn' | 'getGridId' | 'getValues' | 'getValue' | 'getDisplayValue'
      | 'getDisplayValues' | 'getFormula' | 'getFormulas' | 'isBlank' | 'isChecked' | 'isPartOfMerge' | 'canEdit'
      | 'clearContent' | 'clearFormat' | 'clearDataValidations' | 'insertCheckboxes' | 'removeCheckboxes' | 'check'
      | 'uncheck' | 'merge' | 'mergeAcross' | 'mergeVertically' | 'breakApart' | 'activate'
    >
{
  getA1Notation(): string { return rectA1(this._rect); }
  getRow(): number { return this._rect.r1; }
  getRowIndex(): number { return this._rect.r1; }
  getColumn(): number { return this._rect.c1; }
  getNumRows(): number { return this._rows; }
  getHeight(): number { return this._rows; }
  getNumColumns(): number { return this._cols; }
  getWidth(): number { return this._cols; }
  getLastRow(): number { return this._rect.r2; }
  getLastColumn(): number { return this._rect.c2; }
  getGridId(): number { return this._sheetId; }
  getSheet(): GSheet { return this._api.sheet(this._sheetId); }

  getValues(): unknown[][] {
    const make = (ms: number) => this._api.ctx.makeDate(ms);
    return this._read((c) => toScript(c?.v, make));
  }
  getValue(): unknown {
    return this._top((c) => toScript(c?.v, (ms) => this._api.ctx.makeDate(ms)));
  }
  getDisplayValues(): string[][] {
    const { locale, timeZone } = this._api.book;
    return this._read((c) => displayValue(c?.v, c?.nf, locale, timeZone));
  }
  getDisplayValue(): string {
    const { locale, timeZone } = this._api.book;
    return this._top((c) => displayValue(c?.v, c?.nf, locale, timeZone));
  }
  getFormulas(): string[][] { return this._read((c) => c?.f ?? ''); }
  getFormula(): string { return this._top((c) => c?.f ?? ''); }


  /** Writes inputs (already parsed and checked) and recalculates. */
  private _store(inputs: CellInput[][]): void {
    let formulas = false;
    this._write(inputs, (cell, input) => {
      if (applyInput(cell, input)) formulas = true;
    });
    this._api.afterWrite(formulas);
  }

  private _parseAll(values: unknown[][]): CellInput[][] {
    const sheet = this._sheet;
    const { r1, c1 } = this._rect;
    const { locale, timeZone } = this._api.book;
    try {
      return values.map((row, i) => {
        const line = rowAt(sheet, r1 - 1 + i);
        return row.map((v, j) => {
          // Plain-text cells ("@") keep strings as typed.
          const input = fromScript(v, locale, timeZone, line?.[c1 - 1 + j]?.nf === '@');
          checkInputLength(input);
          return input;
        });
      });
    } catch (e) {
      if (e instanceof CellLimitError) throw this._api.ctx.error(MSG.cellTooLong);
      throw e;
    }
  }

  setValues(values: unknown[][]): GRange {
    this._checkGrid('setValues', values);
    this._store(this._parseAll(values));
    return this._self();
  }

  setValue(value: unknown): GRange {
    const input = this._parseAll([[value]])[0][0];
    this._store(this._fill(input));
    return this._self();
  }

  /** One entry for every cell; a formula is filled like Sheets fills it (relative refs move). */
  private _fill(input: CellInput): CellInput[][] {
    return Array.from({ length: this._rows }, (_, i) =>
      Array.from({ length: this._cols }, (_, j) => (input.f !== undefined ? { f: translateFormula(input.f, i, j) } : input)),
    );
  }

  setFormula(formula: string): GRange {
    if (typeof formula !== 'string') throw this._api.ctx.argumentError('SpreadsheetApp.Range.setFormula', typeNames([formula]));
    const input = this._parseAll([[formula]])[0][0];
    this._store(this._fill(input));
    return this._self();
  }

  setFormulas(formulas: string[][]): GRange {
    this._checkGrid('setFormulas', formulas);
    this._store(this._parseAll(formulas));
    return this._self();
  }

  isBlank(): boolean {
    return this._read((c) => hasContent(c)).every((row) => row.every((x) => !x));
  }

  // Data validation

  getDataValidation(): GDataValidation | null {
    const dv = this._top((c) => c?.dv);
    return dv ? this._api.validation(dv) : null;
  }
  getDataValidations(): (GDataValidation | null)[][] {
    return this._read((c) => (c?.dv ? this._api.validation(c.dv) : null));
  }
  setDataValidation(rule: GDataValidation | null): GRange {
    const dv = rule === null ? undefined : validationOf(this._api, rule, 'setDataValidation');
    this._each((cell) => {
      if (dv) cell.dv = structuredClone(dv);
      else delete cell.dv;
    });
    return this._self();
  }
  setDataValidations(rules: (GDataValidation | null)[][] | null): GRange {
    if (rules === null) return this.clearDataValidations();
    this._checkGrid('setDataValidations', rules);
    const dvs = rules.map((row) => row.map((r) => (r === null ? undefined : validationOf(this._api, r, 'setDataValidations'))));
    this._write(dvs, (cell, dv) => {
      if (dv) cell.dv = structuredClone(dv);
      else delete cell.dv;
    });
    return this._self();
  }
  clearDataValidations(): GRange {
    this._eachExisting((cell) => delete cell.dv);
    return this._self();
  }

  // Checkboxes: a checkbox rule plus the checked/unchecked value in the cell.

  insertCheckboxes(checkedValue?: unknown, uncheckedValue?: unknown): GRange {
    const dv: ValidationData = { kind: 'checkbox' };
    if (checkedValue !== undefined) dv.checked = String(checkedValue);
    if (uncheckedValue !== undefined) dv.unchecked = String(uncheckedValue);
    const unchecked: CellInput = uncheckedValue !== undefined ? { v: String(uncheckedValue) } : checkedValue !== undefined ? {} : { v: false };
    let formulas = false;
    this._each((cell) => {
      cell.dv = { ...dv };
      if (applyInput(cell, unchecked)) formulas = true;
    });
    this._api.afterWrite(formulas);
    return this._self();
  }

  removeCheckboxes(): GRange {
    let formulas = false;
    this._eachExisting((cell) => {
      if (cell.dv?.kind !== 'checkbox') return;
      if (checkboxState(cell) !== null) {
        if (cell.f !== undefined) formulas = true;
        delete cell.v;
        delete cell.f;
      }
      delete cell.dv;
    });
    this._api.afterWrite(formulas);
    return this._self();
  }

  private _setChecked(checked: boolean): GRange {
    this._eachExisting((cell) => {
      const dv = cell.dv;
      if (dv?.kind !== 'checkbox' || checkboxState(cell) === null || cell.f !== undefined) return;
      cell.v = checked ? (dv.checked ?? true) : (dv.unchecked ?? (dv.checked !== undefined ? '' : false));
      if (cell.v === '') delete cell.v;
    });
    this._api.afterWrite(false);
    return this._self();
  }
  check(): GRange { return this._setChecked(true); }
  uncheck(): GRange { return this._setChecked(false); }

  isChecked(): boolean | null {
    const states = this._read((c) => (c ? checkboxState(c) : null)).flat();
    if (states.every((s) => s === true)) return true;
    if (states.every((s) => s === false)) return false;
    return null;
  }

  // Merges

  private _mergeRects(rects: RectData[]): GRange {
    const sheet = this._sheet;
    this._api.assertCanEdit(sheet, this._rect);
    for (const m of sheet.merges) {
      if (rectsIntersect(m, this._rect) && !rectContains(this._rect, m)) throw this._api.ctx.error(MSG.mergeOverlap);
    }
    sheet.merges = sheet.merges.filter((m) => !rectContains(this._rect, m));
    let formulas = false;
    for (const rect of rects) {
      if (rect.r1 === rect.r2 && rect.c1 === rect.c2) continue;
      sheet.merges.push(rect);
      // Only the top-left cell's content survives a merge.
      for (let r = rect.r1; r <= rect.r2; r++) {
        for (let c = rect.c1; c <= rect.c2; c++) {
          if (r === rect.r1 && c === rect.c1) continue;
          const cell = sheet.rows[r - 1]?.[c - 1];
          if (!cell) continue;
          if (cell.f !== undefined) formulas = true;
          delete cell.v;
          delete cell.f;
        }
      }
    }
    this._api.afterWrite(formulas);
    return this._self();
  }
  merge(): GRange { return this._mergeRects([{ ...this._rect }]); }
  mergeAcross(): GRange {
    const { r1, c1, r2, c2 } = this._rect;
    return this._mergeRects(Array.from({ length: r2 - r1 + 1 }, (_, i) => ({ r1: r1 + i, r2: r1 + i, c1, c2 })));
  }
  mergeVertically(): GRange {
    const { r1, c1, r2, c2 } = this._rect;
    return this._mergeRects(Array.from({ length: c2 - c1 + 1 }, (_, i) => ({ r1, r2, c1: c1 + i, c2: c1 + i })));
  }
  breakApart(): GRange {
    const sheet = this._sheet;
    this._api.assertCanEdit(sheet, this._rect);
    for (const m of sheet.merges) {
      if (rectsIntersect(m, this._rect) && !rectContains(this._rect, m)) throw this._api.ctx.error(MSG.mergeOverlap);
    }
    sheet.merges = sheet.merges.filter((m) => !rectContains(this._rect, m));
    return this._self();
  }
  isPartOfMerge(): boolean {
    return this._sheet.merges.some((m) => rectsIntersect(m, this._rect));
  }
  getMergedRanges(): GRange[] {
    return this._sheet.merges.filter((m) => rectsIntersect(m, this._rect)).map((m) => this._api.range(this._sheetId, m));
  }

  // Clearing

  clear(options?: { commentsOnly?: boolean; contentsOnly?: boolean; formatOnly?: boolean; validationsOnly?: boolean; skipFilteredRows?: boolean }): GRange {
    const o = options ?? {};
    const any = o.commentsOnly || o.contentsOnly || o.formatOnly || o.validationsOnly;
    // Without options everything but comments goes: content, formats, notes, validation rules.
    const contents = !any || !!o.contentsOnly;
    const formats = !any || !!o.formatOnly;
    const validations = !any || !!o.validationsOnly;
    const notes = !any;
    let formulas = false;
    this._eachExisting((cell) => {
      if (clearCellParts(cell, { contents, formats, validations, notes })) formulas = true;
    });
    if (formats) this._sheet.merges = this._sheet.merges.filter((m) => !rectContains(this._rect, m));
    if (contents) this._api.afterWrite(formulas);
    return this._self();
  }
  clearContent(): GRange { return this.clear({ contentsOnly: true }); }
  clearFormat(): GRange { return this.clear({ formatOnly: true }); }

  // Navigation

  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number): GRange {
    const args = [rowOffset, columnOffset, numRows, numColumns].filter((a) => a !== undefined);
    checkIntegers(this._api.ctx, 'SpreadsheetApp.Range.offset', args);
    const rect = gridRect(this._api.ctx, this._sheet, this._rect.r1 + rowOffset, this._rect.c1 + columnOffset, numRows ?? this._rows, numColumns ?? this._cols);
    return this._api.range(this._sheetId, rect);
  }
  getCell(row: number, column: number): GRange {
    checkIntegers(this._api.ctx, 'SpreadsheetApp.Range.getCell', [row, column]);
    if (row < 1 || column < 1 || row > this._rows || column > this._cols) throw this._api.ctx.error(MSG.cellOutOfRange);
    const r = this._rect.r1 + row - 1;
    const c = this._rect.c1 + column - 1;
    return this._api.range(this._sheetId, { r1: r, c1: c, r2: r, c2: c });
  }
  activate(): GRange {
    this._api.book.active = { sheetId: this._sheetId, a1: this.getA1Notation() };
    return this._self();
  }

  // Protection and metadata

  protect(): GProtection {
    return newProtection(this._api, this._sheet, { ...this._rect });
  }
  canEdit(): boolean {
    const sheet = this._sheet;
    return sheet.protections.every((p) => this._api.canEditProtection(p) || (p.range && !rectsIntersect(p.range, this._rect)));
  }
  addDeveloperMetadata(key: string, value?: unknown, visibility?: unknown): GRange {
    const sheet = this._sheet;
    const { r1, c1, r2, c2 } = this._rect;
    let location: { type: 'ROW' | 'COLUMN'; sheetId: number; index: number };
    if (c1 === 1 && c2 === sheet.maxColumns && r1 === r2) location = { type: 'ROW', sheetId: sheet.id, index: r1 };
    else if (r1 === 1 && r2 === sheet.maxRows && c1 === c2) location = { type: 'COLUMN', sheetId: sheet.id, index: c1 };
    else throw this._api.ctx.error(MSG.metadataLocation);
    addMetadata(this._api, location, 'Range.addDeveloperMetadata', key, value, visibility);
    return this._self();
  }
  getDeveloperMetadata(): GDeveloperMetadata[] {
    return this._api.metadataFinder({ kind: 'range', sheetId: this._sheetId, rect: { ...this._rect } }).find();
  }
  createDeveloperMetadataFinder(): GDeveloperMetadataFinder {
    return this._api.metadataFinder({ kind: 'range', sheetId: this._sheetId, rect: { ...this._rect } });
  }
}

/** true/false for a checkbox cell holding its checked/unchecked value, else null. */
export function checkboxState(cell: CellData): boolean | null {
  const dv = cell.dv;
  if (dv?.kind !== 'checkbox') return null;
  const v = cell.v;
  if (dv.checked === undefined) {
    if (v === true) return true;
    if (v === false || v === undefined) return false;
    return null;
  }
  if (v !== undefined && String(v) === dv.checked) return true;
  if ((dv.unchecked === undefined && (v === undefined || v === '')) || (v !== undefined && String(v) === dv.unchecked)) return false;
  return null;
}

export function clearFormatOf(cell: CellData): void {
  for (const k of ['bg', 'fc', 'bold', 'italic', 'strike', 'underline', 'wrap', 'clip', 'nf', 'halign'] as const) delete cell[k];
}

export type ClearParts = { contents: boolean; formats: boolean; notes: boolean; validations: boolean };

/** Clears the chosen parts of one cell (Range.clear and Sheet.clear); true when it held a formula. */
export function clearCellParts(cell: CellData, parts: ClearParts): boolean {
  const hadFormula = parts.contents && cell.f !== undefined;
  if (parts.contents) {
    delete cell.v;
    delete cell.f;
  }
  if (parts.formats) clearFormatOf(cell);
  if (parts.validations) delete cell.dv;
  if (parts.notes) delete cell.note;
  return hadFormula;
}
