/**
 * What a workbook stores, read from the emulator state: the version snapshots (chars in the hidden
 * versions sheet, bytes of the version index properties) against the raw content of the spec tabs,
 * and the usage of every Apps Script limit the emulator enforces (property value and store size,
 * characters per cell, cells per spreadsheet), with the limits taken from the emulator itself.
 */
import type { EmulatorState, SheetData } from '../../emulator/state';
import { PROPERTY_STORE_MAX_BYTES, PROPERTY_VALUE_MAX_BYTES } from '../../emulator/services/properties';
import { MAX_CELL_CHARS } from '../../emulator/spreadsheet/values';
import { MAX_WORKBOOK_CELLS } from '../../emulator/spreadsheet/model';

export const VERSIONS_SHEET = '_mapspec_versions';
const VERSION_PROPERTY = 'mapspec.version.';

export interface StoredBytes {
  /** Characters of every cell in the hidden versions sheet (base64 text: chars = bytes). */
  snapshotChars: number;
  /** UTF-8 bytes (keys + values) of the version index entries in document properties. */
  indexPropertyBytes: number;
  /** UTF-8 bytes of every cell value in the spec tabs (mapping and value maps). */
  rawContentBytes: number;
  /** (snapshotChars + indexPropertyBytes) / rawContentBytes, per version stored. */
  ratioPerVersion: number;
  versions: number;
}

export interface LimitUsage {
  maxPropertyValueBytes: number;
  maxPropertyStoreBytes: number;
  maxCellChars: number;
  workbookCells: number;
  limits: { propertyValueBytes: number; propertyStoreBytes: number; cellChars: number; workbookCells: number };
  /** Human-readable: each limit exceeded. */
  exceeded: string[];
}

const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');

function cellText(v: unknown): string {
  return v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function sheetChars(sheet: SheetData, bytes: boolean): number {
  let n = 0;
  for (const row of sheet.rows) for (const cell of row ?? []) if (cell?.v !== undefined) n += bytes ? utf8(cellText(cell.v)) : cellText(cell.v).length;
  return n;
}

export function storedBytes(state: EmulatorState, specTabs: readonly string[]): StoredBytes {
  const sheets = state.workbook.sheets;
  const versionsSheet = sheets.find((s) => s.name === VERSIONS_SHEET);
  const snapshotChars = versionsSheet ? sheetChars(versionsSheet, false) : 0;
  const entries = Object.entries(state.properties.document).filter(([k]) => k.startsWith(VERSION_PROPERTY));
  const indexPropertyBytes = entries.reduce((n, [k, v]) => n + utf8(k) + utf8(v), 0);
  const rawContentBytes = sheets.filter((s) => specTabs.includes(s.name)).reduce((n, s) => n + sheetChars(s, true), 0);
  const versions = entries.length;
  return {
    snapshotChars,
    indexPropertyBytes,
    rawContentBytes,
    versions,
    ratioPerVersion: versions ? (snapshotChars + indexPropertyBytes) / versions / rawContentBytes : 0,
  };
}

export function limitUsage(state: EmulatorState): LimitUsage {
  const stores: Record<string, string>[] = [state.properties.script, state.properties.document, ...Object.values(state.properties.user)];
  let maxValue = 0;
  let maxStore = 0;
  for (const store of stores) {
    let total = 0;
    for (const [k, v] of Object.entries(store)) {
      maxValue = Math.max(maxValue, utf8(v));
      total += utf8(k) + utf8(v);
    }
    maxStore = Math.max(maxStore, total);
  }
  let maxCell = 0;
  let cells = 0;
  for (const sheet of state.workbook.sheets) {
    cells += sheet.maxRows * sheet.maxColumns;
    for (const row of sheet.rows) for (const cell of row ?? []) if (cell?.v !== undefined) maxCell = Math.max(maxCell, cellText(cell.v).length);
  }
  const limits = { propertyValueBytes: PROPERTY_VALUE_MAX_BYTES, propertyStoreBytes: PROPERTY_STORE_MAX_BYTES, cellChars: MAX_CELL_CHARS, workbookCells: MAX_WORKBOOK_CELLS };
  const exceeded: string[] = [];
  if (maxValue > limits.propertyValueBytes) exceeded.push(`a property value of ${maxValue} bytes (limit 9 KB)`);
  if (maxStore > limits.propertyStoreBytes) exceeded.push(`a property store of ${maxStore} bytes (limit 500 KB)`);
  if (maxCell > limits.cellChars) exceeded.push(`a cell of ${maxCell} characters (limit 50,000)`);
  if (cells > limits.workbookCells) exceeded.push(`${cells} cells in the spreadsheet (limit 10,000,000)`);
  return { maxPropertyValueBytes: maxValue, maxPropertyStoreBytes: maxStore, maxCellChars: maxCell, workbookCells: cells, limits, exceeded };
}
