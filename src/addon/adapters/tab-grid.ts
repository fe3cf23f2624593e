/**
 * Reads a tab into the mapping core's TabGrid: values, display values and formulas of the whole data
 * range, and the merged ranges of the rows where a header can be — a fixed number of calls per tab,
 * whatever its length (merges further down are section headings, which the core also tells by their
 * content).
 */
import type { Merge, TabGrid } from '../../core/mapping/grid';
import { columnNumber } from '../../core/mapping/a1';

/** Rows searched for merged header and band cells (the core's header scan default). */
const HEADER_ROWS = 30;

export type TabRead = { grid: TabGrid; range: GoogleAppsScript.Spreadsheet.Range | null };

/** "B2:D3" or "B2" → a 1-based rectangle. */
export function parseA1(a1: string): Merge | null {
  const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(a1.replace(/\$/g, '').replace(/^.*!/, ''));
  if (!m) return null;
  const c1 = columnNumber(m[1]!);
  const c2 = columnNumber(m[3] ?? m[1]!);
  if (c1 === null || c2 === null) return null;
  return { r1: Number(m[2]), c1, r2: Number(m[4] ?? m[2]), c2 };
}

export function readTabGrid(sheet: GoogleAppsScript.Spreadsheet.Sheet): TabRead {
  const name = sheet.getName();
  const sheetId = sheet.getSheetId();
  const lastRow = sheet.getLastRow();
  const lastColumn = sheet.getLastColumn();
  if (lastRow === 0 || lastColumn === 0) return { grid: { name, sheetId, values: [], display: [], formulas: [], merges: [] }, range: null };
  const range = sheet.getRange(1, 1, lastRow, lastColumn);
  const headerArea = sheet.getRange(1, 1, Math.min(HEADER_ROWS, lastRow), lastColumn);
  const merges = headerArea
    .getMergedRanges()
    .map((m) => parseA1(m.getA1Notation()))
    .filter((m): m is Merge => m !== null);
  return {
    grid: { name, sheetId, values: range.getValues(), display: range.getDisplayValues(), formulas: range.getFormulas(), merges },
    range,
  };
}
