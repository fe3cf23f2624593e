/**
 * The link from version reviews to the checklist: when a mapping version is approved, the checklist's
 * mapping-spec sign-off task ("Client sign-offs on workflow diagram & mapping specs", found by the
 * core's isMappingSpecSignOffTask) is signed off with the approval as evidence; a later review request
 * reopens it. The review module (issue 6) only calls these two functions, under the document lock it
 * already holds; both record through the same sign-off log and tab mirror as the Checklist panel.
 */
import { standingSignOffs, taskSubject } from '../../core/approvals';
import { isMappingSpecSignOffTask, signOffMatchesTask } from '../../core/checklist';
import { readAllDocumentProperties } from '../adapters/properties';
import { activeSpreadsheet } from '../adapters/spreadsheet';
import { readApprovals, requireUserEmail } from '../approvals/approvals-store';
import { loadChecklistLayout, readRegisteredChecklist } from './checklist-store';
import { recordTaskSignOffs, recordTaskWithdrawals } from './task-sign-off';

function mappingSpecTasks() {
  const props = readAllDocumentProperties();
  const read = readRegisteredChecklist(activeSpreadsheet(), loadChecklistLayout(props));
  if (!read) return null;
  const log = readApprovals(props).log;
  const standing = standingSignOffs(log);
  const tasks = read.table.tasks.filter((t) => isMappingSpecSignOffTask(t));
  return { read, log, tasks, standing };
}

/** Signs off the mapping-spec sign-off task(s) as `approver` with `evidence`; none when there is no checklist. */
export function signOffMappingSpecTasks(approver: string, evidence: string): { taskIds: string[]; notice?: string } {
  const found = mappingSpecTasks();
  if (!found) return { taskIds: [] };
  // A task already signed off stays as it is (its record is not replaced).
  // A sign-off recorded for other text under the task's ID does not stand for it (see signOffMatchesTask).
  const open = found.tasks.filter((t) => {
    const standing = found.standing.get(taskSubject(t.id));
    return !(standing && signOffMatchesTask(standing.task, t));
  });
  const notice = open.length ? recordTaskSignOffs(found.read, found.log, open, approver.trim().toLowerCase(), '', evidence).notice : null;
  return { taskIds: open.map((t) => t.id), ...(notice ? { notice } : {}) };
}

/** Withdraws the standing sign-off of those task(s) with `reason` (a new review was requested). */
export function reopenMappingSpecTasks(reason: string): { taskIds: string[]; notice?: string } {
  const found = mappingSpecTasks();
  if (!found) return { taskIds: [] };
  const signed = found.tasks.filter((t) => found.standing.has(taskSubject(t.id)));
  const notice = signed.length ? recordTaskWithdrawals(found.read, found.log, signed, requireUserEmail('reopen the mapping-spec sign-off'), reason).notice : null;
  return { taskIds: signed.map((t) => t.id), ...(notice ? { notice } : {}) };
}
