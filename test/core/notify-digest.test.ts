// Notification core: the edit log (capped, one entry per edit, pastes as ranges), locating snapshot
// rows and columns in the sheet, and the digest of two snapshots with who changed what.
import { appendToLog, buildDigest, tabWords, EDIT_LOG_MAX_BYTES, editorsSince, lastEditor, locateTab, logEntry, parseA1Rect, type EditLogEntry } from '../../src/core/notify';
import { utf8Length } from '../../src/core/notify/bytes';
import { tabFromGrid } from '../../src/core/versions/grid';
import type { Snapshot } from '../../src/core/versions/types';

const T0 = '2026-01-01T10:00:00.000Z';
/** No saved layout: columns go by their headers, rows are summed up by their first cells. */
const words = () => tabWords(null);
const grid = (rows: string[][]) => [['Spec title', '', ''], ['ID', 'Path', 'Type'], ...rows];

function snap(values: string[][]): Snapshot {
  return { tabs: [tabFromGrid({ sheetId: 5, name: 'Mapping', kind: 'mapping', values, headerRow: 1, keyColumn: 'ID', listColumn: null })] };
}

test('log entries: single cells keep old → new (clipped), pastes keep their range only', () => {
  const single = logEntry({ at: T0, by: 'Ann@Example.org', sheetId: 5, tab: 'Mapping', a1: 'B3', single: true, old: undefined, new: 'x'.repeat(500) });
  expect(single).toMatchObject({ by: 'ann@example.org', a1: 'B3', old: '' });
  expect(single.new!.length).toBe(120);
  const paste = logEntry({ at: T0, by: '', sheetId: 5, tab: 'Mapping', a1: 'B3:C4', single: false, old: undefined, new: undefined });
  expect(paste).toMatchObject({ a1: 'B3:C4', old: null, new: null, by: '' });
});

test('the log is capped by size, oldest entries dropped first', () => {
  let log: EditLogEntry[] = [];
  for (let i = 0; i < 500; i++) log = appendToLog(log, logEntry({ at: `2026-01-01T10:00:${String(i % 60).padStart(2, '0')}Z`, by: 'a@example.org', sheetId: 5, tab: 'Mapping', a1: `B${i + 3}`, single: true, old: 'o', new: `n${i}` }));
  expect(utf8Length(JSON.stringify(log))).toBeLessThanOrEqual(EDIT_LOG_MAX_BYTES);
  expect(log.at(-1)!.new).toBe('n499');
  expect(log.length).toBeLessThan(500);
  expect(log[0]!.new).toBe(`n${500 - log.length}`);
});

test('who last edited a cell: the latest entry after the snapshot whose cell or range covers it', () => {
  const log: EditLogEntry[] = [
    { at: '2026-01-01T09:00:00Z', by: 'old@example.org', sheetId: 5, tab: 'M', a1: 'B3', old: '', new: 'x' },
    { at: '2026-01-01T10:30:00Z', by: 'ann@example.org', sheetId: 5, tab: 'M', a1: 'B3', old: 'x', new: 'y' },
    { at: '2026-01-01T10:40:00Z', by: 'bo@example.org', sheetId: 5, tab: 'M', a1: 'B4:C5', old: null, new: null },
    { at: '2026-01-01T10:50:00Z', by: 'cy@example.org', sheetId: 6, tab: 'Other', a1: 'B3', old: '', new: 'z' },
  ];
  expect(lastEditor(log, 5, 3, 2, T0)).toBe('ann@example.org');
  expect(lastEditor(log, 5, 5, 3, T0)).toBe('bo@example.org');
  expect(lastEditor(log, 5, 6, 3, T0)).toBe('');
  expect(lastEditor(log, 5, 3, 2, '2026-01-01T11:00:00Z')).toBe('');
  expect(editorsSince(log, T0)).toEqual(['ann@example.org', 'bo@example.org', 'cy@example.org']);
  expect(parseA1Rect('$C$5:B4')).toEqual({ r1: 4, c1: 2, r2: 5, c2: 3 });
});

test('locating rows: blank rows are skipped as the snapshot skips them; columns by snapshot name', () => {
  const values = grid([['M-1', 'a', 'text'], ['', '', ''], ['M-2', 'b', 'text']]);
  const loc = locateTab(5, values, 1);
  expect(loc.rows).toEqual([3, 5]);
  expect(loc.columns).toEqual({ ID: 1, Path: 2, Type: 3 });
});

test('the digest: changed cells with their cell and editor, added and removed rows, nothing when equal', () => {
  const before = grid([['M-1', 'a', 'text'], ['M-2', 'b', 'text'], ['M-3', 'c', 'text']]);
  const after = grid([['M-1', 'a2', 'text'], ['', '', ''], ['M-3', 'c', 'integer'], ['M-4', 'd', 'date']]);
  const log: EditLogEntry[] = [{ at: '2026-01-01T10:05:00Z', by: 'ann@example.org', sheetId: 5, tab: 'Mapping', a1: 'B3', old: 'a', new: 'a2' }];
  const digest = buildDigest({ audience: 'every', before: snap(before), after: snap(after), locators: new Map([[5, locateTab(5, after, 1)]]), log, since: T0, at: '2026-01-01T11:00:00Z', words })!;
  expect(digest.totals).toEqual({ added: 1, changed: 2, removed: 1 });
  expect(digest.rows).toEqual([
    { sheetId: 5, tab: 'Mapping', rowKey: 'M-1', change: 'changed', summary: '', cells: [{ column: 'Path', before: 'a', after: 'a2', a1: 'B3', by: 'ann@example.org' }], a1: '3:3', by: 'ann@example.org' },
    { sheetId: 5, tab: 'Mapping', rowKey: 'M-2', change: 'removed', summary: 'ID: M-2; Path: b; Type: text', cells: [], a1: null, by: '' },
    // M-3 is at sheet row 5 now (the blank row 4 is not a data row); edited by a script: no editor.
    { sheetId: 5, tab: 'Mapping', rowKey: 'M-3', change: 'changed', summary: '', cells: [{ column: 'Type', before: 'text', after: 'integer', a1: 'C5', by: '' }], a1: '5:5', by: '' },
    { sheetId: 5, tab: 'Mapping', rowKey: 'M-4', change: 'added', summary: 'ID: M-4; Path: d; Type: date', cells: [], a1: '6:6', by: '' },
  ]);
  expect(digest.editors).toEqual(['ann@example.org']);
  expect(buildDigest({ audience: 'every', before: snap(after), after: snap(after), locators: new Map(), log, since: T0, at: T0, words })).toBeNull();
});
