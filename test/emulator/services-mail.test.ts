// MailApp: the daily recipient quota (and its reset on the next Pacific day), per-message limits
// with the real error texts, the sendEmail forms, scopes and auth modes.
import { Emulator } from '../../src/emulator/emulator';
import { MAIL_QUOTA_ERROR } from '../../src/emulator/services/mail';
import { pacificDay } from '../../src/emulator/services/util';
import { SCOPES } from '../../src/emulator/context';
import { thrown } from '../support/thrown';


/** Milliseconds from `now` to the next midnight in America/Los_Angeles. */
function msToPacificMidnight(now: number): number {
  const today = pacificDay(now);
  let lo = 0;
  let hi = 26 * 3600000;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (pacificDay(now + mid) === today) lo = mid;
    else hi = mid;
  }
  return hi;
}

test('the quota counts recipients; at 0 sendEmail throws the real error; the next Pacific day resets it', () => {
  const emulator = new Emulator({ dailyMailQuota: 5 });
  const mail = emulator.execution().globals.MailApp;
  expect(mail.getRemainingDailyQuota()).toBe(5);
  mail.sendEmail('a@example.org, b@example.org', 'Spec v2', 'Please review.');
  expect(mail.getRemainingDailyQuota()).toBe(3);
  mail.sendEmail({ to: 'c@example.org', cc: 'd@example.org', bcc: 'e@example.org', subject: 'Sign-off', body: 'Done.' });
  expect(mail.getRemainingDailyQuota()).toBe(0);

  const err = thrown(() => mail.sendEmail('f@example.org', 'One more', 'x'));
  expect(err.name).toBe('Exception');
  expect(err.message).toBe('Service invoked too many times for one day: email.');
  expect(MAIL_QUOTA_ERROR).toBe(err.message);
  expect(emulator.state.mail.sent).toHaveLength(2);

  // Still the same Pacific day one second before midnight; the next day starts a fresh quota.
  // (Later runs are new executions: one execution cannot outlive its 6-minute limit.)
  emulator.clock.advance(msToPacificMidnight(emulator.clock.now()) - 1000);
  const lateEvening = emulator.execution().globals.MailApp;
  expect(lateEvening.getRemainingDailyQuota()).toBe(0);
  expect(() => lateEvening.sendEmail('f@example.org', 'One more', 'x')).toThrow(MAIL_QUOTA_ERROR);
  emulator.clock.advance(2000);
  const nextDay = emulator.execution().globals.MailApp;
  expect(nextDay.getRemainingDailyQuota()).toBe(5);
  nextDay.sendEmail('f@example.org', 'One more', 'x');
  expect(nextDay.getRemainingDailyQuota()).toBe(4);
});

test('a message to more recipients than remain is refused whole and uses no quota', () => {
  const emulator = new Emulator({ dailyMailQuota: 3 });
  const mail = emulator.execution().globals.MailApp;
  mail.sendEmail('a@example.org', 's', 'b');
  expect(() => mail.sendEmail('b@example.org,c@example.org,d@example.org', 's', 'b')).toThrow(MAIL_QUOTA_ERROR);
  expect(mail.getRemainingDailyQuota()).toBe(2);
});

test('sent mail is recorded with an id, the sender, the time and every field', () => {
  const emulator = new Emulator({ user: 'owner@example.org' });
  const mail = emulator.execution().globals.MailApp;
  const before = emulator.clock.now();
  mail.sendEmail({ to: 'Ana <ana@example.org>', subject: 'Hi', body: 'plain', htmlBody: '<b>hi</b>', name: 'Mapspec', replyTo: 'no@example.org', noReply: true });
  mail.sendEmail('ben@example.org', 'reply@example.org', 'Four-arg form', 'body');
  const [first, second] = emulator.state.mail.sent;
  expect(first).toMatchObject({
    from: 'owner@example.org',
    to: ['ana@example.org'],
    cc: [],
    bcc: [],
    subject: 'Hi',
    body: 'plain',
    htmlBody: '<b>hi</b>',
    name: 'Mapspec',
    replyTo: 'no@example.org',
    noReply: true,
  });
  expect(first.id).toMatch(/^[0-9a-f]{16}$/);
  expect(first.at).toBeGreaterThanOrEqual(before);
  expect(second).toMatchObject({ to: ['ben@example.org'], replyTo: 'reply@example.org', subject: 'Four-arg form', body: 'body' });
});

test('51 recipients in one message are refused; 50 are accepted', () => {
  const mail = new Emulator().execution().globals.MailApp;
  const list = (n: number) => Array.from({ length: n }, (_, i) => `user${i}@example.org`);
  expect(() => mail.sendEmail({ to: list(40).join(','), bcc: list(11).join(','), subject: 's', body: 'b' })).toThrow(
    'Limit Exceeded: Email Recipients Per Message.',
  );
  mail.sendEmail(list(50).join(','), 's', 'b');
  expect(mail.getRemainingDailyQuota()).toBe(50);
});

test('invalid addresses and a missing recipient are refused with the real texts', () => {
  const mail = new Emulator().execution().globals.MailApp;
  expect(() => mail.sendEmail('not-an-email', 's', 'b')).toThrow('Invalid email: not-an-email');
  expect(() => mail.sendEmail({ to: 'ok@example.org', cc: 'bad@', subject: 's', body: 'b' })).toThrow('Invalid email: bad@');
  expect(() => mail.sendEmail('', 's', 'b')).toThrow('Failed to send email: no recipient');
  expect(mail.getRemainingDailyQuota()).toBe(100);
});

test('bodies over 200 KB (consumer) are refused; Workspace accounts allow 400 KB; long subjects are refused', () => {
  const consumer = new Emulator().execution().globals.MailApp;
  consumer.sendEmail('a@example.org', 's', 'x'.repeat(200 * 1024));
  expect(() => consumer.sendEmail('a@example.org', 's', 'x'.repeat(200 * 1024 + 1))).toThrow('Limit Exceeded: Email Body Size.');
  expect(() => consumer.sendEmail({ to: 'a@example.org', subject: 's', body: '', htmlBody: 'x'.repeat(300 * 1024) })).toThrow(
    'Limit Exceeded: Email Body Size.',
  );
  const workspace = new Emulator({ dailyMailQuota: 1500 }).execution().globals.MailApp;
  workspace.sendEmail('a@example.org', 's', 'x'.repeat(300 * 1024));
  expect(() => consumer.sendEmail('a@example.org', 's'.repeat(251), 'b')).toThrow('Argument too large: subject');
});

test('MailApp needs the script.send_mail scope and full authorization', () => {
  const noScope = new Emulator({ scopes: [SCOPES.spreadsheetsCurrentOnly, SCOPES.containerUi] }).execution().globals.MailApp;
  expect(() => noScope.sendEmail('a@example.org', 's', 'b')).toThrow(
    'You do not have permission to call MailApp.sendEmail. Required permissions: https://www.googleapis.com/auth/script.send_mail',
  );
  const emulator = new Emulator();
  expect(() => emulator.execution({ authMode: 'LIMITED' }).globals.MailApp.sendEmail('a@example.org', 's', 'b')).toThrow(
    'You do not have permission to call MailApp.sendEmail',
  );
  expect(() => emulator.execution({ authMode: 'NONE' }).globals.MailApp.getRemainingDailyQuota()).toThrow(
    'You do not have permission to call MailApp.getRemainingDailyQuota',
  );
});

test('an installable trigger sends as (and spends the quota of) its owner, the effective user', () => {
  const emulator = new Emulator({ user: 'owner@example.org', dailyMailQuota: 10 });
  const run = emulator.execution({ user: 'editor@example.org', effectiveUser: 'owner@example.org' });
  run.globals.MailApp.sendEmail('a@example.org', 's', 'b');
  expect(emulator.state.mail.sent[0].from).toBe('owner@example.org');
  expect(emulator.execution().globals.MailApp.getRemainingDailyQuota()).toBe(9);
  expect(emulator.execution({ user: 'editor@example.org' }).globals.MailApp.getRemainingDailyQuota()).toBe(10);
});

test('attachments are not emulated', () => {
  const mail = new Emulator().execution().globals.MailApp;
  expect(() => mail.sendEmail('a@example.org', 's', 'b', { attachments: [] })).toThrow('not emulated: MailApp.sendEmail attachments');
});
