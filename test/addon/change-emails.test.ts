// Issue 25 through the shipped bundle: a change email (review requested, version tagged) accounts for
// every row it stands for — the rows it shows plus its "and N more rows" equal the diff's row counts,
// in the HTML and the plain-text body alike — and names columns as the Checks panel does, never an
// internal "Label#2".
import type { VersionList, VersionSummary } from '../../src/core/api';
import type { Emulator } from '../../src/emulator/emulator';
import { callServer, newEmulator, ok, sheets, templateRow } from '../support/addon';

const MAPPING = 'Mapping – Case registration';
const ANALYST = 'analyst@example.org';
const ANA = 'ana@client.example.org';
const SUB = 'sub@example.org';

type Mail = { subject: string; htmlBody: string; body: string; bcc: string[] };

function withRows(n: number): Emulator {
  const emulator = newEmulator({ user: ANALYST });
  ok(callServer(emulator, 'insertTemplate', {}));
  const tab = sheets(emulator).getSheetByName(MAPPING)!;
  tab.getRange(3, 1, n, 17).setValues(Array.from({ length: n }, (_, i) => templateRow(`M-${i + 1}`, `src_${i + 1}`, `dst_${i + 1}`)));
  emulator.state.properties.document['mapspec.approvers'] = JSON.stringify({ approvers: [ANA], history: [{ at: '2026-11-01T00:00:00.000Z', by: ANALYST, added: [ANA], removed: [] }] });
  emulator.setActiveUser(ANA);
  emulator.setActiveUser(ANALYST);
  return emulator;
}

function tag(emulator: Emulator, note: string): VersionSummary {
  return ok(callServer<{ version: VersionSummary; list: VersionList }>(emulator, 'tagVersion', { note })).version;
}

/** `n` rows tagged as v1, with a subscriber to every event: the next tag emails them. */
function subscribedAndTagged(n: number) {
  const emulator = withRows(n);
  ok(callServer(emulator, 'saveNotificationSettings', { subscribers: [{ email: SUB, mode: 'every' }], schedule: 'hourly' }));
  ok(callServer(emulator, 'setNotifications', { on: true }));
  tag(emulator, 'first');
  return { emulator, tab: sheets(emulator).getSheetByName(MAPPING)! };
}

/** The rows an email lists (each "- tab · key · added|removed|changed" line) and its "and N more rows". */
function accounting(mail: Mail): { textShown: number; htmlShown: number; textMore: number; htmlMore: number } {
  const textShown = (mail.body.match(/^- .* · (added|removed|changed)\b/gm) ?? []).length;
  const htmlShown = (mail.htmlBody.match(/<td [^>]*>(Added|Removed|Changed):/g) ?? []).length;
  const more = (s: string) => Number(/and (\d+) more rows?/.exec(s)?.[1] ?? 0);
  return { textShown, htmlShown, textMore: more(mail.body), htmlMore: more(mail.htmlBody) };
}

function expectAccountsFor(mail: Mail, total: number): void {
  const a = accounting(mail);
  expect(a.textShown).toBeGreaterThan(0);
  expect(a.textShown + a.textMore).toBe(total);
  expect(a.htmlShown + a.htmlMore).toBe(total);
  expect(a.htmlShown).toBe(a.textShown);
  expect(mail.htmlBody).not.toMatch(/[A-Za-z]#\d/);
  expect(mail.body).not.toMatch(/[A-Za-z]#\d/);
}

test('a review request for a new spec of 8 rows lists all 8 added rows, one line each, with the totals first', () => {
  const emulator = withRows(8);
  const v1 = tag(emulator, 'first');
  ok(callServer(emulator, 'requestReview', { seq: v1.seq, approvers: [ANA], message: 'Please review', due: null }));
  const mail = (emulator.state.mail.sent as Mail[]).filter((m) => m.subject.includes('review requested'));
  expect(mail).toHaveLength(1);
  const m = mail[0]!;
  expect(m.subject).toContain('(8 rows added, 0 changed, 0 removed)');
  expect(m.body.startsWith('8 rows added, 0 changed, 0 removed in all (no version has been approved yet).')).toBe(true);
  expectAccountsFor(m, 8);
  expect(accounting(m).textMore).toBe(0);
  // One line per added row: key, label, source → destination.
  expect(m.body).toContain(`- ${MAPPING} · M-8 · added: src_8, src_8 → dst_8\n`);
});

test('a version that changes 200 rows: the email shows what fits and says "and N more rows" for the rest', () => {
  const { emulator, tab } = subscribedAndTagged(200);
  // Every row's destination label and type change (two cells a row).
  tab.getRange(3, 8, 200, 1).setValues(Array.from({ length: 200 }, (_, i) => [`Destination ${i + 1}`]));
  tab.getRange(3, 10, 200, 1).setValues(Array.from({ length: 200 }, () => ['integer']));
  tag(emulator, 'second');
  const mail = (emulator.state.mail.sent as Mail[]).filter((m) => m.subject.includes('version v2 tagged'));
  expect(mail).toHaveLength(1);
  const m = mail[0]!;
  expect(m.subject).toContain('(0 rows added, 200 changed, 0 removed)');
  expectAccountsFor(m, 200);
  expect(accounting(m).textMore).toBeGreaterThan(0);
  // A changed row lists its changed cells, named as the Checks panel names them.
  expect(m.body).toMatch(/- .* · M-1 · changed:\n {4}DESTINATION › Label: dst_1 → Destination 1\n {4}DESTINATION › Type: text → integer\n/);
});

test('when the queue cuts the table to fit its size cap, what is shown plus "and N more rows" is still the whole', () => {
  const { emulator, tab } = subscribedAndTagged(40);
  // Long rules in every row: 40 rows of ~600 bytes do not fit an 8 KB queued message.
  tab.getRange(3, 15, 40, 1).setValues(Array.from({ length: 40 }, (_, i) => [`rule ${i} ${'€'.repeat(190)}`]));
  tag(emulator, 'second');
  const m = (emulator.state.mail.sent as Mail[]).find((x) => x.subject.includes('version v2 tagged'))!;
  expect(m.subject).toContain('(0 rows added, 40 changed, 0 removed)');
  expectAccountsFor(m, 40);
  const a = accounting(m);
  expect(a.textShown).toBeLessThan(40);
  expect(a.textMore).toBe(40 - a.textShown);
});
