/**
 * Recording checklist sign-offs: append to the shared sign-off log (subject "task:<id>"), then mirror
 * into the tab's rows. Callers hold the document lock and have checked who may act; the log entry is
 * the record (written first, in one call). The tab's cells only show it: when they cannot be written
 * (protected cells, a deleted column) the sign-off still stands and the caller gets a notice instead
 * of an error, so a retry does not meet "already signed off".
 */
import { historyOf, taskSubject, type SignOffEntry } from '../../core/approvals';
import type { TaskRow } from '../../core/checklist';
import { appendSignOffs } from '../approvals/approvals-store';
import type { ChecklistRead } from './checklist-store';
import { writeRowCells } from './checklist-tab';

/** What was recorded, and a notice when the tab's cells could not show it. */
export type Recorded = { added: SignOffEntry[]; notice: string | null };

/**
 * The evidence Mapspec last showed for a task: that of its latest log entry with evidence. Only a
 * cell still holding exactly that (or a blank one) is Mapspec's to replace or clear; any other text
 * is the person's, however it reads.
 */
function mapspecEvidence(log: readonly SignOffEntry[], task: TaskRow): string | null {
  const withEvidence = historyOf(log, taskSubject(task.id)).filter((e) => e.evidence);
  const last = withEvidence[withEvidence.length - 1];
  return last ? last.evidence!.trim() : null;
}

/** The Evidence cell's new value, or undefined to leave it. */
function evidenceCell(log: readonly SignOffEntry[], task: TaskRow, evidence: string): string | undefined {
  const current = task.evidence.trim();
  if (current === evidence.trim()) return undefined;
  return current === '' || current === mapspecEvidence(log, task) ? evidence : undefined;
}

type RowWrite = { task: TaskRow; by: string; at: Date | ''; evidence: string | undefined };

/** Mirrors into each task's row (one write per run of adjacent columns); a failure becomes a notice. */
function mirror(read: ChecklistRead, writes: readonly RowWrite[], done: string): string | null {
  const roles = read.table.detection.roles;
  try {
    for (const w of writes) {
      if (w.task.row === null) continue;
      const cells = new Map<number, unknown>();
      if (roles['signed-off-by'] !== undefined) cells.set(roles['signed-off-by'], w.by);
      if (roles['signed-off-at'] !== undefined) cells.set(roles['signed-off-at'], w.at);
      if (roles.evidence !== undefined && w.evidence !== undefined) cells.set(roles.evidence, w.evidence);
      writeRowCells(read, w.task.row, cells);
    }
    return null;
  } catch (e) {
    // Apps Script's own errors (protected cells…) say what went wrong.
    const why = (e instanceof Error ? e.message : String(e)).replace(/[.\s]+$/, '');
    const rows = writes.map((w) => w.task.row).filter((r) => r !== null).join(', ');
    return `${done} and recorded; Mapspec could not write the Signed off by / Signed off at / Evidence cells of tab "${read.grid.name}", row ${rows}: ${why}. The record stands; the cells only show it.`;
  }
}

export function recordTaskSignOffs(read: ChecklistRead, log: readonly SignOffEntry[], tasks: readonly TaskRow[], by: string, comment: string, evidence?: string): Recorded {
  const added = appendSignOffs(
    log,
    // The task's text goes into the record: the sign-off stands only while the ID names that task.
    tasks.map((t) => ({ subject: taskSubject(t.id), action: 'sign-off' as const, comment, task: t.task, phase: t.phase, ...(evidence ? { evidence } : {}) })),
    by,
  );
  const writes = added.map((e, i) => ({ task: tasks[i]!, by: e.by, at: new Date(e.at), evidence: evidence ? evidenceCell(log, tasks[i]!, evidence) : undefined }));
  return { added, notice: mirror(read, writes, 'Signed off') };
}

export function recordTaskWithdrawals(read: ChecklistRead, log: readonly SignOffEntry[], tasks: readonly TaskRow[], by: string, reason: string): Recorded {
  const added = appendSignOffs(log, tasks.map((t) => ({ subject: taskSubject(t.id), action: 'withdraw' as const, comment: reason })), by);
  const writes = tasks.map((t) => ({ task: t, by: '', at: '' as const, evidence: t.evidence.trim() !== '' ? evidenceCell(log, t, '') : undefined }));
  return { added, notice: mirror(read, writes, 'Withdrawn') };
}
