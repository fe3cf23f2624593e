/**
 * The review part of the Versions panel: the last ReviewState the server sent (listReviews or a
 * review action), the hooks the Versions panel provides (redraw, diff view, "changes since"), and
 * the small shared pieces (status badge, one server call per action that redraws the panel).
 */
import type { VersionDiff, VersionSummary } from '../../src/core/api';
import type { ReviewPanel, ReviewState } from '../../src/core/review/api-contract';
import type { ReviewStatus } from '../../src/core/review/model';
import { h } from '../dom';
import { setStatus, work } from '../status';

export type ReviewHooks = {
  /** Redraws the whole Versions panel from a server answer. */
  redraw(panel: ReviewPanel): void;
  /** The Versions panel's diff view (grouped by tab), as nodes. */
  diffNodes(d: VersionDiff): Node[];
  /** Compares a version with the live sheets in the panel's Compare section. */
  showChangesSince(label: string): void;
};

let hooks: ReviewHooks | null = null;
let state: ReviewState | null = null;

export function provideReviewHooks(h: ReviewHooks): void {
  hooks = h;
}

export function reviewHooks(): ReviewHooks {
  if (!hooks) throw new Error('Review hooks used before the Versions panel provided them');
  return hooks;
}

export function setReviewState(s: ReviewState): void {
  state = s;
}

export function reviewState(): ReviewState | null {
  return state;
}

/** A client (someone on the approver list) sees only their reviews, not the analyst's tools. */
export function isClientView(): boolean {
  return state?.isApprover ?? false;
}

export function statusOfVersion(v: VersionSummary): { status: ReviewStatus; statusText: string } | null {
  return state?.versionStatus.find((s) => s.seq === v.seq) ?? null;
}

export function statusBadge(status: ReviewStatus, text: string): HTMLElement {
  return h('span', { class: `badge review-badge rs-${status}`, 'data-review-status': status }, text);
}

/** One server call for a review action; the answer redraws the panel, then `done` reports. */
export async function reviewAction(label: string, call: () => Promise<ReviewPanel>, done: (panel: ReviewPanel) => string): Promise<boolean> {
  const panel = await work(label, call);
  if (!panel) return false;
  reviewHooks().redraw(panel);
  const notices = panel.reviews.notices;
  setStatus([done(panel), ...notices].join(' '), notices.length ? 'info' : 'success');
  return true;
}

export { localDay } from '../format';
