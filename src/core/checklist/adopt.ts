/**
 * Adopting an existing checklist tab: the header row and each column's role found by synonyms
 * (a simple cousin of the mapping tabs' header detection), phase heading rows (only the first cell
 * filled, or a cell merged across the row) and task rows, read into TaskRows.
 */
import { columnLetter } from '../mapping/a1';
import { GridReader, type TabGrid } from '../mapping/grid';
import { compareKey, isDateValue } from '../mapping/text';
import { positionalId } from './markdown';
import { CHECKLIST_ROLES, SUB_SECTION_MARK, parseDueDate, parseStatus, parseYes, type ChecklistRole, type TaskRow } from './model';
import { ChecklistSink, type ChecklistFinding } from './rules';

/** Column names per role, as compared: lower case, punctuation and parentheticals dropped. */
export const CHECKLIST_SYNONYMS: { readonly [role in ChecklistRole]: readonly string[] } = {
  phase: ['phase', 'stage', 'milestone', 'section', 'workstream', 'category', 'area'],
  task: ['task', 'tasks', 'item', 'checklist item', 'activity', 'activities', 'action', 'deliverable', 'to do', 'todo', 'step', 'task description', 'description'],
  owner: ['owner', 'owner email', 'owners', 'responsible', 'responsible person', 'assignee', 'assigned to', 'who', 'lead', 'focal point', 'poc'],
  due: ['due date', 'due', 'due by', 'deadline', 'target date', 'date due', 'end date', 'by when'],
  status: ['status', 'state', 'progress', 'task status'],
  done: ['done', 'complete', 'completed', 'checked', 'tick', 'done?', 'complete?', '✓', 'x'],
  'sign-off-required': ['sign off required', 'signoff required', 'requires sign off', 'needs sign off', 'approval required', 'sign off needed', 'sign off'],
  'signed-off-by': ['signed off by', 'signoff by', 'sign off by', 'approved by', 'approver'],
  'signed-off-at': ['signed off at', 'signed off on', 'sign off date', 'signoff date', 'approved on', 'approved at', 'approval date', 'date signed off', 'date signed'],
  evidence: ['evidence', 'evidence link', 'link', 'links', 'url', 'proof', 'document', 'documents', 'documentation', 'artefact', 'artifact'],
  notes: ['notes', 'note', 'comments', 'comment', 'remarks', 'remark'],
  id: ['id', 'task id', '#', 'no', 'number', 'ref', 'reference'],
};

/** "Due date (YYYY-MM-DD)" → "due date"; "Sign-off required?" → "sign off required". */
export function headerKey(text: string): string {
  const k = compareKey(text).replace(/\([^)]*\)|\[[^\]]*\]/g, ' ').replace(/[-_/:.,;*]+/g, ' ').replace(/\s+/g, ' ').trim();
  return k === '' ? compareKey(text).replace(/[()[\]]/g, '').trim() : k;
}

const SYNONYM_KEYS: { role: ChecklistRole; key: string }[] = [];
for (const role of CHECKLIST_ROLES) for (const s of CHECKLIST_SYNONYMS[role]) SYNONYM_KEYS.push({ role, key: headerKey(s) || s });

/** Best role for a column name: 1 for a synonym, less for a synonym inside a longer name. */
export function scoreChecklistHeader(text: string): { role: ChecklistRole; score: number } | null {
  const key = headerKey(text);
  if (key === '') return null;
  let best: { role: ChecklistRole; score: number } | null = null;
  const padded = ` ${key} `;
  for (const s of SYNONYM_KEYS) {
    let score = 0;
    if (s.key === key) score = 1;
    else if (s.key.length > 1 && padded.includes(` ${s.key} `)) score = 0.5 + 0.4 * (s.key.length / key.length);
    if (score > (best?.score ?? 0)) best = { role: s.role, score };
  }
  return best && best.score >= 0.55 ? best : null;
}

export type ChecklistDetectedColumn = { column: number; letter: string; header: string; role: ChecklistRole | null; confidence: number };

/**
 * What adoption found. `roles` maps each found role to its 1-based column; `statusFrom` says whether
 * progress comes from a status column, a checkbox column, or neither.
 */
export type ChecklistDetection = {
  tab: string;
  sheetId: number;
  headerRow: number | null;
  firstDataRow: number | null;
  columns: ChecklistDetectedColumn[];
  roles: { [role in ChecklistRole]?: number };
  statusFrom: 'status' | 'done' | null;
  /** Roles of the inserted template the tab lacks (it still works without them). */
  missingRoles: ChecklistRole[];
  findings: ChecklistFinding[];
};

const HEADER_SCAN_ROWS = 20;

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** Detects header row and column roles. A header needs a task column and one other role. */
export function detectChecklist(grid: TabGrid): ChecklistDetection {
  const reader = new GridReader(grid);
  const sink = new ChecklistSink();
  let best: { row: number; score: number; guesses: Map<number, { role: ChecklistRole; score: number }> } | null = null;
  const end = Math.min(reader.lastRow, reader.firstRow + HEADER_SCAN_ROWS - 1);
  for (let r = reader.firstRow; r <= end; r++) {
    const guesses = new Map<number, { role: ChecklistRole; score: number }>();
    for (let c = reader.firstColumn; c <= reader.lastColumn; c++) {
      const raw = reader.raw(r, c);
      if (typeof raw !== 'string') continue;
      const g = scoreChecklistHeader(raw);
      if (g) guesses.set(c, g);
    }
    const roles = new Set([...guesses.values()].map((g) => g.role));
    if (!roles.has('task') || roles.size < 2) continue;
    let score = 0;
    for (const g of guesses.values()) score += g.score;
    if (!best || score > best.score + 1e-9) best = { row: r, score, guesses };
  }
  const empty = { tab: reader.name, sheetId: reader.sheetId, headerRow: null, firstDataRow: null, columns: [], roles: {}, statusFrom: null, missingRoles: [] };
  if (!best) {
    sink.add({
      tab: reader.name, row: null, column: null, columnName: null, rule: 'checklist-missing-header',
      text: reader.lastRow === 0
        ? 'the tab is empty, so there is no checklist to read.'
        : `no header row was recognised in the first ${HEADER_SCAN_ROWS} rows (none names a task column and another checklist column such as owner, due date or status).`,
      hint: 'Insert the Mapspec checklist, or name the columns (Task, Owner, Due date, Status…) in one row.',
    });
    return { ...empty, findings: sink.findings };
  }
  // Greedy: strongest (column, role) first; each role once, ties to the leftmost column.
  const pairs = [...best.guesses.entries()].map(([c, g]) => ({ c, ...g })).sort((a, b) => b.score - a.score || a.c - b.c);
  const roles: { [role in ChecklistRole]?: number } = {};
  const assigned = new Map<number, { role: ChecklistRole; score: number }>();
  for (const p of pairs) {
    if (roles[p.role] !== undefined) continue;
    roles[p.role] = p.c;
    assigned.set(p.c, p);
  }
  const columns: ChecklistDetectedColumn[] = [];
  for (let c = reader.firstColumn; c <= reader.lastColumn; c++) {
    const header = reader.text(best.row, c);
    const a = assigned.get(c);
    if (header.trim() === '' && !a) continue;
    columns.push({ column: c, letter: columnLetter(c), header, role: a ? a.role : null, confidence: a ? round2(a.score) : 0 });
  }
  const statusFrom = roles.status !== undefined ? 'status' : roles.done !== undefined ? 'done' : null;
  const missingRoles = CHECKLIST_ROLES.filter((r) => roles[r] === undefined && r !== 'done' && r !== 'id' && !(r === 'status' && statusFrom === 'done'));
  if (statusFrom === null) {
    sink.add({
      tab: reader.name, row: best.row, column: null, columnName: null, rule: 'checklist-missing-column',
      text: 'there is no status column and no checkbox column, so no task counts as done.',
      hint: 'Add a Status column (Not started, In progress, Done, Not applicable, Blocked) or a checkbox column.',
    });
  }
  return { ...empty, headerRow: best.row, firstDataRow: best.row + 1, columns, roles, statusFrom, missingRoles, findings: sink.findings };
}

/** A row's phase-heading text, or null when the row is not a phase heading. */
function phaseHeading(reader: GridReader, row: number, d: ChecklistDetection): string | null {
  let first = -1;
  let count = 0;
  for (let c = reader.firstColumn; c <= reader.lastColumn; c++) {
    const raw = reader.raw(row, c);
    // Unticked checkboxes (FALSE) and empty strings do not count as filled cells.
    if (raw === false || reader.text(row, c).trim() === '') continue;
    if (first < 0) first = c;
    count++;
  }
  if (first < 0) return null;
  const text = reader.text(row, first).trim();
  const merge = reader.mergeAt(row, first);
  if (merge && merge.c2 > merge.c1 && merge.c1 === first) return text;
  if (count !== 1) return null;
  // Only one cell filled. In the phase column, or left of the task column: a heading.
  const taskCol = d.roles.task ?? 0;
  if (first === d.roles.phase || first < taskCol) return text;
  // In the task column itself (a tab without a phase column): a heading when it reads like one.
  if (first === taskCol) return /^(\(?\d+[).]|phase\b|stage\b|#)/i.test(text) ? text : null;
  return null;
}

/** Text of a role's cell in a row ('' when the tab has no such column). */
function cell(reader: GridReader, row: number, col: number | undefined): string {
  return col === undefined ? '' : reader.text(row, col).trim();
}

/** A note row (a README's free text, kept for the export): its "note-N" ID, its text, row and phase. */
export type ChecklistNoteRow = { id: string; text: string; row: number; phase: string };

export type ChecklistTable = { detection: ChecklistDetection; tasks: TaskRow[]; phases: string[]; notes: ChecklistNoteRow[] };

/**
 * Reads the task rows of an adopted tab. Phase: the phase cell, else the last heading row above.
 * IDs: the ID cell, else positional ("phase.task" counting phases in order of appearance).
 */
export function readChecklist(grid: TabGrid, detection?: ChecklistDetection): ChecklistTable {
  const d = detection ?? detectChecklist(grid);
  const reader = new GridReader(grid);
  const tasks: TaskRow[] = [];
  const phases: string[] = [];
  const notes: ChecklistNoteRow[] = [];
  if (d.firstDataRow === null || d.roles.task === undefined) return { detection: d, tasks, phases, notes };
  const taskCount = new Map<string, number>();
  let current = '';
  const phaseIndex = (p: string) => {
    let i = phases.indexOf(p);
    if (i < 0) {
      phases.push(p);
      i = phases.length - 1;
    }
    return i;
  };
  for (let r = d.firstDataRow; r <= reader.lastRow; r++) {
    if (reader.rowIsBlank(r)) continue;
    const heading = phaseHeading(reader, r, d);
    // A README's sub-section ("› Support") stays under its phase.
    if (heading !== null && heading.startsWith(SUB_SECTION_MARK.trim())) continue;
    if (heading !== null) {
      current = heading;
      phaseIndex(heading);
      continue;
    }
    // The task's text as stored (leading space included): it is what the Markdown export writes back.
    const rawTask = reader.text(r, d.roles.task);
    const task = rawTask.trim() === '' ? '' : rawTask.replace(/\s+$/, '');
    // A README's free text: its text where tasks are, a "note-N" ID (see checklistSheet).
    const noteId = cell(reader, r, d.roles.id);
    if (/^note-\d+$/.test(noteId)) {
      notes.push({ id: noteId, text: task, row: r, phase: current });
      continue;
    }
    if (task === '') continue;
    // A phase cell merged down over its tasks holds the text in its top cell only.
    const merged = d.roles.phase === undefined ? null : reader.mergeAt(r, d.roles.phase);
    const phase = cell(reader, r, d.roles.phase) || (merged && merged.r1 < r ? reader.text(merged.r1, merged.c1).trim() : '') || current;
    const pi = phaseIndex(phase);
    const n = taskCount.get(phase) ?? 0;
    taskCount.set(phase, n + 1);
    let statusText: string;
    let status: TaskRow['status'];
    if (d.statusFrom === 'status') {
      statusText = cell(reader, r, d.roles.status);
      status = statusText === '' ? 'Not started' : parseStatus(statusText);
    } else if (d.statusFrom === 'done') {
      const raw = reader.raw(r, d.roles.done!);
      const ticked = raw === true || (typeof raw === 'string' && parseYes(raw));
      status = ticked ? 'Done' : 'Not started';
      statusText = status;
    } else {
      statusText = '';
      status = 'Not started';
    }
    const dueRaw = d.roles.due === undefined ? null : reader.raw(r, d.roles.due);
    const dueText = cell(reader, r, d.roles.due);
    // The date as the sheet shows it first: a Date value's calendar day depends on the time zone it
    // is read in (the script's may differ from the spreadsheet's); the display text does not.
    const due = parseDueDate(dueText) ?? (isDateValue(dueRaw) ? parseDueDate(dueRaw) : null);
    const signOffRaw = d.roles['sign-off-required'] === undefined ? null : reader.raw(r, d.roles['sign-off-required']);
    tasks.push({
      row: r,
      id: cell(reader, r, d.roles.id) || positionalId(pi, n),
      phase,
      task,
      owner: cell(reader, r, d.roles.owner),
      due,
      dueText,
      statusText,
      status,
      signOffRequired: signOffRaw === true || parseYes(cell(reader, r, d.roles['sign-off-required'])),
      signedOffBy: cell(reader, r, d.roles['signed-off-by']),
      signedOffAt: cell(reader, r, d.roles['signed-off-at']),
      evidence: cell(reader, r, d.roles.evidence),
      notes: cell(reader, r, d.roles.notes),
    });
  }
  return { detection: d, tasks, phases, notes };
}
