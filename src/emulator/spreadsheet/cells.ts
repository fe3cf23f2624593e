/**
 * Writing entered content into cells, shared by the API (setValues, appendRow...) and the
 * playground's user edits: the 50,000-character limit, formulas replacing values, and the number
 * format Sheets picks for typed dates and percentages.
 */
import type { CellData } from '../state';
import { type CellInput, inputLength, MAX_CELL_CHARS } from './values';

export class CellLimitError extends Error {}

export function checkInputLength(input: CellInput): void {
  if (inputLength(input) > MAX_CELL_CHARS) throw new CellLimitError();
}

/** Puts entered content in a cell; returns whether a formula was added or removed. */
export function applyInput(cell: CellData, input: CellInput): boolean {
  // `delete` only when the key exists: deleting keys turns V8 objects slow, and this runs per cell.
  const hadFormula = cell.f !== undefined;
  if (input.f !== undefined) {
    cell.f = input.f;
    if (cell.v !== undefined) delete cell.v;
  } else {
    if (hadFormula) delete cell.f;
    if (input.v === undefined || input.v === '') {
      if (cell.v !== undefined) delete cell.v;
    } else {
      cell.v = input.v;
    }
  }
  // Sheets picks a format for typed dates/percentages only while the cell has none of its own.
  if (input.nf && !cell.nf) cell.nf = input.nf;
  return hadFormula || input.f !== undefined;
}
