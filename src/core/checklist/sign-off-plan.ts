/**
 * Checklist sign-offs over the shared sign-off log (subject "task:<id>"): the record the checks
 * compare the tab against, what may be signed off or withdrawn (as UserErrors naming tab and task),
 * and the per-task sign-off state the sidebar shows. The approver check itself is the approvals
 * module's (isApprover); who and when are the server's.
 */
import { UserError } from '../errors';
import { historyOf, standingSignOffs, taskSubject, type SignOffEntry } from '../approvals/sign-offs';
import { compareKey, quote } from '../mapping/text';
import type { ChecklistTable } from './adopt';
import type { SignOffRecord, TaskRow } from './model';

const TASK_PREFIX = 'task:';

/** The standing sign-off of every task (task ID → approver, time and the task's text then), from the log. */
export function taskSignOffs(log: readonly SignOffEntry[]): SignOffRecord {
  const out: { [taskId: string]: { approver: string; at: string; task?: string } } = {};
  for (const [subject, e] of standingSignOffs(log)) {
    if (subject.startsWith(TASK_PREFIX)) out[subject.slice(TASK_PREFIX.length)] = { approver: e.by, at: e.at, ...(e.task !== undefined ? { task: e.task } : {}) };
  }
  return out;
}

/**
 * Whether a sign-off given for a task with text `signedText` stands for `task` now: the texts match
 * (case and runs of spaces ignored). A record from before the text was kept (undefined) matches.
 */
export function signOffMatchesTask(signedText: string | undefined, task: Pick<TaskRow, 'task'>): boolean {
  return signedText === undefined || compareKey(signedText) === compareKey(task.task);
}

/** The standing sign-off entry of a task, split into one that stands for it and one that no longer matches it. */
function standingOf(standing: Map<string, SignOffEntry>, t: TaskRow): { stands: SignOffEntry | null; moved: SignOffEntry | null } {
  const e = standing.get(taskSubject(t.id)) ?? null;
  if (!e) return { stands: null, moved: null };
  return signOffMatchesTask(e.task, t) ? { stands: e, moved: null } : { stands: null, moved: e };
}

function findTask(table: ChecklistTable, taskId: string): TaskRow {
  const id = taskId.trim();
  const matches = table.tasks.filter((t) => t.id === id);
  if (matches.length === 0) throw new UserError(`Tab "${table.detection.tab}" has no task with ID "${id}". Refresh the Checklist panel: the task may have been deleted or renumbered.`);
  if (matches.length > 1) {
    throw new UserError(`Tab "${table.detection.tab}", rows ${matches.map((t) => t.row).join(' and ')}: more than one task has ID "${id}". Give each task its own ID in the Task ID column first.`);
  }
  return matches[0]!;
}

/** The task to sign off, or a UserError: no such task, no sign-off required, already signed off. */
export function planSignOff(table: ChecklistTable, taskId: string, log: readonly SignOffEntry[]): TaskRow {
  const t = findTask(table, taskId);
  const where = `Tab "${table.detection.tab}", row ${t.row}`;
  if (!t.signOffRequired) throw new UserError(`${where}: task ${quote(t.task, 60)} does not require sign-off (its "Sign-off required" cell is not Yes), so nothing was recorded.`);
  // A sign-off recorded for other text under this ID does not stand for this task: it may be signed off.
  const standing = standingOf(standingSignOffs(log), t).stands;
  if (standing) throw new UserError(`${where}: task ${quote(t.task, 60)} is already signed off by ${standing.by} (${standing.at.slice(0, 10)}). Withdraw that sign-off first to sign again.`);
  return t;
}

/** The task whose sign-off to withdraw, or a UserError when there is none standing. */
export function planWithdraw(table: ChecklistTable, taskId: string, log: readonly SignOffEntry[]): TaskRow {
  const t = findTask(table, taskId);
  if (!standingSignOffs(log).has(taskSubject(t.id))) {
    throw new UserError(`Tab "${table.detection.tab}", row ${t.row}: task ${quote(t.task, 60)} has no recorded sign-off to withdraw.`);
  }
  return t;
}

export type SignOffHistoryItem = { action: SignOffEntry['action']; by: string; at: string; comment: string; evidence: string };

/** A task that requires sign-off, with its standing sign-off and its history (oldest first). */
export type TaskSignOffState = {
  id: string;
  row: number | null;
  phase: string;
  task: string;
  status: TaskRow['status'];
  signedOff: { by: string; at: string; comment: string; evidence: string } | null;
  /** A sign-off recorded under this task's ID for another task's text (it does not count here). */
  moved: { by: string; at: string; task: string } | null;
  history: SignOffHistoryItem[];
};

export function signOffStates(table: ChecklistTable, log: readonly SignOffEntry[]): TaskSignOffState[] {
  const standing = standingSignOffs(log);
  return table.tasks
    .filter((t) => t.signOffRequired || historyOf(log, taskSubject(t.id)).length > 0)
    .map((t) => {
      const { stands: s, moved } = standingOf(standing, t);
      return {
        id: t.id,
        row: t.row,
        phase: t.phase,
        task: t.task,
        status: t.status,
        signedOff: s ? { by: s.by, at: s.at, comment: s.comment, evidence: s.evidence ?? '' } : null,
        moved: moved ? { by: moved.by, at: moved.at, task: moved.task ?? '' } : null,
        history: historyOf(log, taskSubject(t.id)).map((e) => ({ action: e.action, by: e.by, at: e.at, comment: e.comment, evidence: e.evidence ?? '' })),
      };
    });
}
