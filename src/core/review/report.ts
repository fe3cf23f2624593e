/**
 * What the review module writes for people to read: the Sign-offs tab (a report regenerated from
 * the records — editing it changes nothing, and a differing tab is reported) and the approval
 * status lines of the README tab and the sidebar ("Approved: v2 (1a2b3c4d) by … on …", "The live
 * sheets differ from v2 by 1 change").
 */
import type { SignOffEntry } from '../approvals/sign-offs';
import { STATUS_TEXT, type ReviewView } from './model';
import { readableTime } from '../time';

export const SIGN_OFFS_HEADER = ['Version', 'Hash', 'Request', 'Decision', 'Who', 'When', 'Comment', 'Request status'];

const ACTION_TEXT: Record<string, string> = { approve: 'Approved', 'request-changes': 'Changes requested', withdraw: 'Request withdrawn', 'sign-off': 'Signed off' };

/** Rows newest first: one per request made, and one per log entry about a request. */
export function signOffsRows(views: readonly ReviewView[], log: readonly SignOffEntry[], timeZone = 'Etc/UTC'): string[][] {
  const byId = new Map(views.map((v) => [v.id, v]));
  const rows: { at: string; order: number; row: string[] }[] = [];
  for (const v of views) {
    rows.push({ at: v.requestedAt, order: v.n * 1e6, row: [v.label, v.contentHash.slice(0, 8), v.id, `Review requested (${v.policy === 'all' ? 'all approvers' : 'any one approver'}): ${v.approvers.join(', ')}`, v.requester, readableTime(v.requestedAt, timeZone), v.message, STATUS_TEXT[v.status]] });
  }
  for (const e of log) {
    const v = e.requestId === undefined ? undefined : byId.get(e.requestId);
    if (!v) continue;
    rows.push({ at: e.at, order: 1e12 + e.n, row: [v.label, (e.contentHash ?? v.contentHash).slice(0, 8), v.id, ACTION_TEXT[e.action] ?? e.action, e.by, readableTime(e.at, timeZone), e.comment, STATUS_TEXT[v.status]] });
  }
  rows.sort((a, b) => (a.at === b.at ? b.order - a.order : a.at < b.at ? 1 : -1));
  return rows.map((r) => r.row);
}

/** Whether the tab as read matches the rows it should show (written as text, so compared exactly). */
export function reportMatches(expected: readonly (readonly string[])[], read: readonly (readonly unknown[])[]): boolean {
  const clean = (rows: readonly (readonly unknown[])[]) =>
    rows
      .map((r) => r.map((c) => String(c ?? '')))
      .map((r) => {
        const out = [...r];
        while (out.length && out[out.length - 1] === '') out.pop();
        return out.join('\u0000');
      })
      .filter((r) => r !== '');
  const a = clean(expected);
  const b = clean(read);
  return a.length === b.length && a.every((r, i) => r === b[i]);
}

export type ApprovalSummary = {
  label: string;
  seq: number;
  hash: string;
  contentHash: string;
  by: string[];
  at: string;
  /** "Approved: v2 (1a2b3c4d) by a@x.org, b@y.org on 2026-11-22" */
  text: string;
};

export function approvalSummary(view: ReviewView, timeZone = 'Etc/UTC'): ApprovalSummary {
  const at = view.decidedAt ?? '';
  return {
    label: view.label,
    seq: view.seq,
    hash: view.contentHash.slice(0, 8),
    contentHash: view.contentHash,
    by: [...view.approvedBy],
    at,
    text: `Approved: ${view.label} (${view.contentHash.slice(0, 8)}) by ${view.approvedBy.join(', ')} on ${readableTime(at, timeZone)}`,
  };
}

/** "The live sheets match v2" / "The live sheets differ from v2 by 3 changes". */
export function differsText(label: string, changes: number): string {
  return changes === 0 ? `The live sheets match ${label}` : `The live sheets differ from ${label} by ${changes} ${changes === 1 ? 'change' : 'changes'}`;
}

/** Evidence for the checklist's mapping-spec sign-off task. */
export function approvalEvidence(view: ReviewView): string {
  return `Mapping spec ${view.label} approved by ${view.approvedBy.join(', ')} on ${(view.decidedAt ?? '').slice(0, 10)}`;
}

export const README_APPROVAL_HEADING = 'Approval';

/**
 * Where the README's approval lines go: the two rows under the "Approval" heading in column A, or
 * (no heading yet) a heading and two rows appended after the last row with one blank row between.
 */
export function readmeApprovalBlock(columnA: readonly unknown[], lines: readonly [string, string]): { firstRow: number; values: string[][] } {
  const heading = columnA.findIndex((v) => String(v ?? '').trim() === README_APPROVAL_HEADING);
  if (heading >= 0) return { firstRow: heading + 2, values: lines.map((l) => [l]) };
  let last = columnA.length;
  while (last > 0 && String(columnA[last - 1] ?? '').trim() === '') last--;
  const first = last === 0 ? 1 : last + 2;
  return { firstRow: first, values: [[README_APPROVAL_HEADING], ...lines.map((l) => [l])] };
}
