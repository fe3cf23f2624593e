// Notification core: recipients per preference, ≤ 50 per message, ids and dedup, fitting a property,
// and the delivery plan under the daily quota (what waits, and a "sending" mark never resent).
import {
  fitMessage,
  messagesFor,
  MESSAGE_MAX_BYTES,
  newMessages,
  notificationId,
  parseQueue,
  planDelivery,
  QUEUE_KEY_PREFIX,
  recipientsFor,
  rememberSent,
  SENT_IDS_KEPT,
  splitRecipients,
  SENT_MAX_BYTES,
  queueBytes,
  admitMessages,
  QUEUE_MAX_BYTES,
  addOverflow,
  parseOverflow,
  envelope,
  MAX_RECIPIENTS_PER_MESSAGE,
  validateNotifySettings,
  type Notification,
  type NotifySettings,
} from '../../src/core/notify';
import { utf8Length } from '../../src/core/notify/bytes';
import { UserError } from '../../src/core/errors';

const settings: NotifySettings = {
  schedule: 'hourly',
  subscribers: [
    { email: 'ann@example.org', mode: 'every' },
    { email: 'bo@example.org', mode: 'digest' },
    { email: 'cy@example.org', mode: 'off' },
  ],
};
const at = '2026-01-01T00:00:00Z';
const tagged: Notification = { kind: 'event', event: { kind: 'version-tagged', label: 'v1', seq: 1, author: 'ann@example.org', at, note: '', counts: { added: 1, changed: 0, removed: 0, unchanged: 0 }, changes: [], totals: { added: 1, changed: 0, removed: 0 } } };

const ON = { subscribersOn: true };
const OFF = { subscribersOn: false };

test('recipients follow each subscriber\'s preference; approvers always get review requests', () => {
  expect(recipientsFor(tagged, settings, ['appr@example.org'], ON)).toEqual(['ann@example.org']);
  const digest = (audience: 'every' | 'digest'): Notification => ({ kind: 'digest', audience, since: at, at, rows: [], totals: { added: 0, changed: 1, removed: 0 }, editors: [] });
  expect(recipientsFor(digest('every'), settings, [], ON)).toEqual(['ann@example.org']);
  expect(recipientsFor(digest('digest'), settings, [], ON)).toEqual(['bo@example.org']);
  const request: Notification = { kind: 'event', event: { kind: 'review-requested', requestId: 'r1', label: 'v1', seq: 1, requester: 'ann@example.org', approvers: ['Cy@Example.org'], message: '', due: null, policy: 'any', at, base: null, changes: [], totals: { added: 0, changed: 0, removed: 0 } } };
  // cy is "off" as a subscriber but is an approver of the request.
  expect(recipientsFor(request, settings, [], ON)).toEqual(['cy@example.org']);
  const noneNamed = { ...request, event: { ...request.event, approvers: [] } } as Notification;
  expect(recipientsFor(noneNamed, settings, ['appr@example.org'], ON)).toEqual(['appr@example.org']);
  const decided: Notification = { kind: 'event', event: { kind: 'review-decided', requestId: 'r1', label: 'v1', seq: 1, requester: 'dee@example.org', approver: 'cy@example.org', decision: 'approved', comment: '', status: 'approved', at } };
  expect(recipientsFor(decided, settings, [], ON)).toEqual(['dee@example.org', 'ann@example.org']);
  // Notifications off: no subscriber hears anything; the people an event is addressed to still do.
  const withdrawn: Notification = { kind: 'event', event: { kind: 'review-withdrawn', requestId: 'r1', label: 'v1', seq: 1, requester: 'dee@example.org', approvers: ['cy@example.org'], reason: '', at } };
  expect(recipientsFor(tagged, settings, ['appr@example.org'], OFF)).toEqual([]);
  expect(recipientsFor(digest('every'), settings, [], OFF)).toEqual([]);
  expect(recipientsFor(request, settings, [], OFF)).toEqual(['cy@example.org']);
  expect(recipientsFor(decided, settings, [], OFF)).toEqual(['dee@example.org']);
  expect(recipientsFor(withdrawn, settings, [], OFF)).toEqual(['cy@example.org']);
  expect(recipientsFor(withdrawn, settings, [], ON)).toEqual(['cy@example.org', 'ann@example.org']);
});

test('settings: emails validated with parseEmailList (malformed named), normalised, repeats dropped', () => {
  expect(() => validateNotifySettings({ subscribers: [{ email: 'ok@example.org', mode: 'every' }, { email: 'not an email', mode: 'every' }], schedule: 'daily' })).toThrow(UserError);
  expect(() => validateNotifySettings({ subscribers: [{ email: 'x@', mode: 'every' }], schedule: 'daily' })).toThrow(/line 1: "x@"/);
  expect(validateNotifySettings({ subscribers: [{ email: ' Ann@Example.org ', mode: 'digest' }, { email: 'ann@example.org', mode: 'every' }], schedule: 'daily' })).toEqual({
    subscribers: [{ email: 'ann@example.org', mode: 'digest' }],
    schedule: 'daily',
  });
});

test('120 recipients become messages of 49, 49 and 22 (each with the sender as `to`: at most 50) with ids <notification>.<part>', () => {
  const emails = Array.from({ length: 120 }, (_, i) => `p${i}@example.org`);
  expect(splitRecipients(emails).map((g) => g.length)).toEqual([49, 49, 22]);
  const msgs = messagesFor(tagged, emails, { specName: 'S', url: 'u', now: at });
  expect(msgs.map((m) => [m.id, m.recipients.length])).toEqual([['v1-tagged.1', 49], ['v1-tagged.2', 49], ['v1-tagged.3', 22]]);
  for (const m of msgs) {
    const e = envelope(m.recipients, 'Owner@Example.org');
    expect(e.to).toBe('owner@example.org');
    expect(1 + e.bcc.length).toBeLessThanOrEqual(MAX_RECIPIENTS_PER_MESSAGE);
  }
  // The sender among the recipients gets one copy (the `to`); with no sender address the first
  // recipient is the `to` and sees only their own address.
  expect(envelope(['a@x.org', 'owner@example.org'], 'owner@example.org')).toEqual({ to: 'owner@example.org', bcc: ['a@x.org'] });
  expect(envelope(['a@x.org', 'b@x.org'], '')).toEqual({ to: 'a@x.org', bcc: ['b@x.org'] });
  expect(notificationId(tagged)).toBe('v1-tagged');
});

test('the same notification queued again, or already sent, adds nothing', () => {
  const msgs = messagesFor(tagged, ['a@example.org'], { specName: 'S', url: 'u', now: at });
  expect(newMessages(msgs, [], [])).toHaveLength(1);
  expect(newMessages(msgs, msgs, [])).toHaveLength(0);
  expect(newMessages(msgs, [], ['v1-tagged.1'])).toHaveLength(0);
  const ids = Array.from({ length: SENT_IDS_KEPT + 5 }, (_, i) => `id${i}`).reduce<string[]>((acc, id) => rememberSent(acc, id), []);
  expect(ids).toHaveLength(SENT_IDS_KEPT);
  expect(ids.at(-1)).toBe(`id${SENT_IDS_KEPT + 4}`);
});

test('a message too large for one property keeps as many whole rows as fit; totals stay whole', () => {
  const rows = Array.from({ length: 200 }, (_, i) => ({ sheetId: 1, tab: 'T', rowKey: `k${i}`, change: 'changed' as const, summary: '', cells: [{ column: 'C', before: 'b'.repeat(100), after: 'a'.repeat(100), a1: `A${i}`, by: '' }], a1: `${i}:${i}`, by: '' }));
  const n: Notification = { kind: 'digest', audience: 'every', since: at, at, rows, totals: { added: 0, changed: 999, removed: 0 }, editors: [] };
  const [m] = messagesFor(n, ['a@example.org'], { specName: 'S', url: 'u', now: at });
  expect(utf8Length(JSON.stringify(m))).toBeLessThanOrEqual(MESSAGE_MAX_BYTES);
  const kept = m!.notification.kind === 'digest' ? m!.notification.rows.length : 0;
  expect(kept).toBeGreaterThan(10);
  expect(kept).toBeLessThan(200);
  expect(m!.notification.kind === 'digest' && m!.notification.totals.changed).toBe(999);
  expect(fitMessage(m!)).toBe(m);
});

test('delivery plan: oldest first within the quota; the rest waits with the reason; a "sending" mark is not resent', () => {
  const mk = (id: string, n: number, createdAt: string, state: 'queued' | 'sending' = 'queued') => ({
    ...messagesFor(tagged, Array.from({ length: n }, (_, i) => `r${i}@example.org`), { specName: 'S', url: 'u', now: createdAt })[0]!,
    id,
    state,
  });
  const props: Record<string, string> = {};
  for (const m of [mk('b.1', 30, '2026-01-02'), mk('a.1', 10, '2026-01-01'), mk('c.1', 5, '2026-01-03'), mk('s.1', 1, '2026-01-00', 'sending'), mk('done.1', 1, '2026-01-00', 'sending')]) props[QUEUE_KEY_PREFIX + m.id] = JSON.stringify(m);
  props.unrelated = 'x';
  const queue = parseQueue(props);
  expect(queue.map((m) => m.id)).toEqual(['done.1', 's.1', 'a.1', 'b.1', 'c.1']);
  // Each message costs its group plus the sender's own copy: a.1 = 11, b.1 = 31.
  const plan = planDelivery(queue, 41, ['done.1']);
  expect(plan.cleanup).toEqual(['done.1']);
  expect(plan.send.map((m) => m.id)).toEqual(['a.1']);
  expect(plan.waiting).toEqual([
    { id: 's.1', reason: expect.stringContaining('not retried automatically') },
    { id: 'b.1', reason: "Waiting for the daily mail quota: needs 31 recipients (with the sender's copy), 30 left today." },
    { id: 'c.1', reason: "Waiting for the daily mail quota: needs 6 recipients (with the sender's copy), 30 left today." },
  ]);
  expect(planDelivery(queue, 42, []).send.map((m) => m.id)).toEqual(['a.1', 'b.1']);
  expect(planDelivery(queue, 0, []).send).toEqual([]);
  expect(planDelivery(queue, 100, []).send.map((m) => m.id)).toEqual(['a.1', 'b.1', 'c.1']);
});

test('the sent-id list is trimmed by bytes (long decision ids), and the queue admits messages only within its cap', () => {
  let ids: string[] = [];
  for (let i = 0; i < 120; i++) ids = rememberSent(ids, `r-${'q'.repeat(60)}-${'a'.repeat(60)}-${String(i).padStart(60, '0')}.1`);
  expect(Buffer.byteLength(JSON.stringify(ids))).toBeLessThanOrEqual(SENT_MAX_BYTES);
  expect(ids[ids.length - 1]).toContain(String(119).padStart(60, '0'));
  expect(ids.length).toBeLessThan(120);

  const m = (id: string) => ({ ...messagesFor(tagged, ['a@example.org'], { specName: 'S', url: 'u', now: at })[0]!, id });
  const one = Buffer.byteLength(QUEUE_KEY_PREFIX + 'n1.1') + Buffer.byteLength(JSON.stringify(m('n1.1')));
  const props = { [QUEUE_KEY_PREFIX + 'old.1']: 'x'.repeat(1000), other: 'y'.repeat(5000) };
  expect(queueBytes(props)).toBe(Buffer.byteLength(QUEUE_KEY_PREFIX + 'old.1') + 1000);
  const cap = queueBytes(props) + one * 2;
  const r = admitMessages([m('n1.1'), m('n2.1'), m('n3.1')], props, cap);
  expect(r.admitted.map((x) => x.id)).toEqual(['n1.1', 'n2.1']);
  expect(r.refused.map((x) => x.id)).toEqual(['n3.1']);
  expect(QUEUE_MAX_BYTES).toBeLessThanOrEqual(200 * 1024);

  const o = addOverflow(addOverflow(null, ['A', 'B'], '2026-01-01T00:00:00Z'), ['C'], '2026-01-02T00:00:00Z');
  expect(o).toEqual({ count: 3, first: '2026-01-01T00:00:00Z', last: '2026-01-02T00:00:00Z', subjects: ['A', 'B', 'C'] });
  expect(parseOverflow(JSON.parse(JSON.stringify(o)))).toEqual(o);
  expect(parseOverflow('nonsense')).toBeNull();
});
