/**
 * The registered tabs of the spreadsheet, in tab order, matched to their saved layouts by sheet id.
 * A layout whose tab was deleted is dropped from Mapspec's store (nothing else changes).
 */
import type { Layout } from '../../core/mapping/layout';
import { removeLayout, type Spec } from './spec-store';

export type RegisteredTab = { sheet: GoogleAppsScript.Spreadsheet.Sheet; sheetId: number; layout: Layout };

/** Mapspec's own sheets (hidden stores) are never part of the spec, nor listed. */
export function isInternalSheet(name: string): boolean {
  return name.startsWith('_mapspec');
}

export function registeredTabs(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, spec: Spec): RegisteredTab[] {
  const tabs: RegisteredTab[] = [];
  const present = new Set<number>();
  for (const sheet of ss.getSheets()) {
    const sheetId = sheet.getSheetId();
    present.add(sheetId);
    const layout = spec.layouts.get(sheetId);
    if (layout) tabs.push({ sheet, sheetId, layout });
  }
  for (const id of spec.layouts.keys()) {
    if (!present.has(id)) {
      removeLayout(id);
      spec.layouts.delete(id);
    }
  }
  return tabs;
}
