/**
 * The checklist's data model: statuses, the columns of a checklist tab and their roles, the shapes
 * a checklist takes (template / Markdown import) and a task row read from a tab. All results are
 * plain `type` aliases, JSON-safe, so adapters can hand them to the sidebar as is.
 */
import { compareKey } from '../mapping/text';

export const STATUSES = ['Not started', 'In progress', 'Done', 'Not applicable', 'Blocked'] as const;
export type ChecklistStatus = (typeof STATUSES)[number];

const STATUS_BY_KEY = new Map<string, ChecklistStatus>(STATUSES.map((s) => [compareKey(s), s]));

/** The status a cell names (case and spaces ignored), or null when it names none. */
export function parseStatus(text: string): ChecklistStatus | null {
  return STATUS_BY_KEY.get(compareKey(text)) ?? null;
}

/** What a column of a checklist tab holds. `done` is a checkbox column standing in for status. */
export const CHECKLIST_ROLES = [
  'phase', 'task', 'owner', 'due', 'status', 'done', 'sign-off-required', 'signed-off-by', 'signed-off-at', 'evidence', 'notes', 'id',
] as const;
export type ChecklistRole = (typeof CHECKLIST_ROLES)[number];

export type ChecklistColumn = { role: ChecklistRole; header: string; description: string };

/**
 * Columns of the tab Mapspec inserts, in order. "Task ID" (last) is what recorded sign-offs are keyed
 * by, so inserting or moving rows does not move a sign-off to another task.
 */
export const CHECKLIST_COLUMNS: readonly ChecklistColumn[] = [
  { role: 'phase', header: 'Phase', description: 'The phase the task belongs to.' },
  { role: 'task', header: 'Task', description: 'What has to be done.' },
  { role: 'owner', header: 'Owner (email)', description: 'Who does it: an email address.' },
  { role: 'due', header: 'Due date', description: 'When it is due (a date).' },
  { role: 'status', header: 'Status', description: `One of: ${STATUSES.join(', ')}.` },
  { role: 'sign-off-required', header: 'Sign-off required', description: 'Yes when an approver has to sign the task off.' },
  { role: 'signed-off-by', header: 'Signed off by', description: 'Mirrored from the recorded sign-off; typing here does not sign off.' },
  { role: 'signed-off-at', header: 'Signed off at', description: 'When the recorded sign-off was given.' },
  { role: 'evidence', header: 'Evidence (link)', description: 'A link to the document or result that shows the task is done.' },
  { role: 'notes', header: 'Notes', description: 'Anything else.' },
  { role: 'id', header: 'Task ID', description: 'Stable ID of the task (sign-offs are recorded against it).' },
];

/** A README sub-section row's first cell starts with this mark; the tab's reader takes such a row for no phase. */
export const SUB_SECTION_MARK = '› ';

/** One task of a checklist as a template or a Markdown task list has it. */
export type ChecklistItem = {
  id: string;
  text: string;
  /** Continuation lines (e.g. "Learn more … [here.](…)"), joined by "\n"; '' when none. */
  notes: string;
  checked: boolean;
  signOffRequired: boolean;
  /** Who does it, when the Markdown names one ("(owner: jane@example.org)" after the text). */
  owner?: string;
};

/** A phase: a heading (level 2 for "##", 3 for "###") and its tasks. */
export type ChecklistPhase = { title: string; level: number; items: ChecklistItem[] };

export type Checklist = { title: string | null; phases: ChecklistPhase[] };

/** A task row as read from a checklist tab (or produced from a checklist). */
export type TaskRow = {
  /** 1-based sheet row, or null for a task that is not on a sheet. */
  row: number | null;
  id: string;
  phase: string;
  task: string;
  owner: string;
  /** The due date as YYYY-MM-DD, or null when the cell is blank or not a date. */
  due: string | null;
  /** The due-date cell as shown ('' when blank). */
  dueText: string;
  /** The status cell as written (for a checkbox column: "Done" / "Not started"). */
  statusText: string;
  /** The status it names; a blank cell is "Not started"; null when it names no status. */
  status: ChecklistStatus | null;
  signOffRequired: boolean;
  signedOffBy: string;
  signedOffAt: string;
  evidence: string;
  notes: string;
};

/** Recorded sign-offs, by task ID (the record kept by the server, never the tab's text). */
/** `task`: the task's text when it was signed off (absent in older records). */
export type SignOffRecord = { readonly [taskId: string]: { approver: string; at: string; task?: string } };

/** A sign-off-required cell: Yes/TRUE/Y/✓/x (any case) mean required. */
export function parseYes(text: string): boolean {
  return /^(yes|y|true|required|x|✓|✔|1)$/i.test(text.trim());
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** A real calendar date as YYYY-MM-DD, or null (2024-02-30 is not a date). */
function isoOf(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return null;
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

/**
 * A due date as YYYY-MM-DD, or null. Accepts Date values (any realm; local calendar day, as the
 * spreadsheet's time zone is the script's) and text written as YYYY-MM-DD (optionally with a time),
 * YYYY/MM/DD, or "5 May 2025" / "May 5, 2025". Ambiguous forms such as 05/06/2025 are not dates.
 */
export function parseDueDate(value: unknown): string | null {
  if (Object.prototype.toString.call(value) === '[object Date]') {
    const d = value as Date;
    if (Number.isNaN(d.getTime())) return null;
    return isoOf(d.getFullYear(), d.getMonth() + 1, d.getDate());
  }
  if (typeof value !== 'string') return null;
  const t = value.trim();
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(t);
  if (m) return isoOf(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})$/.exec(t);
  if (m) return isoOf(Number(m[3]), monthOf(m[2]), Number(m[1]));
  m = /^([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})$/.exec(t);
  if (m) return isoOf(Number(m[3]), monthOf(m[1]), Number(m[2]));
  return null;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** 1–12 for a month name or its abbreviation ("Sep", "Sept", "September"); 0 for anything else. */
function monthOf(word: string): number {
  const w = word.toLowerCase();
  if (w.length < 3) return 0;
  const i = MONTHS.findIndex((m) => m.startsWith(w) || (w === 'sept' && m === 'september'));
  return i + 1;
}

/** Whether a task's text reads as a sign-off (used for imported Markdown, which has no such column). */
export function looksLikeSignOff(text: string): boolean {
  return /\bsign[-\s]?offs?\b|\bsigned[-\s]off\b/i.test(text);
}
