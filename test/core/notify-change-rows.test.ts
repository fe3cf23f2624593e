// Notification core, issue 25: change emails count rows. Column titles come from the saved layout
// ("DESTINATION › Label" for the snapshot's "Label#2"); an added or removed row is summed up on one
// line; the totals are the diff's row counts whatever the rows listed.
import { changeRowsFromDiff, rowSummary, tabWords, totalsText } from '../../src/core/notify';
import type { Layout } from '../../src/core/mapping/layout';
import { diffSnapshots, EMPTY_SNAPSHOT } from '../../src/core/versions/diff';
import { tabFromGrid } from '../../src/core/versions/grid';

const layout: Layout = {
  v: 1,
  kind: 'mapping',
  headerRow: 2,
  bandRow: 1,
  keyColumn: 1,
  managedIds: true,
  confirmed: true,
  columns: [
    { role: 'id', column: 1, header: 'ID', band: null },
    { role: 'source-label', column: 2, header: 'Label', band: 'SOURCE' },
    { role: 'source-path', column: 3, header: 'API name', band: 'SOURCE' },
    { role: 'destination-label', column: 4, header: 'Label', band: 'DESTINATION' },
    { role: 'destination-path', column: 5, header: 'API name', band: 'DESTINATION' },
  ],
};

test('columns are named with their band; repeated names the layout does not know read "Name (2)"', () => {
  const w = tabWords(layout);
  expect(w.title('Label')).toBe('SOURCE › Label');
  expect(w.title('Label#2')).toBe('DESTINATION › Label');
  expect(w.title('API name#2')).toBe('DESTINATION › API name');
  expect(w.title('Notes#3')).toBe('Notes (3)');
  expect(tabWords(null).title('Label#2')).toBe('Label (2)');
  expect([w.label, w.source, w.destination]).toEqual(['Label', 'API name', 'API name#2']);
  const cells = [{ column: 'ID', old: '', new: 'M-1' }, { column: 'Label', old: '', new: 'Sex' }, { column: 'API name', old: '', new: 'sex' }, { column: 'API name#2', old: '', new: 'gender' }];
  expect(rowSummary(cells, 'new', w)).toBe('Sex, sex → gender');
  expect(rowSummary(cells.slice(0, 2), 'new', tabWords(null))).toBe('ID: M-1; Label: Sex');
});

test('rows listed are capped; the totals are the whole diff', () => {
  const values = [['', 'SOURCE', '', 'DESTINATION', ''], ['ID', 'Label', 'API name', 'Label', 'API name'], ...Array.from({ length: 90 }, (_, i) => [`M-${i}`, `L${i}`, `s${i}`, `D${i}`, `d${i}`])];
  const tab = tabFromGrid({ sheetId: 3, name: 'Mapping', kind: 'mapping', values, headerRow: 1, keyColumn: 'ID', listColumn: null });
  const { rows, totals } = changeRowsFromDiff(diffSnapshots(EMPTY_SNAPSHOT, { tabs: [tab] }), () => tabWords(layout), 25);
  expect(totals).toEqual({ added: 90, changed: 0, removed: 0 });
  expect(totalsText(totals)).toBe('90 rows added, 0 changed, 0 removed');
  expect(rows).toHaveLength(25);
  expect(rows[0]).toMatchObject({ change: 'note', summary: 'New tab (90 rows)' });
  expect(rows[1]).toMatchObject({ change: 'added', rowKey: 'M-0', summary: 'L0, s0 → d0' });
});
