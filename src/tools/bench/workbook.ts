/**
 * Setup, not measured: a fresh emulator running the built add-on (build/Code.js) with the
 * manifest's scopes, the template inserted through the add-on, then the generated spec written with
 * one setValues per tab (three extra headers after column Q). Also clones a prepared state so each
 * measured run starts from the same workbook.
 */
import * as path from 'node:path';
import { Emulator } from '../../emulator/emulator';
import { runFunction } from '../../emulator/sandbox';
import { manifestScopes, readProjectFile } from '../build';
import { EXTRA_HEADERS, SPEC_WIDTH, TEMPLATE_WIDTH, type GeneratedSpec } from './spec-generator';

export const BUILD_DIR = path.resolve(__dirname, '../../../build');
export const CODE_PATH = path.join(BUILD_DIR, 'Code.js');
export const MAPPING_TAB = 'Mapping – Case registration';
export const VALUE_MAP_TAB = 'Value maps';
/** The template's first data row (band row, header row above). */
export const FIRST_DATA_ROW = 3;

export function newEmulator(state?: Emulator['state']): Emulator {
  return new Emulator({ scopes: manifestScopes(BUILD_DIR), readProjectFile: (name) => readProjectFile(BUILD_DIR, name), ...(state ? { state } : {}) });
}

export function cloneEmulator(emulator: Emulator): Emulator {
  return newEmulator(structuredClone(emulator.state));
}

/** The active spreadsheet through an unmeasured execution (setup only). */
export function spreadsheet(emulator: Emulator) {
  return emulator.execution().globals.SpreadsheetApp.getActiveSpreadsheet();
}

function grow(sheet: GoogleAppsScript.Spreadsheet.Sheet, rows: number, columns: number): void {
  if (sheet.getMaxRows() < rows) sheet.insertRowsAfter(sheet.getMaxRows(), rows - sheet.getMaxRows());
  if (sheet.getMaxColumns() < columns) sheet.insertColumnsAfter(sheet.getMaxColumns(), columns - sheet.getMaxColumns());
}

/** A workbook with the template inserted by the add-on and the spec written into it. */
export function buildWorkbook(spec: GeneratedSpec): Emulator {
  const emulator = newEmulator();
  const inserted = runFunction(emulator, 'insertTemplate', { codePath: CODE_PATH, args: [{}] });
  if (!inserted.ok) throw new Error(`insertTemplate failed: ${inserted.error?.message}`);
  const ss = spreadsheet(emulator);
  const tab = ss.getSheetByName(MAPPING_TAB);
  const maps = ss.getSheetByName(VALUE_MAP_TAB);
  if (!tab || !maps) throw new Error('the template did not create its tabs');
  grow(tab, FIRST_DATA_ROW - 1 + spec.rows.length, SPEC_WIDTH);
  tab.getRange(FIRST_DATA_ROW - 1, TEMPLATE_WIDTH + 1, 1, EXTRA_HEADERS.length).setValues([[...EXTRA_HEADERS]]);
  tab.getRange(FIRST_DATA_ROW, 1, spec.rows.length, SPEC_WIDTH).setValues(spec.rows);
  grow(maps, 1 + spec.valueMaps.length, 5);
  maps.getRange(2, 1, spec.valueMaps.length, 5).setValues(spec.valueMaps);
  return emulator;
}

/** Writes the spec's rows again (after changeCells), as one setValues. */
export function rewriteRows(emulator: Emulator, rows: string[][]): void {
  const tab = spreadsheet(emulator).getSheetByName(MAPPING_TAB)!;
  tab.getRange(FIRST_DATA_ROW, 1, rows.length, SPEC_WIDTH).setValues(rows);
}
