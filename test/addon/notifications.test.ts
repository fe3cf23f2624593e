// Notifications through the shipped bundle: triggers installed once, the edit log, digests of the
// live sheets against the last-notified snapshot, escaping in the email, 50 recipients per message,
// and quota-safe delivery (quota used up: everything waits; the next day's run sends each once).
import { Emulator } from '../../src/emulator/emulator';
import { advanceTime, userEdit } from '../../src/emulator/simulate';
import { pacificDay } from '../../src/emulator/services/util';
import type { NotificationsView, SidebarState } from '../../src/core/api';
import { callServer, newEmulator, ok, run } from '../support/addon';
import { CODE_PATH } from '../support/paths';
import { SPREADSHEET_SERVICE_PREFIXES } from '../../src/emulator/context';

const MAPPING = 'Mapping – Case registration';
const WIDTH = 17;
const USER = 'analyst@example.org';
const HOUR = 3600_000;

function row(id: string, src: string, dst: string): string[] {
  const r = Array<string>(WIDTH).fill('');
  [r[0], r[1], r[2], r[3], r[4], r[7], r[8], r[9], r[12], r[13]] = [id, 'Agreed', src, src, 'text', dst, dst, 'text', 'Yes', 'No'];
  return r;
}

function withSpec(options: { dailyMailQuota?: number } = {}): { emulator: Emulator; sheetId: number } {
  const emulator = newEmulator(options);
  emulator.setActiveUser(USER);
  ok(callServer<{ created: string[]; state: SidebarState }>(emulator, 'insertTemplate', {}));
  const tab = emulator.execution().globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName(MAPPING)!;
  tab.getRange(3, 1, 4, WIDTH).setValues(Array.from({ length: 4 }, (_, i) => row(`M-${i + 1}`, `src_${i + 1}`, `dst_${i + 1}`)));
  return { emulator, sheetId: tab.getSheetId() };
}

function subscribe(emulator: Emulator, subscribers: { email: string; mode: 'every' | 'digest' | 'off' }[], schedule: 'hourly' | 'daily' = 'hourly'): NotificationsView {
  return ok(callServer<NotificationsView>(emulator, 'saveNotificationSettings', { subscribers, schedule }));
}

function useUpQuota(emulator: Emulator): void {
  emulator.state.mail.used[USER] = { day: pacificDay(emulator.clock.now()), recipients: emulator.state.mail.dailyQuota };
}

/**
 * The quota day is the Pacific calendar day: start a minute after its midnight, so the hours a test
 * lets pass stay within one quota day whatever the time of day the test runs at.
 */
function startOfQuotaDay(emulator: Emulator): void {
  const day = pacificDay(emulator.clock.now());
  let ms = 0;
  while (pacificDay(emulator.clock.now() + ms) === day) ms += 15 * 60_000;
  emulator.clock.advance(ms + 60_000);
}

const edit = (emulator: Emulator, sheetId: number, r: number, c: number, values: string[][]) => userEdit(emulator, { sheetId, row: r, column: c, values }, { codePath: CODE_PATH });

test('turning notifications on twice leaves one edit and one time trigger; off removes both', () => {
  const { emulator } = withSpec();
  const first = ok(callServer<NotificationsView>(emulator, 'setNotifications', { on: true }));
  expect(first).toMatchObject({ on: true, owner: USER, editTrigger: true, timeTrigger: true });
  ok(callServer<NotificationsView>(emulator, 'setNotifications', { on: true }));
  const kinds = emulator.state.triggers.map((t) => `${t.eventType}:${t.handlerFunction}`).sort();
  expect(kinds).toEqual(['CLOCK:notifyOnSchedule', 'ON_EDIT:notifyOnEdit']);
  expect(emulator.state.triggers.find((t) => t.eventType === 'CLOCK')!.everyMs).toBe(HOUR);
  // Daily schedule: the time trigger is replaced, still one of each.
  subscribe(emulator, [], 'daily');
  expect(emulator.state.triggers.map((t) => t.eventType).sort()).toEqual(['CLOCK', 'ON_EDIT']);
  expect(emulator.state.triggers.find((t) => t.eventType === 'CLOCK')!.everyMs).toBe(24 * HOUR);
  // Another person can neither add a second set of triggers nor remove the owner's.
  emulator.setActiveUser('bo@example.org');
  const other = callServer(emulator, 'setNotifications', { on: true });
  expect(!other.ok && other.message).toBe(`Notifications are already on, sent from ${USER}'s account. Ask them to turn notifications off first if they should come from yours.`);
  expect(callServer(emulator, 'setNotifications', { on: false }).ok).toBe(false);
  expect(emulator.state.triggers).toHaveLength(2);
  emulator.setActiveUser(USER);
  const off = ok(callServer<NotificationsView>(emulator, 'setNotifications', { on: false }));
  expect(off).toMatchObject({ on: false, editTrigger: false, timeTrigger: false });
  expect(emulator.state.triggers).toEqual([]);
});

test("turning on and off in one spreadsheet neither adopts nor deletes the same user's time trigger of another spreadsheet", () => {
  const { emulator } = withSpec();
  // The add-on's getProjectTriggers lists this user's triggers of every document: here, one the
  // add-on installed when USER turned notifications on in another spreadsheet.
  const foreign = { id: '424242', owner: USER, handlerFunction: 'notifyOnSchedule', eventType: 'CLOCK' as const, source: 'CLOCK' as const, everyMs: HOUR, nextRunAt: emulator.clock.now() + HOUR, documentId: 'another-spreadsheet' };
  emulator.state.triggers.push(foreign);
  const on = ok(callServer<NotificationsView>(emulator, 'setNotifications', { on: true }));
  expect(on).toMatchObject({ on: true, editTrigger: true, timeTrigger: true });
  const mine = emulator.state.triggers.filter((t) => t.eventType === 'CLOCK' && t.documentId === emulator.state.workbook.id);
  expect(mine).toHaveLength(1);
  const off = ok(callServer<NotificationsView>(emulator, 'setNotifications', { on: false }));
  expect(off).toMatchObject({ on: false, editTrigger: false, timeTrigger: false });
  expect(emulator.state.triggers).toEqual([foreign]);
  // With notifications off here, the other spreadsheet's trigger is not shown as this one's.
  expect(ok(callServer<NotificationsView>(emulator, 'getNotifications', {})).timeTrigger).toBe(false);
});

test('turning on that fails halfway (the time trigger refused) removes the edit trigger it created and stays off', () => {
  const { emulator } = withSpec();
  // 19 triggers of USER's in other spreadsheets: the edit trigger is the 20th allowed, the time trigger is refused.
  const others = Array.from({ length: 19 }, (_, i) => ({ id: `9${i}`, owner: USER, handlerFunction: 'other', eventType: 'ON_OPEN' as const, source: 'SPREADSHEETS' as const, sourceId: `doc-${i}` }));
  emulator.state.triggers.push(...others);
  const r = callServer<NotificationsView>(emulator, 'setNotifications', { on: true });
  expect(!r.ok && r.message).toContain('too many triggers');
  expect(emulator.state.triggers).toEqual(others);
  expect(ok(callServer<NotificationsView>(emulator, 'getNotifications', {}))).toMatchObject({ on: false, editTrigger: false, timeTrigger: false });
});

test('a malformed subscriber email is refused with a message naming it; nothing is saved', () => {
  const { emulator } = withSpec();
  const r = callServer<NotificationsView>(emulator, 'saveNotificationSettings', { subscribers: [{ email: 'ann@example.org', mode: 'every' }, { email: 'bob@', mode: 'digest' }], schedule: 'hourly' });
  expect(r.ok).toBe(false);
  expect(!r.ok && r.message).toContain('line 2: "bob@"');
  expect(ok(callServer<NotificationsView>(emulator, 'getNotifications', {})).settings.subscribers).toEqual([]);
  // A payload may not name who saves: the schema is strict.
  expect(callServer(emulator, 'saveNotificationSettings', { subscribers: [], schedule: 'hourly', by: 'x@y.org' }).ok).toBe(false);
});

test('the edit trigger logs single-cell edits with old → new and pastes as a range, one property write per edit', () => {
  const { emulator, sheetId } = withSpec();
  ok(callServer(emulator, 'setNotifications', { on: true }));
  const single = edit(emulator, sheetId, 3, 15, [['trim()']]);
  const logRun = single.runs.find((r) => r.functionName === 'notifyOnEdit')!;
  expect(logRun.ok).toBe(true);
  const paste = edit(emulator, sheetId, 4, 9, [['a.one', 'integer'], ['a.two', 'date']]);
  expect(paste.runs.find((r) => r.functionName === 'notifyOnEdit')!.ok).toBe(true);
  // The trigger function itself, run directly to count its calls: one read and one write of properties.
  const direct = run(emulator, 'notifyOnEdit', {
    args: (globals) => [{ range: globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName(MAPPING)!.getRange('P3'), value: 'x', user: { getEmail: () => USER } }],
  });
  expect(direct.ok).toBe(true);
  expect(direct.calls.count('Properties.set', 'Properties.delete')).toBe(1);
  expect(direct.calls.count('Properties.get')).toBe(1);
  const log = JSON.parse(emulator.state.properties.document['mapspec.notify.log']!);
  expect(log).toEqual([
    expect.objectContaining({ by: USER, sheetId, a1: 'O3', old: '', new: 'trim()' }),
    expect.objectContaining({ by: USER, sheetId, a1: 'I4:J5', old: null, new: null }),
    expect.objectContaining({ by: USER, sheetId, a1: 'P3', old: '', new: 'x' }),
  ]);
});

test('a cell holding <img src=x onerror=alert(1)> arrives escaped in the digest HTML, with links to the cell', () => {
  const { emulator, sheetId } = withSpec();
  subscribe(emulator, [{ email: 'ann@example.org', mode: 'every' }]);
  ok(callServer(emulator, 'setNotifications', { on: true }));
  edit(emulator, sheetId, 3, 15, [['<img src=x onerror=alert(1)>']]);
  const runs = advanceTime(emulator, HOUR, { codePath: CODE_PATH });
  expect(runs.map((r) => [r.functionName, r.ok, r.error?.message])).toEqual([['notifyOnSchedule', true, undefined]]);
  const mail = emulator.state.mail.sent;
  expect(mail).toHaveLength(1);
  expect(mail[0]!.bcc).toEqual(['ann@example.org']);
  expect(mail[0]!.subject).toContain('0 rows added, 1 changed, 0 removed since');
  expect(mail[0]!.htmlBody).toContain('OPENFN › Transformation / rule</a>: (blank) → &lt;img src=x onerror=alert(1)&gt; <span');
  expect(mail[0]!.htmlBody).not.toContain('<img');
  expect(mail[0]!.htmlBody).toContain(`#gid=${sheetId}&amp;range=O3`);
  expect(mail[0]!.body).toContain('<img src=x onerror=alert(1)>'); // plain text is text
  expect(mail[0]!.htmlBody).toContain(`<td style="border:1px solid #ccc;padding:4px;text-align:left;vertical-align:top">${USER}</td>`);
});

test('120 subscribers go out in messages of at most 50 recipients, each address once, in bcc: no one sees the others', () => {
  const { emulator } = withSpec({ dailyMailQuota: 1500 });
  const emails = Array.from({ length: 120 }, (_, i) => `person${i + 1}@example.org`);
  subscribe(emulator, emails.map((email) => ({ email, mode: 'every' as const })));
  ok(callServer(emulator, 'setNotifications', { on: true }));
  const names: string[] = [];
  const tagged = run(emulator, 'tagVersion', { args: [{ note: 'First' }], onCall: (name) => names.push(name) });
  expect(tagged.ok).toBe(true);
  // notifyEvent runs inside the tag's lock and does not release it (Apps Script locks do not nest):
  // the one release is the tag's own, after the mail went.
  expect(names.filter((n) => n.endsWith('.releaseLock'))).toHaveLength(1);
  expect(names.lastIndexOf('MailApp.sendEmail')).toBeLessThan(names.findIndex((n) => n.endsWith('.releaseLock')));
  const sent = emulator.state.mail.sent;
  // Every recipient of a message counts toward Apps Script's 50: the `to` (the sender) + 49 in bcc.
  expect(sent.map((m) => m.to.length + m.cc.length + m.bcc.length)).toEqual([50, 50, 23]);
  expect(sent.map((m) => m.to)).toEqual([[USER], [USER], [USER]]);
  expect(sent.flatMap((m) => m.bcc).sort()).toEqual([...emails].sort());
  expect(sent.every((m) => m.cc.length === 0 && !m.htmlBody!.includes('person1@') && !m.body.includes('person1@'))).toBe(true);
  expect(new Set(sent.map((m) => m.subject.replace(/ \(.*\)$/, '')))).toEqual(new Set(['[Mapspec] Untitled spreadsheet: version v1 tagged'.replace('Untitled spreadsheet', emulator.state.workbook.name)]));
});

test('quota used up: every message waits (the sidebar says why); the next day each goes exactly once', () => {
  const { emulator, sheetId } = withSpec();
  startOfQuotaDay(emulator);
  subscribe(emulator, [
    { email: 'ann@example.org', mode: 'every' },
    { email: 'bo@example.org', mode: 'every' },
    { email: 'cy@example.org', mode: 'digest' },
    { email: 'di@example.org', mode: 'off' },
  ]);
  ok(callServer(emulator, 'setNotifications', { on: true }));
  useUpQuota(emulator);
  edit(emulator, sheetId, 4, 15, [['upper()']]);
  ok(callServer(emulator, 'tagVersion', { note: 'With upper()' }));
  edit(emulator, sheetId, 5, 15, [['lower()']]);
  advanceTime(emulator, HOUR, { codePath: CODE_PATH });
  expect(emulator.state.mail.sent).toEqual([]);
  const waiting = ok(callServer<NotificationsView>(emulator, 'getNotifications', {}));
  expect(waiting.quotaLeft).toBe(0);
  expect(waiting.queue.map((q) => q.id)).toEqual(['v1-tagged.1', expect.stringMatching(/^d-every-.*\.1$/)]);
  for (const q of waiting.queue) expect(q.reason).toMatch(/quota/i);

  // A second hourly run while the first digest waits adds no second digest, sends nothing.
  advanceTime(emulator, HOUR, { codePath: CODE_PATH });
  expect(emulator.state.mail.sent).toEqual([]);
  expect(ok(callServer<NotificationsView>(emulator, 'getNotifications', {})).queue).toHaveLength(2);

  // The next day: the quota is back; hourly runs all day long send each message once.
  advanceTime(emulator, 24 * HOUR, { codePath: CODE_PATH });
  const sent = emulator.state.mail.sent;
  const byRecipient = sent.flatMap((m) => m.bcc.map((to) => `${to} ${m.subject}`));
  expect(new Set(byRecipient).size).toBe(byRecipient.length);
  const tagged = sent.filter((m) => m.subject.includes('version v1 tagged'));
  expect(tagged).toHaveLength(1);
  expect(tagged[0]!.bcc).toEqual(['ann@example.org', 'bo@example.org']);
  const everyDigest = sent.filter((m) => m.bcc.includes('ann@example.org') && / removed since /.test(m.subject));
  expect(everyDigest).toHaveLength(1);
  expect(everyDigest[0]!.htmlBody).toContain('→ lower()');
  // upper() was in version v1's email: the digest is of changes not yet tagged.
  expect(everyDigest[0]!.htmlBody).not.toContain('upper()');
  // The daily digest (cy) covers everything since notifications were turned on.
  const daily = sent.filter((m) => m.bcc.includes('cy@example.org'));
  expect(daily).toHaveLength(1);
  expect(daily[0]!.htmlBody).toContain('→ upper()');
  expect(daily[0]!.htmlBody).toContain('→ lower()');
  expect(sent.some((m) => m.bcc.includes('di@example.org'))).toBe(false);
  expect(ok(callServer<NotificationsView>(emulator, 'getNotifications', {})).queue).toEqual([]);
  // Running the schedule again sends nothing twice.
  const count = sent.length;
  expect(run(emulator, 'notifyOnSchedule', { args: [{}] }).ok).toBe(true);
  expect(emulator.state.mail.sent).toHaveLength(count);
});

test("an event sends only its own mail from the actor's account; the owner's waiting digest stays for the owner's run", () => {
  const { emulator, sheetId } = withSpec();
  startOfQuotaDay(emulator);
  subscribe(emulator, [{ email: 'ann@example.org', mode: 'every' }]);
  ok(callServer(emulator, 'setNotifications', { on: true }));
  useUpQuota(emulator);
  edit(emulator, sheetId, 5, 15, [['lower()']]);
  advanceTime(emulator, HOUR, { codePath: CODE_PATH });
  expect(ok(callServer<NotificationsView>(emulator, 'getNotifications', {})).queue.map((q) => q.id)).toEqual([expect.stringMatching(/^d-every-.*\.1$/)]);
  // Bo (quota to spare) tags a version: his event's mail goes from his account, nothing else.
  emulator.setActiveUser('bo@example.org');
  ok(callServer(emulator, 'tagVersion', { note: 'By Bo' }));
  const sent = emulator.state.mail.sent;
  expect(sent.map((m) => [m.from, m.subject.replace(/^.*: /, '').replace(/ \(.*\)$/, '')])).toEqual([['bo@example.org', 'version v1 tagged']]);
  emulator.setActiveUser(USER);
  expect(ok(callServer<NotificationsView>(emulator, 'getNotifications', {})).queue.map((q) => q.id)).toEqual([expect.stringMatching(/^d-every-.*\.1$/)]);
  // The next day the owner's trigger sends the digest, from the owner's account.
  advanceTime(emulator, 24 * HOUR, { codePath: CODE_PATH });
  const digest = emulator.state.mail.sent.filter((m) => / removed since /.test(m.subject));
  expect(digest.map((m) => m.from)).toEqual([USER]);
});

test('notifications off: subscribers get no event emails (their subscription waits); on again, they do', () => {
  const { emulator } = withSpec();
  subscribe(emulator, [{ email: 'ann@example.org', mode: 'every' }]);
  ok(callServer(emulator, 'setNotifications', { on: true }));
  ok(callServer(emulator, 'setNotifications', { on: false }));
  ok(callServer(emulator, 'tagVersion', { note: 'While off' }));
  expect(emulator.state.mail.sent).toEqual([]);
  expect(ok(callServer<NotificationsView>(emulator, 'getNotifications', {})).queue).toEqual([]);
  ok(callServer(emulator, 'setNotifications', { on: true }));
  ok(callServer(emulator, 'tagVersion', { note: 'While on' }));
  expect(emulator.state.mail.sent.map((m) => [m.bcc, m.subject.replace(/^.*: /, '').replace(/ \(.*\)$/, '')])).toEqual([[['ann@example.org'], 'version v2 tagged']]);
});

function fillQueue(emulator: Emulator, count: number): string[] {
  // Messages whose send was interrupted ("sending": never retried), each near the 8 KB per message.
  const values: Record<string, string> = {};
  for (let i = 0; i < count; i++) {
    const event = { kind: 'review-withdrawn', requestId: `f${i}`, label: 'v0', seq: 0, requester: 'x@example.org', approvers: [], reason: 'x'.repeat(7600), at: '2026-01-01T00:00:00.000Z' };
    values[`mapspec.notify.q.fill-${i}`] = JSON.stringify({ id: `fill-${i}`, createdAt: '2026-01-01T00:00:00.000Z', recipients: ['x@example.org'], specName: 'S', url: 'u', notification: { kind: 'event', event }, state: 'sending', attempts: 1, lastError: '' });
  }
  emulator.execution().globals.PropertiesService.getDocumentProperties().setProperties(values);
  return Object.keys(values);
}

test('a full queue (200 KB) refuses a new event email with a notice in the sidebar, and keeps a digest for later instead of dropping it', () => {
  const { emulator, sheetId } = withSpec();
  subscribe(emulator, [{ email: 'ann@example.org', mode: 'every' }]);
  ok(callServer(emulator, 'setNotifications', { on: true }));
  const fillers = fillQueue(emulator, 27);
  ok(callServer(emulator, 'tagVersion', { note: 'Queue full' }));
  expect(emulator.state.mail.sent).toEqual([]);
  const view = ok(callServer<NotificationsView>(emulator, 'getNotifications', {}));
  expect(view.queue.filter((q) => q.id.startsWith('fill-'))).toHaveLength(27);
  expect(view.queue.some((q) => q.id.startsWith('v1-tagged'))).toBe(false);
  const notice = view.queue.find((q) => q.id === 'overflow')!;
  expect(notice.subject).toBe('1 email was not queued: the mail queue was full (the daily quota did not keep up)');
  expect(notice.reason).toContain('version v1 tagged');
  // The store is never near its 500 KB: every property together stays well under.
  const props = emulator.execution().globals.PropertiesService.getDocumentProperties().getProperties();
  expect(Object.entries(props).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v), 0)).toBeLessThan(500 * 1024);

  // A change while the queue is full: the hourly digest is not queued, and not lost either.
  edit(emulator, sheetId, 5, 15, [['lower()']]);
  advanceTime(emulator, HOUR, { codePath: CODE_PATH });
  expect(ok(callServer<NotificationsView>(emulator, 'getNotifications', {})).queue.some((q) => q.id.startsWith('d-'))).toBe(false);
  // Room again (a person cleared the interrupted messages): the next digest has the change.
  const store = emulator.execution().globals.PropertiesService.getDocumentProperties();
  for (const k of fillers) store.deleteProperty(k);
  advanceTime(emulator, HOUR, { codePath: CODE_PATH });
  const digest = emulator.state.mail.sent.filter((m) => / removed since /.test(m.subject));
  expect(digest).toHaveLength(1);
  expect(digest[0]!.htmlBody).toContain('→ lower()');
});

test('a paste or script edit with no onEdit is still in the digest (snapshots are compared)', () => {
  const { emulator, sheetId } = withSpec();
  subscribe(emulator, [{ email: 'ann@example.org', mode: 'every' }]);
  ok(callServer(emulator, 'setNotifications', { on: true }));
  // A script edit: no trigger fires, nothing is logged.
  emulator.execution().globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName(MAPPING)!.getRange(6, 9).setValue('scripted.path');
  advanceTime(emulator, HOUR, { codePath: CODE_PATH });
  const mail = emulator.state.mail.sent;
  expect(mail).toHaveLength(1);
  expect(mail[0]!.htmlBody).toContain('dst_4 → scripted.path');
  expect(mail[0]!.htmlBody).toContain(`#gid=${sheetId}&amp;range=I6`);
  expect(mail[0]!.htmlBody).toContain('The edit log names no editor');
});

test('the digest run takes the same spreadsheet calls for 10 and 1,000 rows, and packs each snapshot once', () => {
  const digestRun = (rows: number) => {
    const { emulator, sheetId } = withSpec();
    const tab = emulator.execution().globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName(MAPPING)!;
    if (tab.getMaxRows() < rows + 2) tab.insertRowsAfter(tab.getMaxRows(), rows + 2 - tab.getMaxRows());
    tab.getRange(3, 1, rows, WIDTH).setValues(Array.from({ length: rows }, (_, i) => row(`M-${i + 1}`, `src_${i + 1}`, `dst_${i + 1}`)));
    subscribe(emulator, [{ email: 'ann@example.org', mode: 'every' }, { email: 'cy@example.org', mode: 'digest' }]);
    ok(callServer(emulator, 'setNotifications', { on: true }));
    edit(emulator, sheetId, 3, 15, [['trim()']]);
    edit(emulator, sheetId, rows, 9, [['a.one'], ['a.two']]); // a paste near the end
    emulator.clock.advance(25 * HOUR);
    const r = run(emulator, 'notifyOnSchedule', { args: [{}] });
    expect(r.ok).toBe(true);
    // Both audiences got their digest: the run did the whole work.
    expect(emulator.state.mail.sent.map((m) => m.bcc.join(',')).sort()).toEqual(['ann@example.org', 'cy@example.org']);
    return r.calls;
  };
  const small = digestRun(10);
  const large = digestRun(1000);
  expect(large.count(...SPREADSHEET_SERVICE_PREFIXES)).toBe(small.count(...SPREADSHEET_SERVICE_PREFIXES));
  // Both audiences held the same snapshot and get the same new one: unpacked once, packed once.
  expect(large.count('Utilities.ungzip')).toBe(1);
  expect(large.count('Utilities.gzip')).toBe(1);
});
