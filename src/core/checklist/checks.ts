/**
 * Checks of a checklist tab, in the findings format of mapping specs. The recorded sign-offs come in
 * as data (task ID → approver and time, from the server's record); the tab's "Signed off by" text is
 * never taken as a sign-off.
 */
import { columnLetter } from '../mapping/a1';
import { quote } from '../mapping/text';
import { type ChecklistTable } from './adopt';
import { STATUSES, type ChecklistRole, type SignOffRecord, type TaskRow } from './model';
import { normaliseEmail } from '../approvals/emails';
import { isOverdue, todayKey } from './progress';
import { ChecklistSink, type ChecklistFinding, type ChecklistSeverityOverrides } from './rules';
import { signOffMatchesTask } from './sign-off-plan';

export type ChecklistCheckOptions = {
  today: string | Date;
  signOffs?: SignOffRecord;
  severityOverrides?: ChecklistSeverityOverrides;
};

export type ChecklistCheckReport = { findings: ChecklistFinding[]; tasksChecked: number; counts: { [rule: string]: number } };

/** Checks the tasks of an adopted (or inserted) checklist tab. Findings in row order. */
export function checkChecklist(table: ChecklistTable, options: ChecklistCheckOptions): ChecklistCheckReport {
  const today = todayKey(options.today);
  const signOffs = options.signOffs ?? {};
  const d = table.detection;
  const sink = new ChecklistSink(options.severityOverrides);
  for (const f of d.findings) sink.findings.push(f);
  const headerOf = (role: ChecklistRole): string | null => {
    const c = d.roles[role];
    if (c === undefined) return null;
    return d.columns.find((x) => x.column === c)?.header ?? null;
  };
  const at = (t: TaskRow, role: ChecklistRole) => {
    const c = d.roles[role];
    return { tab: d.tab, row: t.row, column: c === undefined ? null : columnLetter(c), columnName: c === undefined ? null : headerOf(role) };
  };
  const statusRole: ChecklistRole = d.statusFrom === 'done' ? 'done' : 'status';
  const idRole: ChecklistRole = d.roles.id === undefined ? 'task' : 'id';
  const rowsById = new Map<string, number[]>();
  for (const t of table.tasks) rowsById.set(t.id, [...(rowsById.get(t.id) ?? []), t.row ?? 0]);
  for (const t of table.tasks) {
    const name = quote(t.task, 50);
    if (t.status === null) {
      sink.add({
        ...at(t, 'status'), rule: 'unknown-status',
        text: `the status ${quote(t.statusText)} of task ${name} is not one of ${STATUSES.join(', ')}.`,
        hint: 'Pick a status from the dropdown.',
      });
    }
    if (t.due === null && t.dueText !== '') {
      sink.add({
        ...at(t, 'due'), rule: 'due-date-not-a-date',
        text: `the due date ${quote(t.dueText)} of task ${name} is not a date.`,
        hint: 'Enter a date (e.g. 2025-06-30) or pick one from the date picker.',
      });
    }
    if (isOverdue(t, today)) {
      sink.add({
        ...at(t, 'due'), rule: 'overdue',
        text: `task ${name} was due on ${t.due} and is ${t.status === null ? 'not done' : t.status}.`,
        hint: 'Finish the task, mark it Not applicable, or set a new due date.',
      });
    }
    if (t.status === 'Done' && t.owner.trim() === '') {
      sink.add({
        ...at(t, d.roles.owner === undefined ? statusRole : 'owner'), rule: 'done-without-owner',
        text: `task ${name} is Done but has no owner.`,
        hint: 'Name who did it (an email) in the owner column.',
      });
    }
    const sameId = rowsById.get(t.id) ?? [];
    if (sameId.length > 1) {
      sink.add({
        ...at(t, idRole), rule: 'duplicate-task-id',
        text: `task ${name} has Task ID ${quote(t.id)}, as ${sameId.length === 2 ? 'does row' : 'do rows'} ${sameId.filter((r) => r !== t.row).join(', ')}.`,
        hint: 'Give each task its own ID: sign-offs are recorded against it.',
      });
    }
    const recorded = Object.prototype.hasOwnProperty.call(signOffs, t.id) ? signOffs[t.id] : undefined;
    // A sign-off recorded for other text under this ID (ID edited, rows inserted) does not count here.
    const record = recorded && signOffMatchesTask(recorded.task, t) ? recorded : undefined;
    if (recorded && !record) {
      sink.add({
        ...at(t, idRole), rule: 'sign-off-moved',
        text: `the sign-off recorded under Task ID ${quote(t.id)} (by ${recorded.approver}, ${recorded.at.slice(0, 10)}) was given for task ${quote(recorded.task ?? '', 50)}, not ${name}; it no longer matches, so this task is not signed off.`,
        hint: 'Put the Task ID (or the task text) back, or have an approver withdraw it and sign this task off.',
      });
    }
    if (t.signOffRequired && t.status === 'Done' && !record) {
      sink.add({
        ...at(t, statusRole), rule: 'sign-off-missing',
        text: `task ${name} requires sign-off and is marked Done, but no sign-off is recorded.`,
        hint: 'Ask an approver to sign it off from the Mapspec sidebar, or set the status back.',
      });
    }
    if (record && t.signedOffBy === '' && d.roles['signed-off-by'] !== undefined) {
      sink.add({
        ...at(t, 'signed-off-by'), rule: 'sign-off-not-shown',
        text: `task ${name} is signed off by ${record.approver} (${record.at.slice(0, 10)}) in the record, but "Signed off by" is blank.`,
        hint: 'The record is what counts; type the approver\'s address into the cell to show it (or check whether the cell is protected).',
      });
    }
    // The cell must name exactly the recorded approver ("mallory@x, client@agency" does not).
    if (t.signedOffBy !== '' && !(record && normaliseEmail(t.signedOffBy) === normaliseEmail(record.approver))) {
      sink.add({
        ...at(t, 'signed-off-by'), rule: 'signed-off-by-mismatch',
        text: record
          ? `"Signed off by" says ${quote(t.signedOffBy)} but the recorded sign-off of task ${name} is by ${quote(record.approver)}.`
          : `"Signed off by" says ${quote(t.signedOffBy)} but no sign-off is recorded for task ${name}; typing a name does not sign a task off.`,
        hint: 'Clear the cell; an approver signs off from the Mapspec sidebar, which fills it in.',
      });
    }
  }
  const counts: { [rule: string]: number } = {};
  for (const f of sink.findings) counts[f.rule] = (counts[f.rule] ?? 0) + 1;
  return { findings: sink.findings, tasksChecked: table.tasks.length, counts };
}
