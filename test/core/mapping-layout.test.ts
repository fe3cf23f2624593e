// The saved layout: small JSON, edited by the sidebar's role changes, read back safely, and
// resolved against the header as it is now.
import { checkSpreadsheet, detectLayout, layoutBytes, layoutFromDetection, MAX_LAYOUT_BYTES, parseLayout, roleColumn, withKeyColumn, withRole, type TabGrid } from '../../src/core/mapping';
import { jsonProblem } from '../../src/core/json';
import type { Json } from '../../src/core/json';

const grid: TabGrid = {
  name: 'Mapping', sheetId: 1,
  values: [['ID', 'Source path', 'Destination path', 'Destination type', 'Notes'], ['M-001', 'a', 'b', 'text', '']],
};

test('a layout from a detection is JSON, small, and read back unchanged', () => {
  const layout = layoutFromDetection(detectLayout(grid));
  const asJson: Json = layout;
  expect(jsonProblem(asJson)).toBeUndefined();
  expect(layout).toMatchObject({ v: 1, kind: 'mapping', headerRow: 1, bandRow: null, keyColumn: 1, managedIds: false, confirmed: false });
  expect(parseLayout(JSON.parse(JSON.stringify(layout)))).toEqual(layout);
  expect(layoutBytes(layout)).toBeLessThan(1000);
});

test('detections, layouts and reports are assignable to Json (type aliases, no Dates or classes)', () => {
  const d = detectLayout(grid);
  const layout = layoutFromDetection(d);
  const report = checkSpreadsheet([{ grid, layout }]);
  const values: Json[] = [d, layout, report, report.findings];
  for (const v of values) expect(jsonProblem(v)).toBeUndefined();
});

test('the layout of a very wide tab with huge headers stays under 9 KB', () => {
  const header = ['Source path', 'Destination path', ...Array.from({ length: 200 }, (_, i) => `${'Very long column name '.repeat(20)}${i}`)];
  const layout = layoutFromDetection(detectLayout({ name: 'Wide', sheetId: 2, values: [header, header.map(() => 'x')] }));
  expect(layoutBytes(layout)).toBeLessThan(MAX_LAYOUT_BYTES);
});

test('withRole moves a role to another column and clears the old one', () => {
  const layout = layoutFromDetection(detectLayout(grid));
  const changed = withRole(layout, 5, 'questions', 'Notes');
  expect(roleColumn(changed, 'questions')).toBe(5);
  const moved = withRole(changed, 5, 'destination-type', 'Notes');
  expect(roleColumn(moved, 'destination-type')).toBe(5);
  expect(roleColumn(moved, 'questions')).toBeNull();
  expect(withRole(moved, 5, null, 'Notes').columns.map((c) => c.column)).toEqual([1, 2, 3]);
  expect(() => withRole(layout, 0, 'id', 'x')).toThrow(/not a column/);
  // Moving the ID role moves the key with it; a key the person picked elsewhere stays.
  expect(withRole(layout, 5, 'id', 'Notes').keyColumn).toBe(5);
  expect(withRole(withKeyColumn(layout, 2, false), 5, 'id', 'Notes').keyColumn).toBe(2);
  expect(withKeyColumn(layout, null, true)).toMatchObject({ keyColumn: null, managedIds: false });
});

test('parseLayout refuses damaged values instead of throwing', () => {
  const good = layoutFromDetection(detectLayout(grid));
  for (const bad of [null, 'x', 42, {}, { ...good, v: 2 }, { ...good, headerRow: 0 }, { ...good, columns: [{ role: 'nope', column: 1, header: '', band: null }] },
    { ...good, columns: [...good.columns, good.columns[0]] }, { ...good, kind: 'other' }]) {
    expect(parseLayout(bad)).toBeNull();
  }
});
