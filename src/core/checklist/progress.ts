/**
 * Progress of a checklist: per phase and overall (Not applicable tasks are left out of the count),
 * overdue tasks, tasks without an owner, and "my tasks" for an email. "Today" is a parameter, so the
 * figures are the same wherever they are computed.
 */
import { compareKey } from '../mapping/text';
import { parseDueDate, type ChecklistStatus, type TaskRow } from './model';

/** A task as progress lists show it; `row` lets the sidebar select the task's row. */
export type TaskRef = { id: string; row: number | null; phase: string; task: string; owner: string; due: string | null; status: ChecklistStatus | null };

export type ProgressCount = {
  /** Tasks, Not applicable included. */
  total: number;
  notApplicable: number;
  /** Tasks that count: total − notApplicable. */
  counted: number;
  done: number;
  inProgress: number;
  blocked: number;
  notStarted: number;
  /** Tasks whose status is not a known status (counted, not done). */
  unknown: number;
  /** done / counted, 0–100, rounded down; null when no task counts. */
  percent: number | null;
};

export type PhaseProgress = ProgressCount & { phase: string };

export type ChecklistProgress = {
  today: string;
  overall: ProgressCount;
  phases: PhaseProgress[];
  overdue: TaskRef[];
  withoutOwner: TaskRef[];
  mine: TaskRef[];
};

function emptyCount(): ProgressCount {
  return { total: 0, notApplicable: 0, counted: 0, done: 0, inProgress: 0, blocked: 0, notStarted: 0, unknown: 0, percent: null };
}

function tally(c: ProgressCount, status: ChecklistStatus | null): void {
  c.total++;
  if (status === 'Not applicable') c.notApplicable++;
  else if (status === 'Done') c.done++;
  else if (status === 'In progress') c.inProgress++;
  else if (status === 'Blocked') c.blocked++;
  else if (status === 'Not started') c.notStarted++;
  else c.unknown++;
}

function finish(c: ProgressCount): ProgressCount {
  c.counted = c.total - c.notApplicable;
  c.percent = c.counted === 0 ? null : Math.floor((c.done * 100) / c.counted);
  return c;
}

/** "today" as YYYY-MM-DD from a Date or a date text; throws on anything else (a caller bug). */
export function todayKey(today: string | Date): string {
  const key = parseDueDate(today);
  if (key === null) throw new RangeError(`Not a date for "today": ${String(today)}`);
  return key;
}

/** Whether a task is overdue on `today` (YYYY-MM-DD): due before today and not Done / Not applicable. */
export function isOverdue(t: TaskRow, today: string): boolean {
  return t.due !== null && t.due < today && t.status !== 'Done' && t.status !== 'Not applicable';
}

/** An owner cell names an email when it equals it or contains it ("Ana <ana@x.org>"), any case. */
export function ownerMatches(owner: string, email: string): boolean {
  const o = compareKey(owner);
  const e = compareKey(email);
  if (e === '' || o === '') return false;
  if (o === e) return true;
  return o.split(/[\s,;<>()]+/).includes(e);
}

function ref(t: TaskRow): TaskRef {
  return { id: t.id, row: t.row, phase: t.phase, task: t.task, owner: t.owner, due: t.due, status: t.status };
}

/**
 * Progress figures. Phases appear in the order given by `phases` (if any; phases without tasks then
 * show with zero counts) followed by phases first met in the tasks. `me` is the signed-in user's
 * email ("my tasks": owner matches, case-insensitive; Done and Not applicable tasks left out).
 */
export function checklistProgress(tasks: readonly TaskRow[], options: { today: string | Date; me?: string | null; phases?: readonly string[] }): ChecklistProgress {
  const today = todayKey(options.today);
  const overall = emptyCount();
  const byPhase = new Map<string, ProgressCount>();
  for (const p of options.phases ?? []) if (!byPhase.has(p)) byPhase.set(p, emptyCount());
  const overdue: TaskRef[] = [];
  const withoutOwner: TaskRef[] = [];
  const mine: TaskRef[] = [];
  const me = options.me ?? '';
  for (const t of tasks) {
    tally(overall, t.status);
    let c = byPhase.get(t.phase);
    if (!c) {
      c = emptyCount();
      byPhase.set(t.phase, c);
    }
    tally(c, t.status);
    if (isOverdue(t, today)) overdue.push(ref(t));
    if (t.owner.trim() === '' && t.status !== 'Not applicable') withoutOwner.push(ref(t));
    if (me !== '' && t.status !== 'Done' && t.status !== 'Not applicable' && ownerMatches(t.owner, me)) mine.push(ref(t));
  }
  overdue.sort((a, b) => (a.due ?? '').localeCompare(b.due ?? ''));
  return {
    today,
    overall: finish(overall),
    phases: [...byPhase.entries()].map(([phase, c]) => ({ phase, ...finish(c) })),
    overdue,
    withoutOwner,
    mine,
  };
}
