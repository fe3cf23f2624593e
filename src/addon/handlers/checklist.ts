/**
 * Sidebar handlers of the implementation checklist: its view (progress, overdue, unowned, my tasks,
 * sign-offs), inserting / adopting / importing the tab, exporting it as Markdown, signing tasks off
 * and withdrawing sign-offs, and the approver list. Reads are a fixed number of spreadsheet calls;
 * changes run under the document lock, with identity from Session only.
 */
import type { ApiParsedInput, ApiResults, ApproversView, ChecklistView } from '../../core/api';
import { isApprover, type ApproverSettings, type SignOffEntry } from '../../core/approvals';
import {
  CHECKLIST_COLUMNS, CHECKLIST_TITLE, checklistMarkdown, checklistProgress, checklistTemplate, detectChecklist, layoutFromChoice, overlongLine, readReadme,
  planSignOff, planWithdraw, replaceSection, signOffStates, type PhaseBlock, type ReadmeSource,
} from '../../core/checklist';
import { UserError } from '../../core/errors';
import { MAX_CELL_CHARS } from '../../core/cell-text';
import { readAllDocumentProperties } from '../adapters/properties';
import { activeSpreadsheet, sheetById } from '../adapters/spreadsheet';
import { currentUserEmail } from '../adapters/session';
import { withDocumentLock } from '../adapters/lock';
import { readReadmeSource, writeReadmeSource } from '../adapters/readme-source-store';
import { readApprovals, requireUserEmail, saveApproverList } from '../approvals/approvals-store';
import { findChecklistSheet, loadChecklistLayout, readChecklistGrid, readRegisteredChecklist, requireChecklist, saveChecklistLayout, type ChecklistRead } from '../checklist/checklist-store';
import { insertChecklistTab } from '../checklist/checklist-tab';
import { recordTaskSignOffs, recordTaskWithdrawals, type Recorded } from '../checklist/task-sign-off';
import type { Checklist, TaskRow } from '../../core/checklist';

export function approversView(settings: ApproverSettings, me: string | null): ApproversView {
  return { approvers: settings.approvers, history: settings.history, isApprover: isApprover(settings, me) };
}

/** The view of the checklist from what was read (no further spreadsheet calls). */
function viewOf(read: ChecklistRead | null, props: Record<string, string>, storedName: string | null): ChecklistView {
  const me = currentUserEmail();
  const approvals = readApprovals(props);
  const base = { me, isApprover: isApprover(approvals.settings, me) };
  if (!read) {
    const notices = storedName !== null ? [`The checklist tab${storedName ? ` "${storedName}"` : ''} was deleted. Insert the checklist again or adopt another tab.`] : [];
    return { tab: null, notices, progress: null, signOffs: [], notes: [], ...base };
  }
  const t = read.table;
  return {
    tab: { sheetId: read.sheet.getSheetId(), name: read.grid.name, taskColumn: t.detection.roles.task ?? 1 },
    notices: t.detection.findings.map((f) => f.message),
    progress: checklistProgress(t.tasks, { today: new Date(), me, phases: t.phases }),
    signOffs: signOffStates(t, approvals.log),
    notes: t.notes.map(({ phase, row, text }) => ({ phase, row, text })),
    ...base,
  };
}

function currentView(ss = activeSpreadsheet()): ChecklistView {
  const props = readAllDocumentProperties();
  const stored = loadChecklistLayout(props);
  return viewOf(readRegisteredChecklist(ss, stored), props, stored ? stored.name : null);
}

export function getChecklist(_input: ApiParsedInput<'getChecklist'>): ApiResults['getChecklist'] {
  return currentView();
}

/** A new checklist tab from `checklist`; half a tab is worse than none, so a failure removes it. */
function insertAndRegister(checklist: Checklist, name: string, readme?: { blocks: PhaseBlock[][]; source: ReadmeSource }): ChecklistView {
  const ss = activeSpreadsheet();
  return withDocumentLock(() => {
    const existing = readRegisteredChecklist(ss, loadChecklistLayout());
    if (existing) {
      throw new UserError(
        `This spreadsheet already has a checklist: tab "${existing.grid.name}". Mapspec keeps one checklist per spreadsheet, so recorded sign-offs stay with their tasks; to start again, delete that tab first.`,
      );
    }
    const made: GoogleAppsScript.Spreadsheet.Sheet[] = [];
    try {
      const { sheet, layout } = insertChecklistTab(ss, checklist, name, made, readme?.blocks);
      // The README section first, the registration last: a failure before leaves no checklist.
      writeReadmeSource(ss, readme ? { sheetId: sheet.getSheetId(), tab: sheet.getName(), source: readme.source } : null);
      saveChecklistLayout(layout, sheet.getName());
      ss.setActiveSheet(sheet);
    } catch (e) {
      for (const s of made) ss.deleteSheet(s);
      throw e;
    }
    return currentView(ss);
  });
}

export function insertChecklist(input: ApiParsedInput<'insertChecklist'>): ApiResults['insertChecklist'] {
  const form = input.form ?? 'detailed';
  return insertAndRegister(checklistTemplate(form), form === 'compact' ? 'Checklist (compact)' : 'Implementation checklist');
}

export function importChecklistMarkdown(input: ApiParsedInput<'importChecklistMarkdown'>): ApiResults['importChecklistMarkdown'] {
  const long = overlongLine(input.markdown, MAX_CELL_CHARS);
  if (long) {
    throw new UserError(
      `Line ${long.line} of the Markdown ("${long.start}") is over ${MAX_CELL_CHARS.toLocaleString('en-US')} characters, more than a Google Sheets cell holds. Shorten it and import again; nothing was written.`,
    );
  }
  const read = readReadme(input.markdown);
  if (!read) {
    throw new UserError('Mapspec found no task items in that Markdown. A task list has lines like "- [ ] Task" or "- [x] Done task" under "## Phase" headings.');
  }
  const { checklist, blocks, source } = read;
  return insertAndRegister(checklist, checklist.title ? checklist.title.slice(0, 80) : 'Implementation checklist', { blocks, source });
}

const ROLE_LABELS: { [role: string]: string } = {
  phase: 'Phase', task: 'Task', owner: 'Owner (email)', due: 'Due date', status: 'Status', done: 'Done (checkbox)',
  'sign-off-required': 'Sign-off required', 'signed-off-by': 'Signed off by', 'signed-off-at': 'Signed off at',
  evidence: 'Evidence (link)', notes: 'Notes', id: 'Task ID',
};

export function detectChecklistTab(input: ApiParsedInput<'detectChecklistTab'>): ApiResults['detectChecklistTab'] {
  const ss = activeSpreadsheet();
  const sheet = input.sheetId === undefined ? ss.getActiveSheet() : sheetById(ss, input.sheetId);
  const grid = readChecklistGrid(sheet);
  return {
    sheetId: sheet.getSheetId(),
    name: grid.name,
    detection: detectChecklist(grid),
    roleOptions: [...CHECKLIST_COLUMNS.map((c) => c.role), 'done' as const].map((role) => ({ role, label: ROLE_LABELS[role] ?? role })),
  };
}

export function adoptChecklist(input: ApiParsedInput<'adoptChecklist'>): ApiResults['adoptChecklist'] {
  const ss = activeSpreadsheet();
  return withDocumentLock(() => {
    const sheet = sheetById(ss, input.sheetId);
    // One checklist per spreadsheet (as insert): another registered tab keeps its recorded sign-offs.
    const registered = findChecklistSheet(ss, loadChecklistLayout());
    if (registered && registered.getSheetId() !== sheet.getSheetId()) {
      throw new UserError(
        `This spreadsheet already has a checklist: tab "${registered.getName()}". Mapspec keeps one checklist per spreadsheet, so recorded sign-offs stay with their tasks; to adopt tab "${sheet.getName()}" instead, delete that tab first.`,
      );
    }
    const grid = readChecklistGrid(sheet);
    const chosen = layoutFromChoice(grid, input, CHECKLIST_TITLE);
    if ('problem' in chosen) throw new UserError(chosen.problem);
    saveChecklistLayout(chosen.layout, grid.name);
    return currentView(ss);
  });
}

/**
 * The checklist as Markdown: the README section it was imported from, written back line for line
 * (only what changed in the tab changes), or a plain task list; with `readme`, that whole README
 * with the section replaced and the rest as it was.
 */
export function exportChecklistMarkdown(input: ApiParsedInput<'exportChecklistMarkdown'>): ApiResults['exportChecklistMarkdown'] {
  const ss = activeSpreadsheet();
  const read = requireChecklist(ss, loadChecklistLayout());
  const source = readReadmeSource(ss, read.sheet);
  const section = checklistMarkdown(read.table, source, read.layout.title ?? CHECKLIST_TITLE);
  let markdown = section;
  if (input.readme !== undefined) {
    if (!source) throw new UserError('This checklist was not imported from a README, so Mapspec cannot tell which part of the README to replace. Export the Markdown and paste it in yourself.');
    const whole = replaceSection(input.readme, source, section);
    if (whole === null) {
      const first = source.lines[0]?.raw.trim() ?? '';
      throw new UserError(`That README has no line "${first.slice(0, 80)}", where the checklist was imported from. Paste the README the checklist came from.`);
    }
    markdown = whole;
  }
  const base = read.grid.name.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '').toLowerCase() || 'checklist';
  return { markdown, fileName: `${base}.md` };
}

/** Who is acting, checked against the approver list before anything is read or written. */
function requireApprover(settings: ApproverSettings, action: string): string {
  const me = requireUserEmail(action);
  if (!isApprover(settings, me)) {
    throw new UserError(
      settings.approvers.length === 0
        ? `Mapspec cannot ${action}: no approvers are named yet. Add approvers (emails) in Settings → Approvers.`
        : `Mapspec cannot ${action}: ${me} is not an approver. The approvers are named in Settings → Approvers.`,
    );
  }
  return me;
}

/** Signing off and withdrawing: the same steps, with the plan and the record of each. */
function changeSignOff(taskId: string, action: string, plan: typeof planSignOff, record: (read: ChecklistRead, log: SignOffEntry[], task: TaskRow, me: string) => Recorded): ChecklistView {
  const ss = activeSpreadsheet();
  return withDocumentLock(() => {
    const props = readAllDocumentProperties();
    const approvals = readApprovals(props);
    const me = requireApprover(approvals.settings, action);
    const read = requireChecklist(ss, loadChecklistLayout(props));
    const task = plan(read.table, taskId, approvals.log);
    const { notice } = record(read, approvals.log, task, me);
    const view = currentView(ss);
    return notice ? { ...view, notices: [notice, ...view.notices] } : view;
  });
}

export function signOffTask(input: ApiParsedInput<'signOffTask'>): ApiResults['signOffTask'] {
  const comment = (input.comment ?? '').trim();
  return changeSignOff(input.taskId, 'record this sign-off', planSignOff, (read, log, task, me) => recordTaskSignOffs(read, log, [task], me, comment));
}

export function withdrawSignOff(input: ApiParsedInput<'withdrawSignOff'>): ApiResults['withdrawSignOff'] {
  return changeSignOff(input.taskId, 'withdraw this sign-off', planWithdraw, (read, log, task, me) => recordTaskWithdrawals(read, log, [task], me, input.reason));
}

export function saveApprovers(input: ApiParsedInput<'saveApprovers'>): ApiResults['saveApprovers'] {
  return withDocumentLock(() => {
    const current = readApprovals().settings;
    const updated = saveApproverList(current, input.approvers);
    return approversView(updated, currentUserEmail());
  });
}
