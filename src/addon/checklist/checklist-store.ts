/**
 * Which tab is the checklist and its column layout (document property `mapspec.checklist`, by sheet
 * id, like the mapping tabs' layouts), and reading that tab: values, display values and merged
 * ranges of the whole data range in a fixed number of calls, whatever its length.
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

/** Whole data range: values, display values, merges (phase rows merged across) — 7 calls. */
export function readChecklistGrid(sheet: GoogleAppsScript.Spreadsheet.Sheet): TabGrid {
  const name = sheet.getName();
  const sheetId = sheet.getSheetId();
  const lastRow = sheet.getLastRow();
  const lastColumn = sheet.getLastColumn();
  if (lastRow === 0 || lastColumn === 0) return { name, sheetId, values: [], display: [], merges: [] };
  const range = sheet.getRange(1, 1, lastRow, lastColumn);
  // Merges are phase headings (one per phase, not per task): their addresses are read once each.
  const merges = range
    .getMergedRanges()
    .map((m) => parseA1(m.getA1Notation()))
    .filter((m): m is Merge => m !== null);
  return { name, sheetId, values: range.getValues(), display: range.getDisplayValues(), merges };
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
  const grid = readChecklistGrid(sheet);
  const table = readChecklist(grid, detectionFromLayout(grid, stored.layout));
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
