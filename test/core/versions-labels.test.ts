// Versions core: label proposal and validation, and the Changelog tab's rows.
import { CHANGELOG_HEADER, changelogRows } from '../../src/core/versions/changelog';
import { LABEL_MAX_CHARS, proposeNextLabel, validateLabel } from '../../src/core/versions/labels';
import type { VersionIndexEntry } from '../../src/core/versions/types';
import { jsonProblem } from '../../src/core/json';

test('proposeNextLabel continues the highest vN', () => {
  expect(proposeNextLabel([])).toBe('v1');
  expect(proposeNextLabel(['v1', 'v2'])).toBe('v3');
  expect(proposeNextLabel(['v1', 'Go-live', 'V7', 'v3'])).toBe('v8');
  expect(proposeNextLabel(['Go-live', 'draft'])).toBe('v1');
  expect(proposeNextLabel(['v09', 'v10b'])).toBe('v10');
});

test('validateLabel: 1-40 characters, no surrounding space, unique regardless of case', () => {
  expect(validateLabel('v2', ['v1'])).toEqual({ ok: true, label: 'v2' });
  expect(validateLabel('Go-live ក្រុម 2024', [])).toEqual({ ok: true, label: 'Go-live ក្រុម 2024' });
  expect(validateLabel('x'.repeat(LABEL_MAX_CHARS), [])).toMatchObject({ ok: true });
  expect(validateLabel('ก'.repeat(40), [])).toMatchObject({ ok: true }); // counted in characters, not bytes
  const bad: [string, RegExp][] = [
    ['', /Give the version a label/],
    ['   ', /Give the version a label/],
    ['x'.repeat(41), /at most 40 characters \(this one has 41\)/],
    [' v2', /start or end with a space/],
    ['v2 ', /start or end with a space/],
    ['v2\u00a0', /start or end with a space/],
    ['v\n2', /line breaks/],
    ['=v2', /formula/],
    ['V1', /already a version labelled "v1"/],
  ];
  for (const [label, message] of bad) {
    const r = validateLabel(label, ['v1']);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  }
  // NFC: "é" typed as e + combining accent clashes with the precomposed one
  expect(validateLabel('re\u0301lease', ['r\u00e9lease'])).toMatchObject({ ok: false });
});

function entry(seq: number, over: Partial<VersionIndexEntry>): VersionIndexEntry {
  return {
    seq,
    label: `v${seq}`,
    note: '',
    author: 'ana@example.org',
    taggedAt: '2024-05-01T09:30:00Z',
    contentHash: 'ab'.repeat(32),
    chainHash: 'cd'.repeat(32),
    previousChainHash: '0'.repeat(64),
    chunkCount: 1,
    rawBytes: 100,
    storedChars: 80,
    counts: { added: 0, changed: 0, removed: 0, unchanged: 0 },
    ...over,
  };
}

test('changelog rows come from the index only, newest first', () => {
  const entries = [
    entry(2, { note: 'Added PII flags. ប្រព័ន្ធ', taggedAt: '2024-06-02T01:00:00+07:00', contentHash: '12e45678' + 'f'.repeat(56), counts: { added: 1, changed: 3, removed: 1, unchanged: 40 } }),
    entry(1, { note: 'First cut', author: '', contentHash: '9f86d081' + '0'.repeat(56), counts: { added: 44, changed: 0, removed: 0, unchanged: 0 } }),
    entry(3, { label: 'Go-live', note: '=HYPERLINK("http://x")', author: 'bo@example.org', taggedAt: '2024-07-15T18:00:00-04:00' }),
  ];
  expect(CHANGELOG_HEADER).toEqual(['Version', 'Date', 'Who', 'Note', 'Added', 'Changed', 'Removed', 'Hash']);
  // When, in the spreadsheet's time zone, as a person reads it (here Phnom Penh, UTC+7).
  const rows = changelogRows(entries, 'Asia/Phnom_Penh');
  expect(rows).toEqual([
    ['Go-live', '16 Jul 2024, 05:00 GMT+7', 'bo@example.org', '=HYPERLINK("http://x")', 0, 0, 0, 'abababab'],
    ['v2', '2 Jun 2024, 01:00 GMT+7', 'ana@example.org', 'Added PII flags. ប្រព័ន្ធ', 1, 3, 1, '12e45678'], // as written: the tab is plain text
    ['v1', expect.stringMatching(/^\d{1,2} [A-Z][a-z]{2} 2024, \d\d:\d\d GMT\+7$/), '', 'First cut', 44, 0, 0, '9f86d081'],
  ]);
  expect(changelogRows(entries)[0]![1]).toBe('15 Jul 2024, 22:00 UTC');
  expect(jsonProblem(rows)).toBeUndefined();
  expect(changelogRows([])).toEqual([]);
});
