// ScriptApp: enums, installable triggers with the add-on restrictions and the 20-trigger limit
// (real error texts), deleting and listing per user, the runner helpers, scopes and auth modes.
import { Emulator } from '../../src/emulator/emulator';
import { SCOPES } from '../../src/emulator/context';
import {
  ADDON_DUPLICATE_TRIGGER_ERROR,
  ADDON_SUBHOURLY_ERROR,
  TOO_MANY_TRIGGERS_ERROR,
} from '../../src/emulator/services/script-app';
import { dueClockTriggers, editTriggers, markTriggerRun } from '../../src/emulator/services/triggers';

test('enums are plain strings, so e.authMode === ScriptApp.AuthMode.NONE works', () => {
  const { globals } = new Emulator().execution({ authMode: 'LIMITED' });
  expect(globals.ScriptApp.AuthMode.NONE).toBe('NONE');
  expect(globals.ScriptApp.AuthMode.FULL).toBe('FULL');
  expect(globals.ScriptApp.EventType.ON_EDIT).toBe('ON_EDIT');
  expect(globals.ScriptApp.TriggerSource.SPREADSHEETS).toBe('SPREADSHEETS');
});

test('an add-on gets one trigger of each type per user per document', () => {
  const emulator = new Emulator({ user: 'ana@example.org' });
  const id = emulator.state.workbook.id;
  const ana = emulator.execution().globals.ScriptApp;
  const t = ana.newTrigger('onEditInstalled').forSpreadsheet(id).onEdit().create();
  expect(t.getHandlerFunction()).toBe('onEditInstalled');
  expect(t.getEventType()).toBe('ON_EDIT');
  expect(t.getTriggerSource()).toBe('SPREADSHEETS');
  expect(t.getTriggerSourceId()).toBe(id);
  expect(t.getUniqueId()).toMatch(/^\d+$/);

  let error: Error | undefined;
  try {
    ana.newTrigger('other').forSpreadsheet(id).onEdit().create();
  } catch (e) {
    error = e as Error;
  }
  expect(error?.name).toBe('Exception');
  expect(error?.message).toBe('This add-on has created too many time-based triggers in this document for this Google user account.');
  expect(ADDON_DUPLICATE_TRIGGER_ERROR).toBe(error?.message);

  // A different type is fine, and so is the same type for another user.
  ana.newTrigger('onChangeInstalled').forSpreadsheet(id).onChange().create();
  const ben = emulator.execution({ user: 'ben@example.org' }).globals.ScriptApp;
  ben.newTrigger('onEditInstalled').forSpreadsheet(id).onEdit().create();

  expect(ana.getProjectTriggers().map((x) => x.getHandlerFunction()).sort()).toEqual(['onChangeInstalled', 'onEditInstalled']);
  expect(ben.getUserTriggers({ getId: () => id } as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet)).toHaveLength(1);
  expect(editTriggers(emulator.state).map((x) => x.owner).sort()).toEqual(['ana@example.org', 'ben@example.org']);
});

test('add-on time-driven triggers may not run more often than hourly; hourly is accepted, once', () => {
  const emulator = new Emulator();
  const app = emulator.execution().globals.ScriptApp;
  expect(() => app.newTrigger('poll').timeBased().everyMinutes(5).create()).toThrow(
    'Add-ons may not create time-based triggers to run more frequently than once per hour.',
  );
  expect(ADDON_SUBHOURLY_ERROR).toContain('once per hour');
  expect(() => app.newTrigger('poll').timeBased().everyMinutes(7)).toThrow('The value you passed to everyMinutes was invalid');
  const hourly = app.newTrigger('poll').timeBased().everyHours(1).create();
  expect(hourly.getEventType()).toBe('CLOCK');
  expect(hourly.getTriggerSource()).toBe('CLOCK');
  expect(() => app.newTrigger('nightly').timeBased().everyDays(1).atHour(2).create()).toThrow(ADDON_DUPLICATE_TRIGGER_ERROR);
  expect(emulator.state.triggers).toHaveLength(1);
});

test('add-ons can only create triggers for their own document', () => {
  const app = new Emulator().execution().globals.ScriptApp;
  expect(() => app.newTrigger('f').forSpreadsheet('some-other-spreadsheet').onOpen().create()).toThrow(
    'Add-ons can only create triggers for the document in which they are used.',
  );
});

test('a plain bound script may run every 5 minutes but has at most 20 triggers per user', () => {
  const emulator = new Emulator();
  emulator.state.addon = false;
  const app = emulator.execution().globals.ScriptApp;
  for (let i = 0; i < 20; i++) app.newTrigger(`job${i}`).timeBased().everyMinutes(5).create();
  expect(() => app.newTrigger('job20').timeBased().everyMinutes(5).create()).toThrow(
    'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
  );
  expect(TOO_MANY_TRIGGERS_ERROR).toMatch(/^This script has too many triggers/);
  // Another user has their own 20.
  emulator.execution({ user: 'ben@example.org' }).globals.ScriptApp.newTrigger('job').timeBased().everyHours(1).create();
});

test('deleteTrigger removes the trigger; getProjectTriggers and getUserTriggers list the current user only', () => {
  const emulator = new Emulator();
  const id = emulator.state.workbook.id;
  const app = emulator.execution().globals.ScriptApp;
  app.newTrigger('a').forSpreadsheet(id).onEdit().create();
  app.newTrigger('b').forSpreadsheet(id).onOpen().create();
  const [first] = app.getProjectTriggers();
  app.deleteTrigger(first);
  expect(app.getProjectTriggers()).toHaveLength(1);
  expect(emulator.state.triggers).toHaveLength(1);
  expect(emulator.execution({ user: 'ben@example.org' }).globals.ScriptApp.getProjectTriggers()).toHaveLength(0);
});

test('runner helpers: an hourly trigger is due after an hour and rescheduled when marked run; a daily atHour one runs at that hour', () => {
  const emulator = new Emulator();
  emulator.state.workbook.timeZone = 'America/New_York';
  const app = emulator.execution().globals.ScriptApp;
  const t = app.newTrigger('hourly').timeBased().everyHours(1).create();
  expect(dueClockTriggers(emulator.state, emulator.clock.now())).toHaveLength(0);
  const id = t.getUniqueId();
  emulator.clock.advance(3600000);
  const due = dueClockTriggers(emulator.state, emulator.clock.now());
  expect(due.map((d) => d.id)).toEqual([id]);
  markTriggerRun(emulator.state, id, emulator.clock.now());
  expect(dueClockTriggers(emulator.state, emulator.clock.now())).toHaveLength(0);
  expect(emulator.state.triggers[0].nextRunAt).toBeGreaterThan(emulator.clock.now());

  const other = new Emulator();
  other.state.addon = false;
  other.state.workbook.timeZone = 'America/New_York';
  other.execution().globals.ScriptApp.newTrigger('nightly').timeBased().everyDays(1).atHour(9).create();
  const next = other.state.triggers[0].nextRunAt!;
  const hourThere = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', hour: 'numeric', hourCycle: 'h23' }).format(next);
  expect(Number(hourThere)).toBe(9);
  expect(next).toBeGreaterThan(other.clock.now());
  expect(next - other.clock.now()).toBeLessThanOrEqual(24 * 3600000);

  // One-shot triggers are removed once run.
  const onceId = other.execution().globals.ScriptApp.newTrigger('later').timeBased().after(60000).create().getUniqueId();
  other.clock.advance(60000);
  expect(dueClockTriggers(other.state, other.clock.now()).map((d) => d.handlerFunction)).toContain('later');
  markTriggerRun(other.state, onceId, other.clock.now());
  expect(other.state.triggers.map((d) => d.handlerFunction)).toEqual(['nightly']);
});

test('trigger methods need the script.scriptapp scope and full authorization', () => {
  const noScope = new Emulator({ scopes: [SCOPES.spreadsheetsCurrentOnly] }).execution().globals.ScriptApp;
  expect(() => noScope.newTrigger('f')).toThrow(
    'You do not have permission to call ScriptApp.newTrigger. Required permissions: https://www.googleapis.com/auth/script.scriptapp',
  );
  expect(() => noScope.getProjectTriggers()).toThrow('You do not have permission to call ScriptApp.getProjectTriggers');
  const limited = new Emulator().execution({ authMode: 'LIMITED' }).globals.ScriptApp;
  expect(() => limited.newTrigger('f')).toThrow('You do not have permission to call ScriptApp.newTrigger');
  expect(limited.getAuthorizationInfo(limited.AuthMode.FULL).getAuthorizationStatus()).toBe('REQUIRED');
  expect(() => limited.getOAuthToken()).toThrow('not emulated: ScriptApp.getOAuthToken');
});

test("an add-on's time trigger belongs to its document: another document's does not block one here, yet getProjectTriggers lists both", () => {
  const emulator = new Emulator({ user: 'ana@example.org' });
  // Ana's hourly trigger made by the add-on in another spreadsheet.
  emulator.state.triggers.push({ id: '111', owner: 'ana@example.org', handlerFunction: 'poll', eventType: 'CLOCK', source: 'CLOCK', everyMs: 3600_000, nextRunAt: 3600_000, documentId: 'other-document' });
  const app = emulator.execution().globals.ScriptApp;
  const here = app.newTrigger('poll').timeBased().everyHours(1).create();
  expect(emulator.state.triggers.find((t) => t.id === here.getUniqueId())!.documentId).toBe(emulator.state.workbook.id);
  expect(app.getProjectTriggers().map((t) => t.getUniqueId()).sort()).toEqual(['111', here.getUniqueId()].sort());
  // A second one in this document is refused, as before.
  expect(() => app.newTrigger('poll').timeBased().everyHours(1).create()).toThrow(ADDON_DUPLICATE_TRIGGER_ERROR);
});
