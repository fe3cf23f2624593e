/**
 * The README section a checklist tab was imported from (issue 17), kept in a hidden tab as one row of
 * plain-text cells (its JSON, 45,000 characters a cell), with the checklist tab's ID and name: the export
 * writes that section back line for line. Read and written whole, in a fixed number of calls.
 */
import { parseReadmeSource, README_SOURCE_SHEET, readmeSourceRow, sourceForTab, type ReadmeSource, type StoredReadmeSource } from '../../core/checklist';
import { insertSheetQuietly } from './spreadsheet';

/** The section kept for this checklist tab, or null (none kept, or kept for another tab). */
export function readReadmeSource(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, checklistTab: GoogleAppsScript.Spreadsheet.Sheet): ReadmeSource | null {
  const sheet = ss.getSheetByName(README_SOURCE_SHEET);
  if (!sheet || sheet.getLastRow() === 0) return null;
  const text = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0]!.map(String).join('');
  return sourceForTab(parseReadmeSource(text), checklistTab.getSheetId(), checklistTab.getName());
}

/** Keeps the section for a checklist tab, or forgets any (null: a tab not made from a README). */
export function writeReadmeSource(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, entry: StoredReadmeSource | null): void {
  let sheet = ss.getSheetByName(README_SOURCE_SHEET);
  if (!sheet && entry === null) return;
  sheet ??= insertSheetQuietly(ss, README_SOURCE_SHEET, { hidden: true });
  sheet.clearContents();
  if (entry === null) return;
  const row = readmeSourceRow(entry);
  if (row.length > sheet.getMaxColumns()) sheet.insertColumnsAfter(sheet.getMaxColumns(), row.length - sheet.getMaxColumns());
  const range = sheet.getRange(1, 1, 1, row.length);
  // Plain text: a chunk that starts with "=" or a digit is never read as a formula or a number.
  range.setNumberFormat('@');
  range.setValues([row]);
}
