/**
 * Summaries of a spreadsheet's tabs for the sidebar: pure, from what the adapter read.
 */
import type { TabSummary } from './api';

export type SheetFacts = { sheetId: number; name: string; hidden: boolean; lastRow: number; lastColumn: number };

export function summarizeTabs(sheets: readonly SheetFacts[], activeSheetId: number | null): TabSummary[] {
  return sheets.map((s, i) => ({
    sheetId: s.sheetId,
    name: s.name,
    position: i + 1,
    hidden: s.hidden,
    lastRow: s.lastRow,
    lastColumn: s.lastColumn,
    active: s.sheetId === activeSheetId,
  }));
}
