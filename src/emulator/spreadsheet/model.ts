/**
 * The workbook data model's helpers: creating workbooks and sheets (the data shapes are in ../state.ts).
 */
import type { SheetData, WorkbookData } from '../state';

export function newSheet(id: number, name: string, rows = 1000, columns = 26): SheetData {
  return {
    id, name, hidden: false, tabColor: null, frozenRows: 0, frozenColumns: 0,
    maxRows: rows, maxColumns: columns, rows: [], merges: [], protections: [],
    columnWidths: {}, rowHeights: {},
  };
}

export function newWorkbook(name: string): WorkbookData {
  return {
    id: 'local-' + Math.random().toString(36).slice(2, 12),
    name, locale: 'en_US', timeZone: 'Etc/UTC',
    sheets: [newSheet(0, 'Sheet1')], nextSheetId: 1,
    active: { sheetId: 0, a1: 'A1' },
    developerMetadata: [], nextMetadataId: 1,
  };
}
