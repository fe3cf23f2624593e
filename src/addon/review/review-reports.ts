/**
 * The review module's writes for people to read, all derived from the records: the Sign-offs tab
 * (regenerated in one write; found by the sheet id Mapspec kept, so renaming it is fine), the
 * approval lines of the README tab, and the warning-only protection of registered tabs while a
 * version is in review (applied from the core's protectionPlan). None of these is a record: if writing one fails, the records stand and the
 * next review action writes it again.
 */
import { reportMatches, readmeApprovalBlock, SIGN_OFFS_HEADER, type ProtectionPlan } from '../../core/review';
import { uniqueName } from '../../core/mapping/template-sheets';
import { writeDocumentProperties } from '../adapters/properties';
import { insertSheetQuietly } from '../adapters/spreadsheet';
import { writeTextCells } from '../adapters/text-cells';

const SIGN_OFFS_KEY = 'mapspec.signoffs.tab';
export const SIGN_OFFS_NAME = 'Sign-offs';
const PROTECTION_PREFIX = 'Mapspec review: ';

function keptSheet(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, props: Record<string, string>): GoogleAppsScript.Spreadsheet.Sheet | null {
  if (props[SIGN_OFFS_KEY] === undefined) return null;
  const id = Number(props[SIGN_OFFS_KEY]);
  return ss.getSheets().find((s) => s.getSheetId() === id) ?? null;
}

/** Rewrites the Sign-offs tab from the records (creating it the first time). */
export function writeSignOffsTab(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, props: Record<string, string>, rows: string[][]): void {
  let sheet = keptSheet(ss, props);
  if (!sheet) {
    const sheets = ss.getSheets();
    sheet = insertSheetQuietly(ss, uniqueName(SIGN_OFFS_NAME, new Set(sheets.map((s) => s.getName()))), { index: sheets.length });
    sheet.setFrozenRows(1);
    writeDocumentProperties({ [SIGN_OFFS_KEY]: String(sheet.getSheetId()) });
  }
  const values = [SIGN_OFFS_HEADER, ...rows];
  sheet.clearContents();
  if (values.length > sheet.getMaxRows()) sheet.insertRowsAfter(sheet.getMaxRows(), values.length - sheet.getMaxRows());
  if (SIGN_OFFS_HEADER.length > sheet.getMaxColumns()) sheet.insertColumnsAfter(sheet.getMaxColumns(), SIGN_OFFS_HEADER.length - sheet.getMaxColumns());
  const range = sheet.getRange(1, 1, values.length, SIGN_OFFS_HEADER.length);
  // Plain text: a time, a hash or a comment is shown as written, never read as a date or formula.
  writeTextCells(range, values);
  sheet.getRange(1, 1, 1, SIGN_OFFS_HEADER.length).setFontWeight('bold');
}

/** Whether the Sign-offs tab still shows what the records say (one read); true when there is no tab yet. */
export function signOffsTabMatches(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, props: Record<string, string>, rows: string[][]): boolean {
  const sheet = keptSheet(ss, props);
  if (!sheet) return rows.length === 0 || props[SIGN_OFFS_KEY] === undefined;
  return reportMatches([SIGN_OFFS_HEADER, ...rows], sheet.getDataRange().getValues());
}

/** Writes the two approval lines under "Approval" in the README tab Mapspec inserted, when they changed. */
export function writeReadmeApproval(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, readmeSheetId: number | null, lines: [string, string]): void {
  if (readmeSheetId === null) return;
  const sheet = ss.getSheets().find((s) => s.getSheetId() === readmeSheetId);
  if (!sheet) return;
  const lastRow = sheet.getLastRow();
  const columnA = lastRow === 0 ? [] : sheet.getRange(1, 1, lastRow, 1).getValues().map((r) => r[0]);
  const block = readmeApprovalBlock(columnA, lines);
  const same = block.values.every((v, i) => String(columnA[block.firstRow - 1 + i] ?? '') === v[0]!);
  if (same) return;
  const lastNeeded = block.firstRow + block.values.length - 1;
  if (lastNeeded > sheet.getMaxRows()) sheet.insertRowsAfter(sheet.getMaxRows(), lastNeeded - sheet.getMaxRows());
  const range = sheet.getRange(block.firstRow, 1, block.values.length, 1);
  writeTextCells(range, block.values);
  // A new block starts with its heading, bold like the README's other headings.
  if (block.values.length === 3) sheet.getRange(block.firstRow, 1).setFontWeight('bold');
}

/**
 * Protects (warning-only) each given tab that has no sheet protection yet; returns the ids protected.
 * A tab the person protected themselves is left alone (and so never unprotected by Mapspec).
 */
export function protectTabs(sheets: readonly GoogleAppsScript.Spreadsheet.Sheet[], label: string): number[] {
  const done: number[] = [];
  for (const sheet of sheets) {
    if (sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET).length > 0) continue;
    sheet.protect().setDescription(`${PROTECTION_PREFIX}${label} is in review; edits here change what the approvers are reading.`).setWarningOnly(true);
    done.push(sheet.getSheetId());
  }
  return done;
}

/** Removes the protections Mapspec set for a review; returns notices for any it could not remove. */
export function unprotectTabs(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, sheetIds: readonly number[]): string[] {
  if (!sheetIds.length) return [];
  const notices: string[] = [];
  const wanted = new Set(sheetIds);
  for (const sheet of ss.getSheets()) {
    if (!wanted.has(sheet.getSheetId())) continue;
    for (const p of sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET)) {
      if (!p.getDescription().startsWith(PROTECTION_PREFIX)) continue;
      try {
        p.remove();
      } catch {
        notices.push(`Mapspec could not remove its review protection from "${sheet.getName()}" (you may not own it): remove it from Data > Protect sheets and ranges.`);
      }
    }
  }
  return notices;
}

/** Applies the protection the records imply: removes ended reviews' protection, puts back open ones'. */
export function applyProtectionPlan(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, plan: ProtectionPlan): string[] {
  const notices = unprotectTabs(ss, plan.unprotect);
  if (plan.protect.length) {
    const sheets = ss.getSheets();
    for (const p of plan.protect) {
      const ids = new Set(p.sheetIds);
      protectTabs(sheets.filter((s) => ids.has(s.getSheetId())), p.label);
    }
  }
  return notices;
}
