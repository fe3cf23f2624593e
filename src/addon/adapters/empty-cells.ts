/**
 * Fills empty cells of one column (the assists of issue 12) in one write, so the sheet's undo takes
 * it back in one step: the block from the first to the last filled row is written whole, the cells
 * between keeping their values. That rewrite is safe only for cells Sheets would store again as they
 * are — empty, a number, a date, a boolean, or text that cannot be read as anything else — so a block
 * holding a formula, or text that a plain (non-text) format would turn into a number or date, is
 * written run by run instead. A planned cell that is no longer empty is left alone.
 */
import { assertCellsFit } from '../../core/cell-text';

const PLAIN_TEXT = '@';

/** Text Sheets keeps as the same text in any number format: no digit, no leading = + - ' and no TRUE/FALSE. */
function staysText(s: string): boolean {
  return !/\d/.test(s) && !/^\s*[=+\-']/.test(s) && !/^\s*(true|false)\s*$/i.test(s);
}

export type EmptyCellFill = { row: number; value: string };

/** Writes the fills into their column; returns how many cells were written and in how many writes. */
export function fillEmptyCells(sheet: GoogleAppsScript.Spreadsheet.Sheet, column: number, fills: readonly EmptyCellFill[]): { cells: EmptyCellFill[]; writes: number } {
  if (fills.length === 0) return { cells: [], writes: 0 };
  const sorted = [...fills].sort((a, b) => a.row - b.row);
  const first = sorted[0]!.row;
  const last = sorted[sorted.length - 1]!.row;
  const block = sheet.getRange(first, column, last - first + 1, 1);
  assertCellsFit(sorted.map((f) => [f.value]), sheet.getName(), first, column);
  const values = block.getValues();
  const formulas = block.getFormulas();
  const formats = block.getNumberFormats();
  const isEmpty = (i: number) => formulas[i]![0] === '' && (values[i]![0] === '' || values[i]![0] === null);
  const cells = sorted.filter((f) => isEmpty(f.row - first));
  if (cells.length === 0) return { cells, writes: 0 };
  const planned = new Map(cells.map((f) => [f.row - first, f.value]));
  const safe = values.every((row, i) => {
    if (planned.has(i) || isEmpty(i)) return true;
    const v = row[0];
    return formulas[i]![0] === '' && (typeof v !== 'string' || formats[i]![0] === PLAIN_TEXT || staysText(v));
  });

  if (safe) {
    const next = values.map((row, i) => [planned.has(i) ? planned.get(i)! : row[0]]);
    const textFormats = formats.map((row, i) => [planned.has(i) && !staysText(planned.get(i)!) ? PLAIN_TEXT : row[0]!]);
    if (textFormats.some((row, i) => row[0] !== formats[i]![0])) block.setNumberFormats(textFormats);
    block.setValues(next);
    return { cells, writes: 1 };
  }
  // Run by run: each run of consecutive planned rows in one write.
  let writes = 0;
  for (let i = 0; i < cells.length; ) {
    let j = i;
    while (j + 1 < cells.length && cells[j + 1]!.row === cells[j]!.row + 1) j++;
    const run = cells.slice(i, j + 1);
    const range = sheet.getRange(run[0]!.row, column, run.length, 1);
    const runFormats = run.map((f) => [staysText(f.value) ? formats[f.row - first]![0]! : PLAIN_TEXT]);
    if (runFormats.some((r, k) => r[0] !== formats[run[k]!.row - first]![0])) range.setNumberFormats(runFormats);
    range.setValues(run.map((f) => [f.value]));
    writes++;
    i = j + 1;
  }
  return { cells, writes };
}
