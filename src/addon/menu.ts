/**
 * The add-on menu and the sidebar. onOpen may run in AuthMode.NONE (before the add-on is used in
 * this document), where Apps Script allows nothing but building the menu: so it only builds it.
 */
import { MENU_ITEMS } from './menu-items';

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
