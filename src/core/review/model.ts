/**
 * Review requests of mapping versions and their status (pure). A request is stored once, when it is
 * made, and never rewritten; what happened to it since (each approver's decision, a withdrawal) is
 * in the shared sign-off log, entries carrying its requestId. The status is computed from the two,
 * so the request and the log can never disagree, and each decision is ONE append to the log.
 */
import { UserError } from '../errors';
import type { SignOffEntry } from '../approvals/sign-offs';
import { isApprover, type ApproverSettings } from '../approvals/approvers';

export type ReviewPolicy = 'all' | 'any';

export type ReviewRequest = {
  /** "r<n>": n is the request's position, from 1. */
  id: string;
  n: number;
  /** The version under review: its seq, label and content hash when the request was made. */
  seq: number;
  label: string;
  contentHash: string;
  /** Normalised emails, chosen from the approver list in the settings. */
  approvers: string[];
  policy: ReviewPolicy;
  message: string;
  /** YYYY-MM-DD, or null. */
  due: string | null;
  /** From Session. */
  requester: string;
  requestedAt: string;
  /** Registered tabs Mapspec protected (warning-only) for this review, to unprotect after the decision. */
  protectedSheetIds: number[];
};

export type ReviewStatus = 'in-review' | 'approved' | 'changes-requested' | 'withdrawn' | 'superseded';

export type ReviewDecision = {
  approver: string;
  decision: 'approve' | 'request-changes';
  comment: string;
  at: string;
  /** The sign-off log entry. */
  n: number;
};

/** A request with what the log says about it. */
export type ReviewView = ReviewRequest & {
  status: ReviewStatus;
  /** Each approver's standing decision (the latest), in log order. */
  decisions: ReviewDecision[];
  /** Approvers who have not decided yet (while in review). */
  waitingOn: string[];
  /** When the request became approved or changes-requested; null otherwise. */
  decidedAt: string | null;
  /** Who approved (for an approved or superseded request). */
  approvedBy: string[];
  withdrawn: { by: string; at: string; reason: string } | null;
  /** The later version whose approval superseded this one. */
  supersededBy: string | null;
};

export const STATUS_TEXT: Record<ReviewStatus, string> = {
  'in-review': 'In review',
  approved: 'Approved',
  'changes-requested': 'Changes requested',
  withdrawn: 'Withdrawn',
  superseded: 'Superseded',
};

export const MAX_MESSAGE = 1000;
export const MAX_REVIEW_APPROVERS = 20;

export function requestId(n: number): string {
  return `r${n}`;
}

function viewOf(request: ReviewRequest, log: readonly SignOffEntry[]): ReviewView {
  const entries = log.filter((e) => e.requestId === request.id).sort((a, b) => a.n - b.n);
  const latest = new Map<string, ReviewDecision>();
  let status: ReviewStatus = 'in-review';
  let decidedAt: string | null = null;
  let withdrawn: ReviewView['withdrawn'] = null;
  for (const e of entries) {
    // Nothing after a final state counts (the server refuses it; an edited store cannot add it).
    if (status !== 'in-review') break;
    if (e.action === 'withdraw') {
      if (e.by !== request.requester) continue;
      status = 'withdrawn';
      withdrawn = { by: e.by, at: e.at, reason: e.comment };
      continue;
    }
    if (e.action !== 'approve' && e.action !== 'request-changes') continue;
    // Only the request's approvers, and only about the exact content that was requested.
    if (!request.approvers.includes(e.by) || e.contentHash !== request.contentHash) continue;
    latest.delete(e.by);
    latest.set(e.by, { approver: e.by, decision: e.action, comment: e.comment, at: e.at, n: e.n });
    if (e.action === 'request-changes') {
      status = 'changes-requested';
      decidedAt = e.at;
    } else if (request.policy === 'any' || request.approvers.every((a) => latest.get(a)?.decision === 'approve')) {
      status = 'approved';
      decidedAt = e.at;
    }
  }
  const decisions = [...latest.values()];
  return {
    ...request,
    approvers: [...request.approvers],
    protectedSheetIds: [...request.protectedSheetIds],
    status,
    decisions,
    waitingOn: status === 'in-review' ? request.approvers.filter((a) => !latest.has(a)) : [],
    decidedAt,
    approvedBy: status === 'approved' ? decisions.filter((d) => d.decision === 'approve').map((d) => d.approver) : [],
    withdrawn,
    supersededBy: null,
  };
}

/**
 * Every request with its status, oldest first. An approved version is superseded when a later
 * version is approved; a request still in review for a version older than the approved one is
 * superseded too (approving it would no longer mean anything).
 */
export function reviewViews(requests: readonly ReviewRequest[], log: readonly SignOffEntry[]): ReviewView[] {
  const views = [...requests].sort((a, b) => a.n - b.n).map((r) => viewOf(r, log));
  const approved = views.filter((v) => v.status === 'approved').sort((a, b) => a.seq - b.seq);
  const newest = approved[approved.length - 1];
  if (newest) {
    for (const v of views) {
      if ((v.status === 'approved' || v.status === 'in-review') && v.seq < newest.seq) {
        if (v.status === 'in-review') v.waitingOn = [];
        v.status = 'superseded';
        v.supersededBy = newest.label;
      }
    }
  }
  return views;
}

/** The approval in force: the newest approved version, or null. */
export function currentApproval(views: readonly ReviewView[]): ReviewView | null {
  let best: ReviewView | null = null;
  for (const v of views) if (v.status === 'approved' && (!best || v.seq > best.seq)) best = v;
  return best;
}

/** Per version seq, the status its latest request gives it (withdrawn requests leave no mark). */
export function versionStatuses(views: readonly ReviewView[]): Map<number, ReviewView> {
  const out = new Map<number, ReviewView>();
  for (const v of [...views].sort((a, b) => a.n - b.n)) {
    if (v.status === 'withdrawn') continue;
    const before = out.get(v.seq);
    // An approval stays the version's mark even if a later request about it was made.
    if (before && (before.status === 'approved' || before.status === 'superseded')) continue;
    out.set(v.seq, v);
  }
  return out;
}

/** The newest version (seq < beforeSeq) the approver approved themselves, or null: the base of their diff. */
export function lastApprovedBy(views: readonly ReviewView[], approver: string, beforeSeq: number): ReviewView | null {
  let best: ReviewView | null = null;
  for (const v of views) {
    if (v.seq >= beforeSeq || v.status === 'withdrawn') continue;
    if (!v.decisions.some((d) => d.approver === approver && d.decision === 'approve')) continue;
    if (!best || v.seq > best.seq) best = v;
  }
  return best;
}

/** Requests waiting for this person's decision. */
export function awaitingDecision(views: readonly ReviewView[], user: string | null): ReviewView[] {
  if (!user) return [];
  return views.filter((v) => v.status === 'in-review' && v.approvers.includes(user) && !v.decisions.some((d) => d.approver === user));
}

export type NewRequestCheck = {
  seq: number;
  label: string;
  requester: string;
  approvers: readonly string[];
  /** The approver list in the settings (normalised). */
  allowed: readonly string[];
};

/** Refuses a request that cannot be made, naming why; returns the approvers normalised and de-duplicated. */
export function checkNewRequest(views: readonly ReviewView[], c: NewRequestCheck): string[] {
  const chosen = [...new Set(c.approvers.map((a) => a.trim().toLowerCase()))].filter((a) => a !== '');
  if (chosen.length === 0) throw new UserError('Choose at least one approver for the review.');
  const unknown = chosen.filter((a) => !c.allowed.includes(a));
  if (unknown.length) throw new UserError(`Not in the approver list in the settings: ${unknown.join(', ')}. Add them there first.`);
  if (chosen.includes(c.requester)) throw new UserError('You cannot approve your own review request: choose other approvers.');
  const mine = views.filter((v) => v.seq === c.seq);
  if (mine.some((v) => v.status === 'in-review')) throw new UserError(`${c.label} is already in review.`);
  if (mine.some((v) => v.status === 'approved' || v.status === 'superseded')) throw new UserError(`${c.label} is already approved.`);
  const current = currentApproval(views);
  if (current && current.seq > c.seq) throw new UserError(`${c.label} is older than the approved ${current.label}: request a review of a newer version.`);
  return chosen;
}

export type DecisionCheck = {
  user: string;
  decision: 'approve' | 'request-changes';
  comment: string;
  contentHash: string;
  /** The approver list in the settings now: someone removed from it no longer decides. */
  settings: ApproverSettings;
};

/**
 * Whether a decision is recorded ('record'), was already recorded ('already': deciding twice changes
 * nothing), or is refused (UserError). The version's integrity is checked by the caller.
 */
export function checkDecision(view: ReviewView | undefined, c: DecisionCheck): 'record' | 'already' {
  if (!view) throw new UserError('There is no such review request.');
  if (!view.approvers.includes(c.user)) throw new UserError(`You are not an approver of the review of ${view.label}: nothing was recorded.`);
  if (!isApprover(c.settings, c.user)) throw new UserError(`You are no longer in the approver list in the settings, so you cannot decide on the review of ${view.label}: nothing was recorded.`);
  const mine = view.decisions.find((d) => d.approver === c.user);
  if (mine && mine.decision === c.decision && (c.decision === 'approve' || mine.comment === c.comment.trim())) return 'already';
  if (view.status !== 'in-review') throw new UserError(`The review of ${view.label} is no longer open (${STATUS_TEXT[view.status].toLowerCase()}): nothing was recorded.`);
  if (c.contentHash !== view.contentHash) {
    throw new UserError(`What you reviewed is not ${view.label} as requested (content hash differs): nothing was recorded. Reload the review.`);
  }
  if (c.decision === 'request-changes' && c.comment.trim() === '') throw new UserError('Say what should change: a comment is required to request changes.');
  return 'record';
}

/** Refuses a withdrawal that cannot be made. */
export function checkWithdraw(view: ReviewView | undefined, user: string, reason: string): void {
  if (!view) throw new UserError('There is no such review request.');
  if (view.requester !== user) throw new UserError(`Only ${view.requester}, who requested the review of ${view.label}, can withdraw it.`);
  if (view.status !== 'in-review') throw new UserError(`The review of ${view.label} is no longer open (${STATUS_TEXT[view.status].toLowerCase()}).`);
  if (reason.trim() === '') throw new UserError('Give a reason for withdrawing the review request.');
}

/** Parses a stored request defensively; null when malformed. */
export function parseReviewRequest(value: unknown): ReviewRequest | null {
  if (!value || typeof value !== 'object') return null;
  const r = value as Partial<ReviewRequest>;
  const str = (v: unknown): v is string => typeof v === 'string';
  const int = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
  if (!str(r.id) || !int(r.n) || !int(r.seq) || !str(r.label) || !str(r.contentHash) || !str(r.message) || !str(r.requester) || !str(r.requestedAt)) return null;
  if (!Array.isArray(r.approvers) || !r.approvers.every(str)) return null;
  if (r.policy !== 'all' && r.policy !== 'any') return null;
  if (r.due !== null && !str(r.due)) return null;
  const ids = Array.isArray(r.protectedSheetIds) ? r.protectedSheetIds.filter(int) : [];
  return { id: r.id, n: r.n, seq: r.seq, label: r.label, contentHash: r.contentHash, approvers: [...r.approvers], policy: r.policy, message: r.message, due: r.due ?? null, requester: r.requester, requestedAt: r.requestedAt, protectedSheetIds: ids };
}
