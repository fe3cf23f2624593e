/**
 * Where approvals live: the approver settings (`mapspec.approvers`) and the sign-off log, one
 * document property per entry (`mapspec.signoff.<n>`, at most ~1.5 KB each, so the 500 KB store
 * holds hundreds). Reads are one `getProperties` call; an append is one `setProperties` call made
 * under the document lock by the caller, with who and when taken from Session and the clock here.
 */
import { UserError } from '../../core/errors';
import {
  changeApprovers,
  MAX_COMMENT,
  parseApproverSettings,
  parseSignOffEntry,
  type ApproverSettings,
  type NewSignOff,
  type SignOffEntry,
} from '../../core/approvals';
import { jsonValue, parseJson, readAllDocumentProperties, writeDocumentProperties } from '../adapters/properties';
import { currentUserEmail } from '../adapters/session';

const APPROVERS_KEY = 'mapspec.approvers';
const SIGN_OFF_PREFIX = 'mapspec.signoff.';

export type Approvals = { settings: ApproverSettings; log: SignOffEntry[] };

export function readApprovals(props: Record<string, string> = readAllDocumentProperties()): Approvals {
  const log: SignOffEntry[] = [];
  for (const [key, value] of Object.entries(props)) {
    if (!key.startsWith(SIGN_OFF_PREFIX)) continue;
    const entry = parseSignOffEntry(parseJson(value));
    if (entry && String(entry.n) === key.slice(SIGN_OFF_PREFIX.length)) log.push(entry);
  }
  log.sort((a, b) => a.n - b.n);
  return { settings: parseApproverSettings(parseJson(props[APPROVERS_KEY])), log };
}

/** The signed-in user's email, or a UserError: nothing is recorded for someone Mapspec cannot name. */
export function requireUserEmail(action: string): string {
  const email = currentUserEmail();
  if (!email) {
    throw new UserError(`Mapspec cannot ${action}: Google does not share your email address with the add-on, so the record could not say who you are.`);
  }
  return email.toLowerCase();
}

/** Sets the approver list (call under the document lock); the change is recorded with who and when. */
export function saveApproverList(current: ApproverSettings, next: readonly string[]): ApproverSettings {
  const by = requireUserEmail('change the approvers');
  const updated = changeApprovers(current, next, by, new Date().toISOString());
  if (updated !== current) writeDocumentProperties({ [APPROVERS_KEY]: jsonValue(updated, 'the approver list') });
  return updated;
}

/**
 * Appends entries to the sign-off log in one call (call under the document lock, after checking the
 * user may act). `by` is the Session user and `at` the server's clock for every entry.
 */
export function appendSignOffs(log: readonly SignOffEntry[], entries: readonly NewSignOff[], by: string): SignOffEntry[] {
  const at = new Date().toISOString();
  let n = log.reduce((max, e) => Math.max(max, e.n), 0);
  const values: Record<string, string> = {};
  const added = entries.map((e) => {
    const entry: SignOffEntry = { ...e, comment: e.comment.slice(0, MAX_COMMENT), n: ++n, by, at };
    values[SIGN_OFF_PREFIX + entry.n] = jsonValue(entry, 'the sign-off record');
    return entry;
  });
  if (added.length) writeDocumentProperties(values);
  return added;
}
