/**
 * The plain grid a tab arrives in, and a reader over it. Adapters fill a TabGrid from whole-range
 * reads (getValues, getDisplayValues, getFormulas, getMergedRanges: four calls per tab, never per
 * row); everything else in the mapping core reads cells through GridReader, in sheet coordinates.
 */
import { isDateValue, rawToText } from './text';

/** A merged range, 1-based sheet coordinates, inclusive. */
export type Merge = { r1: number; c1: number; r2: number; c2: number };

/**
 * One tab as read by an adapter.
 * - values: raw cell values (string | number | boolean | Date | null); Dates may come from another
 *   realm. Rows may be ragged; a missing cell reads as blank.
 * - display: what Sheets shows (getDisplayValues). Optional; derived from values when absent.
 * - formulas: getFormulas() ("" where no formula). Optional; only used to explain formula errors.
 * - merges: merged ranges. As in Sheets, only a merge's top-left cell holds a value.
 * - firstRow / firstColumn: sheet row and column of values[0][0] (default 1, i.e. A1).
 */
export type TabGrid = {
  name: string;
  sheetId: number;
  values: readonly (readonly unknown[])[];
  display?: readonly (readonly string[])[];
  formulas?: readonly (readonly string[])[];
  merges?: readonly Merge[];
  firstRow?: number;
  firstColumn?: number;
};

/** Reads a TabGrid in sheet coordinates; cheap per cell (no copying of the grid). */
export class GridReader {
  readonly name: string;
  readonly sheetId: number;
  readonly firstRow: number;
  readonly firstColumn: number;
  /** Last sheet row and column that the grid covers (0 when empty). */
  readonly lastRow: number;
  readonly lastColumn: number;
  readonly merges: readonly Merge[];
  private readonly values: readonly (readonly unknown[])[];
  private readonly display: readonly (readonly string[])[] | undefined;
  private readonly formulas: readonly (readonly string[])[] | undefined;

  constructor(grid: TabGrid) {
    this.name = typeof grid.name === 'string' ? grid.name : String(grid.name);
    this.sheetId = grid.sheetId;
    this.values = Array.isArray(grid.values) ? grid.values : [];
    this.display = Array.isArray(grid.display) ? grid.display : undefined;
    this.formulas = Array.isArray(grid.formulas) ? grid.formulas : undefined;
    this.merges = Array.isArray(grid.merges) ? grid.merges : [];
    this.firstRow = grid.firstRow && grid.firstRow > 0 ? Math.floor(grid.firstRow) : 1;
    this.firstColumn = grid.firstColumn && grid.firstColumn > 0 ? Math.floor(grid.firstColumn) : 1;
    const rows = Math.max(this.values.length, this.display ? this.display.length : 0);
    let cols = 0;
    for (let i = 0; i < this.values.length; i++) {
      const r = this.values[i];
      if (Array.isArray(r) && r.length > cols) cols = r.length;
    }
    if (this.display) {
      for (let i = 0; i < this.display.length; i++) {
        const r = this.display[i];
        if (Array.isArray(r) && r.length > cols) cols = r.length;
      }
    }
    this.lastRow = rows === 0 || cols === 0 ? 0 : this.firstRow + rows - 1;
    this.lastColumn = rows === 0 || cols === 0 ? 0 : this.firstColumn + cols - 1;
  }

  /** Raw value at a sheet cell (null outside the grid). */
  raw(row: number, column: number): unknown {
    const r = this.values[row - this.firstRow];
    if (!r) return null;
    const v = r[column - this.firstColumn];
    return v === undefined ? null : v;
  }

  /** What the cell shows, as text ('' outside the grid). */
  text(row: number, column: number): string {
    if (this.display) {
      const r = this.display[row - this.firstRow];
      if (r) {
        const s = r[column - this.firstColumn];
        if (typeof s === 'string') return s;
        if (s !== undefined && s !== null) return rawToText(s);
      }
    }
    const v = this.raw(row, column);
    if (typeof v === 'string') return v;
    return rawToText(v);
  }

  /** The formula in a cell, or ''. */
  formula(row: number, column: number): string {
    if (!this.formulas) return '';
    const r = this.formulas[row - this.firstRow];
    const f = r ? r[column - this.firstColumn] : '';
    return typeof f === 'string' ? f : '';
  }

  isDate(row: number, column: number): boolean {
    return isDateValue(this.raw(row, column));
  }

  /** The merge covering a cell, if any. Merges are few, so a scan is fine for header rows. */
  mergeAt(row: number, column: number): Merge | null {
    for (const m of this.merges) {
      if (row >= m.r1 && row <= m.r2 && column >= m.c1 && column <= m.c2) return m;
    }
    return null;
  }

  /** True when no cell of the row shows anything (scans the row once). */
  rowIsBlank(row: number): boolean {
    for (let c = this.firstColumn; c <= this.lastColumn; c++) {
      if (this.text(row, c).trim() !== '') return false;
    }
    return true;
  }
}
