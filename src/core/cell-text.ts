/**
 * A person's text in a cell: Google's per-cell size limit, checked before anything is written, with
 * a message that names where the text was going. What makes text stay text in Sheets (the plain-text
 * format) is the adapter's business: see src/addon/adapters/text-cells.ts.
 */
import { UserError } from './errors';
import { columnLetter } from './mapping/a1';

/** Google Sheets holds at most this many characters in one cell ("Your input contains more than the maximum of 50000 characters in a single cell"). */
export const MAX_CELL_CHARS = 50000;

/** The first string in `values` over the limit, as a 0-based position and its length, or null. */
function firstOverlong(values: readonly (readonly unknown[])[]): { i: number; j: number; length: number } | null {
  for (let i = 0; i < values.length; i++) {
    const row = values[i]!;
    for (let j = 0; j < row.length; j++) {
      const v = row[j];
      if (typeof v === 'string' && v.length > MAX_CELL_CHARS) return { i, j, length: v.length };
    }
  }
  return null;
}

/** Refuses a grid to be written at (row, column) of `tab` when one of its cells is over the limit. */
export function assertCellsFit(values: readonly (readonly unknown[])[], tab: string, row: number, column: number): void {
  const over = firstOverlong(values);
  if (!over) return;
  throw new UserError(
    `Tab "${tab}", row ${row + over.i}, column ${columnLetter(column + over.j)}: the text is ${over.length.toLocaleString('en-US')} characters; ` +
      `a Google Sheets cell holds at most ${MAX_CELL_CHARS.toLocaleString('en-US')}. Nothing was written.`,
  );
}
