/**
 * Argument checks shared by Sheet.getRange, Range.offset and friends, with Apps Script's messages:
 * integers only, rows/columns from 1, sizes of at least 1, and nothing outside the sheet's grid.
 */
import type { ExecutionContext } from '../context';
import type { RectData, SheetData } from '../state';
import { MSG, typeNames } from './messages';

export function checkIntegers(ctx: ExecutionContext, method: string, args: unknown[]): void {
  if (args.some((a) => typeof a !== 'number' || !Number.isFinite(a))) {
    throw ctx.argumentError(method, typeNames(args));
  }
}

/** The rectangle of getRange(row, column, numRows, numColumns), checked as Sheets checks it. */
export function gridRect(ctx: ExecutionContext, sheet: SheetData, row: number, column: number, numRows: number, numColumns: number): RectData {
  const [r, c, nr, nc] = [row, column, numRows, numColumns].map(Math.trunc);
  if (r < 1) throw ctx.error(MSG.startRowTooSmall);
  if (c < 1) throw ctx.error(MSG.startColumnTooSmall);
  if (nr < 1) throw ctx.error(MSG.rowsAtLeastOne);
  if (nc < 1) throw ctx.error(MSG.columnsAtLeastOne);
  const rect = { r1: r, c1: c, r2: r + nr - 1, c2: c + nc - 1 };
  if (rect.r2 > sheet.maxRows || rect.c2 > sheet.maxColumns) throw ctx.error(MSG.outsideSheet);
  return rect;
}
