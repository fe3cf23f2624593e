/**
 * Summaries of a spreadsheet's tabs for the sidebar: pure, from what the adapter read and which tabs
 * are registered as part of the spec.
 */
import type { RegisteredKind, TabSummary } from './api';

export type SheetFacts = { sheetId: number; name: string; hidden: boolean; lastRow: number; lastColumn: number };

export function summarizeTabs(
  sheets: readonly SheetFacts[],
  activeSheetId: number | null,
  kinds: ReadonlyMap<number, RegisteredKind> = new Map(),
): TabSummary[] {
  return sheets.map((s, i) => ({
    sheetId: s.sheetId,
    name: s.name,
    position: i + 1,
    hidden: s.hidden,
    lastRow: s.lastRow,
    lastColumn: s.lastColumn,
    active: s.sheetId === activeSheetId,
    kind: kinds.get(s.sheetId) ?? null,
  }));
}
