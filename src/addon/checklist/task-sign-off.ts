/**
 * Recording checklist sign-offs: append to the shared sign-off log (subject "task:<id>"), then mirror
 * into the tab's row. Callers hold the document lock and have checked who may act; the log entry is
 * the record (written first, in one call), the tab's cells only show it.
 */
import { taskSubject, type SignOffEntry } from '../../core/approvals';
import type { TaskRow } from '../../core/checklist';
import { appendSignOffs } from '../approvals/approvals-store';
import type { ChecklistRead } from './checklist-store';
import { mirrorSignOff } from './checklist-tab';

/** Evidence Mapspec wrote itself (a version approval), which it may replace or clear; anything else is the person's. */
const MAPSPEC_EVIDENCE = /^Mapping spec \S+ approved by /;

/**
 * Shows a sign-off's evidence in the task's Evidence cell, when the cell is blank or holds evidence
 * Mapspec wrote (a link the person put there is left alone; the record keeps the evidence anyway).
 */
function mirrorEvidence(read: ChecklistRead, task: TaskRow, evidence: string): void {
  const col = read.table.detection.roles.evidence;
  if (col === undefined || task.row === null) return;
  const current = task.evidence.trim();
  if (current === evidence || (current !== '' && !MAPSPEC_EVIDENCE.test(current))) return;
  read.sheet.getRange(task.row, col).setValue(evidence);
}

export function recordTaskSignOffs(read: ChecklistRead, log: readonly SignOffEntry[], tasks: readonly TaskRow[], by: string, comment: string, evidence?: string): SignOffEntry[] {
  const added = appendSignOffs(
    log,
    // The task's text goes into the record: the sign-off stands only while the ID names that task.
    tasks.map((t) => ({ subject: taskSubject(t.id), action: 'sign-off' as const, comment, task: t.task, phase: t.phase, ...(evidence ? { evidence } : {}) })),
    by,
  );
  added.forEach((e, i) => {
    const row = tasks[i]!.row;
    if (row !== null) mirrorSignOff(read, row, e.by, new Date(e.at));
    if (evidence) mirrorEvidence(read, tasks[i]!, evidence);
  });
  return added;
}

export function recordTaskWithdrawals(read: ChecklistRead, log: readonly SignOffEntry[], tasks: readonly TaskRow[], by: string, reason: string): SignOffEntry[] {
  const added = appendSignOffs(log, tasks.map((t) => ({ subject: taskSubject(t.id), action: 'withdraw' as const, comment: reason })), by);
  for (const t of tasks) {
    if (t.row !== null) mirrorSignOff(read, t.row, '', null);
    if (MAPSPEC_EVIDENCE.test(t.evidence.trim())) mirrorEvidence(read, { ...t, evidence: t.evidence.trim() }, '');
  }
  return added;
}
