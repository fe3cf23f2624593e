/**
 * The add-on menu and what its items do. onOpen may run in AuthMode.NONE (before the add-on is used
 * in this document), where Apps Script allows nothing but building the menu: so it only builds it.
 * Items that need choices (adopting a tab, reading findings) open the sidebar on the right panel.
 */
import type { RegisteredKind, SidebarPanel } from '../core/api';
import { isUserError } from '../core/errors';
import { MENU_ITEMS } from './menu-items';
import { requestPanel } from './spec/spec-store';
import { clearColours } from './handlers/checks';
import { insertTemplate } from './handlers/template';

/** Builds Extensions > Mapspec from MENU_ITEMS (the registry's menu entries, in order). */
export function buildMenu(): void {
  const menu = SpreadsheetApp.getUi().createAddonMenu();
  for (const item of MENU_ITEMS) {
    if (item === 'separator') menu.addSeparator();
    else menu.addItem(item.caption, item.functionName);
  }
  menu.addToUi();
}

/** Opens the Mapspec sidebar (build/Sidebar.html, one self-contained file). */
export function showSidebar(): void {
  const html = HtmlService.createHtmlOutputFromFile('Sidebar').setTitle('Mapspec');
  SpreadsheetApp.getUi().showSidebar(html);
}

function openOn(panel: SidebarPanel, sheetId: number | null = null, kind: RegisteredKind | null = null): void {
  requestPanel({ panel, sheetId, kind });
  showSidebar();
}

/** A menu item's own mistakes are shown as an alert with their message, not a stack trace. */
function reportingErrors(fn: () => void): void {
  try {
    fn();
  } catch (e) {
    if (!isUserError(e)) throw e;
    SpreadsheetApp.getUi().alert('Mapspec', e.message, SpreadsheetApp.getUi().ButtonSet.OK);
  }
}

export function insertTemplateFromMenu(): void {
  reportingErrors(() => {
    const { created } = insertTemplate({});
    SpreadsheetApp.getActiveSpreadsheet().toast(`Added ${created.join(', ')}.`, 'Mapspec template', 8);
    openOn('tabs');
  });
}

export function useTabAsMappingSpec(): void {
  openOn('adopt', SpreadsheetApp.getActiveSheet().getSheetId(), 'mapping');
}

export function useTabAsValueMap(): void {
  openOn('adopt', SpreadsheetApp.getActiveSheet().getSheetId(), 'value-map');
}

/** Opens the sidebar on its Versions panel (tag a version, compare, open an old one). */
export function openVersions(): void {
  openOn('versions');
}

/** Opens the sidebar on its Settings panel (blank markers, colours). */
export function openSettings(): void {
  openOn('settings');
}

/** Opens the checks panel, which runs the checks as it opens (one sidebar call). */
export function runChecksFromMenu(): void {
  openOn('checks');
}

export function clearColoursFromMenu(): void {
  reportingErrors(() => {
    const { restoredCells } = clearColours({});
    SpreadsheetApp.getActiveSpreadsheet().toast(
      restoredCells ? `Put back the fills of ${restoredCells} cells.` : 'There were no Mapspec colours to clear.',
      'Mapspec',
      5,
    );
  });
}
