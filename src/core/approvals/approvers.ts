/**
 * Who may sign off: the approver list kept in the settings, and the history of every change to it
 * (who changed it, when, what was added and removed), so a sign-off can be traced to the list that
 * allowed it. One list for checklist sign-offs and version approvals.
 */
import { UserError } from '../errors';
import { parseEmailList, normaliseEmail } from './emails';

export type ApproverChange = { at: string; by: string; added: string[]; removed: string[] };

export type ApproverSettings = { approvers: string[]; history: ApproverChange[] };

export const NO_APPROVERS: ApproverSettings = { approvers: [], history: [] };

/** The oldest changes are dropped beyond this many, to keep the record within one property. */
export const MAX_APPROVER_HISTORY = 40;

/**
 * …and until the stored JSON fits in this many UTF-8 bytes: a property holds 9 KB, and long
 * addresses (or many added at once) would pass it well within 40 changes and lock the list.
 */
export const MAX_APPROVER_BYTES = 8 * 1024;

/** UTF-8 length of a string (no TextEncoder in the pure core). */
function utf8Bytes(text: string): number {
  let n = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

export function isApprover(settings: ApproverSettings, email: string | null): boolean {
  return email !== null && settings.approvers.includes(normaliseEmail(email));
}

/**
 * The settings after `by` sets the list to `next` at `at`; unchanged (same object) when the list is
 * the same. Throws a UserError naming malformed addresses, or `by`'s own address when it is added.
 */
export function changeApprovers(current: ApproverSettings, next: readonly string[], by: string, at: string): ApproverSettings {
  const approvers = parseEmailList(next, 'approvers', true);
  const before = new Set(current.approvers);
  const after = new Set(approvers);
  const added = approvers.filter((e) => !before.has(e));
  const removed = current.approvers.filter((e) => !after.has(e));
  if (!added.length && !removed.length) return current;
  // Nobody makes themselves an approver (and so able to sign off their own work).
  const me = normaliseEmail(by);
  if (added.includes(me)) {
    throw new UserError(`Mapspec did not save the approvers: you cannot add your own address (${me}). Another person must add you as an approver.`);
  }
  const history = [...current.history, { at, by, added, removed }].slice(-MAX_APPROVER_HISTORY);
  while (history.length > 0 && utf8Bytes(JSON.stringify({ approvers, history })) > MAX_APPROVER_BYTES) history.shift();
  return { approvers, history };
}

/** Parses stored settings defensively: anything malformed reads as no approvers. */
export function parseApproverSettings(value: unknown): ApproverSettings {
  if (!value || typeof value !== 'object') return NO_APPROVERS;
  const v = value as Partial<ApproverSettings>;
  const approvers = Array.isArray(v.approvers) ? v.approvers.filter((e): e is string => typeof e === 'string') : [];
  const history = Array.isArray(v.history) ? v.history.filter((h): h is ApproverChange => !!h && typeof h === 'object' && typeof h.at === 'string' && typeof h.by === 'string') : [];
  return { approvers, history };
}
