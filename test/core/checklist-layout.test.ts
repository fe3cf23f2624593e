// The checklist's saved layout (columns found again by header text, lost columns reported), the
// confirmed choice of roles, the mapping-spec sign-off rule, and sign-offs planned over the shared log.
import {
  checklistSheet, checklistTemplate, detectionFromLayout, isMappingSpecSignOffTask, layoutFromChoice, parseChecklistLayout, planSignOff, planWithdraw,
  readChecklist, signOffStates, taskSignOffs, type ChecklistLayout,
} from '../../src/core/checklist';
import type { SignOffEntry } from '../../src/core/approvals';
import { isUserError } from '../../src/core/errors';
import type { TabGrid } from '../../src/core/mapping';

function grid(values: unknown[][]): TabGrid {
  return { name: 'Plan', sheetId: 7, values };
}

const HEADER = ['Task', 'Owner', 'Status', 'Signed off by'];

function layout(): ChecklistLayout {
  const chosen = layoutFromChoice(grid([HEADER, ['Write jobs', '', 'Done', '']]), {
    headerRow: 1,
    roles: [{ column: 1, role: 'task' }, { column: 2, role: 'owner' }, { column: 3, role: 'status' }, { column: 4, role: 'signed-off-by' }, { column: 2, role: 'none' }],
  }, 'My plan');
  if ('problem' in chosen) throw new Error(chosen.problem);
  return chosen.layout;
}

test('a confirmed choice keeps each role with the header text it had', () => {
  const l = layout();
  expect(l).toEqual({
    sheetId: 7, headerRow: 1, title: 'My plan',
    roles: { task: 1, owner: 2, status: 3, 'signed-off-by': 4 },
    headers: { task: 'Task', owner: 'Owner', status: 'Status', 'signed-off-by': 'Signed off by' },
  });
  expect(parseChecklistLayout(JSON.parse(JSON.stringify(l)))).toEqual(l);
  expect(parseChecklistLayout({ sheetId: 7, headerRow: 1, roles: { owner: 2 } })).toBeNull();
  expect(parseChecklistLayout('nonsense')).toBeNull();
});

test('bad choices are named: unknown role, missing task, no status, a row past the end', () => {
  const g = grid([HEADER]);
  const problem = (roles: { column: number; role: string }[], headerRow = 1) => {
    const r = layoutFromChoice(g, { headerRow, roles }, null);
    return 'problem' in r ? r.problem : null;
  };
  expect(problem([{ column: 1, role: 'boss' }])).toBe('"boss" is not a checklist column role.');
  expect(problem([{ column: 3, role: 'status' }])).toContain('no column is marked as the task column');
  expect(problem([{ column: 1, role: 'task' }])).toContain('mark a status column or a checkbox');
  expect(problem([{ column: 1, role: 'task' }], 5)).toBe('Tab "Plan" has no row 5; its last row is 1.');
});

test('columns moved by hand are found by header text; a deleted one is reported, not guessed', () => {
  const l = layout();
  const moved = grid([['Notes', 'Status', 'Task', 'Owner', 'Signed off by'], ['', 'Done', 'Write jobs', 'ana@x.org', '']]);
  const d = detectionFromLayout(moved, l);
  expect(d.roles).toEqual({ task: 3, owner: 4, status: 2, 'signed-off-by': 5 });
  expect(d.findings).toEqual([]);
  expect(readChecklist(moved, d).tasks[0]).toMatchObject({ task: 'Write jobs', owner: 'ana@x.org', status: 'Done', row: 2 });
  const lost = grid([['Task', 'Owner', 'Signed off by'], ['Write jobs', '', '']]);
  const d2 = detectionFromLayout(lost, l);
  expect(d2.roles.status).toBeUndefined();
  expect(d2.findings.map((f) => f.message)).toEqual(['Plan, row 1: the status column "Status" (column C when the checklist was set up) is no longer in header row 1.']);
});

test('the mapping-spec sign-off rule picks the template task and nothing else', () => {
  const detailed = checklistTemplate('detailed').phases.flatMap((p) => p.items);
  expect(detailed.filter((i) => isMappingSpecSignOffTask({ task: i.text, signOffRequired: i.signOffRequired })).map((i) => i.text)).toEqual([
    'Client sign-offs on workflow diagram & mapping specs',
  ]);
  const compact = checklistTemplate('compact').phases.flatMap((p) => p.items);
  expect(compact.filter((i) => isMappingSpecSignOffTask({ task: i.text, signOffRequired: i.signOffRequired }))).toEqual([]);
  expect(isMappingSpecSignOffTask({ task: 'Mapping specification signed off by MoH', signOffRequired: false })).toBe(true);
});

describe('sign-offs over the log', () => {
  const sheet = checklistSheet(checklistTemplate('detailed'));
  const table = readChecklist(grid([sheet.header, ...sheet.rows.map((r) => r.values)]));
  const task = table.tasks.find((t) => t.signOffRequired)!;
  const entry = (n: number, action: SignOffEntry['action'], subject = `task:${task.id}`): SignOffEntry => ({ n, subject, action, by: 'c@x.org', at: `2025-05-0${n}T10:00:00Z`, comment: `c${n}` });

  test('what stands is the latest sign-off not withdrawn; versions are not tasks', () => {
    expect(taskSignOffs([entry(1, 'sign-off'), entry(2, 'approve', 'version:1')])).toEqual({ [task.id]: { approver: 'c@x.org', at: '2025-05-01T10:00:00Z' } });
    expect(taskSignOffs([entry(1, 'sign-off'), entry(2, 'withdraw')])).toEqual({});
    const states = signOffStates(table, [entry(1, 'sign-off'), entry(2, 'withdraw'), entry(3, 'sign-off')]);
    const s = states.find((x) => x.id === task.id)!;
    expect(s.signedOff).toMatchObject({ by: 'c@x.org', at: '2025-05-03T10:00:00Z', comment: 'c3' });
    expect(s.history.map((h) => h.action)).toEqual(['sign-off', 'withdraw', 'sign-off']);
    expect(states.every((x) => table.tasks.find((t) => t.id === x.id)!.signOffRequired)).toBe(true);
  });

  test('a sign-off stands only for the task text it was given for: an edited ID or inserted row does not move it', () => {
    const other = table.tasks.find((t) => t.id !== task.id && t.signOffRequired === false)!;
    const signed: SignOffEntry = { ...entry(1, 'sign-off'), task: task.task, phase: task.phase };
    // The task's row now carries another task's text under the signed ID.
    const moved = { ...table, tasks: table.tasks.map((t) => (t === task ? { ...t, task: other.task } : t)) };
    const s = signOffStates(moved, [signed]).find((x) => x.id === task.id)!;
    expect(s.signedOff).toBeNull();
    expect(s.moved).toEqual({ by: 'c@x.org', at: '2025-05-01T10:00:00Z', task: task.task });
    // It may be signed off again (the old record does not stand for it); the original text still stands.
    expect(planSignOff(moved, task.id, [signed]).task).toBe(other.task);
    expect(signOffStates(table, [signed]).find((x) => x.id === task.id)!.signedOff).toMatchObject({ by: 'c@x.org' });
    expect(taskSignOffs([signed])).toEqual({ [task.id]: { approver: 'c@x.org', at: '2025-05-01T10:00:00Z', task: task.task } });
  });

  test('plans refuse a missing task, a task without sign-off, signing twice and withdrawing nothing', () => {
    const refused = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        expect(isUserError(e)).toBe(true);
        return (e as Error).message;
      }
      throw new Error('expected a refusal');
    };
    expect(planSignOff(table, ` ${task.id} `, [])).toBe(task);
    expect(refused(() => planSignOff(table, '42.1', []))).toContain('has no task with ID "42.1"');
    expect(refused(() => planSignOff(table, '1.1', []))).toContain('does not require sign-off');
    expect(refused(() => planSignOff(table, task.id, [entry(1, 'sign-off')]))).toContain('already signed off by c@x.org (2025-05-01)');
    expect(refused(() => planWithdraw(table, task.id, []))).toContain('has no recorded sign-off to withdraw');
    expect(planWithdraw(table, task.id, [entry(1, 'sign-off')])).toBe(task);
  });
});

test('a due date is the day the sheet shows, whatever time zone the Date value is read in', () => {
  // 2020-02-01 00:00 in Phnom Penh is 2020-01-31 17:00 UTC: the display text decides.
  const g: TabGrid = {
    name: 'Plan', sheetId: 7,
    values: [['Task', 'Due date', 'Status'], ['Sign the DSA', new Date(Date.UTC(2020, 0, 31, 17)), 'Done']],
    display: [['Task', 'Due date', 'Status'], ['Sign the DSA', '2020-02-01', 'Done']],
  };
  expect(readChecklist(g).tasks[0]!.due).toBe('2020-02-01');
});

test('a phase cell merged down over its tasks gives each task its phase', () => {
  const g: TabGrid = {
    name: 'Plan', sheetId: 7,
    values: [['Phase', 'Task', 'Status'], ['Design', 'Draw the diagram', 'Done'], ['', 'Map the fields', ''], ['Build', 'Write the jobs', ''], ['', 'Test the jobs', 'Blocked']],
    merges: [{ r1: 2, c1: 1, r2: 3, c2: 1 }, { r1: 4, c1: 1, r2: 5, c2: 1 }],
  };
  const t = readChecklist(g);
  expect(t.tasks.map((x) => [x.phase, x.task, x.id])).toEqual([
    ['Design', 'Draw the diagram', '1.1'], ['Design', 'Map the fields', '1.2'], ['Build', 'Write the jobs', '2.1'], ['Build', 'Test the jobs', '2.2'],
  ]);
});
