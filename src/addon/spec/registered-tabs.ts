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

/**
 * The registered tabs in tab order. `dropped` receives a message for each registered tab that was
 * deleted since (its layout is removed from Mapspec's store).
 */
export function registeredTabs(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, spec: Spec, dropped: string[] = []): RegisteredTab[] {
  const tabs: RegisteredTab[] = [];
  const present = new Set<number>();
  for (const sheet of ss.getSheets()) {
    const sheetId = sheet.getSheetId();
    present.add(sheetId);
    const layout = spec.layouts.get(sheetId);
    if (layout) tabs.push({ sheet, sheetId, layout });
  }
  for (const id of [...spec.layouts.keys()]) {
    if (!present.has(id)) {
      const name = spec.names.get(id);
      dropped.push(`${name ? `The tab "${name}"` : 'A tab that was part of the spec'} was deleted, so Mapspec no longer checks or versions it.`);
      removeLayout(id);
      spec.layouts.delete(id);
    }
  }
  return tabs;
}
