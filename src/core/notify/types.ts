/**
 * Types of the notification module: who subscribes to what, the edit log the installable edit
 * trigger keeps, the digest's lines, and the messages waiting in the queue. All plain JSON, since
 * they live in document properties between executions.
 */
import type { ChangeRow, MapspecEvent, RowTotals } from '../events';

/** "every": each event as it happens plus each scheduled digest; "digest": one digest a day. */
export type NotifyMode = 'every' | 'digest' | 'off';
export type Subscriber = { email: string; mode: NotifyMode };
/** How often the time trigger runs (editor add-ons may not run more often than hourly). */
export type NotifySchedule = 'hourly' | 'daily';
export type NotifySettings = { subscribers: Subscriber[]; schedule: NotifySchedule };

/** Digest audiences, each with its own "last notified" snapshot. */
export type Audience = 'every' | 'digest';

/**
 * One edit the installable edit trigger saw. Single-cell edits keep old → new; a paste of several
 * cells keeps its range only (Sheets gives no old values for it). `by` is '' when Google does not
 * share the editor's address.
 */
export type EditLogEntry = { at: string; by: string; sheetId: number; tab: string; a1: string; old: string | null; new: string | null };

export type Digest = {
  kind: 'digest';
  audience: Audience;
  /** When the compared snapshot was taken (the last notification) and now. */
  since: string;
  at: string;
  /** The first changed rows (change-rows.ts), each with its cell and editor where known. */
  rows: ChangeRow[];
  /** Every changed row, counted (rows may list fewer). */
  totals: RowTotals;
  /** Who edited in the period, per the edit log (pastes and script edits leave no record). */
  editors: string[];
};

export type Notification = { kind: 'event'; event: MapspecEvent } | Digest;

/** One email waiting to go (at most 50 recipients). Rendered when sent, so it stays small. */
export type QueuedMessage = {
  /** `<notification id>.<part>`: the same notification queued twice is one message. */
  id: string;
  createdAt: string;
  recipients: string[];
  specName: string;
  url: string;
  /** The spreadsheet's time zone: every time in the email is written in it (older queued messages: UTC). */
  timeZone?: string;
  notification: Notification;
  /** "sending": marked just before MailApp.sendEmail; see queue.ts for what a stale mark means. */
  state: 'queued' | 'sending';
  attempts: number;
  /** Why it is still here (quota, a refused address…), '' when it has not been tried. */
  lastError: string;
};
