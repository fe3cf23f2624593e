/**
 * The sign-off log: one append-only record of every sign-off, withdrawal and review decision, for
 * checklist tasks ("task:<id>") and mapping versions ("version:<seq>") alike. Entries are never
 * changed or removed; what is signed off now is computed from the log, so a withdrawn sign-off stays
 * in the history. Who and when are set by the server (Session), never by the sidebar.
 */
export type SignOffAction = 'sign-off' | 'withdraw' | 'approve' | 'request-changes';

export type SignOffEntry = {
  /** Position in the log, from 1. */
  n: number;
  /** What was signed off: "task:<task id>" or "version:<seq>". */
  subject: string;
  action: SignOffAction;
  /** The approver's email, from Session. */
  by: string;
  /** ISO time, from the server's clock. */
  at: string;
  /** Optional for a sign-off, required for a withdrawal or a change request. */
  comment: string;
  /** For version decisions: the review request, and the content hash of the version decided on. */
  requestId?: string;
  contentHash?: string;
  /** Free text shown as evidence, e.g. "Mapping spec v2 approved by … on …". */
  evidence?: string;
  /**
   * For a task sign-off: the task's text (and phase) when it was signed off. The sign-off stands only
   * for a task whose text still matches, so editing a Task ID cell or inserting a row cannot move it
   * to another task. Absent in entries written before it was kept.
   */
  task?: string;
  phase?: string;
};

export type NewSignOff = Omit<SignOffEntry, 'n' | 'by' | 'at'>;

export const MAX_COMMENT = 1000;

export function taskSubject(taskId: string): string {
  return `task:${taskId}`;
}

export function versionSubject(seq: number): string {
  return `version:${seq}`;
}

/**
 * The standing sign-off of each subject: its latest 'sign-off' or 'approve' entry not followed by a
 * 'withdraw' from anyone. (Review requests and their per-approver state are the review module's.)
 */
export function standingSignOffs(log: readonly SignOffEntry[]): Map<string, SignOffEntry> {
  const standing = new Map<string, SignOffEntry>();
  for (const e of [...log].sort((a, b) => a.n - b.n)) {
    if (e.action === 'sign-off' || e.action === 'approve') standing.set(e.subject, e);
    else if (e.action === 'withdraw') standing.delete(e.subject);
  }
  return standing;
}

/** The entries about one subject, oldest first. */
export function historyOf(log: readonly SignOffEntry[], subject: string): SignOffEntry[] {
  return log.filter((e) => e.subject === subject).sort((a, b) => a.n - b.n);
}

/** Parses one stored entry defensively; null when it is not a well-formed entry. */
export function parseSignOffEntry(value: unknown): SignOffEntry | null {
  if (!value || typeof value !== 'object') return null;
  const e = value as Partial<SignOffEntry>;
  const actions: readonly string[] = ['sign-off', 'withdraw', 'approve', 'request-changes'];
  if (typeof e.n !== 'number' || typeof e.subject !== 'string' || typeof e.by !== 'string' || typeof e.at !== 'string') return null;
  if (typeof e.action !== 'string' || !actions.includes(e.action)) return null;
  return {
    n: e.n,
    subject: e.subject,
    action: e.action,
    by: e.by,
    at: e.at,
    comment: typeof e.comment === 'string' ? e.comment : '',
    ...(typeof e.requestId === 'string' ? { requestId: e.requestId } : {}),
    ...(typeof e.contentHash === 'string' ? { contentHash: e.contentHash } : {}),
    ...(typeof e.evidence === 'string' ? { evidence: e.evidence } : {}),
    ...(typeof e.task === 'string' ? { task: e.task } : {}),
    ...(typeof e.phase === 'string' ? { phase: e.phase } : {}),
  };
}
