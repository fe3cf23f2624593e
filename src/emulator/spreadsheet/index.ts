/** PLACEHOLDER (to be written): emulated SpreadsheetApp. */
import type { ExecutionContext } from '../context';

export function createSpreadsheetApp(ctx: ExecutionContext): GoogleAppsScript.Spreadsheet.SpreadsheetApp {
  void ctx;
  return {} as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
}
