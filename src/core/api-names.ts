/**
 * The names of the sidebar's server functions, apart from their schemas so the sidebar bundle does
 * not pull zod in. The type below fails to compile when this list and the contract differ.
 */
import type { ApiName } from './api';

export const API_NAMES = [
  'getSidebarState',
  'activateTab',
  'insertTemplate',
  'detectTab',
  'registerTab',
  'unregisterTab',
  'adoptAllTabs',
  'runChecks',
  'adoptOwnWords',
  'saveSystem',
  'removeSystem',
  'listSystems',
  'assistFromSystems',
  'selectCell',
  'selectRow',
  'clearColours',
  'saveSettings',
  'tagVersion',
  'listVersions',
  'diffVersions',
  'exportSnapshot',
  'openVersionTabs',
  'getChecklist',
  'insertChecklist',
  'detectChecklistTab',
  'adoptChecklist',
  'importChecklistMarkdown',
  'exportChecklistMarkdown',
  'signOffTask',
  'withdrawSignOff',
  'saveApprovers',
  // Version reviews (issue 6)
  'listReviews',
  'requestReview',
  'decideReview',
  'withdrawReview',
  'saveReviewSettings',
  'exportVersion',
  'getNotifications',
  'saveNotificationSettings',
  'setNotifications',
] as const satisfies readonly ApiName[];

type Missing = Exclude<ApiName, (typeof API_NAMES)[number]>;
// Compile-time check: `true` only when every API function is listed.
export const API_NAMES_COMPLETE: [Missing] extends [never] ? true : Missing = true;
