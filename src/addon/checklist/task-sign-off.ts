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

export function recordTaskSignOffs(read: ChecklistRead, log: readonly SignOffEntry[], tasks: readonly TaskRow[], by: string, comment: string, evidence?: string): SignOffEntry[] {
  const added = appendSignOffs(
    log,
    tasks.map((t) => ({ subject: taskSubject(t.id), action: 'sign-off' as const, comment, ...(evidence ? { evidence } : {}) })),
    by,
  );
  added.forEach((e, i) => {
    const row = tasks[i]!.row;
    if (row !== null) mirrorSignOff(read, row, e.by, new Date(e.at));
  });
  return added;
}

export function recordTaskWithdrawals(read: ChecklistRead, log: readonly SignOffEntry[], tasks: readonly TaskRow[], by: string, reason: string): SignOffEntry[] {
  const added = appendSignOffs(log, tasks.map((t) => ({ subject: taskSubject(t.id), action: 'withdraw' as const, comment: reason })), by);
  for (const t of tasks) if (t.row !== null) mirrorSignOff(read, t.row, '', null);
  return added;
}
