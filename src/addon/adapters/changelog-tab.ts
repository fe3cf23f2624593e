/**
 * The Changelog tab: regenerated from the version index after each tag (one write), so what it
 * shows is always the store's account. Editing it changes nothing: the store is the index, and the
 * next tag writes the tab again. Found by the sheet id Mapspec kept, so renaming it is fine.
 */
import { CHANGELOG_HEADER, changelogRows } from '../../core/versions/changelog';
import type { VersionIndexEntry } from '../../core/versions/types';
import { writeDocumentProperties } from './properties';
import { insertSheetQuietly } from './spreadsheet';
import { uniqueName } from '../../core/mapping/template-sheets';
import { writeTextCells } from './text-cells';

const CHANGELOG_KEY = 'mapspec.changelog';
export const CHANGELOG_NAME = 'Changelog';

function changelogSheet(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, props: Record<string, string>): GoogleAppsScript.Spreadsheet.Sheet {
  const id = Number(props[CHANGELOG_KEY]);
  const sheets = ss.getSheets();
  const kept = props[CHANGELOG_KEY] !== undefined ? sheets.find((s) => s.getSheetId() === id) : undefined;
  if (kept) return kept;
  const name = uniqueName(CHANGELOG_NAME, new Set(sheets.map((s) => s.getName())));
  const sheet = insertSheetQuietly(ss, name, { index: sheets.length });
  sheet.setFrozenRows(1);
  writeDocumentProperties({ [CHANGELOG_KEY]: String(sheet.getSheetId()) });
  return sheet;
}

export function writeChangelog(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, props: Record<string, string>, entries: readonly VersionIndexEntry[]): void {
  const sheet = changelogSheet(ss, props);
  const rows: (string | number)[][] = [CHANGELOG_HEADER, ...changelogRows(entries, ss.getSpreadsheetTimeZone())];
  sheet.clearContents();
  if (rows.length > sheet.getMaxRows()) sheet.insertRowsAfter(sheet.getMaxRows(), rows.length - sheet.getMaxRows());
  writeTextCells(sheet.getRange(1, 1, rows.length, CHANGELOG_HEADER.length), rows);
  sheet.getRange(1, 1, 1, CHANGELOG_HEADER.length).setFontWeight('bold');
}
