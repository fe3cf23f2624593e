/**
 * Writing the checklist tab: inserting it (template or imported Markdown, a README's sub-sections and
 * free text as rows of their own) in batched calls — one
 * setValues, one call per format, one validation rule per column — and mirroring a recorded sign-off
 * into a task's row. The core decides the rows (checklistSheet); this file only writes them.
 */
import { checklistSheet, CHECKLIST_COLUMNS, type Checklist, type ChecklistLayout, type ChecklistRole, type PhaseBlock } from '../../core/checklist';
import { uniqueName } from '../../core/mapping/template-sheets';
import type { ChecklistRead } from './checklist-store';
import { writeTextCells } from '../adapters/text-cells';

const HEADER_FILL = '#f1f3f4';
const PHASE_FILL = '#d9e2f3';
/** Rows below the tasks that get the dropdowns too, for tasks added by hand. */
const SPARE_ROWS = 100;
const WIDTHS: { [role in ChecklistRole]?: number } = {
  phase: 160, task: 360, owner: 180, due: 100, status: 110, 'sign-off-required': 90, 'signed-off-by': 180, 'signed-off-at': 130, evidence: 180, notes: 240, id: 70,
};

/**
 * Inserts a tab holding `checklist` (after the last tab) and returns it with its layout. The caller
 * deletes the tab again if anything after this fails.
 */
export function insertChecklistTab(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  checklist: Checklist,
  wantedName: string,
  made: GoogleAppsScript.Spreadsheet.Sheet[],
  blocks?: readonly (readonly PhaseBlock[])[],
): { sheet: GoogleAppsScript.Spreadsheet.Sheet; layout: ChecklistLayout } {
  const data = checklistSheet(checklist, blocks);
  const name = uniqueName(wantedName, new Set(ss.getSheets().map((s) => s.getName())));
  const sheet = ss.insertSheet(name, ss.getNumSheets());
  made.push(sheet);
  const width = data.header.length;
  const rows = [data.header, ...data.rows.map((r) => r.values)];
  const needed = rows.length + SPARE_ROWS;
  if (sheet.getMaxRows() < needed) sheet.insertRowsAfter(sheet.getMaxRows(), needed - sheet.getMaxRows());
  if (sheet.getMaxColumns() < width) sheet.insertColumnsAfter(sheet.getMaxColumns(), width - sheet.getMaxColumns());
  // Task IDs are text: as numbers "3.10" would read back as 3.1, the ID of another task.
  sheet.getRange(1, data.columns.id!, needed, 1).setNumberFormat('@');
  const block = sheet.getRange(1, 1, rows.length, width);
  writeTextCells(block, rows);
  // Phase rows stand out: bold on a band colour, like the header; a README's sub-sections bold.
  const kinds = ['header', ...data.rows.map((r) => r.kind)];
  block.setFontWeights(kinds.map((k) => rows[0]!.map(() => (k === 'task' || k === 'note' ? 'normal' : 'bold'))));
  block.setBackgrounds(kinds.map((k) => rows[0]!.map(() => (k === 'header' ? HEADER_FILL : k === 'phase' ? PHASE_FILL : null))) as string[][]);
  block.setWrap(true);
  sheet.setFrozenRows(1);
  CHECKLIST_COLUMNS.forEach((c, i) => sheet.setColumnWidth(i + 1, WIDTHS[c.role] ?? 120));
  const col = data.columns;
  const dataRows = rows.length - 1 + SPARE_ROWS;
  const list = (values: string[]) => SpreadsheetApp.newDataValidation().requireValueInList(values, true).setAllowInvalid(false).build();
  const date = SpreadsheetApp.newDataValidation().requireDate().setAllowInvalid(false).setHelpText('A date, e.g. 2025-06-30.').build();
  sheet.getRange(2, col.status!, dataRows, 1).setDataValidation(list(data.statuses));
  sheet.getRange(2, col['sign-off-required']!, dataRows, 1).setDataValidation(list(['Yes', 'No']));
  sheet.getRange(2, col.due!, dataRows, 1).setDataValidation(date).setNumberFormat('yyyy-mm-dd');
  sheet.getRange(2, col['signed-off-at']!, dataRows, 1).setDataValidation(date).setNumberFormat('yyyy-mm-dd hh:mm');
  const headers: ChecklistLayout['headers'] = {};
  for (const [role, c] of Object.entries(col) as [ChecklistRole, number][]) headers[role] = data.header[c - 1]!;
  return { sheet, layout: { sheetId: sheet.getSheetId(), headerRow: 1, roles: { ...col }, headers, title: checklist.title } };
}

/**
 * Writes cells of one task row (column → value): one setValues per run of side-by-side columns, so
 * the inserted tab's Signed off by / Signed off at / Evidence take one call. Cells not named are not
 * touched (a column between two mirrored ones keeps what the person wrote).
 */
export function writeRowCells(read: ChecklistRead, row: number, cells: ReadonlyMap<number, unknown>): void {
  const cols = [...cells.keys()].sort((a, b) => a - b);
  let start = 0;
  for (let i = 1; i <= cols.length; i++) {
    if (i < cols.length && cols[i] === cols[i - 1]! + 1) continue;
    const run = cols.slice(start, i);
    if (run.length) writeTextCells(read.sheet.getRange(row, run[0]!, 1, run.length), [run.map((c) => cells.get(c))]);
    start = i;
  }
}
