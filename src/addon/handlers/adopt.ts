/**
 * Adopting tabs: detect a tab's header row and column roles for the person to confirm, save the
 * confirmed layout (by sheet id), or stop treating a tab as part of the spec.
 */
import type { ApiParsedInput, ApiResults, RegisteredKind, RoleOption } from '../../core/api';
import type { Layout } from '../../core/mapping/layout';
import { loadChecklistLayout } from '../checklist/checklist-store';
import { UserError } from '../../core/errors';
import { detectLayout } from '../../core/mapping/header-detect';
import { detectedChoice, layoutFromChoice } from '../../core/mapping/layout-choice';
import { ROLES } from '../../core/mapping/roles';
import { activeSpreadsheet, sheetById } from '../adapters/spreadsheet';
import { withDocumentLock } from '../adapters/lock';
import { readTabGrid } from '../adapters/tab-grid';
import { readPaintMemory, writePaintMemory } from '../adapters/paint-store';
import { loadSpec, removeLayout, saveLayouts } from '../spec/spec-store';
import { isInternalSheet } from '../spec/registered-tabs';
import { restoreTab } from '../spec/paint';
import { sidebarState } from './sidebar-state';

const ROLE_OPTIONS: RoleOption[] = ROLES.map((r) => ({ role: r.role, label: r.label }));

function specSheet(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, sheetId: number): GoogleAppsScript.Spreadsheet.Sheet {
  const sheet = sheetById(ss, sheetId);
  if (isInternalSheet(sheet.getName())) throw new UserError(`"${sheet.getName()}" is where Mapspec keeps its own data; it cannot be part of the spec.`);
  return sheet;
}

/** Detects the layout of a tab (reads it whole: four calls), without changing anything. */
export function detectTab(input: ApiParsedInput<'detectTab'>): ApiResults['detectTab'] {
  const ss = activeSpreadsheet();
  const spec = loadSpec();
  const sheetId = input.sheetId ?? ss.getActiveSheet().getSheetId();
  const sheet = specSheet(ss, sheetId);
  const { grid } = readTabGrid(sheet);
  const detection = detectLayout(grid, spec.mapping);
  const saved = spec.layouts.get(sheetId);
  return {
    sheetId,
    name: grid.name,
    detection,
    registered:
      saved && saved.kind !== 'none'
        ? { kind: saved.kind, headerRow: saved.headerRow, keyColumn: saved.keyColumn, managedIds: saved.managedIds, roles: saved.columns.map((c) => ({ column: c.column, role: c.role })) }
        : null,
    roleOptions: ROLE_OPTIONS,
  };
}

/** Saves the layout the person confirmed; the tab is part of the spec from now on. */
export function registerTab(input: ApiParsedInput<'registerTab'>): ApiResults['registerTab'] {
  const ss = activeSpreadsheet();
  return withDocumentLock(() => {
    const spec = loadSpec();
    const sheet = specSheet(ss, input.sheetId);
    const { grid } = readTabGrid(sheet);
    const layout = layoutFromChoice(grid, input);
    saveLayouts(new Map([[input.sheetId, layout]]), new Map([[input.sheetId, sheet.getName()]]));
    spec.layouts.set(input.sheetId, layout);
    return sidebarState(ss, spec);
  });
}

/** Removes a tab from the spec, putting back the fills Mapspec replaced on it first. */
export function unregisterTab(input: ApiParsedInput<'unregisterTab'>): ApiResults['unregisterTab'] {
  const ss = activeSpreadsheet();
  return withDocumentLock(() => {
    const spec = loadSpec();
    const layout = spec.layouts.get(input.sheetId);
    if (!layout) throw new UserError('That tab is not part of the spec. Refresh the sidebar to see the current tabs.');
    const sheet = sheetById(ss, input.sheetId);
    const memory = readPaintMemory(ss);
    const previous = memory.get(input.sheetId);
    if (previous) {
      restoreTab(sheet, readTabGrid(sheet).grid, layout, previous);
      memory.delete(input.sheetId);
      writePaintMemory(ss, memory);
    }
    removeLayout(input.sheetId);
    spec.layouts.delete(input.sheetId);
    return sidebarState(ss, spec);
  });
}

/**
 * The tabs that look like part of a spec, as detection reads them (not hidden, not Mapspec's own, not
 * yet registered, not the checklist): listed with the kind detected, or — without dryRun — all
 * registered at once with the detected roles, the ID column detected but not confirmed (so the key
 * rules wait for a person, as on the command line). Reads each candidate tab once.
 */
export function adoptAllTabs(input: ApiParsedInput<'adoptAllTabs'>): ApiResults['adoptAllTabs'] {
  const ss = activeSpreadsheet();
  const run = () => {
    const spec = loadSpec();
    const checklistId = loadChecklistLayout()?.layout.sheetId ?? null;
    const found: { sheet: GoogleAppsScript.Spreadsheet.Sheet; layout: Layout; kind: RegisteredKind }[] = [];
    for (const sheet of ss.getSheets()) {
      const id = sheet.getSheetId();
      if (sheet.isSheetHidden() || isInternalSheet(sheet.getName()) || spec.layouts.has(id) || id === checklistId) continue;
      const { grid } = readTabGrid(sheet);
      const choice = detectedChoice(detectLayout(grid, spec.mapping));
      if (choice) found.push({ sheet, layout: layoutFromChoice(grid, choice), kind: choice.kind });
    }
    const tabs = found.map((f) => ({ sheetId: f.sheet.getSheetId(), name: f.sheet.getName(), kind: f.kind }));
    if (input.dryRun || found.length === 0) return { tabs, state: null };
    saveLayouts(new Map(found.map((f) => [f.sheet.getSheetId(), f.layout])), new Map(found.map((f) => [f.sheet.getSheetId(), f.sheet.getName()])));
    for (const f of found) spec.layouts.set(f.sheet.getSheetId(), f.layout);
    return { tabs, state: sidebarState(ss, spec) };
  };
  return input.dryRun ? run() : withDocumentLock(run);
}
