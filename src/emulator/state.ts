/**
 * The emulator's persistent state: everything Google keeps between two executions of a script
 * (the spreadsheet, property stores, mail sent and quota used, installed triggers, the cache, who is
 * signed in, the clock). It is plain JSON so the playground can save it to a file and load it back;
 * services read and write it through an ExecutionContext, never directly from outside.
 */

/** A cell value as stored: dates are kept as epoch milliseconds under `d` so the state stays JSON. */
export type StoredValue = string | number | boolean | { d: number };

/** Data validation kept on a cell (the subset of rules the add-on and xlsx files use). */
export type ValidationData =
  | { kind: 'checkbox'; checked?: string; unchecked?: string; strict?: boolean; helpText?: string }
  | { kind: 'list'; values: string[]; showDropdown: boolean; strict: boolean; helpText?: string }
  | { kind: 'range'; a1: string; showDropdown: boolean; strict: boolean; helpText?: string }
  | { kind: 'date'; strict: boolean; helpText?: string }
  | { kind: 'number'; min?: number; max?: number; strict: boolean; helpText?: string }
  | { kind: 'email'; strict: boolean; helpText?: string };

/** One cell. Absent keys mean the Sheets default (empty, white, normal weight, no note). */
export interface CellData {
  v?: StoredValue;
  /** Formula in A1 notation, starting with "=". `v` then holds its last computed value. */
  f?: string;
  /** Background as lower-case #rrggbb; absent is white. */
  bg?: string;
  fc?: string;
  bold?: boolean;
  italic?: boolean;
  strike?: boolean;
  underline?: boolean;
  wrap?: boolean;
  /** Wrap strategy CLIP (text cut at the cell edge); absent with `wrap` unset is OVERFLOW. */
  clip?: boolean;
  /** Number format, e.g. "yyyy-mm-dd" or "0.00". */
  nf?: string;
  halign?: 'left' | 'center' | 'right';
  note?: string;
  dv?: ValidationData;
  /**
   * A hyperlink and rich-text runs as an .xlsx file had them, for writing the file back (the value
   * stays the plain text). Kept with the text they belong to: once the cell holds other text they
   * no longer apply, so no write has to remember to drop them.
   */
  rich?: RichData;
}

export interface RichRun {
  t: string;
  b?: true;
  i?: true;
  s?: true;
  u?: true;
  fc?: string;
}

export interface RichData {
  text: string;
  link?: string;
  runs?: RichRun[];
}

/** 1-based inclusive rectangle. */
export interface RectData {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

export interface ProtectionData {
  id: string;
  /** Absent for a whole-sheet protection. */
  range?: RectData;
  description: string;
  warningOnly: boolean;
  editors: string[];
}

export interface DeveloperMetadataData {
  id: number;
  key: string;
  value: string | null;
  visibility: 'DOCUMENT' | 'PROJECT';
  /** Where it is attached: the spreadsheet, a sheet, a row or a column. */
  location: { type: 'SPREADSHEET' } | { type: 'SHEET'; sheetId: number } | { type: 'ROW' | 'COLUMN'; sheetId: number; index: number };
}

export interface SheetData {
  /** Stable across renames and moves, like Sheet.getSheetId(). */
  id: number;
  name: string;
  hidden: boolean;
  tabColor: string | null;
  frozenRows: number;
  frozenColumns: number;
  /** Grid size (Sheet.getMaxRows/getMaxColumns). */
  maxRows: number;
  maxColumns: number;
  /** Sparse: rows[r][c] with 0-based indexes; missing entries are empty cells. */
  rows: (CellData | null)[][];
  merges: RectData[];
  protections: ProtectionData[];
  /** Column widths in pixels by 1-based column; absent is the default 100. */
  columnWidths: Record<number, number>;
  rowHeights: Record<number, number>;
}

export interface WorkbookData {
  id: string;
  name: string;
  locale: string;
  timeZone: string;
  /** In tab order. */
  sheets: SheetData[];
  nextSheetId: number;
  /** The active sheet and selection (A1 notation), as the signed-in user sees them. */
  active: { sheetId: number; a1: string };
  developerMetadata: DeveloperMetadataData[];
  nextMetadataId: number;
}

export interface SentMail {
  id: string;
  at: number;
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  replyTo?: string;
  subject: string;
  body: string;
  htmlBody?: string;
  name?: string;
  /** MailApp's noReply option (sent from a no-reply address). */
  noReply?: boolean;
}

export interface TriggerData {
  id: string;
  handlerFunction: string;
  /** Who installed it: installable triggers run as this user. */
  owner: string;
  eventType: 'ON_EDIT' | 'ON_CHANGE' | 'ON_OPEN' | 'ON_FORM_SUBMIT' | 'CLOCK';
  source: 'SPREADSHEETS' | 'CLOCK';
  /** For CLOCK triggers. */
  everyMs?: number;
  nextRunAt?: number;
  /** The spreadsheet id for SPREADSHEETS triggers (Trigger.getTriggerSourceId). */
  sourceId?: string;
  /**
   * An add-on's CLOCK trigger: the document it was created in. Google counts an add-on's time
   * triggers per document ("…too many time-based triggers in this document for this Google user
   * account"), yet getProjectTriggers() lists the user's triggers of every document.
   */
  documentId?: string;
  /** CLOCK triggers built with atHour / nearMinute, in `timezone` (default: the workbook's). */
  atHour?: number;
  nearMinute?: number;
  timezone?: string;
}

export interface CacheEntry {
  value: string;
  expiresAt: number;
  /** When it was put: a full cache evicts its oldest entries first. */
  createdAt?: number;
}

/** A held lock: which execution holds it until when (emulated clock). */
export interface LockHolder {
  executionId: number;
  until: number;
}

export interface EmulatorState {
  workbook: WorkbookData;
  properties: {
    script: Record<string, string>;
    document: Record<string, string>;
    /** By user email. */
    user: Record<string, Record<string, string>>;
  };
  mail: {
    sent: SentMail[];
    /** Daily recipients used, by user email, for the day (YYYY-MM-DD, Pacific time as Google counts). */
    used: Record<string, { day: string; recipients: number }>;
    /** Recipients per day (100 for consumer accounts, 1,500 for Workspace). */
    dailyQuota: number;
  };
  triggers: TriggerData[];
  cache: {
    script: Record<string, CacheEntry>;
    document: Record<string, CacheEntry>;
    user: Record<string, Record<string, CacheEntry>>;
  };
  locks: {
    script: LockHolder | null;
    document: LockHolder | null;
    user: Record<string, LockHolder | null>;
  };
  users: {
    /** Who is signed in and runs the next execution (Session.getActiveUser). */
    active: string;
    /** The add-on owner / script owner, for installable-trigger runs. */
    known: string[];
  };
  /** Milliseconds added to the real clock (Utilities.sleep, waitLock and "an hour passes" advance it). */
  clockOffsetMs: number;
  /** The manifest's oauthScopes; services refuse calls whose scope is not granted. */
  scopes: string[];
  nextExecutionId: number;
  /**
   * False for a plain bound script. Absent or true: the project is an editor add-on, so ScriptApp
   * applies the add-on trigger restrictions (one trigger per type per user per document, hourly).
   */
  addon?: boolean;
}
