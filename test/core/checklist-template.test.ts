// The checklist template as data, and the rows written for it.
import { checklistSheet, checklistTemplate, CHECKLIST_COLUMNS, STATUSES } from '../../src/core/checklist';

test('detailed form: phases (1)…(6) and Rollout & Support, with their task counts', () => {
  const c = checklistTemplate('detailed');
  expect(c.phases.map((p) => [p.title, p.items.length])).toEqual([
    ['(1) Preparing for the Implementation', 6],
    ['(2) Discovery & Design - Functional Workflow Requirements', 7],
    ['(3) Discovery & Design - Technical Specifications', 13],
    ['(4) Build', 8],
    ['(5) Testing', 7],
    ['(6) Training & Prep for Go-Live', 10],
    ['Rollout & Support', 3],
  ]);
  expect(c.phases[6].level).toBe(3);
  const signOffs = c.phases.flatMap((p) => p.items.filter((i) => i.signOffRequired).map((i) => [i.id, i.text]));
  expect(signOffs).toEqual([['2.5', 'Client sign-offs on workflow diagram & mapping specs']]);
  expect(c.phases[1].items[0].notes).toContain('[here.](../design/design-quickstart.md#1-capture-requirements-as-user-stories)');
  const ids = c.phases.flatMap((p) => p.items.map((i) => i.id));
  expect(new Set(ids).size).toBe(54);
});

test('compact form: six phases, the two security sign-offs', () => {
  const c = checklistTemplate('compact');
  expect(c.phases.map((p) => [p.title, p.items.length])).toEqual([
    ['(1) Preparing for the Technical Implementation', 2],
    ['(2) Functional Requirements', 0],
    ['(3) System APIs', 6],
    ['(4) Data Flows', 6],
    ['(5) Security', 3],
    ['(6) Administration', 5],
  ]);
  expect(c.phases.flatMap((p) => p.items.filter((i) => i.signOffRequired).map((i) => i.text))).toEqual([
    'Sign-off received for the technical specifications & how compliance will be ensured',
    'Sign-off for data points (if any) that can be logged to help monitor integration Activity History',
  ]);
});

test('rows to write: header, a heading row per phase, task rows of the same width', () => {
  const sheet = checklistSheet(checklistTemplate('detailed'));
  expect(sheet.header).toEqual([
    'Phase', 'Task', 'Owner (email)', 'Due date', 'Status', 'Sign-off required', 'Signed off by', 'Signed off at', 'Evidence (link)', 'Notes', 'Task ID',
  ]);
  expect(sheet.statuses).toEqual([...STATUSES]);
  expect(sheet.statuses).toEqual(['Not started', 'In progress', 'Done', 'Not applicable', 'Blocked']);
  expect(sheet.rows.filter((r) => r.kind === 'phase')).toHaveLength(7);
  expect(sheet.rows.filter((r) => r.kind === 'task')).toHaveLength(54);
  for (const r of sheet.rows) expect(r.values).toHaveLength(CHECKLIST_COLUMNS.length);
  expect(sheet.rows[0].values).toEqual(['(1) Preparing for the Implementation', '', '', '', '', '', '', '', '', '', '']);
  const signOff = sheet.rows.find((r) => r.kind === 'task' && r.id === '2.5')!;
  expect(signOff.values).toEqual(['(2) Discovery & Design - Functional Workflow Requirements', 'Client sign-offs on workflow diagram & mapping specs', '', '', 'Not started', 'Yes', '', '', '', '', '2.5']);
  expect(sheet.columns).toMatchObject({ phase: 1, task: 2, owner: 3, due: 4, status: 5, 'sign-off-required': 6, 'signed-off-at': 8, id: 11 });
  expect(JSON.parse(JSON.stringify(sheet))).toEqual(sheet);
});
