/**
 * Thin adapter over SpreadsheetApp: the only place the add-on reads the spreadsheet's structure.
 * Each function makes a fixed number of calls per tab, never per row or cell.
 */
import type { SheetFacts } from '../../core/tabs';
import { UserError } from '../../core/errors';

export function activeSpreadsheet(): GoogleAppsScript.Spreadsheet.Spreadsheet {
  return SpreadsheetApp.getActiveSpreadsheet();
}

/** Facts about every tab, in tab order (5 calls per tab, whatever the tab's length). */
export function readSheetFacts(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): SheetFacts[] {
  return ss.getSheets().map((sheet) => ({
    sheetId: sheet.getSheetId(),
    name: sheet.getName(),
    hidden: sheet.isSheetHidden(),
    lastRow: sheet.getLastRow(),
    lastColumn: sheet.getLastColumn(),
  }));
}

/** The tab with this id, or a message saying it is gone (deleted since the sidebar loaded). */
export function sheetById(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, sheetId: number): GoogleAppsScript.Spreadsheet.Sheet {
  const sheet = ss.getSheets().find((s) => s.getSheetId() === sheetId);
  if (!sheet) throw new UserError('That tab no longer exists in this spreadsheet. Refresh the sidebar to see the current tabs.');
  return sheet;
}

/**
 * Inserts a sheet without moving the person: insertSheet makes the new sheet active, so the
 * selection they had is put back. `hidden` for Mapspec's own stores.
 */
export function insertSheetQuietly(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  name: string,
  options: { index?: number; hidden?: boolean } = {},
): GoogleAppsScript.Spreadsheet.Sheet {
  const active = ss.getActiveRange();
  const sheet = options.index === undefined ? ss.insertSheet(name) : ss.insertSheet(name, options.index);
  if (options.hidden) sheet.hideSheet();
  if (active) active.activate();
  return sheet;
}
