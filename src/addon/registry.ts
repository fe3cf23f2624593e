/**
 * THE registry of entry points: every function Apps Script calls by name — simple triggers, menu
 * items, and the sidebar's server functions. The build generates one top-level forwarding function
 * per entry (Apps Script only calls top-level function declarations) and checks that every name a
 * menu, trigger or sidebar call uses has one.
 */
import { dispatch, type ApiHandlers } from './dispatch';
import { buildMenu, clearColoursFromMenu, insertTemplateFromMenu, openSettings, openVersions, runChecksFromMenu, showSidebar, useTabAsMappingSpec, useTabAsValueMap } from './menu';
import { activateTab, getSidebarState } from './handlers/sidebar-state';
import { detectTab, registerTab, unregisterTab, adoptAllTabs } from './handlers/adopt';
import { adoptOwnWords, clearColours, runChecks, selectCell, selectRow } from './handlers/checks';
import { assistFromSystems, listSystems, removeSystem, saveSystem } from './handlers/systems';
import { insertTemplate } from './handlers/template';
import { saveSettings } from './handlers/settings';
import { diffVersions, exportSnapshot, listVersions, openVersionTabs, tagVersion } from './handlers/versions';
import { decideReview, exportVersion, listReviews, requestReview, saveReviewSettings, withdrawReview } from './handlers/reviews';
import { recolourEditedRows } from './triggers/on-edit';
import { adoptChecklist, detectChecklistTab, exportChecklistMarkdown, getChecklist, importChecklistMarkdown, insertChecklist, saveApprovers, signOffTask, withdrawSignOff } from './handlers/checklist';
import { insertChecklistFromMenu } from './checklist/checklist-menu';
import { getNotifications, saveNotificationSettings, setNotifications } from './notify/notifications-api';
import { logEdit, runSchedule } from './notify/notify-triggers';
import type { ApiName } from '../core/api';
import type { Json } from '../core/json';

export type EntryPoint = {
  /** Parameter names of the generated top-level function. */
  params: readonly string[];
  /** JSDoc summary for the generated function. */
  doc: string;
  run: (...args: never[]) => unknown;
};

const handlers: ApiHandlers = { getSidebarState, activateTab, insertTemplate, detectTab, registerTab, unregisterTab, adoptAllTabs, runChecks, adoptOwnWords, saveSystem, removeSystem, listSystems, assistFromSystems, selectCell, selectRow, clearColours, saveSettings, tagVersion, listVersions, diffVersions, exportSnapshot, openVersionTabs,
  // Implementation checklist and approvers.
  getChecklist, insertChecklist, detectChecklistTab, adoptChecklist, importChecklistMarkdown, exportChecklistMarkdown, signOffTask, withdrawSignOff, saveApprovers,
  // Version reviews (issue 6)
  listReviews, requestReview, decideReview, withdrawReview, saveReviewSettings, exportVersion,
  // Notifications (issue 7)
  getNotifications, saveNotificationSettings, setNotifications,
};

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
  onEdit: {
    params: ['e'],
    doc: 'Simple trigger: recolours the edited rows of a registered tab (AuthMode.LIMITED, 30 s).\n@param {GoogleAppsScript.Events.SheetsOnEdit} e',
    run: (e: GoogleAppsScript.Events.SheetsOnEdit) => recolourEditedRows(e),
  },
  notifyOnEdit: {
    params: ['e'],
    doc: 'Installable edit trigger (installed by "Turn on notifications"): appends the edit to the capped edit log.\n@param {GoogleAppsScript.Events.SheetsOnEdit} e',
    run: (e: GoogleAppsScript.Events.SheetsOnEdit) => logEdit(e),
  },
  notifyOnSchedule: {
    params: ['e'],
    doc: 'Installable time trigger (hourly or daily): queues the digests of changes and sends the queue as the mail quota allows.\n@param {Object} e',
    run: (_e?: unknown) => {
      runSchedule();
    },
  },
} satisfies Record<string, EntryPoint>;

export const menu = {
  showSidebar: { params: [], doc: 'Menu item "Open sidebar": opens the Mapspec sidebar.', run: () => showSidebar() },
  insertTemplateFromMenu: { params: [], doc: 'Menu item "Insert mapping template": adds the README, mapping and value-map tabs.', run: () => insertTemplateFromMenu() },
  useTabAsMappingSpec: { params: [], doc: 'Menu item "Use this tab as a mapping spec": opens the sidebar to confirm its columns.', run: () => useTabAsMappingSpec() },
  useTabAsValueMap: { params: [], doc: 'Menu item "Use this tab as a value map": opens the sidebar to confirm its columns.', run: () => useTabAsValueMap() },
  runChecksFromMenu: { params: [], doc: 'Menu item "Run checks": opens the checks panel, which runs the checks.', run: () => runChecksFromMenu() },
  clearColoursFromMenu: { params: [], doc: 'Menu item "Clear Mapspec colours": puts back the fills Mapspec replaced.', run: () => clearColoursFromMenu() },
  openSettings: { params: [], doc: 'Menu item "Settings": opens the sidebar on its Settings panel.', run: () => openSettings() },
  openVersions: { params: [], doc: 'Menu item "Versions": opens the sidebar on its Versions panel (tag, compare, changelog).', run: () => openVersions() },
  insertChecklistFromMenu: { params: [], doc: 'Menu item "Insert implementation checklist": adds the checklist tab and opens the Checklist panel.', run: () => insertChecklistFromMenu() },
} satisfies Record<string, EntryPoint>;

const apiDocs: Record<ApiName, string> = {
  getSidebarState: 'Sidebar: the signed-in user, spreadsheet name, tabs and colour legend, in one call.',
  activateTab: 'Sidebar: makes the chosen tab the active sheet.',
  insertTemplate: 'Sidebar: inserts and registers the README, mapping and value-map template tabs.',
  detectTab: "Sidebar: detects a tab's header row and column roles, for the person to confirm.",
  registerTab: "Sidebar: saves a tab's confirmed layout; the tab is part of the spec from then on.",
  unregisterTab: 'Sidebar: removes a tab from the spec, putting its replaced fills back.',
  adoptAllTabs: 'Sidebar: lists, or adopts in one step, every tab whose header reads as part of a spec.',
  runChecks: 'Sidebar: checks every registered tab and recolours it, in one call.',
  adoptOwnWords: "Sidebar: saves what the spec's own status and type words mean, then checks again, in one call.",
  saveSystem: "Sidebar: saves a system's metadata or a sample record (compact, read from the person's file) for the checks against the systems.",
  removeSystem: 'Sidebar: forgets an imported system or sample record.',
  listSystems: 'Sidebar: the imported systems and sample records.',
  assistFromSystems: 'Sidebar: fills empty sample cells or suggests destination fields from the imported systems, only when asked.',
  selectCell: "Sidebar: selects a finding's cell in the sheet.",
  selectRow: 'Sidebar: selects the live row a diff names, by its key.',
  clearColours: 'Sidebar: puts back every fill Mapspec replaced and removes its notes.',
  saveSettings: 'Sidebar: saves the blank markers and colours, and rewrites the README legend to match.',
  tagVersion: 'Sidebar: tags the whole spec as a version (label, note; who and when from the server), atomically, under the document lock.',
  listVersions: 'Sidebar: the versions (newest first) with their integrity, and the unreleased changes since the latest.',
  diffVersions: "Sidebar: rows and cells changed between two versions, or a version and the live sheets ('live').",
  openVersionTabs: 'Sidebar: opens a version as read-only tabs (one per tab of the spec), to compare side by side.',
  getNotifications: 'Sidebar: notification settings, whether the triggers are on and whose account sends, and the queue with why each email waits.',
  saveNotificationSettings: 'Sidebar: saves the subscribers (every event / daily digest / off) and the digest schedule; malformed emails are refused.',
  setNotifications: 'Sidebar: turns notifications on (installs the edit and time triggers, once) or off (removes them).',
  exportSnapshot: 'The live spec as a snapshot (the shape versions store), for the command line\'s diff of two files.',
  getChecklist: 'Sidebar: the checklist\'s progress per phase and overall, overdue, unowned and my tasks, and its sign-offs, in one call.',
  insertChecklist: 'Sidebar: inserts the implementation checklist tab (detailed, or compact) with dropdowns, date validation and a frozen header.',
  detectChecklistTab: "Sidebar: detects a tab's header row and checklist column roles, for the person to confirm.",
  adoptChecklist: 'Sidebar: makes a tab the checklist with the confirmed column roles.',
  importChecklistMarkdown: 'Sidebar: imports a GitHub task list (Markdown) into a new checklist tab.',
  exportChecklistMarkdown: 'Sidebar: the checklist as a GitHub task list, for the repository README.',
  signOffTask: 'Sidebar: signs off a task as the signed-in approver (identity from Session), under the document lock; recorded and mirrored into the tab.',
  withdrawSignOff: 'Sidebar: withdraws a task\'s sign-off with a reason, kept in the history.',
  saveApprovers: 'Sidebar: sets the approver list (emails); every change is recorded with who and when.',
  // Version reviews (issue 6)
  listReviews: 'Sidebar: the versions with their reviews: requests, what awaits the signed-in user, the approval in force.',
  requestReview: 'Sidebar: requests a review of a version from approvers of the settings list (requester from Session).',
  decideReview: 'Sidebar: approves or requests changes on a review request, as the Session user, if they are one of its approvers.',
  withdrawReview: 'Sidebar: withdraws an open review request, with a reason (the requester only).',
  saveReviewSettings: 'Sidebar: the review policy and whether registered tabs are protected while a version is in review.',
  exportVersion: 'Sidebar: an approved version as a JSON or CSV file, for the integration\'s repository.',
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
  insertTemplate: apiEntry('insertTemplate'),
  detectTab: apiEntry('detectTab'),
  registerTab: apiEntry('registerTab'),
  unregisterTab: apiEntry('unregisterTab'),
  adoptAllTabs: apiEntry('adoptAllTabs'),
  runChecks: apiEntry('runChecks'),
  adoptOwnWords: apiEntry('adoptOwnWords'),
  saveSystem: apiEntry('saveSystem'),
  removeSystem: apiEntry('removeSystem'),
  listSystems: apiEntry('listSystems'),
  assistFromSystems: apiEntry('assistFromSystems'),
  selectCell: apiEntry('selectCell'),
  selectRow: apiEntry('selectRow'),
  clearColours: apiEntry('clearColours'),
  saveSettings: apiEntry('saveSettings'),
  tagVersion: apiEntry('tagVersion'),
  listVersions: apiEntry('listVersions'),
  diffVersions: apiEntry('diffVersions'),
  exportSnapshot: apiEntry('exportSnapshot'),
  openVersionTabs: apiEntry('openVersionTabs'),
  getChecklist: apiEntry('getChecklist'),
  insertChecklist: apiEntry('insertChecklist'),
  detectChecklistTab: apiEntry('detectChecklistTab'),
  adoptChecklist: apiEntry('adoptChecklist'),
  importChecklistMarkdown: apiEntry('importChecklistMarkdown'),
  exportChecklistMarkdown: apiEntry('exportChecklistMarkdown'),
  signOffTask: apiEntry('signOffTask'),
  withdrawSignOff: apiEntry('withdrawSignOff'),
  saveApprovers: apiEntry('saveApprovers'),
  // Version reviews (issue 6)
  listReviews: apiEntry('listReviews'),
  requestReview: apiEntry('requestReview'),
  decideReview: apiEntry('decideReview'),
  withdrawReview: apiEntry('withdrawReview'),
  saveReviewSettings: apiEntry('saveReviewSettings'),
  exportVersion: apiEntry('exportVersion'),
  getNotifications: apiEntry('getNotifications'),
  saveNotificationSettings: apiEntry('saveNotificationSettings'),
  setNotifications: apiEntry('setNotifications'),
};
