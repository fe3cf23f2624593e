// Progress figures and the checklist checks, on a small checklist read from a tab.
import { checkChecklist, checklistProgress, checklistSheet, checklistTemplate, readChecklist, CHECKLIST_RULES, type ChecklistFinding } from '../../src/core/checklist';
import type { TabGrid } from '../../src/core/mapping';

const H = ['Phase', 'Task', 'Owner (email)', 'Due date', 'Status', 'Sign-off required', 'Signed off by', 'Signed off at', 'Evidence (link)', 'Notes', 'Task ID'];
const TODAY = '2025-06-15';

function tab(rows: unknown[][]): TabGrid {
  return { name: 'Checklist', sheetId: 7, values: [H, ...rows] };
}

const SMALL = tab([
  ['(1) Prepare'],
  ['(1) Prepare', 'Contacts identified', 'ana@example.org', '2025-06-01', 'Done', 'No', '', '', '', '', '1.1'],
  ['(1) Prepare', 'Agreement finalized', 'Bo@Example.org', '2025-06-10', 'In progress', 'No', '', '', '', '', '1.2'],
  ['(1) Prepare', 'Capacity assessed', '', '', 'Not applicable', 'No', '', '', '', '', '1.3'],
  ['(2) Design'],
  ['(2) Design', 'Client sign-offs on mapping specs', 'ana@example.org', new Date(2025, 6, 1), 'Done', 'Yes', '', '', '', '', '2.1'],
  ['(2) Design', 'Testing scenarios drafted', '', '2025-07-01', 'Blocked', 'No', '', '', '', '', '2.2'],
  ['(2) Design', 'ផែនការសាកល្បង', 'ana@example.org', '', '', 'No', '', '', '', '', '2.3'],
]);

test('progress per phase and overall, Not applicable excluded', () => {
  const table = readChecklist(SMALL);
  const p = checklistProgress(table.tasks, { today: TODAY, me: 'ANA@example.org', phases: table.phases });
  expect(p.overall).toEqual({ total: 6, notApplicable: 1, counted: 5, done: 2, inProgress: 1, blocked: 1, notStarted: 1, unknown: 0, percent: 40 });
  expect(p.phases.map((x) => [x.phase, x.done, x.counted, x.percent])).toEqual([['(1) Prepare', 1, 2, 50], ['(2) Design', 1, 3, 33]]);
  expect(p.overdue.map((t) => [t.id, t.row, t.due])).toEqual([['1.2', 4, '2025-06-10']]);
  expect(p.withoutOwner.map((t) => t.id)).toEqual(['2.2']);
  expect(p.mine.map((t) => t.id)).toEqual(['2.3']);
  expect(checklistProgress(table.tasks, { today: TODAY, me: 'bo@example.ORG' }).mine.map((t) => t.id)).toEqual(['1.2']);
  expect(JSON.parse(JSON.stringify(p))).toEqual(p);
  // A phase where every task is Not applicable has no percentage rather than 0 % or 100 %.
  const na = checklistProgress([{ ...table.tasks[2] }], { today: TODAY });
  expect(na.overall.percent).toBeNull();
  expect(() => checklistProgress(table.tasks, { today: 'tomorrow' })).toThrow(RangeError);
});

function rules(fs: ChecklistFinding[]) {
  return fs.map((f) => [f.rule, f.row, f.column]);
}

function check(rows: unknown[][], signOffs = {}) {
  return checkChecklist(readChecklist(tab(rows)), { today: TODAY, signOffs }).findings;
}

const row = (over: Partial<Record<'owner' | 'due' | 'status' | 'signOff' | 'signedBy' | 'id', unknown>>) => [
  'P', 'A task', over.owner ?? 'ana@example.org', over.due ?? '', over.status ?? 'Not started', over.signOff ?? 'No', over.signedBy ?? '', '', '', '', over.id ?? '1.1',
];

test('rule names are stable and described', () => {
  expect(CHECKLIST_RULES.map((r) => r.rule)).toEqual([
    'overdue', 'done-without-owner', 'due-date-not-a-date', 'sign-off-missing', 'unknown-status', 'signed-off-by-mismatch',
    'checklist-missing-header', 'checklist-missing-column', 'sign-off-moved', 'duplicate-task-id', 'sign-off-not-shown',
  ]);
  for (const r of CHECKLIST_RULES) expect(r.description.length).toBeGreaterThan(20);
});

test('overdue', () => {
  expect(rules(check([row({ due: '2025-06-14', status: 'In progress' })]))).toEqual([['overdue', 2, 'D']]);
  expect(check([row({ due: '2025-06-14', status: 'Done' })])).toEqual([]);
  expect(check([row({ due: '2025-06-14', status: 'Not applicable' })])).toEqual([]);
  expect(check([row({ due: '2025-06-15' })])).toEqual([]);
  const [f] = check([row({ due: new Date(2025, 0, 31), status: 'Blocked' })]);
  expect(f).toMatchObject({ rule: 'overdue', severity: 'warning', columnName: 'Due date' });
  expect(f.message).toBe('Checklist, row 2, column D (Due date): task "A task" was due on 2025-01-31 and is Blocked.');
});

test('done-without-owner', () => {
  expect(rules(check([row({ owner: '', status: 'Done' })]))).toEqual([['done-without-owner', 2, 'C']]);
  expect(check([row({ owner: '', status: 'In progress' })])).toEqual([]);
  expect(check([row({ status: 'Done' })])).toEqual([]);
});

test('due-date-not-a-date: text in date cells', () => {
  expect(rules(check([row({ due: 'next week' })]))).toEqual([['due-date-not-a-date', 2, 'D']]);
  expect(rules(check([row({ due: '2025-02-30' })]))).toEqual([['due-date-not-a-date', 2, 'D']]);
  expect(rules(check([row({ due: '05/06/2025' })]))).toEqual([['due-date-not-a-date', 2, 'D']]);
  expect(rules(check([row({ due: 'ថ្ងៃស្អែក' })]))).toEqual([['due-date-not-a-date', 2, 'D']]);
  expect(check([row({ due: '2025-07-01' })])).toEqual([]);
  expect(check([row({ due: '1 July 2025' })])).toEqual([]);
  expect(check([row({ due: 'Jul 1, 2025' })])).toEqual([]);
  expect(check([row({ due: '' })])).toEqual([]);
});

test('sign-off-missing: Done with no recorded sign-off', () => {
  expect(rules(check([row({ status: 'Done', signOff: 'Yes' })]))).toEqual([['sign-off-missing', 2, 'E']]);
  expect(check([row({ status: 'Done', signOff: 'Yes' })])[0].severity).toBe('error');
  expect(check([row({ status: 'Done', signOff: 'Yes', signedBy: 'client@example.org' })], { '1.1': { approver: 'client@example.org', at: '2025-06-01T10:00:00Z' } })).toEqual([]);
  // A sign-off recorded for another task does not count.
  expect(rules(check([row({ status: 'Done', signOff: 'Yes' })], { '1.2': { approver: 'client@example.org', at: '2025-06-01' } }))).toEqual([['sign-off-missing', 2, 'E']]);
  expect(check([row({ status: 'In progress', signOff: 'Yes' })])).toEqual([]);
  expect(check([row({ status: 'Done', signOff: 'No' })])).toEqual([]);
  // Inherited object keys are not sign-offs.
  expect(rules(check([row({ status: 'Done', signOff: 'Yes', id: 'constructor' })]))).toEqual([['sign-off-missing', 2, 'E']]);
});

test('unknown-status', () => {
  expect(rules(check([row({ status: 'Finished' })]))).toEqual([['unknown-status', 2, 'E']]);
  expect(check([row({ status: 'in  PROGRESS' })])).toEqual([]);
  expect(check([row({ status: '' })])).toEqual([]);
});

test('signed-off-by-mismatch: typing a name does not make a sign-off', () => {
  const rec = { '1.1': { approver: 'client@example.org', at: '2025-06-01T10:00:00Z' } };
  expect(rules(check([row({ signedBy: 'Client' })]))).toEqual([['signed-off-by-mismatch', 2, 'G']]);
  expect(rules(check([row({ signedBy: 'someone@example.org' })], rec))).toEqual([['signed-off-by-mismatch', 2, 'G']]);
  expect(check([row({ signedBy: 'Client@Example.org' })], rec)).toEqual([]);
  expect(check([row({ signedBy: ' Client@Example.org ', status: 'Done', signOff: 'Yes' })], rec)).toEqual([]);
  // The cell must name the recorded approver and no one else.
  expect(rules(check([row({ signedBy: 'mallory@example.org, client@example.org' })], rec))).toEqual([['signed-off-by-mismatch', 2, 'G']]);
  expect(rules(check([row({ signedBy: 'Client <client@example.org>' })], rec))).toEqual([['signed-off-by-mismatch', 2, 'G']]);
  expect(check([row({ signedBy: '' })])).toEqual([]);
  // Typed by hand on a Done sign-off task: both the mismatch and the missing sign-off are reported.
  expect(rules(check([row({ signedBy: 'client@example.org', status: 'Done', signOff: 'Yes' })]))).toEqual([
    ['sign-off-missing', 2, 'E'], ['signed-off-by-mismatch', 2, 'G'],
  ]);
});

test('a sign-off recorded for other text under the same Task ID does not count and is reported', () => {
  const rec = { '1.1': { approver: 'client@example.org', at: '2025-06-01T10:00:00Z', task: 'Another task' } };
  const found = check([row({ status: 'Done', signOff: 'Yes', signedBy: 'client@example.org' })], rec);
  expect(rules(found)).toEqual([['sign-off-moved', 2, 'K'], ['sign-off-missing', 2, 'E'], ['signed-off-by-mismatch', 2, 'G']]);
  expect(found[0]!.message).toBe(
    'Checklist, row 2, column K (Task ID): the sign-off recorded under Task ID "1.1" (by client@example.org, 2025-06-01) was given for task "Another task", not "A task"; it no longer matches, so this task is not signed off.',
  );
  // The same text (case and spaces aside), or a record from before the text was kept, still stands.
  expect(check([row({ status: 'Done', signOff: 'Yes', signedBy: 'client@example.org' })], { '1.1': { ...rec['1.1'], task: ' a   TASK ' } })).toEqual([]);
  expect(check([row({ status: 'Done', signOff: 'Yes', signedBy: 'client@example.org' })], { '1.1': { approver: 'client@example.org', at: 't' } })).toEqual([]);
});

test('a recorded sign-off whose "Signed off by" cell is blank is reported (the mirror failed or was cleared)', () => {
  const rec = { '1.1': { approver: 'client@example.org', at: '2025-06-01T10:00:00Z', task: 'A task' } };
  const found = check([row({ status: 'Done', signOff: 'Yes' })], rec);
  expect(rules(found)).toEqual([['sign-off-not-shown', 2, 'G']]);
  expect(found[0]!.message).toBe('Checklist, row 2, column G (Signed off by): task "A task" is signed off by client@example.org (2025-06-01) in the record, but "Signed off by" is blank.');
});

test('duplicate Task IDs are reported on each row', () => {
  expect(rules(check([row({ id: '1.1' }), row({ id: '1.2' }), row({ id: '1.1' })]))).toEqual([['duplicate-task-id', 2, 'K'], ['duplicate-task-id', 4, 'K']]);
});

test('the freshly inserted template has no findings', () => {
  const sheet = checklistSheet(checklistTemplate('detailed'));
  const grid: TabGrid = { name: 'Checklist', sheetId: 1, values: [sheet.header, ...sheet.rows.map((r) => r.values)] };
  const table = readChecklist(grid);
  expect(table.tasks).toHaveLength(54);
  expect(table.tasks.find((t) => t.id === '2.5')).toMatchObject({ signOffRequired: true, phase: '(2) Discovery & Design - Functional Workflow Requirements' });
  expect(checkChecklist(table, { today: TODAY }).findings).toEqual([]);
  expect(checklistProgress(table.tasks, { today: TODAY, phases: table.phases }).overall.percent).toBe(0);
});
