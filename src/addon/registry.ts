/**
 * THE registry of entry points: every function Apps Script calls by name — simple triggers, menu
 * items, and the sidebar's server functions. The build generates one top-level forwarding function
 * per entry (Apps Script only calls top-level function declarations) and checks that every name a
 * menu, trigger or sidebar call uses has one.
 */
import { dispatch, type ApiHandlers } from './dispatch';
import { buildMenu, showSidebar } from './menu';
import { activateTab, getSidebarState } from './handlers/sidebar-state';
import type { ApiName } from '../core/api';
import type { Json } from '../core/json';

export type EntryPoint = {
  /** Parameter names of the generated top-level function. */
  params: readonly string[];
  /** JSDoc summary for the generated function. */
  doc: string;
  run: (...args: never[]) => unknown;
};

const handlers: ApiHandlers = { getSidebarState, activateTab };

export const triggers = {
  onOpen: {
    params: ['e'],
    doc: 'Simple trigger: builds the Mapspec menu when the spreadsheet opens (any auth mode).\n@param {GoogleAppsScript.Events.SheetsOnOpen} e',
    run: (_e?: GoogleAppsScript.Events.SheetsOnOpen) => buildMenu(),
  },
  onInstall: {
    params: ['e'],
    doc: 'Runs when the add-on is installed from within a document: builds the menu at once.\n@param {GoogleAppsScript.Events.AddonOnInstall} e',
    run: (e?: GoogleAppsScript.Events.AddonOnInstall) => triggers.onOpen.run(e as GoogleAppsScript.Events.SheetsOnOpen | undefined),
  },
} satisfies Record<string, EntryPoint>;

export const menu = {
  showSidebar: { params: [], doc: 'Menu item "Open sidebar": opens the Mapspec sidebar.', run: () => showSidebar() },
} satisfies Record<string, EntryPoint>;

const apiDocs: Record<ApiName, string> = {
  getSidebarState: 'Sidebar: the signed-in user, spreadsheet name and tabs, in one call.',
  activateTab: 'Sidebar: makes the chosen tab the active sheet.',
};

type ApiEntry = EntryPoint & { run: (payload: unknown) => Json };

function apiEntry(name: ApiName): ApiEntry {
  return {
    params: ['payload'],
    doc: `${apiDocs[name]}\n@param {Object} payload JSON payload, parsed with the function's schema.\n@return {Object} JSON result.`,
    run: (payload: unknown) => dispatch(handlers, name, payload),
  };
}

/** One entry per sidebar server function: payload parsed with zod, result checked to be JSON. */
export const api: Record<ApiName, ApiEntry> = {
  getSidebarState: apiEntry('getSidebarState'),
  activateTab: apiEntry('activateTab'),
};
