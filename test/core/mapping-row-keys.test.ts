// Row identity: IDs proposed for rows missing one, continuing the highest number, never renumbering
// existing IDs, unique across tabs; and the one-call write block for the key column.
import { detectLayout, idColumnBlock, layoutFromDetection, planRowIds, proposeRowIds, readRowKeys, withKeyColumn, type TabGrid } from '../../src/core/mapping';

test('proposals continue after the highest existing number, across tabs, in order', () => {
  const slots = [
    { tab: 'Patients', row: 3, id: 'M-001' },
    { tab: 'Patients', row: 4, id: null },
    { tab: 'Visits', row: 3, id: 'M-007' },
    { tab: 'Visits', row: 4, id: null },
    { tab: 'Visits', row: 5, id: 'ANC.B6.DE1' },
    { tab: 'Visits', row: 6, id: '  ' },
  ];
  expect(proposeRowIds(slots)).toEqual([
    { tab: 'Patients', row: 4, id: 'M-008' },
    { tab: 'Visits', row: 4, id: 'M-009' },
    { tab: 'Visits', row: 6, id: 'M-010' },
  ]);
});

test('no existing IDs: M-001 onwards; custom prefix and width', () => {
  expect(proposeRowIds([{ tab: 'A', row: 2, id: null }, { tab: 'A', row: 3, id: null }]).map((p) => p.id)).toEqual(['M-001', 'M-002']);
  expect(proposeRowIds([{ tab: 'A', row: 2, id: null }], { prefix: 'DE', digits: 5 }).map((p) => p.id)).toEqual(['DE00001']);
});

test('wider existing numbers keep their width; case and spaces do not hide a taken ID', () => {
  const slots = [{ tab: 'A', row: 2, id: 'm-0099' }, { tab: 'A', row: 3, id: null }];
  expect(proposeRowIds(slots).map((p) => p.id)).toEqual(['M-0100']);
  // "M-1000" is taken in another format: the next free one is used.
  const taken = [{ tab: 'A', row: 2, id: 'M-999' }, { tab: 'B', row: 2, id: ' m-1000 ' }, { tab: 'B', row: 3, id: null }];
  expect(proposeRowIds(taken).map((p) => p.id)).toEqual(['M-1001']);
});

test('existing IDs are never changed, even duplicates or odd ones', () => {
  const slots = [{ tab: 'A', row: 2, id: 'M-002' }, { tab: 'A', row: 3, id: 'M-002' }, { tab: 'A', row: 4, id: 'x' }];
  expect(proposeRowIds(slots)).toEqual([]);
});

function tab(name: string, ids: (string | null)[]): TabGrid {
  const n = ids.length;
  return {
    name, sheetId: name.length,
    values: [
      ['ID', 'Source path', 'Destination path', 'Notes'],
      ...ids.map((id, i) => [id, `src_${i}`, `dst_${i}`, null]),
      [null, null, null, null],
      ['Demographics', null, null, null], // a section heading, merged across the table
      [null, null, null, 'see above'], // a continuation row: notes only
    ],
    merges: [{ r1: n + 3, c1: 1, r2: n + 3, c2: 4 }],
  };
}

test('readRowKeys lists data rows with their keys, skipping blank and heading rows', () => {
  const g = tab('Patients', ['M-001', null, 'N/A']);
  const layout = layoutFromDetection(detectLayout(g));
  expect(readRowKeys(g, layout)).toEqual([
    { tab: 'Patients', row: 2, id: 'M-001' },
    { tab: 'Patients', row: 3, id: null },
    { tab: 'Patients', row: 4, id: null },
  ]);
});

test('planRowIds proposes for managed tabs only, keeping every tab\'s IDs taken', () => {
  const a = tab('Patients', ['M-004', null]);
  const b = tab('Visits', [null, 'M-010']);
  const c = tab('Legacy', ['M-020', null]);
  const managed = (g: TabGrid) => ({ grid: g, layout: withKeyColumn(layoutFromDetection(detectLayout(g)), 1, true) });
  const unmanaged = { grid: c, layout: layoutFromDetection(detectLayout(c)) };
  const proposals = planRowIds([managed(a), managed(b), unmanaged]);
  expect(proposals).toEqual([
    { tab: 'Patients', row: 3, id: 'M-021' },
    { tab: 'Visits', row: 2, id: 'M-022' },
  ]);
  const block = idColumnBlock(a, managed(a).layout, proposals);
  expect(block).toEqual({ column: 1, startRow: 2, values: [['M-004'], ['M-021']] });
  expect(idColumnBlock(c, unmanaged.layout, proposals)).toBeNull();
});
