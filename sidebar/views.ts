/**
 * Moving between the sidebar's views, for the panels: the tab list, the Adopt panel for one tab, the
 * Checks panel and the Settings panel. main.ts provides the implementation; panels call these, which keeps the panel
 * modules free of imports of each other.
 */
import type { RegisteredKind } from '../src/core/api';

export interface Views {
  /** The Spec panel's tab list; `focusSheetId` puts the focus on that tab's button. */
  showTabs(options?: { focusSheetId?: number }): void;
  /** The Adopt panel for one tab (null: the sheet's active tab); `kind` is what the person asked to use it as. */
  showAdopt(sheetId: number | null, kind: RegisteredKind | null): void;
  /** The Checks panel; `run` starts a run at once; `focus` puts the focus on "Run checks". */
  showChecks(options?: { run?: boolean; focus?: boolean }): void;
  /** The Settings panel; `focus` puts the focus on the panel (when a control elsewhere sent the person there). */
  showSettings(options?: { focus?: boolean }): void;
}

let impl: Views | null = null;

export function provideViews(views: Views): void {
  impl = views;
}

function get(): Views {
  if (!impl) throw new Error('Sidebar views used before main.ts provided them');
  return impl;
}

export const views: Views = {
  showTabs: (options) => get().showTabs(options),
  showAdopt: (sheetId, kind) => get().showAdopt(sheetId, kind),
  showChecks: (options) => get().showChecks(options),
  showSettings: (options) => get().showSettings(options),
};
