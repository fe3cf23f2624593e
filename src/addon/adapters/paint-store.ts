/**
 * The fills Mapspec replaced, so "Clear Mapspec colours" can put them back: per registered tab, a
 * compact text of its paint memory (see paint-codec.ts) in one row of a hidden sheet — too much for
 * properties' 9 KB values on a long spec. Read and written whole, in a fixed number of calls.
 */
import { chunkText, decodePaintMemory, encodePaintMemory } from '../../core/mapping/paint-codec';
import type { PaintMemory } from '../../core/mapping/colours';
import { insertSheetQuietly } from './spreadsheet';

export const PAINT_SHEET = '_mapspec_colours';

export type PaintMemoryByTab = Map<number, Record<string, PaintMemory>>;

function storeSheet(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, create: boolean): GoogleAppsScript.Spreadsheet.Sheet | null {
  const sheet = ss.getSheetByName(PAINT_SHEET);
  if (sheet || !create) return sheet;
  return insertSheetQuietly(ss, PAINT_SHEET, { hidden: true });
}

export function readPaintMemory(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): PaintMemoryByTab {
  const memory: PaintMemoryByTab = new Map();
  const sheet = storeSheet(ss, false);
  if (!sheet) return memory;
  for (const [id, ...chunks] of sheet.getDataRange().getValues()) {
    const sheetId = Number(id);
    if (id === '' || !Number.isInteger(sheetId)) continue;
    memory.set(sheetId, decodePaintMemory(chunks.map(String).join('')));
  }
  return memory;
}

export function writePaintMemory(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, memory: PaintMemoryByTab): void {
  const rows = [...memory].filter(([, m]) => Object.keys(m).length > 0).map(([id, m]) => [String(id), ...chunkText(encodePaintMemory(m))]);
  const sheet = storeSheet(ss, rows.length > 0);
  if (!sheet) return;
  sheet.clearContents();
  if (rows.length === 0) return;
  const width = Math.max(...rows.map((r) => r.length));
  const grid = rows.map((r) => [...r, ...Array<string>(width - r.length).fill('')]);
  // Only a spec of tens of thousands of painted rows needs more than the sheet's 26 columns.
  if (width > sheet.getMaxColumns()) sheet.insertColumnsAfter(sheet.getMaxColumns(), width - sheet.getMaxColumns());
  const range = sheet.getRange(1, 1, grid.length, width);
  // Plain text, so the stored text is never read as a number, date or formula.
  range.setNumberFormat('@');
  range.setValues(grid);
}
