/**
 * The systems a spec is checked against (issue 12): each imported metadata or sample record, with
 * the side and the tabs it describes, as one row of a hidden sheet — its JSON in plain-text cells of
 * at most 45,000 characters (a cell holds 50,000; a 2.5 MB DHIS2 package keeps about 100,000). Read
 * and written whole, in a fixed number of calls.
 */
import type { StoredSystem } from '../../core/systems/stored';
import { parseStoredSystem, storedSystemRows, SYSTEMS_SHEET } from '../../core/systems/stored';
import { insertSheetQuietly } from './spreadsheet';

export function readSystems(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): StoredSystem[] {
  const sheet = ss.getSheetByName(SYSTEMS_SHEET);
  if (!sheet || sheet.getLastRow() === 0) return [];
  const out: StoredSystem[] = [];
  for (const row of sheet.getDataRange().getValues()) {
    const text = row.map(String).join('');
    if (text.trim() === '') continue;
    const parsed = parseStoredSystem(text);
    if (parsed) out.push(parsed);
  }
  return out;
}

export function writeSystems(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, systems: readonly StoredSystem[]): void {
  let sheet = ss.getSheetByName(SYSTEMS_SHEET);
  if (!sheet && systems.length === 0) return;
  sheet ??= insertSheetQuietly(ss, SYSTEMS_SHEET, { hidden: true });
  const rows = storedSystemRows(systems);
  sheet.clearContents();
  if (rows.length === 0) return;
  const width = rows[0]!.length;
  if (width > sheet.getMaxColumns()) sheet.insertColumnsAfter(sheet.getMaxColumns(), width - sheet.getMaxColumns());
  const range = sheet.getRange(1, 1, rows.length, width);
  // Plain text, so a chunk that starts with "=" or a digit is never read as a formula or a number.
  range.setNumberFormat('@');
  range.setValues(rows);
}
