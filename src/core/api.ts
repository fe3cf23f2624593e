/**
 * The sidebar API contract: for each server function the sidebar may call, the zod schema of its one
 * payload and the type of its result. The server parses every payload with these schemas; the
 * sidebar's typed client takes its types from here, so the two cannot drift apart.
 */
import * as z from 'zod';
import type { Json } from './json';
import type { ColumnTitles } from './notify/change-rows';
import type { Detection } from './mapping/header-detect';
import type { Finding, Severity } from './mapping/findings';
import type { LayoutKind, Role } from './mapping/roles';
import type { OwnWord } from './mapping/own-words';
import { MAX_SYSTEM_FIELDS, type MetadataChange } from './systems/metadata';
import type { SystemSummary } from './systems/stored';
import type { Coverage } from './systems/system-checks';
import type { ChangeCounts, Snapshot } from './versions/types';
import type { PendingChanges } from './versions/changes-since';
import type { SnapshotDiff } from './versions/diff';
import type { ChecklistDetection, ChecklistProgress, ChecklistRuleName, TaskSignOffState } from './checklist';
import type { ApproverChange } from './approvals';
import { reviewApiInputs, type ReviewApiResults } from './review/api-contract';

/** A system's metadata as core/systems/metadata.ts makes it, within limits the store can hold. */
const systemField = z
  .object({
    path: z.string().min(1).max(500),
    aliases: z.array(z.string().max(500)).max(10),
    type: z.string().max(40).nullable(),
    rawType: z.string().max(100).nullable(),
    label: z.string().max(500).nullable(),
    list: z.string().max(500).nullable(),
  })
  .strict();
const systemMetadata = z
  .object({
    format: z.enum(['dhis2', 'xlsform', 'fields']),
    summary: z.string().max(300),
    fields: z.array(systemField).max(MAX_SYSTEM_FIELDS),
    lists: z.record(z.string().max(500), z.array(z.string().max(500)).max(5_000)),
  })
  .strict();
/** A sample record as core/systems/sample.ts flattens it. */
const sampleRecord = z
  .object({
    summary: z.string().max(300),
    paths: z
      .array(
        z
          .object({
            path: z.string().min(1).max(1_000),
            key: z.string().max(200).nullable(),
            type: z.enum(['text', 'integer', 'number', 'boolean', 'date', 'datetime', 'null']),
            example: z.string().max(500).nullable(),
            records: z.number().int().min(0),
          })
          .strict(),
      )
      .max(10_000),
    truncated: z.string().max(300).nullable(),
  })
  .strict();

const sheetId = z.number().int().nonnegative();
const registeredKind = z.enum(['mapping', 'dictionary', 'value-map']);
const hexColour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour such as #fff2cc');

export const apiInputs = {
  /** Everything the sidebar shows when it opens, in one round trip. */
  getSidebarState: z.object({}).strict(),
  /** Makes a tab the active sheet (the sidebar's tab list). */
  activateTab: z.object({ sheetId }).strict(),
  /** Inserts the template: a README tab, one mapping tab per workflow step, a value-maps tab. */
  insertTemplate: z
    .object({ steps: z.array(z.string().trim().min(1).max(80)).min(1).max(10).optional() })
    .strict(),
  /** Detects the header row and column roles of a tab (default: the active one), for the person to confirm. */
  detectTab: z.object({ sheetId: sheetId.optional() }).strict(),
  /** Saves a tab's layout (roles confirmed or changed by the person): the tab is now checked. */
  registerTab: z
    .object({
      sheetId,
      kind: registeredKind,
      headerRow: z.number().int().min(1).max(1000),
      roles: z.array(z.object({ column: z.number().int().min(1).max(18278), role: z.string().max(40) }).strict()).max(500),
      keyColumn: z.number().int().min(1).max(18278).nullable(),
      managedIds: z.boolean(),
      /**
       * False when nobody confirmed the key column (the command line's own detection): the key rules
       * (missing-key, duplicate-key) then stay silent. The sidebar always sends a confirmed choice.
       */
      keyConfirmed: z.boolean().optional(),
    })
    .strict(),
  /** Stops treating a tab as part of the spec (its Mapspec colours are put back first). */
  unregisterTab: z.object({ sheetId }).strict(),
  /**
   * Every visible tab not yet in the spec whose header reads as a mapping spec, data dictionary or
   * value map, as detected: listed (dryRun), or all adopted in one step with the detected roles.
   */
  adoptAllTabs: z.object({ dryRun: z.boolean() }).strict(),
  /** Checks every registered tab and recolours them: one call, whatever the number of rows. */
  runChecks: z.object({}).strict(),
  /**
   * Tells Mapspec what the spec's own status and type words mean ("Added" → Agreed, "Freetext" →
   * text), saves them with the settings, and checks again: one call.
   */
  adoptOwnWords: z
    .object({
      statuses: z.record(z.string().trim().min(1).max(60), z.string().trim().min(1).max(40)).refine((r) => Object.keys(r).length <= 40, 'at most 40 status words at a time'),
      types: z.record(z.string().trim().min(1).max(60), z.string().trim().min(1).max(40)).refine((r) => Object.keys(r).length <= 40, 'at most 40 type words at a time'),
    })
    .strict(),
  /**
   * Saves a system's metadata or a sample record (read from the person's file in the sidebar or the
   * command line, where it stays: only this compact form is sent), for the checks against the
   * systems. The same kind and name again replaces it; for metadata the reply says what changed.
   */
  saveSystem: z
    .object({
      name: z.string().trim().min(1).max(100),
      side: z.enum(['source', 'destination']),
      tabs: z.array(z.string().max(100)).max(50).nullable(),
      metadata: systemMetadata.optional(),
      sample: sampleRecord.optional(),
    })
    .strict()
    .refine((x) => (x.metadata === undefined) !== (x.sample === undefined), 'send either metadata or a sample record'),
  /** Forgets an imported system or sample. */
  removeSystem: z.object({ id: z.string().min(1).max(40) }).strict(),
  /** The imported systems and samples. */
  listSystems: z.object({}).strict(),
  /**
   * Fills empty cells from the imported systems, only when asked: the sample cells of live rows from
   * the sample records, or the destination paths of live rows from the destination's metadata by name
   * and label. One write per column of a tab, undone with the sheet's own undo.
   */
  assistFromSystems: z.object({ action: z.enum(['fill-samples', 'suggest-destinations']) }).strict(),
  /** Selects a cell (a finding's location) in the sheet. */
  selectCell: z.object({ sheetId, row: z.number().int().min(1), column: z.number().int().min(1) }).strict(),
  /** Selects the live row a diff names by its key (a diff's row links to it). */
  selectRow: z.object({ sheetId, key: z.string().min(1).max(1000) }).strict(),
  /** Puts back every fill Mapspec replaced and removes its notes. */
  clearColours: z.object({}).strict(),
  /** Changes the settings: blank markers, the colours and whether failing cells are tinted. */
  saveSettings: z
    .object({
      blankMarkers: z.array(z.string().max(40)).max(50).optional(),
      colours: z
        .object({ needsDiscussion: hexColour, newRow: hexColour, changed: hexColour, error: hexColour })
        .partial()
        .strict()
        .optional(),
      errorTint: z.boolean().optional(),
      /** Extra type words → canonical type ("Whole number": "integer"). */
      typeSynonyms: z.record(z.string().min(1).max(60), z.string().min(1).max(40)).optional(),
      /** The spec's own status words → a status ("Added": "Agreed"); replaces the saved ones. */
      statusSynonyms: z.record(z.string().min(1).max(60), z.string().min(1).max(40)).optional(),
      /** Per-rule severity, or 'off'. */
      severityOverrides: z.record(z.string().max(40), z.enum(['error', 'warning', 'info', 'off'])).optional(),
    })
    .strict(),
  /** Tags the whole spec as a version (label proposed when omitted); who and when come from the server. */
  tagVersion: z.object({ label: z.string().max(200).optional(), note: z.string().max(2000) }).strict(),
  /** The versions, their integrity, and the unreleased changes since the latest. */
  listVersions: z.object({}).strict(),
  /** Differences between two versions, or a version and the live sheets (to: 'live'). */
  diffVersions: z.object({ from: z.string().min(1).max(200), to: z.string().min(1).max(200) }).strict(),
  /** The live spec as a snapshot (the same shape versions store): for the command line's diff of two files. */
  exportSnapshot: z.object({}).strict(),
  /** Opens a version as read-only tabs (one per tab of the spec), to look at it side by side. */
  openVersionTabs: z.object({ label: z.string().min(1).max(200) }).strict(),
  // Implementation checklist (issue 5). Identity is never in a payload: who signs off is Session's.
  /** The checklist's progress, overdue/unowned/my tasks and sign-offs, in one call. */
  getChecklist: z.object({}).strict(),
  /** Inserts the implementation checklist tab (detailed form unless told) and makes it the checklist. */
  insertChecklist: z.object({ form: z.enum(['detailed', 'compact']).optional() }).strict(),
  /** Detects the header row and column roles of a tab (default: the active one) as a checklist. */
  detectChecklistTab: z.object({ sheetId: sheetId.optional() }).strict(),
  /** Makes a tab the checklist with the roles the person confirmed. */
  adoptChecklist: z
    .object({
      sheetId,
      headerRow: z.number().int().min(1).max(1000),
      roles: z.array(z.object({ column: z.number().int().min(1).max(18278), role: z.string().max(40) }).strict()).max(500),
    })
    .strict(),
  /** Imports a GitHub task list (Markdown) into a new checklist tab. */
  importChecklistMarkdown: z.object({ markdown: z.string().min(1).max(200_000) }).strict(),
  /**
   * The checklist as a GitHub task list, for the repository's README: the section it was imported
   * from, written back; with `readme` (the whole README), that README with the section replaced.
   */
  exportChecklistMarkdown: z.object({ readme: z.string().min(1).max(500_000).optional() }).strict(),
  /** Signs off a task that requires sign-off, as the signed-in approver. */
  signOffTask: z.object({ taskId: z.string().trim().min(1).max(100), comment: z.string().max(1000).optional() }).strict(),
  /** Withdraws a task's sign-off, with a reason (kept in the history). */
  withdrawSignOff: z.object({ taskId: z.string().trim().min(1).max(100), reason: z.string().trim().min(1, 'a reason is required').max(1000) }).strict(),
  /** Sets the approver list (emails); the change is recorded with who and when. */
  saveApprovers: z.object({ approvers: z.array(z.string().max(320)).max(100) }).strict(),
  // Version reviews and approvals (issue 6): see review/api-contract.ts.
  ...reviewApiInputs,
  /** Notifications: settings, triggers and the queue (what waits and why). */
  getNotifications: z.object({}).strict(),
  /** Saves the subscribers (email + every event / daily digest / off) and the schedule; emails are checked on the server. */
  saveNotificationSettings: z
    .object({
      subscribers: z.array(z.object({ email: z.string().max(320), mode: z.enum(['every', 'digest', 'off']) }).strict()).max(500),
      schedule: z.enum(['hourly', 'daily']),
    })
    .strict(),
  /** Turns notifications on (installs the edit and time triggers, idempotently) or off (removes them). */
  setNotifications: z.object({ on: z.boolean() }).strict(),
};

export type ApiName = keyof typeof apiInputs;
export type RegisteredKind = z.infer<typeof registeredKind>;

export type TabSummary = {
  sheetId: number;
  name: string;
  /** 1-based position among the tabs. */
  position: number;
  hidden: boolean;
  /** Last row and column with content (0 when the tab is empty). */
  lastRow: number;
  lastColumn: number;
  active: boolean;
  /** How Mapspec treats the tab, or null when it is not part of the spec. */
  kind: RegisteredKind | null;
};

export type LegendEntry = { key: string; colour: string; label: string; meaning: string };

export type SidebarPanel = 'tabs' | 'checks' | 'adopt' | 'settings' | 'versions' | 'checklist';

/** The settings a person can change from the sidebar. */
export type SettingsView = {
  blankMarkers: string[];
  colours: { needsDiscussion: string; newRow: string; changed: string; error: string };
  errorTint: boolean;
  typeSynonyms: { [word: string]: string };
  /** The spec's own status words and the statuses they were adopted as. */
  statusSynonyms: { [word: string]: string };
  severityOverrides: { [rule: string]: 'error' | 'warning' | 'info' | 'off' };
};

export type SidebarState = {
  /** Null when Google does not share the user's email with the add-on (another domain). */
  userEmail: string | null;
  spreadsheetName: string;
  /** The spreadsheet's time zone (File › Settings): every time the sidebar shows is in it. */
  timeZone: string;
  tabs: TabSummary[];
  legend: LegendEntry[];
  settings: SettingsView;
  /** The panel a menu item asked the sidebar to open with (once), and the tab it is about. */
  open: { panel: SidebarPanel; sheetId: number | null; kind: RegisteredKind | null } | null;
  /** Who may sign off (checklist tasks, versions) and every change to that list. */
  approvers: ApproversView;
  /** A version review waiting for this user's decision (the sidebar opens on it), or null. */
  awaitingReview: { requestId: string; label: string } | null;
};

/** The approver list as the Settings panel shows it; `isApprover`: the signed-in user is on it. */
export type ApproversView = { approvers: string[]; history: ApproverChange[]; isApprover: boolean };

export type RoleOption = { role: Role; label: string };

export type TabDetection = {
  sheetId: number;
  name: string;
  detection: Detection;
  /** The saved layout's roles when the tab is already registered (the person's earlier choices). */
  registered: { kind: RegisteredKind; headerRow: number; keyColumn: number | null; managedIds: boolean; roles: { column: number; role: Role }[] } | null;
  roleOptions: RoleOption[];
};

/**
 * A finding with what the sidebar needs to select its cell. Checklist findings share the shape; their
 * rule names are the checklist's (CHECKLIST_RULES).
 */
export type FindingView = Omit<Finding, 'rule'> & { rule: Finding['rule'] | ChecklistRuleName; sheetId: number; columnIndex: number | null };

/** What an assist wrote: per tab and column the cells it filled (with where each value came from). */
export type AssistResult = {
  action: 'fill-samples' | 'suggest-destinations';
  tabs: { sheetId: number; name: string; column: string; columnIndex: number; columnTitle: string; cells: { row: number; value: string; from: string }[]; writes: number }[];
  total: number;
  notes: string[];
};

export type CheckResult = {
  bySeverity: { [S in Severity]: number };
  total: number;
  truncated: boolean;
  rowsChecked: number;
  tabs: { sheetId: number; name: string; kind: LayoutKind | 'checklist'; findings: FindingView[] }[];
  /** Cells whose fill Mapspec set in this run. */
  paintedCells: number;
  /** Things to tell the person beside the findings, e.g. a registered tab that was deleted. */
  notices: string[];
  checkedAt: string;
  /** Status and type words the tabs use that Mapspec does not know yet, offered for adoption. */
  ownWords: OwnWord[];
  /** Per tab and imported system or sample: fields mapped, in the sample, unmapped (issue 12). */
  coverage: Coverage[];
  /** The statuses a status word may be treated as (the settings' statuses). */
  statusValues: string[];
};

/** One version as the sidebar lists it. */
export type VersionSummary = {
  seq: number;
  label: string;
  /** The note as kept in the index (the first 300 characters). */
  note: string;
  author: string;
  taggedAt: string;
  /** Rows against the version before it. */
  counts: ChangeCounts;
  /** The content hash's first 8 characters. */
  hash: string;
  contentHash: string;
  chainHash: string;
  previousChainHash: string;
  /** UTF-8 bytes of the snapshot, and the characters its compressed chunks take in the sheet. */
  rawBytes: number;
  storedChars: number;
  /** The stored snapshot no longer matches its hash, or its link in the chain is broken. */
  tampered: boolean;
  /** Why, as the versions core words it; null when intact. */
  problem: string | null;
};

export type VersionList = {
  /** Newest first. */
  versions: VersionSummary[];
  /** Changes in the live sheets since the latest version; null with no version or a tampered latest. */
  pending: PendingChanges | null;
  /** What the sidebar shows on top, e.g. "5 unreleased changes since v1" or "No versions yet". */
  pendingText: string;
  /** The label proposed for the next tag. */
  nextLabel: string;
  /** Every version intact and chained. */
  chainOk: boolean;
};

export type VersionDiff = {
  from: string;
  /** A version's label, or 'live' for the sheets as they are now. */
  to: string;
  /** Rows listed per tab are capped; counts are complete. */
  diff: SnapshotDiff;
  rowsOmitted: number;
  /** Readable column names ("DESTINATION › Sample") by sheet id and the snapshot's name ("Sample#2"). */
  titles: ColumnTitles;
};

/** The checklist panel's view: null tab when the spreadsheet has no checklist yet. */
export type ChecklistView = {
  tab: { sheetId: number; name: string; taskColumn: number } | null;
  /** E.g. the checklist tab was deleted, or a column is missing. */
  notices: string[];
  progress: ChecklistProgress | null;
  /** Tasks that require sign-off (or have a sign-off history), with their record. */
  signOffs: TaskSignOffState[];
  me: string | null;
  isApprover: boolean;
  /** A README's free text kept as note rows (system names, endpoints, triggers), by the phase above it. */
  notes: { phase: string; row: number; text: string }[];
};

export type ChecklistDetectionView = { sheetId: number; name: string; detection: ChecklistDetection; roleOptions: { role: string; label: string }[] };

export type ApiResults = {
  getSidebarState: SidebarState;
  activateTab: { name: string };
  insertTemplate: { created: string[]; /** Tabs the spreadsheet had, used instead of doubled, said in words. */ kept: string[]; state: SidebarState };
  detectTab: TabDetection;
  registerTab: SidebarState;
  adoptAllTabs: { tabs: { sheetId: number; name: string; kind: RegisteredKind }[]; state: SidebarState | null };
  unregisterTab: SidebarState;
  runChecks: CheckResult;
  adoptOwnWords: CheckResult;
  saveSystem: { systems: SystemSummary[]; saved: SystemSummary; replaced: boolean; change: MetadataChange | null };
  removeSystem: { systems: SystemSummary[] };
  listSystems: { systems: SystemSummary[] };
  assistFromSystems: AssistResult;
  selectCell: { a1: string };
  selectRow: { a1: string };
  clearColours: { restoredCells: number };
  saveSettings: SidebarState;
  /** `checks`: the tabs re-coloured from the new version (when Mapspec had coloured them), else null. */
  tagVersion: { version: VersionSummary; list: VersionList; checks: CheckResult | null };
  listVersions: VersionList;
  diffVersions: VersionDiff;
  exportSnapshot: { snapshot: Snapshot };
  openVersionTabs: { created: string[] };
  getChecklist: ChecklistView;
  insertChecklist: ChecklistView;
  detectChecklistTab: ChecklistDetectionView;
  adoptChecklist: ChecklistView;
  importChecklistMarkdown: ChecklistView;
  exportChecklistMarkdown: { markdown: string; fileName: string };
  signOffTask: ChecklistView;
  withdrawSignOff: ChecklistView;
  saveApprovers: ApproversView;
  getNotifications: NotificationsView;
  saveNotificationSettings: NotificationsView;
  setNotifications: NotificationsView;
} & ReviewApiResults;

/** The Notifications section: who gets what, whether the triggers are on (and whose), the queue. */
export type NotificationsView = {
  settings: { subscribers: { email: string; mode: 'every' | 'digest' | 'off' }[]; schedule: 'hourly' | 'daily' };
  on: boolean;
  /** Whose account the triggers (and so the digests) run on; '' when unknown. */
  owner: string;
  me: string;
  editTrigger: boolean;
  timeTrigger: boolean;
  approvers: string[];
  quotaLeft: number;
  logEntries: number;
  queue: { id: string; subject: string; recipients: number; createdAt: string; state: 'queued' | 'sending'; reason: string }[];
};

/** Results must be JSON: google.script.run cannot carry Dates or functions. */
type AssertJson<T extends Record<ApiName, Json>> = T;
export type CheckedApiResults = AssertJson<ApiResults>;

export type ApiInput<K extends ApiName> = z.input<(typeof apiInputs)[K]>;
export type ApiParsedInput<K extends ApiName> = z.output<(typeof apiInputs)[K]>;

/** What the sidebar sees: one promise-returning function per server function. */
export type SidebarApi = { [K in ApiName]: (input: ApiInput<K>) => Promise<ApiResults[K]> };
