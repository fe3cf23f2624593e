/**
 * The link from version reviews to the checklist: when a mapping version is approved, the checklist's
 * mapping-spec sign-off task ("Client sign-offs on workflow diagram & mapping specs") is signed off
 * with the approval as evidence; a later review request reopens it. The checklist module (issue 5)
 * owns this file and replaces the bodies; the review module (issue 6) only calls these two functions,
 * under the document lock it already holds.
 */

/** Signs off the mapping-spec sign-off task(s) as `approver` with `evidence`; none when there is no checklist. */
export function signOffMappingSpecTasks(approver: string, evidence: string): { taskIds: string[] } {
  void approver;
  void evidence;
  return { taskIds: [] };
}

/** Withdraws the standing sign-off of those task(s) with `reason` (a new review was requested). */
export function reopenMappingSpecTasks(reason: string): { taskIds: string[] } {
  void reason;
  return { taskIds: [] };
}
