/**
 * Sidebar handlers for the workbook overview: the state shown on opening, and switching tabs.
 */
import type { ApiParsedInput, ApiResults } from '../../core/api';
import { summarizeTabs } from '../../core/tabs';
import { UserError } from '../../core/errors';
import { activeSpreadsheet, readSheetFacts, sheetById } from '../adapters/spreadsheet';
import { currentUserEmail } from '../adapters/session';

/** Everything the sidebar needs on opening, read in one execution. */
export function getSidebarState(_input: ApiParsedInput<'getSidebarState'>): ApiResults['getSidebarState'] {
  const ss = activeSpreadsheet();
  const facts = readSheetFacts(ss);
  return {
    userEmail: currentUserEmail(),
    spreadsheetName: ss.getName(),
    tabs: summarizeTabs(facts, ss.getActiveSheet().getSheetId()),
  };
}

/** Shows the chosen tab. A hidden tab is refused rather than un-hidden: that is the user's call. */
export function activateTab(input: ApiParsedInput<'activateTab'>): ApiResults['activateTab'] {
  const ss = activeSpreadsheet();
  const sheet = sheetById(ss, input.sheetId);
  if (sheet.isSheetHidden()) {
    throw new UserError(`Tab "${sheet.getName()}" is hidden. Show it from the tab list (View > Hidden sheets) first.`);
  }
  ss.setActiveSheet(sheet);
  return { name: sheet.getName() };
}
