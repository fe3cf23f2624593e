/**
 * The one way the add-on writes cells that hold a person's text (typed, imported, pasted, or read
 * from a sample or metadata file): every non-empty string is stored as the identical string. In the
 * same batch as the values, those cells get the plain-text number format ("@"), with which Sheets
 * keeps "=1+1", "1.50", "2025-06-30", "TRUE" or "'quoted" as the text given (setValue otherwise
 * parses a string as if typed: formulas, numbers, dates, booleans, currency, a leading apostrophe
 * dropped). Numbers, booleans and Dates the add-on computes keep their type and the cell's format;
 * empty cells keep their format, so a date column stays a date column for what is typed later.
 * A string over Google's 50,000-character limit is refused before anything is written.
 */
import { assertCellsFit } from '../../core/cell-text';

const PLAIN_TEXT = '@';

function isText(v: unknown): boolean {
  return typeof v === 'string' && v !== '';
}

/**
 * Writes `values` to `range` (same size). Two calls when every cell is text (setNumberFormat,
 * setValues); otherwise one read of the formats and at most two writes, whatever the size.
 */
export function writeTextCells(range: GoogleAppsScript.Spreadsheet.Range, values: unknown[][]): GoogleAppsScript.Spreadsheet.Range {
  assertCellsFit(values, range.getSheet().getName(), range.getRow(), range.getColumn());
  if (values.every((row) => row.every(isText))) {
    range.setNumberFormat(PLAIN_TEXT);
  } else if (values.some((row) => row.some(isText))) {
    const formats = range.getNumberFormats();
    let changed = false;
    const next = formats.map((row, i) =>
      row.map((f, j) => {
        if (!isText(values[i]![j]) || f === PLAIN_TEXT) return f;
        changed = true;
        return PLAIN_TEXT;
      }),
    );
    if (changed) range.setNumberFormats(next);
  }
  return range.setValues(values);
}
