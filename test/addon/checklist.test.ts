// The implementation checklist through the shipped bundle: insert (detailed / compact), adopt a tab,
// import / export Markdown, progress, approvers, sign-offs and their refusals (non-approver, crafted
// identity, missing task), checks, and constant spreadsheet calls at two sizes.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { Emulator } from '../../src/emulator/emulator';
import { SPREADSHEET_SERVICE_PREFIXES } from '../../src/emulator/context';
import type { ApproversView, CheckResult, ChecklistDetectionView, ChecklistView, SidebarState } from '../../src/core/api';
import { parseTaskList } from '../../src/core/checklist';
import { demoWorkbook } from '../../src/playground/demo-workbook';
import { callServer, newEmulator, ok, run, sheets } from '../support/addon';
import { FIXTURES } from '../support/paths';
import { README } from '../support/readme-sample';

const ANALYST = 'analyst@example.org';
const CLIENT = 'client.lead@health.example.org';
const TAB = 'Implementation checklist';
const MAPPING_TASK = 'Client sign-offs on workflow diagram & mapping specs';

function fails(r: { ok: true; value: unknown } | { ok: false; message: string }): string {
  if (r.ok) throw new Error('expected the call to be refused');
  return r.message;
}

function signOffProps(emulator: Emulator): string[] {
  return Object.keys(emulator.state.properties.document).filter((k) => k.startsWith('mapspec.signoff.'));
}

function tabValues(emulator: Emulator, name = TAB): unknown[][] {
  const s = sheets(emulator).getSheetByName(name)!;
  return s.getRange(1, 1, s.getLastRow(), s.getLastColumn()).getValues();
}

/** The checklist inserted, CLIENT an approver (set by the analyst). */
function withChecklist(form: 'detailed' | 'compact' = 'detailed'): { emulator: Emulator; view: ChecklistView } {
  const emulator = newEmulator();
  const view = ok(callServer<ChecklistView>(emulator, 'insertChecklist', { form }));
  ok(callServer<ApproversView>(emulator, 'saveApprovers', { approvers: [CLIENT] }));
  return { emulator, view };
}

function rowOf(view: ChecklistView, task: string): number {
  const t = view.signOffs.find((s) => s.task === task) ?? null;
  if (!t || t.row === null) throw new Error(`no sign-off task ${task}`);
  return t.row;
}

describe('insert the checklist', () => {
  test('detailed form: header, phase rows bold on a band, status dropdown, date validation, frozen header', () => {
    const { emulator, view } = withChecklist();
    expect(view.tab).toMatchObject({ name: TAB, taskColumn: 2 });
    const values = tabValues(emulator);
    expect(values[0]).toEqual(['Phase', 'Task', 'Owner (email)', 'Due date', 'Status', 'Sign-off required', 'Signed off by', 'Signed off at', 'Evidence (link)', 'Notes', 'Task ID']);
    expect(values[1]![0]).toBe('(1) Preparing for the Implementation');
    expect(values[1]!.slice(1).every((v) => v === '')).toBe(true);
    const sheet = sheets(emulator).getSheetByName(TAB)!;
    expect(sheet.getFrozenRows()).toBe(1);
    expect(sheet.getRange(2, 1).getFontWeight()).toBe('bold');
    expect(sheet.getRange(2, 1).getBackground()).toBe('#d9e2f3');
    expect(sheet.getRange(3, 2).getFontWeight()).toBe('normal');
    const status = sheet.getRange(3, 5).getDataValidation()!;
    expect(String(status.getCriteriaType())).toBe('VALUE_IN_LIST');
    expect(status.getCriteriaValues()[0]).toEqual(['Not started', 'In progress', 'Done', 'Not applicable', 'Blocked']);
    expect(String(sheet.getRange(3, 4).getDataValidation()!.getCriteriaType())).toBe('DATE_IS_VALID_DATE');
    // Progress: every task counted, none done; the mapping-spec sign-off task requires sign-off.
    expect(view.progress!.overall).toMatchObject({ done: 0, percent: 0 });
    expect(view.progress!.overall.total).toBe(values.filter((r) => r[10] !== '' && r[10] !== 'Task ID').length);
    expect(view.signOffs.map((s) => s.task)).toContain(MAPPING_TASK);
    const row = rowOf(view, MAPPING_TASK);
    expect(values[row - 1]![5]).toBe('Yes');
  });

  test('compact form on request; a second checklist is refused while the first exists', () => {
    const emulator = newEmulator();
    const view = ok(callServer<ChecklistView>(emulator, 'insertChecklist', { form: 'compact' }));
    expect(view.tab!.name).toBe('Checklist (compact)');
    expect(view.progress!.phases.map((p) => p.phase)).toContain('(5) Security');
    expect(view.signOffs.map((s) => s.task)).toEqual([
      'Sign-off received for the technical specifications & how compliance will be ensured',
      'Sign-off for data points (if any) that can be logged to help monitor integration Activity History',
    ]);
    const again = fails(callServer(emulator, 'insertChecklist', {}));
    expect(again).toContain('already has a checklist: tab "Checklist (compact)"');
    expect(sheets(emulator).getSheets().map((s) => s.getName())).toEqual(['Sheet1', 'Checklist (compact)']);
  });

  test('the menu item inserts the detailed checklist and opens the Checklist panel', () => {
    const emulator = newEmulator();
    const r = run(emulator, 'insertChecklistFromMenu');
    expect(r.ok).toBe(true);
    expect(sheets(emulator).getSheetByName(TAB)).not.toBeNull();
    const state = ok(callServer<SidebarState>(emulator, 'getSidebarState', {}));
    expect(state.open).toMatchObject({ panel: 'checklist' });
  });
});

describe('progress', () => {
  test('per phase and overall (Not applicable left out), overdue, without owner, my tasks', () => {
    const { emulator } = withChecklist();
    const sheet = sheets(emulator).getSheetByName(TAB)!;
    // Phase 1 is rows 3–8 (six tasks).
    sheet.getRange(3, 3, 4, 3).setValues([
      [ANALYST, '2020-01-15', 'Done'],
      [ANALYST, '2020-01-15', 'In progress'],
      ['', '', 'Not applicable'],
      ['Ana <ANALYST@example.org>', '2999-01-01', 'Blocked'],
    ]);
    const view = ok(callServer<ChecklistView>(emulator, 'getChecklist', {}));
    const p1 = view.progress!.phases[0]!;
    expect(p1).toMatchObject({ phase: '(1) Preparing for the Implementation', total: 6, notApplicable: 1, counted: 5, done: 1, inProgress: 1, blocked: 1, percent: 20 });
    expect(view.progress!.overdue.map((t) => t.row)).toEqual([4]);
    expect(view.progress!.mine.map((t) => t.row)).toEqual([4, 6]);
    expect(view.progress!.withoutOwner.map((t) => t.row)).not.toContain(5);
    expect(view.progress!.withoutOwner.map((t) => t.row)).toContain(7);
    expect(view.me).toBe(ANALYST);
  });

  test('reading progress and running checks take the same number of spreadsheet calls for 40 and 800 tasks, 13 and 108 merges', () => {
    const counts = [40, 800].map((n) => {
      const emulator = newEmulator();
      const md = ['# Big', '', ...Array.from({ length: 8 }, (_, p) => [`## Phase ${p + 1}`, '', ...Array.from({ length: n / 8 }, (_, i) => `- [${i % 3 ? ' ' : 'x'}] Task ${p}.${i} sign-off ${i % 5 === 0 ? 'yes' : ''}`), '']).flat()].join('\n');
      const view0 = ok(callServer<ChecklistView>(emulator, 'importChecklistMarkdown', { markdown: md }));
      // Phase rows merged across (8 at both sizes), and Notes cells merged by hand over pairs of task
      // rows: 5 at the small size, 100 at the large one. Only the phase column's merges may be read.
      const sheet = sheets(emulator).getSheetByName(view0.tab!.name)!;
      const ids = sheet.getRange(1, 11, sheet.getLastRow(), 1).getValues().map((r) => String(r[0]));
      ids.forEach((id, i) => { if (i > 0 && id === '') sheet.getRange(i + 1, 1, 1, 11).merge(); });
      const taskRows = ids.map((id, i) => (i > 0 && id !== '' ? i + 1 : 0)).filter((r) => r > 0);
      const notes = n / 8;
      let merged = 0;
      for (let i = 0; i + 1 < taskRows.length && merged < notes; i += 2) {
        if (taskRows[i + 1] !== taskRows[i]! + 1) { i--; continue; }
        sheet.getRange(taskRows[i]!, 10, 2, 1).merge();
        merged++;
      }
      expect(merged).toBe(notes);
      expect(sheet.getRange(1, 1, sheet.getLastRow(), 11).getMergedRanges().length).toBe(8 + notes);
      const calls = (fn: string) => {
        const r = run<ChecklistView | CheckResult>(emulator, fn, { args: [{}] });
        if (!r.ok) throw new Error(`${fn} failed: ${r.error!.message}`);
        return { calls: r.calls.count(...SPREADSHEET_SERVICE_PREFIXES), value: r.value! };
      };
      const view = calls('getChecklist');
      expect((view.value as ChecklistView).progress!.overall.total).toBe(n);
      expect((view.value as ChecklistView).progress!.phases.map((p) => p.phase)).toEqual(Array.from({ length: 8 }, (_, p) => `Phase ${p + 1}`));
      const checks = calls('runChecks');
      const checklistTab = (checks.value as CheckResult).tabs.find((t) => t.kind === 'checklist')!;
      // Ticked "sign-off" tasks are Done without a recorded sign-off.
      expect(checklistTab.findings.filter((f) => f.rule === 'sign-off-missing').length).toBe(8 * Math.ceil(n / 8 / 3));
      return { getChecklist: view.calls, runChecks: checks.calls };
    });
    console.log(`checklist spreadsheet calls (40 / 800 tasks): ${JSON.stringify(counts)}`);
    expect(counts[1]).toEqual(counts[0]);
  });
});

describe('approvers', () => {
  test('changes are recorded with who, when, added and removed; the sidebar state carries them', () => {
    const emulator = newEmulator();
    const first = ok(callServer<ApproversView>(emulator, 'saveApprovers', { approvers: [' Client.Lead@Health.example.org ', 'pm@example.org'] }));
    expect(first.approvers).toEqual([CLIENT, 'pm@example.org']);
    expect(first.isApprover).toBe(false);
    // The analyst cannot make themselves an approver: refused by address, nothing saved.
    const saved = emulator.state.properties.document['mapspec.approvers'];
    expect(fails(callServer(emulator, 'saveApprovers', { approvers: [CLIENT, 'Analyst@Example.org'] }))).toBe(
      `Mapspec did not save the approvers: you cannot add your own address (${ANALYST}). Another person must add you as an approver.`,
    );
    expect(emulator.state.properties.document['mapspec.approvers']).toBe(saved);
    // Another approver adds them.
    emulator.setActiveUser(CLIENT);
    const second = ok(callServer<ApproversView>(emulator, 'saveApprovers', { approvers: [CLIENT, ANALYST] }));
    expect(second.isApprover).toBe(true);
    expect(second.history.map((h) => ({ by: h.by, added: h.added, removed: h.removed }))).toEqual([
      { by: ANALYST, added: [CLIENT, 'pm@example.org'], removed: [] },
      { by: CLIENT, added: [ANALYST], removed: ['pm@example.org'] },
    ]);
    expect(second.history[0]!.at).toMatch(/^\d{4}-\d\d-\d\dT/);
    const state = ok(callServer<SidebarState>(emulator, 'getSidebarState', {}));
    expect(state.approvers.approvers).toEqual([CLIENT, ANALYST]);
  });

  test('malformed emails are refused by name and nothing is saved', () => {
    const emulator = newEmulator();
    const message = fails(callServer(emulator, 'saveApprovers', { approvers: [CLIENT, 'bob@', 'not an email'] }));
    expect(message).toContain('line 2: "bob@"');
    expect(message).toContain('line 3: "not an email"');
    expect(emulator.state.properties.document['mapspec.approvers']).toBeUndefined();
  });
});

describe('sign-offs', () => {
  test('an approver signs off: recorded in the log, mirrored into the row, shown with its history; withdrawn with a reason', () => {
    const { emulator, view } = withChecklist();
    const task = view.signOffs.find((s) => s.task === MAPPING_TASK)!;
    emulator.setActiveUser(CLIENT);
    const signed = ok(callServer<ChecklistView>(emulator, 'signOffTask', { taskId: task.id, comment: 'Reviewed in the call of 3 May' }));
    expect(signed.isApprover).toBe(true);
    const s = signed.signOffs.find((x) => x.id === task.id)!;
    expect(s.signedOff).toMatchObject({ by: CLIENT, comment: 'Reviewed in the call of 3 May' });
    const logged = signOffProps(emulator);
    expect(logged).toEqual(['mapspec.signoff.1']);
    expect(JSON.parse(emulator.state.properties.document['mapspec.signoff.1']!)).toMatchObject({ subject: `task:${task.id}`, action: 'sign-off', by: CLIENT });
    const row = tabValues(emulator)[task.row! - 1]!;
    expect(row[6]).toBe(CLIENT);
    expect(Object.prototype.toString.call(row[7])).toBe('[object Date]');
    // Signing twice is refused; the record stays one entry.
    expect(fails(callServer(emulator, 'signOffTask', { taskId: task.id }))).toContain(`already signed off by ${CLIENT}`);
    // A withdrawal needs a reason.
    expect(fails(callServer(emulator, 'withdrawSignOff', { taskId: task.id, reason: '  ' }))).toContain('reason');
    const withdrawn = ok(callServer<ChecklistView>(emulator, 'withdrawSignOff', { taskId: task.id, reason: 'Mapping changed after review' }));
    const w = withdrawn.signOffs.find((x) => x.id === task.id)!;
    expect(w.signedOff).toBeNull();
    expect(w.history.map((h) => [h.action, h.by, h.comment])).toEqual([
      ['sign-off', CLIENT, 'Reviewed in the call of 3 May'],
      ['withdraw', CLIENT, 'Mapping changed after review'],
    ]);
    expect(tabValues(emulator)[task.row! - 1]!.slice(6, 8)).toEqual(['', '']);
  });

  test('editing the Task ID cell does not move a standing sign-off to another task; duplicate IDs are reported', () => {
    const { emulator, view } = withChecklist();
    const task = view.signOffs.find((s) => s.task === MAPPING_TASK)!;
    emulator.setActiveUser(CLIENT);
    ok(callServer(emulator, 'signOffTask', { taskId: task.id }));
    expect(JSON.parse(emulator.state.properties.document['mapspec.signoff.1']!)).toMatchObject({ task: MAPPING_TASK });
    const sheet = sheets(emulator).getSheetByName(TAB)!;
    // The IDs of the signed task and the task above it swapped by hand.
    const above = tabValues(emulator)[task.row! - 2]!;
    sheet.getRange(task.row! - 1, 11, 2, 1).setValues([[task.id], [above[10]]]);
    sheet.getRange(task.row! - 1, 6).setValue('Yes');
    const after = ok(callServer<ChecklistView>(emulator, 'getChecklist', {}));
    const now = after.signOffs.find((s) => s.id === task.id)!;
    expect(now.row).toBe(task.row! - 1);
    expect(now.signedOff).toBeNull();
    expect(now.moved).toMatchObject({ by: CLIENT, task: MAPPING_TASK });
    const tab = ok(callServer<CheckResult>(emulator, 'runChecks', {})).tabs.find((t) => t.kind === 'checklist')!;
    const moved = tab.findings.find((f) => f.rule === 'sign-off-moved')!;
    expect(moved.message).toContain(`${TAB}, row ${task.row! - 1}, column K (Task ID): the sign-off recorded under Task ID "${task.id}"`);
    // The same ID on two rows: reported on both.
    sheet.getRange(task.row!, 11).setValue(task.id);
    const dup = ok(callServer<CheckResult>(emulator, 'runChecks', {})).tabs.find((t) => t.kind === 'checklist')!;
    expect(dup.findings.filter((f) => f.rule === 'duplicate-task-id').map((f) => f.row)).toEqual([task.row! - 1, task.row!]);
  });

  test('another tab cannot be adopted while the registered checklist tab exists; the same tab can be adopted again', () => {
    const { emulator } = withChecklist();
    const other = sheets(emulator).insertSheet('Plan B');
    other.getRange(1, 1, 2, 2).setValues([['Task', 'Status'], ['Write jobs', 'Done']]);
    const roles = [{ column: 1, role: 'task' }, { column: 2, role: 'status' }];
    expect(fails(callServer(emulator, 'adoptChecklist', { sheetId: other.getSheetId(), headerRow: 1, roles }))).toBe(
      `This spreadsheet already has a checklist: tab "${TAB}". Mapspec keeps one checklist per spreadsheet, so recorded sign-offs stay with their tasks; to adopt tab "Plan B" instead, delete that tab first.`,
    );
    const own = sheets(emulator).getSheetByName(TAB)!;
    const det = ok(callServer<ChecklistDetectionView>(emulator, 'detectChecklistTab', { sheetId: own.getSheetId() }));
    ok(callServer(emulator, 'adoptChecklist', { sheetId: own.getSheetId(), headerRow: 1, roles: det.detection.columns.filter((c) => c.role).map((c) => ({ column: c.column, role: c.role! })) }));
    sheets(emulator).deleteSheet(own);
    expect(ok(callServer<ChecklistView>(emulator, 'adoptChecklist', { sheetId: other.getSheetId(), headerRow: 1, roles })).tab!.name).toBe('Plan B');
  });

  test('when the tab cells cannot be written the sign-off stands with a notice, and a retry says it is signed off', () => {
    const { emulator, view } = withChecklist();
    const task = view.signOffs.find((s) => s.task === MAPPING_TASK)!;
    const sheet = sheets(emulator).getSheetByName(TAB)!;
    // The analyst (owner) protects the sign-off cells against everyone else.
    const protection = sheet.getRange(task.row!, 7, 1, 3).protect();
    protection.removeEditors(protection.getEditors());
    emulator.setActiveUser(CLIENT);
    const signed = ok(callServer<ChecklistView>(emulator, 'signOffTask', { taskId: task.id }));
    expect(signed.signOffs.find((s) => s.id === task.id)!.signedOff).toMatchObject({ by: CLIENT });
    expect(signed.notices[0]).toMatch(new RegExp(`^Signed off and recorded; Mapspec could not write the Signed off by / Signed off at / Evidence cells of tab "${TAB}", row ${task.row}: .+\\. The record stands`));
    expect(signOffProps(emulator)).toEqual(['mapspec.signoff.1']);
    expect(tabValues(emulator)[task.row! - 1]!.slice(6, 8)).toEqual(['', '']);
    expect(fails(callServer(emulator, 'signOffTask', { taskId: task.id }))).toContain(`already signed off by ${CLIENT}`);
    // Run checks says the record is not shown in the tab.
    const tab = ok(callServer<CheckResult>(emulator, 'runChecks', {})).tabs.find((t) => t.kind === 'checklist')!;
    expect(tab.findings.filter((f) => f.row === task.row).map((f) => f.rule)).toEqual(['sign-off-not-shown']);
    const withdrawn = ok(callServer<ChecklistView>(emulator, 'withdrawSignOff', { taskId: task.id, reason: 'Wrong task' }));
    expect(withdrawn.notices[0]).toMatch(/^Withdrawn and recorded; Mapspec could not write/);
    expect(withdrawn.signOffs.find((s) => s.id === task.id)!.signedOff).toBeNull();
  });

  test('the mirror is one range write per row (Signed off by, Signed off at, Evidence side by side)', () => {
    const { emulator, view } = withChecklist();
    const task = view.signOffs.find((s) => s.task === MAPPING_TASK)!;
    emulator.setActiveUser(CLIENT);
    const r = run<ChecklistView>(emulator, 'signOffTask', { args: [{ taskId: task.id }] });
    expect(r.ok).toBe(true);
    expect(r.calls.byMethod.get('Range.setValues')).toBe(1);
    expect(r.calls.byMethod.get('Range.setValue')).toBeUndefined();
  });

  test('a non-approver is refused and nothing is recorded', () => {
    const { emulator, view } = withChecklist();
    const task = view.signOffs.find((s) => s.task === MAPPING_TASK)!;
    const before = tabValues(emulator);
    const message = fails(callServer(emulator, 'signOffTask', { taskId: task.id }));
    expect(message).toContain(`${ANALYST} is not an approver`);
    expect(signOffProps(emulator)).toEqual([]);
    expect(tabValues(emulator)).toEqual(before);
  });

  test('a payload claiming an identity (email / by) is refused by the schema and nothing is recorded', () => {
    const { emulator, view } = withChecklist();
    const task = view.signOffs.find((s) => s.task === MAPPING_TASK)!;
    for (const extra of [{ email: CLIENT }, { by: CLIENT }]) {
      const message = fails(callServer(emulator, 'signOffTask', { taskId: task.id, ...extra }));
      expect(message).toContain('could not read the request to signOffTask');
    }
    expect(fails(callServer(emulator, 'saveApprovers', { approvers: [ANALYST], by: CLIENT }))).toContain('could not read the request');
    expect(signOffProps(emulator)).toEqual([]);
    expect(JSON.parse(emulator.state.properties.document['mapspec.approvers']!).approvers).toEqual([CLIENT]);
  });

  test('a missing task, or one that needs no sign-off, is refused with a clear message and nothing recorded', () => {
    const { emulator } = withChecklist();
    emulator.setActiveUser(CLIENT);
    expect(fails(callServer(emulator, 'signOffTask', { taskId: '99.9' }))).toBe(
      `Tab "${TAB}" has no task with ID "99.9". Refresh the Checklist panel: the task may have been deleted or renumbered.`,
    );
    expect(fails(callServer(emulator, 'signOffTask', { taskId: '1.1' }))).toMatch(/^Tab "Implementation checklist", row 3: task ".*" does not require sign-off/);
    expect(fails(callServer(emulator, 'signOffTask', {}))).toContain('taskId');
    expect(signOffProps(emulator)).toEqual([]);
  });
});

describe('checks', () => {
  test('overdue, Done without owner, text in a date cell, unknown status, sign-off missing, typed "signed off by"', () => {
    const { emulator, view } = withChecklist();
    const sheet = sheets(emulator).getSheetByName(TAB)!;
    sheet.getRange(3, 3, 3, 3).setValues([
      ['', '2020-01-01', 'Done'],
      ['', 'next week', 'In progress'],
      [ANALYST, '2020-01-01', 'Waiting'],
    ]);
    const row = rowOf(view, MAPPING_TASK);
    sheet.getRange(row, 5).setValue('Done');
    sheet.getRange(row, 3).setValue(ANALYST);
    sheet.getRange(row, 7).setValue(CLIENT);
    const result = ok(callServer<CheckResult>(emulator, 'runChecks', {}));
    const tab = result.tabs.find((t) => t.kind === 'checklist')!;
    expect(tab.name).toBe(TAB);
    const rules = tab.findings.map((f) => `${f.row}:${f.rule}`);
    expect(rules).toEqual(expect.arrayContaining([
      '3:done-without-owner', '4:due-date-not-a-date', '5:unknown-status', '5:overdue',
      `${row}:sign-off-missing`, `${row}:signed-off-by-mismatch`,
    ]));
    expect(rules).not.toContain('3:overdue');
    const mismatch = tab.findings.find((f) => f.rule === 'signed-off-by-mismatch')!;
    expect(mismatch.message).toContain(`${TAB}, row ${row}, column G (Signed off by)`);
    expect(mismatch.message).toContain('typing a name does not sign a task off');
    expect(result.total).toBeGreaterThanOrEqual(tab.findings.length);
    // Signed off for real: neither finding stays.
    sheet.getRange(row, 7).setValue('');
    emulator.setActiveUser(CLIENT);
    ok(callServer(emulator, 'signOffTask', { taskId: view.signOffs.find((s) => s.task === MAPPING_TASK)!.id }));
    const again = ok(callServer<CheckResult>(emulator, 'runChecks', {})).tabs.find((t) => t.kind === 'checklist')!;
    expect(again.findings.filter((f) => f.row === row)).toEqual([]);
  });
});

describe('adopt an existing tab', () => {
  function ownTab(emulator: Emulator) {
    const ss = sheets(emulator);
    const s = ss.insertSheet('Workplan');
    s.getRange(1, 1, 7, 5).setValues([
      ['Activity', 'Responsible', 'Deadline', 'Done?', 'Comments'],
      ['Phase A: preparation', '', '', '', ''],
      ['Agree on data sharing', 'ana@example.org', '2020-01-01', true, ''],
      ['Sign-off on mapping specs', '', 'soon', false, 'client'],
      ['Phase B: build', '', '', '', ''],
      ['Write the jobs', '', '', false, ''],
      ['Test the jobs', 'ana@example.org', '', true, ''],
    ]);
    s.getRange(2, 1, 1, 5).merge();
    s.getRange(5, 1, 1, 5).merge();
    return s;
  }

  test('detects roles (checkbox column, merged phase rows) and, once confirmed, reads phases and progress', () => {
    const emulator = newEmulator();
    const s = ownTab(emulator);
    const det = ok(callServer<ChecklistDetectionView>(emulator, 'detectChecklistTab', { sheetId: s.getSheetId() }));
    expect(det.detection.roles).toMatchObject({ task: 1, owner: 2, due: 3, done: 4, notes: 5 });
    expect(det.detection.statusFrom).toBe('done');
    const roles = det.detection.columns.filter((c) => c.role).map((c) => ({ column: c.column, role: c.role! }));
    const view = ok(callServer<ChecklistView>(emulator, 'adoptChecklist', { sheetId: s.getSheetId(), headerRow: 1, roles }));
    expect(view.tab).toMatchObject({ name: 'Workplan', taskColumn: 1 });
    expect(view.progress!.phases.map((p) => [p.phase, p.total, p.done])).toEqual([
      ['Phase A: preparation', 2, 1],
      ['Phase B: build', 2, 1],
    ]);
    const checks = ok(callServer<CheckResult>(emulator, 'runChecks', {})).tabs.find((t) => t.kind === 'checklist')!;
    expect(checks.findings.map((f) => f.message)).toContain('Workplan, row 4, column C (Deadline): the due date "soon" of task "Sign-off on mapping specs" is not a date.');
  });

  test('bad choices are refused by name; a column removed later is reported, not guessed', () => {
    const emulator = newEmulator();
    const s = ownTab(emulator);
    const id = s.getSheetId();
    expect(fails(callServer(emulator, 'adoptChecklist', { sheetId: id, headerRow: 1, roles: [{ column: 2, role: 'owner' }, { column: 4, role: 'done' }] }))).toBe(
      'Tab "Workplan": no column is marked as the task column, so Mapspec cannot tell the tasks.',
    );
    expect(fails(callServer(emulator, 'adoptChecklist', { sheetId: id, headerRow: 1, roles: [{ column: 1, role: 'task' }, { column: 9, role: 'done' }] }))).toContain(
      'column I: the tab has no such column',
    );
    expect(fails(callServer(emulator, 'adoptChecklist', { sheetId: id, headerRow: 1, roles: [{ column: 1, role: 'task' }, { column: 2, role: 'task' }] }))).toContain(
      'columns A and B are both marked as task',
    );
    expect(fails(callServer(emulator, 'adoptChecklist', { sheetId: id, headerRow: 1, roles: [{ column: 1, role: 'task' }] }))).toContain('mark a status column or a checkbox');
    expect(emulator.state.properties.document['mapspec.checklist']).toBeUndefined();
    ok(callServer(emulator, 'adoptChecklist', { sheetId: id, headerRow: 1, roles: [{ column: 1, role: 'task' }, { column: 3, role: 'due' }, { column: 4, role: 'done' }] }));
    // An extra column inserted before the due date: found again by its header.
    s.insertColumnBefore(3);
    s.getRange(1, 3).setValue('Budget');
    let view = ok(callServer<ChecklistView>(emulator, 'getChecklist', {}));
    expect(view.notices).toEqual([]);
    expect(view.progress!.overall.done).toBe(2);
    // The checkbox column deleted: said so, with where it was.
    s.deleteColumn(5);
    view = ok(callServer<ChecklistView>(emulator, 'getChecklist', {}));
    expect(view.notices).toEqual(['Workplan, row 1: the done column "Done?" (column D when the checklist was set up) is no longer in header row 1.']);
  });
});

describe('Markdown', () => {
  test('round trip: the README task list imported, exported, read back to the same phases, items and ticks', () => {
    const seed = fs.readFileSync(path.join(FIXTURES, 'checklist-seed.md'), 'utf8');
    // Tick a few items, as a repository copy would have them.
    let n = 0;
    const ticked = seed.replace(/- \[ \]/g, (m) => (n++ % 4 === 0 ? '- [x]' : m));
    const emulator = newEmulator();
    const view = ok(callServer<ChecklistView>(emulator, 'importChecklistMarkdown', { markdown: ticked }));
    const original = parseTaskList(ticked);
    expect(view.progress!.overall.total).toBe(original.phases.reduce((a, p) => a + p.items.length, 0));
    expect(view.progress!.overall.done).toBe(original.phases.reduce((a, p) => a + p.items.filter((i) => i.checked).length, 0));
    const out = ok(callServer<{ markdown: string; fileName: string }>(emulator, 'exportChecklistMarkdown', {}));
    const back = parseTaskList(out.markdown);
    const shape = (c: typeof original) => ({ title: c.title, phases: c.phases.map((p) => ({ title: p.title, items: p.items.map((i) => [i.text, i.notes, i.checked]) })) });
    expect(shape(back)).toEqual(shape(original));
    expect(out.fileName).toBe('implementation-checklist.md');
    // The whole page back, byte for byte: front matter, prose and admonitions included.
    expect(ok(callServer<{ markdown: string }>(emulator, 'exportChecklistMarkdown', { readme: ticked })).markdown).toBe(ticked);
  });

  test('a README goes in and comes back with nothing lost: byte for byte; a tick and an owner changed in the sheet change only their lines', () => {
    const emulator = newEmulator();
    const view = ok(callServer<ChecklistView>(emulator, 'importChecklistMarkdown', { markdown: README }));
    expect(view.progress!.overall).toMatchObject({ total: 9, done: 6 });
    expect(view.progress!.phases.map((p) => p.phase)).toEqual(['(1) Functional Requirements', '(2) System APIs', '(3) Flow Triggers', '(4) Administration']);
    // The tab shows the sub-sections and the free text between items as rows of their own.
    const tab = tabValues(emulator, 'Implementation Checklist');
    const column = (header: string) => tab[0]!.indexOf(header);
    expect(tab.filter((r) => String(r[0]).startsWith('› ')).map((r) => r[0])).toEqual(['› Provisioning, Hosting, & Maintenance', '› Support']);
    expect(tab.filter((r) => String(r[column('Task ID')]).startsWith('note-')).map((r) => r[column('Task')])).toEqual([
      '_CommCare_', '_DHIS2_', 'Endpoints:\nhttps://play.example.org/api/tracker', 'CommCare --> DHIS2: `webhook` trigger (event-based).',
    ]);
    expect(tab.find((r) => r[column('Task ID')] === '1.3')![column('Owner (email)')]).toBe('ana@example.org');
    expect(sheets(emulator).getSheetByName('_mapspec_checklist_source')!.isSheetHidden()).toBe(true);

    const section = ok(callServer<{ markdown: string }>(emulator, 'exportChecklistMarkdown', {})).markdown;
    expect(README.includes(section)).toBe(true);
    expect(ok(callServer<{ markdown: string }>(emulator, 'exportChecklistMarkdown', { readme: README })).markdown).toBe(README);

    // The analyst marks 2.2 Done and names an owner for 3.1, in the sheet.
    const sheet = sheets(emulator).getSheetByName('Implementation Checklist')!;
    const rowOf = (id: string) => tab.findIndex((r) => r[column('Task ID')] === id) + 1;
    sheet.getRange(rowOf('2.2'), column('Status') + 1).setValue('Done');
    sheet.getRange(rowOf('3.1'), column('Owner (email)') + 1).setValue('sok@example.org');
    const after = ok(callServer<{ markdown: string }>(emulator, 'exportChecklistMarkdown', { readme: README })).markdown;
    const before = README.split('\n');
    expect(after.split('\n').flatMap((line, i) => (line === before[i] ? [] : [[before[i], line]]))).toEqual([
      ['- [ ] Access to the test server? ', '- [x] Access to the test server?'],
      ['- [x] Trigger confirmed?', '- [x] Trigger confirmed? (owner: sok@example.org)'],
    ]);
    // A README without the section's heading is refused, naming the line it looks for.
    expect(fails(callServer(emulator, 'exportChecklistMarkdown', { readme: '# Another README\n' }))).toContain('That README has no line "## Implementation Checklist"');
  });

  test('2,000 items with CRLF line ends go in and come back byte for byte', () => {
    const many = ['# Rollout', '', '## Sites', ...Array.from({ length: 2000 }, (_, i) => `- [${i % 5 ? ' ' : 'x'}] Site ${i + 1} trained`), ''].join('\r\n');
    const emulator = newEmulator();
    const view = ok(callServer<ChecklistView>(emulator, 'importChecklistMarkdown', { markdown: many }));
    expect(view.progress!.overall).toMatchObject({ total: 2000, done: 400 });
    expect(ok(callServer<{ markdown: string }>(emulator, 'exportChecklistMarkdown', { readme: many })).markdown).toBe(many);
  });

  test('Markdown with no task items is refused and no tab is added', () => {
    const emulator = newEmulator();
    expect(fails(callServer(emulator, 'importChecklistMarkdown', { markdown: '# Notes\n\nJust prose.\n' }))).toContain('found no task items');
    expect(sheets(emulator).getSheets().map((s) => s.getName())).toEqual(['Sheet1']);
    expect(fails(callServer(emulator, 'exportChecklistMarkdown', {}))).toContain('has no checklist yet');
  });
});

describe('the mapping-spec sign-off seam (called by version reviews)', () => {
  // The seam is not a registry entry: it is bundled on its own (as esbuild bundles Code.js) and run in
  // the same emulator, so it records through the same log and tab mirror as the Checklist panel.
  let codePath: string;
  afterAll(() => fs.rmSync(path.dirname(codePath), { recursive: true, force: true }));
  beforeAll(async () => {
    const out = await esbuild.build({
      entryPoints: [path.join(__dirname, '../../src/addon/checklist/mapping-spec-link.ts')],
      bundle: true, write: false, format: 'iife', globalName: 'MappingSpecLink', platform: 'neutral', target: 'es2020', logLevel: 'silent',
    });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mapspec-link-'));
    codePath = path.join(dir, 'link.js');
    fs.writeFileSync(codePath, `${out.outputFiles[0]!.text}
function linkSignOff(approver, evidence) { return MappingSpecLink.signOffMappingSpecTasks(approver, evidence); }
function linkReopen(reason) { return MappingSpecLink.reopenMappingSpecTasks(reason); }
`);
  });

  test('signs off the template task with the approval as evidence, then reopens it; nothing without a checklist', () => {
    const bare = newEmulator();
    const none = run<{ taskIds: string[] }>(bare, 'linkSignOff', { codePath, args: [CLIENT, 'v1 approved'] });
    expect(none.ok && none.value).toEqual({ taskIds: [] });
    expect(signOffProps(bare)).toEqual([]);

    const { emulator, view } = withChecklist();
    const task = view.signOffs.find((s) => s.task === MAPPING_TASK)!;
    const signed = run<{ taskIds: string[] }>(emulator, 'linkSignOff', { codePath, args: [CLIENT, 'Mapping spec v2 approved by client.lead on 2026-11-22'] });
    expect(signed.ok && signed.value).toEqual({ taskIds: [task.id] });
    // Signed off by, Signed off at and Evidence side by side: one range write.
    expect(signed.calls.byMethod.get('Range.setValues')).toBe(1);
    expect(signed.calls.byMethod.get('Range.setValue')).toBeUndefined();
    let after = ok(callServer<ChecklistView>(emulator, 'getChecklist', {})).signOffs.find((s) => s.id === task.id)!;
    expect(after.signedOff).toMatchObject({ by: CLIENT, evidence: 'Mapping spec v2 approved by client.lead on 2026-11-22' });
    expect(tabValues(emulator)[task.row! - 1]![6]).toBe(CLIENT);
    // Signing off again leaves the standing record as it is.
    const again = run<{ taskIds: string[] }>(emulator, 'linkSignOff', { codePath, args: [CLIENT, 'again'] });
    expect(again.ok && again.value).toEqual({ taskIds: [] });

    const reopened = run<{ taskIds: string[] }>(emulator, 'linkReopen', { codePath, args: ['Review requested for v3'] });
    expect(reopened.ok && reopened.value).toEqual({ taskIds: [task.id] });
    after = ok(callServer<ChecklistView>(emulator, 'getChecklist', {})).signOffs.find((s) => s.id === task.id)!;
    expect(after.signedOff).toBeNull();
    expect(after.history.map((h) => [h.action, h.by, h.comment])).toEqual([
      ['sign-off', CLIENT, ''],
      ['withdraw', ANALYST, 'Review requested for v3'],
    ]);
    expect(tabValues(emulator)[task.row! - 1]!.slice(6, 8)).toEqual(['', '']);
  });

  test('Mapspec replaces or clears only the evidence it wrote itself (from the log), whatever the version label', () => {
    const { emulator, view } = withChecklist();
    const task = view.signOffs.find((s) => s.task === MAPPING_TASK)!;
    const evidence = () => tabValues(emulator)[task.row! - 1]![8];
    const label = 'Mapping spec Release 2 approved by client.lead on 2026-11-22';
    expect(run(emulator, 'linkSignOff', { codePath, args: [CLIENT, label] }).ok).toBe(true);
    expect(evidence()).toBe(label);
    // A label with spaces is still Mapspec's: the reopening clears it.
    expect(run(emulator, 'linkReopen', { codePath, args: ['Review requested for Release 3'] }).ok).toBe(true);
    expect(evidence()).toBe('');
    // Text the person wrote that merely looks like Mapspec's is theirs: neither replaced nor cleared.
    const theirs = 'Mapping spec v1 approved by the MoH board (see minutes)';
    sheets(emulator).getSheetByName(TAB)!.getRange(task.row!, 9).setValue(theirs);
    expect(run(emulator, 'linkSignOff', { codePath, args: [CLIENT, 'Mapping spec v3 approved by client.lead on 2026-11-23'] }).ok).toBe(true);
    expect(evidence()).toBe(theirs);
    expect(run(emulator, 'linkReopen', { codePath, args: ['Review requested for v4'] }).ok).toBe(true);
    expect(evidence()).toBe(theirs);
  });
});

describe("the playground's demo checklist tab", () => {
  test('adopts as detected (checkbox "Sign-off required", names as owners) and its sign-off task can be signed off', () => {
    const emulator = newEmulator({ workbook: demoWorkbook() });
    const tab = sheets(emulator).getSheetByName('Implementation checklist')!;
    const det = ok(callServer<ChecklistDetectionView>(emulator, 'detectChecklistTab', { sheetId: tab.getSheetId() }));
    expect(det.detection.headerRow).toBe(1);
    expect(det.detection.roles).toMatchObject({ phase: 1, task: 2, owner: 3, due: 4, status: 5, 'sign-off-required': 6, 'signed-off-by': 7, 'signed-off-at': 8, evidence: 9, notes: 10 });
    const roles = det.detection.columns.filter((c) => c.role).map((c) => ({ column: c.column, role: c.role! }));
    const view = ok(callServer<ChecklistView>(emulator, 'adoptChecklist', { sheetId: tab.getSheetId(), headerRow: 1, roles }));
    expect(view.notices).toEqual([]);
    expect(view.signOffs.map((s) => s.task)).toEqual([MAPPING_TASK]);
    expect(view.progress!.phases[0]).toMatchObject({ done: view.progress!.phases[0]!.total });
    ok(callServer(emulator, 'saveApprovers', { approvers: [CLIENT] }));
    emulator.setActiveUser(CLIENT);
    const signed = ok(callServer<ChecklistView>(emulator, 'signOffTask', { taskId: view.signOffs[0]!.id }));
    expect(signed.signOffs[0]!.signedOff!.by).toBe(CLIENT);
    expect(tab.getRange(view.signOffs[0]!.row!, 7).getValue()).toBe(CLIENT);
  });
});
