/**
 * Which tab is the checklist and its column layout (document property `mapspec.checklist`, by sheet
 * id, like the mapping tabs' layouts), and reading that tab: values and display values of the whole
 * data range, and the merges of the phase column only, in a fixed number of calls whatever its length
 * (plus one per phase merged in that column, at most MAX_PHASE_MERGES).
 */
import { UserError } from '../../core/errors';
import { detectionFromLayout, parseChecklistLayout, readChecklist, type ChecklistLayout, type ChecklistTable } from '../../core/checklist';
import type { Merge, TabGrid } from '../../core/mapping/grid';
import { jsonValue, parseJson, readAllDocumentProperties, writeDocumentProperties } from '../adapters/properties';
import { parseA1 } from '../adapters/tab-grid';

const KEY = 'mapspec.checklist';
/** The tab's name when last seen, to name it if it is deleted. */
const NAME_KEY = 'mapspec.checklist.name';

export type StoredChecklist = { layout: ChecklistLayout; name: string };

export function loadChecklistLayout(props: Record<string, string> = readAllDocumentProperties()): StoredChecklist | null {
  const layout = parseChecklistLayout(parseJson(props[KEY]));
  return layout ? { layout, name: props[NAME_KEY] ?? '' } : null;
}

export function saveChecklistLayout(layout: ChecklistLayout, name: string): void {
  writeDocumentProperties({ [KEY]: jsonValue(layout, 'the layout of the checklist tab'), [NAME_KEY]: name.slice(0, 200) });
}

/**
 * Whole data range: values and display values — 6 calls. Merges are read separately, for one column
 * only (readColumnMerges): what adoption detects needs none.
 */
export function readChecklistGrid(sheet: GoogleAppsScript.Spreadsheet.Sheet): TabGrid {
  const name = sheet.getName();
  const sheetId = sheet.getSheetId();
  const lastRow = sheet.getLastRow();
  const lastColumn = sheet.getLastColumn();
  if (lastRow === 0 || lastColumn === 0) return { name, sheetId, values: [], display: [], merges: [] };
  const range = sheet.getRange(1, 1, lastRow, lastColumn);
  return { name, sheetId, values: range.getValues(), display: range.getDisplayValues(), merges: [] };
}

/**
 * Merges beyond this many in the phase column are not read: each costs one call (its address), and a
 * checklist has one per phase at most, so this is far above any real one.
 */
export const MAX_PHASE_MERGES = 60;

/**
 * The merged ranges touching one column (the phase column, else the task column): phase headings
 * merged across the row start there, and phase cells merged down over their tasks are there. Other
 * merges in the tab (notes, comments) are never read, so they cost nothing.
 */
export function readColumnMerges(sheet: GoogleAppsScript.Spreadsheet.Sheet, column: number, lastRow: number): Merge[] {
  if (lastRow === 0) return [];
  return sheet
    .getRange(1, column, lastRow, 1)
    .getMergedRanges()
    .slice(0, MAX_PHASE_MERGES)
    .map((m) => parseA1(m.getA1Notation()))
    .filter((m): m is Merge => m !== null);
}

export type ChecklistRead = { sheet: GoogleAppsScript.Spreadsheet.Sheet; layout: ChecklistLayout; grid: TabGrid; table: ChecklistTable };

/** The registered checklist tab, or null when none is registered or it was deleted. */
export function findChecklistSheet(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, stored: StoredChecklist | null): GoogleAppsScript.Spreadsheet.Sheet | null {
  if (!stored) return null;
  const sheet = ss.getSheets().find((s) => s.getSheetId() === stored.layout.sheetId) ?? null;
  return sheet;
}

/** Reads the registered checklist tab with its saved layout. */
export function readRegisteredChecklist(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, stored: StoredChecklist | null): ChecklistRead | null {
  const sheet = findChecklistSheet(ss, stored);
  if (!stored || !sheet) return null;
  const values = readChecklistGrid(sheet);
  const detection = detectionFromLayout(values, stored.layout);
  const column = detection.roles.phase ?? detection.roles.task;
  const grid = column === undefined ? values : { ...values, merges: readColumnMerges(sheet, column, values.values.length) };
  const table = readChecklist(grid, detection);
  return { sheet, layout: stored.layout, grid, table };
}

/** Like readRegisteredChecklist, but a UserError when there is no checklist tab to act on. */
export function requireChecklist(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, stored: StoredChecklist | null): ChecklistRead {
  if (!stored) throw new UserError('This spreadsheet has no checklist yet. Insert one or adopt a tab from the Checklist panel.');
  const read = readRegisteredChecklist(ss, stored);
  if (!read) throw new UserError(`The checklist tab${stored.name ? ` "${stored.name}"` : ''} was deleted. Insert the checklist again or adopt another tab.`);
  if (read.table.detection.roles.task === undefined) {
    throw new UserError(`Tab "${read.grid.name}": the task column is no longer in header row ${read.layout.headerRow}. Adopt the tab again to confirm its columns.`);
  }
  return read;
}
