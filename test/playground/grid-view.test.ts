// What the page draws (grid-view.ts): display values and formatting of a window of cells, merges
// reaching into the window, row heights that grow for wrapped text, and speed on a 5,000-row sheet.
import { sheetLayout, sheetWindow } from '../../src/playground/grid-view';
import { demoWorkbook } from '../../src/playground/demo-workbook';
import { newSheet } from '../../src/emulator/spreadsheet/model';

test('a window of the demo mapping tab: display values, formats, checkboxes, dropdowns, notes', () => {
  const wb = demoWorkbook();
  const mapping = wb.sheets[1];
  const cells = sheetWindow(wb, mapping, 1, 10, 1, 17);
  const at = (r: number, c: number) => cells.find((x) => x.r === r && x.c === c);
  expect(at(1, 3)).toMatchObject({ t: 'SOURCE (CommCare)', rs: 1, cs: 5, b: true, h: 'center', bg: '#cfe2f3' });
  expect(at(1, 4)).toBeUndefined(); // covered by the merge
  expect(at(3, 13)).toMatchObject({ cb: true, k: 'b' });
  expect(at(3, 2)?.list).toEqual(['New', 'Needs discussion', 'Agreed', 'Deprecated']);
  expect(at(4, 6)?.note).toMatch(/pilot site/);
  expect(at(4, 1)).toMatchObject({ t: 'MAP-002', bg: '#fff2cc', w: true });

  const checklist = wb.sheets[3];
  const due = sheetWindow(wb, checklist, 3, 3, 4, 4)[0];
  expect(due).toMatchObject({ t: '2026-01-15', k: 'd', in: '1/15/2026' });
});

test('a merge whose top-left is above the window is still drawn from its top-left', () => {
  const wb = demoWorkbook();
  const sheet = wb.sheets[1];
  sheet.merges.push({ r1: 40, c1: 1, r2: 60, c2: 2 });
  const cells = sheetWindow(wb, sheet, 50, 55, 1, 5);
  expect(cells.find((c) => c.r === 40 && c.c === 1)).toMatchObject({ rs: 21, cs: 2 });
});

test('layout: frozen panes, widths, and rows grown for wrapped text', () => {
  const wb = demoWorkbook();
  const layout = sheetLayout(wb, wb.sheets[1]);
  expect(layout).toMatchObject({ frozenRows: 2, frozenColumns: 2, lastRow: 18, lastColumn: 17 });
  expect(layout.rowHeights[2]).toBe(42);
  expect(layout.rowHeights[3]).toBeGreaterThan(21);
  const readme = sheetLayout(wb, wb.sheets[0]);
  // One line of text that fits its 760 px column stays one row high.
  expect(readme.rowHeights[2]).toBeUndefined();
  expect(readme.rowHeights[5]).toBeGreaterThan(21);
});

test('5,000 rows: layout and a screenful of cells are quick', () => {
  const wb = demoWorkbook();
  const big = newSheet(9, 'Big', 5000, 20);
  big.rows = Array.from({ length: 5000 }, (_, r) => Array.from({ length: 20 }, (_, c) => ({ v: c === 0 ? `row ${r + 1}` : r * 20 + c })));
  wb.sheets.push(big);
  const t = Date.now();
  const layout = sheetLayout(wb, big);
  const cells = sheetWindow(wb, big, 4901, 5000, 1, 400);
  expect(Date.now() - t).toBeLessThan(1500);
  expect(layout.lastRow).toBe(5000);
  expect(cells).toHaveLength(2000);
  expect(cells[0]).toMatchObject({ r: 4901, c: 1, t: 'row 4901' });
});
