/**
 * The checklist's menu item: "Insert implementation checklist" inserts the detailed form and opens the
 * sidebar on the Checklist panel; a refusal (a checklist already exists) is an alert with its message.
 */
import { isUserError } from '../../core/errors';
import { insertChecklist } from '../handlers/checklist';
import { requestPanel } from '../spec/spec-store';
import { showSidebar } from '../menu';

export function insertChecklistFromMenu(): void {
  try {
    const view = insertChecklist({});
    SpreadsheetApp.getActiveSpreadsheet().toast(`Added the checklist tab "${view.tab?.name ?? ''}".`, 'Mapspec checklist', 8);
  } catch (e) {
    if (!isUserError(e)) throw e;
    SpreadsheetApp.getUi().alert('Mapspec', e.message, SpreadsheetApp.getUi().ButtonSet.OK);
  }
  requestPanel({ panel: 'checklist', sheetId: null, kind: null });
  showSidebar();
}
