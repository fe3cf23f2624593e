// Notification core: rendering (subject, escaped HTML, plain text, links, size cap with "and N more").
import { BODY_MAX_BYTES, rangeLink, renderEmail, type QueuedMessage } from '../../src/core/notify';
import { readableDay, readableTime } from '../../src/core/time';
import { utf8Length } from '../../src/core/versions/text';
import type { ChangeRow, MapspecEvent } from '../../src/core/events';

const URL = 'https://docs.google.com/spreadsheets/d/abc/edit';

function message(notification: QueuedMessage['notification'], specName = 'Spec <b>One</b>'): QueuedMessage {
  return { id: 'x.1', createdAt: '2026-01-01T00:00:00.000Z', recipients: ['a@example.org'], specName, url: URL, notification, state: 'queued', attempts: 0, lastError: '' };
}

/** A changed row with one changed cell (Path). */
function line(i: number, value = `v${i}`): ChangeRow {
  return { sheetId: 7, tab: 'Mapping', rowKey: `M-${i}`, change: 'changed', summary: '', cells: [{ column: 'Path', before: `old ${i}`, after: value, a1: `C${i + 2}`, by: 'ann@example.org' }], a1: `${i + 2}:${i + 2}`, by: 'ann@example.org' };
}

const digest = (rows: ChangeRow[], total = rows.length) => ({ kind: 'digest' as const, audience: 'every' as const, since: '2026-01-01T10:00:00.000Z', at: '2026-01-01T11:00:00.000Z', rows, totals: { added: 0, changed: total, removed: 0 }, editors: ['ann@example.org'] });

test('a digest names the spec and the count in the subject; every user value is escaped in HTML, plain in text', () => {
  const evil = '<img src=x onerror=alert(1)>';
  const email = renderEmail(message(digest([{ ...line(1, evil), tab: 'Tab "<x>"', rowKey: "O'Neil & co" }])));
  expect(email.subject).toBe('[Mapspec] Spec <b>One</b>: 0 rows added, 1 changed, 0 removed since 1 Jan 2026, 10:00 UTC');
  expect(email.html).not.toMatch(/<img|<b>|<x>/);
  expect(email.html).toContain('old 1 → &lt;img src=x onerror=alert(1)&gt;');
  expect(email.html).toContain(`<a href="${URL}#gid=7&amp;range=3:3">O&#39;Neil &amp; co</a>`);
  expect(email.html).toContain('Tab &quot;&lt;x&gt;&quot;');
  expect(email.html).toContain('O&#39;Neil &amp; co');
  expect(email.html).toContain('Spec &lt;b&gt;One&lt;/b&gt;');
  expect(email.html).toContain(`<a href="${URL}#gid=7&amp;range=C3">Path</a>`);
  expect(email.text).toContain(`old 1 → ${evil} (by ann@example.org)`);
  expect(email.text).toContain(`${URL}#gid=7&range=C3`);
});

test('a long table is cut to stay under the body limit and ends with "and N more" and a link', () => {
  const lines = Array.from({ length: 300 }, (_, i) => line(i, 'x'.repeat(200)));
  const email = renderEmail(message(digest(lines, 5000)), 20_000);
  expect(utf8Length(email.html)).toBeLessThanOrEqual(20_000);
  expect(utf8Length(email.text)).toBeLessThanOrEqual(20_000);
  const shown = (email.html.match(/<tr>/g) ?? []).length - 1; // minus the header row
  expect(shown).toBeGreaterThan(10);
  expect(email.html).toContain(`and ${5000 - shown} more rows — <a href="${URL}">open the spreadsheet</a>`);
  expect(email.text).toContain(`and ${5000 - shown} more rows — open the spreadsheet to see them all: ${URL}`);
});

test('with the default limit, a digest whose full table would pass Apps Script\'s 200 KB per body is cut, both bodies, with "and N more"', () => {
  // 400 lines of 200 three-byte characters each: far over 200 KB in full.
  const lines = Array.from({ length: 400 }, (_, i) => line(i, '€'.repeat(200)));
  const uncut = renderEmail(message(digest(lines, 400)), 10 * 1024 * 1024);
  expect(utf8Length(uncut.html)).toBeGreaterThan(200 * 1024);
  expect(utf8Length(uncut.text)).toBeGreaterThan(200 * 1024);
  expect(uncut.html).not.toContain(' more — ');
  const big = renderEmail(message(digest(lines, 400)));
  for (const body of [big.html, big.text]) {
    expect(utf8Length(body)).toBeLessThanOrEqual(BODY_MAX_BYTES);
    expect(utf8Length(body)).toBeLessThan(200 * 1024);
  }
  const shown = (big.html.match(/<tr>/g) ?? []).length - 1;
  expect(shown).toBeGreaterThan(0);
  expect(shown).toBeLessThan(400);
  expect(big.html).toContain(`and ${400 - shown} more rows — <a href="${URL}">open the spreadsheet</a>`);
  expect(big.text).toContain(`and ${400 - shown} more rows — open the spreadsheet`);
});

test('lone surrogates (a cut emoji) are counted as the 3 bytes each becomes: the body stays under the limit in real bytes', () => {
  const lines = Array.from({ length: 300 }, (_, i) => line(i, '\ud83d'.repeat(200)));
  const email = renderEmail(message(digest(lines, 300)), 20_000);
  expect(Buffer.byteLength(email.html, 'utf8')).toBeLessThanOrEqual(20_000);
  expect(Buffer.byteLength(email.text, 'utf8')).toBeLessThanOrEqual(20_000);
  expect(email.html).toContain(' more rows — ');
});

test('events: subjects name the spec and the event; review requests say where to review', () => {
  const base = { label: 'v3', seq: 3, at: '2026-01-02T00:00:00Z' };
  const tagged: MapspecEvent = { kind: 'version-tagged', ...base, author: 'ann@example.org', note: 'Batch <2>', counts: { added: 1, changed: 2, removed: 0, unchanged: 5 }, changes: [{ ...line(1, 'b'), cells: [{ column: 'Path', before: 'a', after: 'b', a1: null, by: '' }] }], totals: { added: 1, changed: 2, removed: 0 } };
  const t = renderEmail(message({ kind: 'event', event: tagged }, 'Spec'));
  expect(t.subject).toBe('[Mapspec] Spec: version v3 tagged (1 row added, 2 changed, 0 removed)');
  expect(t.text.startsWith('1 row added, 2 changed, 0 removed since the version before.')).toBe(true);
  expect(t.html).toContain('Note: Batch &lt;2&gt;');
  expect(t.html).toContain('and 2 more rows');
  expect(t.text).toContain('- Mapping · M-1 · changed:\n    Path: a → b\n');
  const req: MapspecEvent = { kind: 'review-requested', requestId: 'r1', ...base, requester: 'ann@example.org', approvers: ['bo@example.org'], message: 'Please', due: null, policy: 'all', base: 'v1', changes: [], totals: { added: 0, changed: 0, removed: 0 } };
  const r = renderEmail(message({ kind: 'event', event: req }, 'Spec'));
  expect(r.subject).toBe('[Mapspec] Spec: review requested for version v3 (0 rows added, 0 changed, 0 removed)');
  expect(r.text.startsWith('0 rows added, 0 changed, 0 removed since v1, the last approved version.')).toBe(true);
  expect(r.text).toContain('Extensions › Mapspec › Versions');
  const decided: MapspecEvent = { kind: 'review-decided', requestId: 'r1', ...base, requester: 'ann@example.org', approver: 'bo@example.org', decision: 'changes-requested', comment: 'Fix M-2', status: 'changes-requested' };
  expect(renderEmail(message({ kind: 'event', event: decided }, 'Spec')).subject).toBe('[Mapspec] Spec: changes requested on version v3 by bo@example.org');
  const long = renderEmail(message({ kind: 'event', event: tagged }, 'S'.repeat(400)));
  expect(long.subject.length).toBeLessThanOrEqual(250);
});

test('links and times', () => {
  expect(rangeLink(URL, 12, 'B3:C4')).toBe(`${URL}#gid=12&range=B3:C4`);
  expect(rangeLink(URL, 12, null)).toBe(`${URL}#gid=12`);
  // One zone, the spreadsheet's, read as a person reads it; text that is no time stays as it is.
  expect(readableTime('2026-03-04T05:06:07.890Z', 'Etc/UTC')).toBe('4 Mar 2026, 05:06 UTC');
  expect(readableTime('2026-03-04T20:06:07.890Z', 'Asia/Phnom_Penh')).toBe('5 Mar 2026, 03:06 GMT+7');
  expect(readableTime('2026-07-01T12:00:00Z', 'America/New_York')).toBe('1 Jul 2026, 08:00 GMT-4');
  expect(readableTime('2026-03-04T05:06:07Z', 'No/Such_Zone')).toBe('4 Mar 2026, 05:06 UTC');
  expect(readableDay('2026-03-04T20:06:07Z', 'Asia/Tokyo')).toBe('5 Mar 2026');
  expect(readableTime('not a time', 'Etc/UTC')).toBe('not a time');
});

test("an email's times are in the spreadsheet's time zone: the digest's subject and the tagging time", () => {
  const inPhnomPenh = { ...message(digest([{ sheetId: 1, tab: 'Mapping', rowKey: 'M-1', change: 'changed', summary: '', cells: [{ column: 'Label', before: 'a', after: 'b', a1: null, by: '' }], a1: null, by: '' }])), timeZone: 'Asia/Phnom_Penh' };
  expect(renderEmail(inPhnomPenh).subject).toBe('[Mapspec] Spec <b>One</b>: 0 rows added, 1 changed, 0 removed since 1 Jan 2026, 17:00 GMT+7');
  const tagged = renderEmail({ ...message({ kind: 'event', event: { kind: 'version-tagged', seq: 1, label: 'v1', author: 'ann@example.org', note: '', at: '2026-01-01T10:00:00.000Z', counts: { added: 0, changed: 0, removed: 0, unchanged: 3 }, changes: [], totals: { added: 0, changed: 0, removed: 0 } } as never }), timeZone: 'Asia/Phnom_Penh' });
  expect(tagged.text).toContain('ann@example.org tagged version v1 on 1 Jan 2026, 17:00 GMT+7.');
  expect(tagged.html).not.toContain('2026-01-01T10:00');
});
