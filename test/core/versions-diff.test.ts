// Versions core: diffs between snapshots, and the sidebar's "changes since" count.
import { countChangesSince } from '../../src/core/versions/changes-since';
import { diffSnapshots, type RowChange, type TabDiff } from '../../src/core/versions/diff';
import { valueMapKey } from '../../src/core/versions/grid';
import type { Snapshot, SnapshotTab } from '../../src/core/versions/types';
import type { Json } from '../../src/core/json';
import { jsonProblem } from '../../src/core/json';

const HEADER = ['Field', 'Target', 'Type'];

/** A mapping tab from rows of [field, target, type]. */
function tab(sheetId: number, name: string, rows: string[][], header = HEADER): SnapshotTab {
  return {
    sheetId,
    name,
    kind: 'mapping',
    header,
    keyColumn: 'Field',
    listColumn: null,
    rows: rows.map((r) => ({ key: r[0]!, cells: Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])) })),
  };
}

function valueMap(sheetId: number, rows: [string, string, string][]): SnapshotTab {
  return {
    sheetId,
    name: 'Value maps',
    kind: 'value-map',
    header: ['List', 'Source value', 'Destination value'],
    keyColumn: 'Source value',
    listColumn: 'List',
    rows: rows.map(([l, s, d]) => ({ key: valueMapKey(l, s), cells: { List: l, 'Source value': s, 'Destination value': d } })),
  };
}

const brief = (c: RowChange) => [c.type, c.key, c.oldPosition, c.newPosition];
const only = (s: Snapshot, t: Snapshot): TabDiff => {
  const d = diffSnapshots(s, t);
  expect(d.tabs).toHaveLength(1);
  return d.tabs[0]!;
};

const ROWS = [
  ['id', 'customerId', 'int'],
  ['name', 'fullName', 'text'],
  ['dob', 'birthDate', 'date'],
  ['email', 'email', 'text'],
  ['phone', 'phone', 'text'],
];

test('rows added, removed and changed, cell by cell, in reading order', () => {
  const before = { tabs: [tab(1, 'Customers', ROWS)] };
  const after = {
    tabs: [
      tab(1, 'Customers', [
        ['id', 'customerId', 'bigint'],
        ['name', 'fullName', 'text'],
        ['email', 'emailAddress', 'varchar'],
        ['city', 'city', 'text'],
        ['phone', 'phone', 'text'],
      ]),
    ],
  };
  const t = only(before, after);
  expect(t.status).toBe('modified');
  expect(t.counts).toEqual({ added: 1, removed: 1, changed: 2, unchanged: 2, moved: 0 });
  expect(t.rows.map(brief)).toEqual([
    ['changed', 'id', 1, 1],
    ['removed', 'dob', 3, null],
    ['changed', 'email', 4, 3],
    ['added', 'city', null, 4],
  ]);
  expect(t.rows[2]!.cells).toEqual([
    { column: 'Target', old: 'email', new: 'emailAddress' },
    { column: 'Type', old: 'text', new: 'varchar' },
  ]);
  expect(t.rows[1]!.cells).toEqual([
    { column: 'Field', old: 'dob', new: '' },
    { column: 'Target', old: 'birthDate', new: '' },
    { column: 'Type', old: 'date', new: '' },
  ]);
  expect(t.moved).toEqual([]);
  const asJson: Json = diffSnapshots(before, after);
  expect(jsonProblem(asJson)).toBeUndefined();
});

test('a row that only moved is reported as moved, not changed; an insertion moves nothing', () => {
  const before = { tabs: [tab(1, 'Customers', ROWS)] };
  const moved = [ROWS[0]!, ROWS[2]!, ROWS[3]!, ROWS[4]!, ROWS[1]!];
  const t = only(before, { tabs: [tab(1, 'Customers', moved)] });
  expect(t.counts).toEqual({ added: 0, removed: 0, changed: 0, unchanged: 5, moved: 1 });
  expect(t.moved).toEqual([{ key: 'name', oldPosition: 2, newPosition: 5 }]);
  expect(t.rows).toEqual([]);

  const movedAndChanged = [ROWS[0]!, ROWS[2]!, ROWS[3]!, ROWS[4]!, ['name', 'displayName', 'text']];
  const t2 = only(before, { tabs: [tab(1, 'Customers', movedAndChanged)] });
  expect(t2.counts).toMatchObject({ changed: 1, moved: 1 });
  expect(t2.rows[0]).toMatchObject({ type: 'changed', key: 'name', moved: true });

  const inserted = [ROWS[0]!, ['new', 'x', 'int'], ...ROWS.slice(1)];
  const t3 = only(before, { tabs: [tab(1, 'Customers', inserted)] });
  expect(t3.counts).toEqual({ added: 1, removed: 0, changed: 0, unchanged: 5, moved: 0 });
});

test('tabs are matched by sheetId: renamed, added and removed tabs', () => {
  const before = { tabs: [tab(1, 'Customers', ROWS), tab(2, 'Orders', [['oid', 'orderId', 'int']])] };
  const after = { tabs: [tab(1, 'Customer master', ROWS), tab(3, 'Products', [['sku', 'sku', 'text'], ['price', 'price', 'decimal']])] };
  const d = diffSnapshots(before, after);
  expect(d.tabs.map((t) => [t.sheetId, t.name, t.status, t.renamedFrom])).toEqual([
    [1, 'Customer master', 'modified', 'Customers'],
    [3, 'Products', 'added', null],
    [2, 'Orders', 'removed', null],
  ]);
  expect(d.tabs[0]!.counts).toEqual({ added: 0, removed: 0, changed: 0, unchanged: 5, moved: 0 });
  expect(d.tabs[1]!.rows.map(brief)).toEqual([
    ['added', 'sku', null, 1],
    ['added', 'price', null, 2],
  ]);
  expect(d.tabs[2]!.rows.map(brief)).toEqual([['removed', 'oid', 1, null]]);
  expect(d.summary).toMatchObject({ tabsAdded: 1, tabsRemoved: 1, tabsRenamed: 1, added: 2, removed: 1, changed: 0, unchanged: 5 });
});

test('columns added and removed are reported per tab; cells are compared in the columns both sides have', () => {
  const before = { tabs: [tab(1, 'Customers', ROWS)] };
  const header = ['Field', 'Type', 'Target', 'PII'];
  const rows = ROWS.map(([f, t, ty]) => [f!, ty!, t!, f === 'email' ? 'yes' : '']);
  rows[1]![1] = 'string'; // name: Type text → string
  const t = only(before, { tabs: [tab(1, 'Customers', rows, header)] });
  expect(t.columnsAdded).toEqual(['PII']);
  expect(t.columnsRemoved).toEqual([]);
  expect(t.columnsReordered).toBe(true);
  expect(t.counts).toEqual({ added: 0, removed: 0, changed: 1, unchanged: 4, moved: 0 });
  expect(t.rows[0]!.cells).toEqual([{ column: 'Type', old: 'text', new: 'string' }]);

  const dropped = only({ tabs: [tab(1, 'Customers', rows, header)] }, before);
  expect(dropped.columnsRemoved).toEqual(['PII']);
  expect(dropped.columnsAdded).toEqual([]);
});

test('value-map entries added, removed and changed, keyed by list and source value', () => {
  const before = { tabs: [valueMap(9, [['Gender', 'M', 'male'], ['Gender', 'F', 'female'], ['Country', 'KH', 'Cambodia'], ['Country', 'M', 'Morocco?']])] };
  const after = { tabs: [valueMap(9, [['Gender', 'M', 'male'], ['Gender', 'F', 'woman'], ['Gender', 'X', 'unspecified'], ['Country', 'KH', 'កម្ពុជា']])] };
  const t = only(before, after);
  expect(t.counts).toEqual({ added: 1, removed: 1, changed: 2, unchanged: 1, moved: 0 });
  expect(t.rows.map((r) => [r.type, r.entry, r.cells.filter((c) => c.column === 'Destination value').map((c) => [c.old, c.new])])).toEqual([
    ['changed', { list: 'Gender', source: 'F' }, [['female', 'woman']]],
    ['added', { list: 'Gender', source: 'X' }, [['', 'unspecified']]],
    ['changed', { list: 'Country', source: 'KH' }, [['Cambodia', 'កម្ពុជា']]],
    ['removed', { list: 'Country', source: 'M' }, [['Morocco?', '']]],
  ]);
});

test('duplicate keys get #2, #3 in order of appearance and are reported, not a crash', () => {
  const dup = [['id', 'a', 'int'], ['id', 'b', 'int'], ['x', 'x', 'int'], ['id', 'c', 'int'], ['id#2', 'typed', 'int']];
  const before = { tabs: [tab(1, 'T', dup)] };
  const after = { tabs: [tab(1, 'T', dup.map((r) => (r[1] === 'c' ? ['id', 'C', 'int'] : r)))] };
  const t = only(before, after);
  expect(t.counts).toMatchObject({ changed: 1, unchanged: 4 });
  // "id#2" is a real key here, so the 2nd "id" becomes id#3 and the 3rd id#4.
  expect(t.rows[0]).toMatchObject({ key: 'id#4', cells: [{ column: 'Target', old: 'c', new: 'C' }] });
  expect(t.duplicateKeys).toEqual([
    { side: 'old', key: 'id', count: 3 },
    { side: 'new', key: 'id', count: 3 },
  ]);
  const d = diffSnapshots({ tabs: [] }, before);
  expect(d.tabs[0]!.rows.map((r) => r.key)).toEqual(['id', 'id#3', 'x', 'id#4', 'id#2']);
  expect(d.summary.duplicateKeys).toBe(1);
});

test('empty snapshots and empty tabs', () => {
  const empty: Snapshot = { tabs: [] };
  expect(diffSnapshots(empty, empty)).toEqual({
    tabs: [],
    summary: { added: 0, removed: 0, changed: 0, unchanged: 0, moved: 0, tabsAdded: 0, tabsRemoved: 0, tabsRenamed: 0, tabsModified: 0, columnsAdded: 0, columnsRemoved: 0, duplicateKeys: 0 },
  });
  const blank = { tabs: [tab(1, 'New', [])] };
  expect(diffSnapshots(empty, blank).tabs[0]).toMatchObject({ status: 'added', rows: [], counts: { added: 0 } });
  expect(diffSnapshots(blank, blank).tabs[0]!.status).toBe('unchanged');
  expect(diffSnapshots(blank, empty).tabs[0]!.status).toBe('removed');
  expect(countChangesSince('v1', empty, blank).total).toBe(1); // the new tab itself
});

test('differences only in NBSP, NFC or surrounding spaces are not changes', () => {
  const before = { tabs: [tab(1, 'T', [['café', 'a b', 'int']])] };
  const after = { tabs: [tab(1, 'T ', [['cafe\u0301', ' a\u00a0b ', 'int']])] };
  expect(only(before, after).status).toBe('unchanged');
});

test('maxRowsPerTab caps the listed rows; the counts stay complete', () => {
  const rows = Array.from({ length: 50 }, (_, i) => [`f${i}`, `t${i}`, 'int']);
  const t = diffSnapshots({ tabs: [] }, { tabs: [tab(1, 'T', rows)] }, { maxRowsPerTab: 10 }).tabs[0]!;
  expect(t.rows).toHaveLength(10);
  expect(t.rowsOmitted).toBe(40);
  expect(t.counts.added).toBe(50);
});

test('"changes since": start v1, edit three rows, add one, delete one → 5 (rows, not cells)', () => {
  const v1 = { tabs: [tab(1, 'Customers', ROWS)] };
  const live = {
    tabs: [
      tab(1, 'Customers', [
        ['id', 'customerKey', 'bigint'], // two cells changed: still one change
        ['name', 'fullName', 'string'],
        ['dob', 'dateOfBirth', 'date'],
        ['email', 'email', 'text'],
        ['country', 'countryCode', 'text'], // added; phone deleted
      ]),
    ],
  };
  const c = countChangesSince('v1', v1, live);
  expect(c).toEqual({ since: 'v1', added: 1, removed: 1, changed: 3, moved: 0, rows: 5, structural: 0, total: 5, text: '5 unreleased changes since v1' });
  expect(countChangesSince('v1', v1, v1).text).toBe('No unreleased changes since v1');
  const moved = { tabs: [tab(1, 'Customers', [ROWS[1]!, ROWS[0]!, ...ROWS.slice(2)])] };
  expect(countChangesSince('v1', v1, moved).text).toBe('No unreleased changes since v1 (1 row moved)');
  const renamed = { tabs: [tab(1, 'Clients', ROWS.slice(1))] };
  expect(countChangesSince('v2', v1, renamed).text).toBe('2 unreleased changes since v2');
});

test('a 20,000-row × 20-column diff is linear', () => {
  const header = Array.from({ length: 20 }, (_, c) => (c === 0 ? 'Field' : `Col ${c}`));
  const make = (n: number, edit: (r: number, c: number, v: string) => string) =>
    tab(
      1,
      'Big',
      Array.from({ length: n }, (_, r) => header.map((_, c) => edit(r, c, c === 0 ? `field_${r}` : `ค่า ${r}-${c} ឈ្មោះ`))),
      header,
    );
  const before = { tabs: [make(20000, (_r, _c, v) => v)] };
  const afterTab = make(20000, (r, c, v) => (r % 10 === 0 && c === 3 ? v + ' edited' : v));
  afterTab.rows.splice(100, 50); // 50 removed
  afterTab.rows.push(...afterTab.rows.splice(5000, 20)); // 20 moved to the end
  afterTab.rows.push({ key: 'extra', cells: { Field: 'extra' } });
  const after = { tabs: [afterTab] };
  const t0 = performance.now();
  const d = diffSnapshots(before, after, { maxRowsPerTab: 200 });
  const ms = performance.now() - t0;
  console.log(`versions diff: 20,000 rows × 20 columns in ${ms.toFixed(0)} ms (${JSON.stringify(d.summary)})`);
  expect(d.summary).toMatchObject({ added: 1, removed: 50, changed: 1995, moved: 20 });
});
