/**
 * What the review records imply for the parts derived from them (pure): which tabs carry Mapspec's
 * review protection, and whether the checklist's mapping-spec task is still to be signed off for the
 * approval in force. The add-on applies this plan under the document lock after every review action
 * (and when nothing was recorded), so a derived write that failed once is put right by the next one.
 */
import type { SignOffEntry } from '../approvals/sign-offs';
import { currentApproval, type ReviewView } from './model';
import { approvalEvidence } from './report';

export type ProtectionPlan = {
  /** Open requests' tabs to protect (warning-only), with the label their description names. */
  protect: { sheetIds: number[]; label: string }[];
  /** Tabs of ended requests whose Mapspec protection is removed (none still wanted by an open request). */
  unprotect: number[];
};

/**
 * Ended requests (decided, withdrawn, superseded) lose Mapspec's protection; open requests keep it
 * while the setting is on (the tabs each request recorded as free of protection of their own).
 */
export function protectionPlan(views: readonly ReviewView[], protectDuringReview: boolean): ProtectionPlan {
  const open = views.filter((v) => v.status === 'in-review');
  const wanted = new Set(open.flatMap((v) => v.protectedSheetIds));
  const ended = views.filter((v) => v.status !== 'in-review').flatMap((v) => v.protectedSheetIds);
  return {
    protect: protectDuringReview ? open.filter((v) => v.protectedSheetIds.length).map((v) => ({ sheetIds: [...v.protectedSheetIds], label: v.label })) : [],
    unprotect: [...new Set(ended)].filter((id) => !wanted.has(id)),
  };
}

/**
 * The checklist sign-off the approval in force still owes: due when a version is approved, no review
 * was requested after that approval (a new request reopens the task), and the log has no sign-off
 * carrying this approval as evidence yet (once made, withdrawing it is the person's call).
 */
export function checklistSignOffDue(views: readonly ReviewView[], log: readonly SignOffEntry[]): { approver: string; evidence: string } | null {
  const approved = currentApproval(views);
  if (!approved || approved.decidedAt === null) return null;
  if (views.some((v) => v.requestedAt > approved.decidedAt!)) return null;
  const evidence = approvalEvidence(approved);
  if (log.some((e) => e.action === 'sign-off' && e.evidence === evidence)) return null;
  const last = approved.decisions.filter((d) => d.decision === 'approve').sort((a, b) => b.n - a.n)[0];
  return last ? { approver: last.approver, evidence } : null;
}
