/**
 * The grid plumbing every Range method uses: reading a per-cell attribute into a 2-D array,
 * writing one from a 2-D array with Sheets' dimension checks, and applying one value to every cell.
 * One API call reads or writes the whole rectangle in one pass, without further counted calls.
 */
import type { CellData, RectData, SheetData } from '../state';
import type { Api } from './api';
import { MSG, typeNames } from './messages';
import { cellAt, cellFor, rowAt } from './model';

export class RangeBase {
  constructor(
    protected readonly _api: Api,
    protected readonly _sheetId: number,
    protected readonly _rect: RectData,
  ) {}

  /** Uncounted: where this range is (used by other objects, e.g. validation rules and events). */
  _ref(): { sheetId: number; rect: RectData } {
    return { sheetId: this._sheetId, rect: { ...this._rect } };
  }

  protected get _sheet(): SheetData {
    return this._api.sheetData(this._sheetId);
  }

  protected get _rows(): number {
    return this._rect.r2 - this._rect.r1 + 1;
  }

  protected get _cols(): number {
    return this._rect.c2 - this._rect.c1 + 1;
  }

  /** A value per cell, read without creating cells. */
  protected _read<T>(get: (cell: CellData | undefined, row: number, column: number) => T): T[][] {
    const sheet = this._sheet;
    const { r1, c1, r2, c2 } = this._rect;
    const out: T[][] = new Array(r2 - r1 + 1);
    for (let r = r1; r <= r2; r++) {
      const line = rowAt(sheet, r - 1);
      const row: T[] = new Array(c2 - c1 + 1);
      for (let c = c1; c <= c2; c++) row[c - c1] = get(line?.[c - 1] ?? undefined, r, c);
      out[r - r1] = row;
    }
    return out;
  }

  protected _top<T>(get: (cell: CellData | undefined, row: number, column: number) => T): T {
    return get(cellAt(this._sheet, this._rect.r1, this._rect.c1), this._rect.r1, this._rect.c1);
  }

  /** Checks a 2-D argument against the range size, with Sheets' messages. */
  protected _checkGrid(method: string, values: unknown): asserts values is unknown[][] {
    if (!Array.isArray(values) || values.some((row) => !Array.isArray(row))) {
      throw this._api.ctx.argumentError(`SpreadsheetApp.Range.${method}`, typeNames([values]));
    }
    if (values.length !== this._rows) throw this._api.ctx.error(MSG.rowsMismatch(values.length, this._rows));
    for (const row of values as unknown[][]) {
      if (row.length !== this._cols) throw this._api.ctx.error(MSG.columnsMismatch(row.length, this._cols));
    }
  }

  /** Writes per-cell values (already checked) after the protection check. */
  protected _write<T>(values: T[][], set: (cell: CellData, v: T, row: number, column: number) => void): void {
    const sheet = this._sheet;
    this._api.assertCanEdit(sheet, this._rect);
    const { r1, c1 } = this._rect;
    for (let i = 0; i < values.length; i++) {
      const row = values[i];
      let line = rowAt(sheet, r1 - 1 + i);
      if (!line) {
        line = [];
        sheet.rows[r1 - 1 + i] = line as (CellData | null)[];
      }
      for (let j = 0; j < row.length; j++) {
        let cell = line[c1 - 1 + j];
        if (!cell) {
          cell = {};
          line[c1 - 1 + j] = cell;
        }
        set(cell, row[j], r1 + i, c1 + j);
      }
    }
  }

  /** Applies one change to every cell of the range. */
  protected _each(set: (cell: CellData, row: number, column: number) => void): void {
    const sheet = this._sheet;
    this._api.assertCanEdit(sheet, this._rect);
    const { r1, c1, r2, c2 } = this._rect;
    for (let r = r1; r <= r2; r++) for (let c = c1; c <= c2; c++) set(cellFor(sheet, r, c), r, c);
  }

  /** Changes only cells that exist (clearing never needs to create cells). */
  protected _eachExisting(set: (cell: CellData, row: number, column: number) => void): void {
    const sheet = this._sheet;
    this._api.assertCanEdit(sheet, this._rect);
    const { r1, c1, r2, c2 } = this._rect;
    for (let r = r1; r <= Math.min(r2, sheet.rows.length); r++) {
      const line = rowAt(sheet, r - 1);
      if (!line) continue;
      for (let c = c1; c <= Math.min(c2, line.length); c++) {
        const cell = line[c - 1];
        if (cell) set(cell, r, c);
      }
    }
  }
}
