// The WHO SMART antenatal-care data dictionary (test/fixtures, read as is with exceljs): every
// data-element tab is adopted with its header row and its ID, label, type and input-options columns
// found without help; the cover, overview, read-me and reference tabs are not taken for tables.
import { checkSpreadsheet, confirmed, detectLayout, layoutBytes, layoutFromDetection, MAX_LAYOUT_BYTES, type Detection, type Merge, type TabGrid } from '../../src/core/mapping';
import { WHO_DATA_TABS, WHO_PATH } from '../support/who';

const ExcelJS = require('exceljs');

const FIXTURE = WHO_PATH;

const DATA_TABS = WHO_DATA_TABS;
const OTHER_TABS = ['Overview', 'READ ME', 'COVER', 'References'];

/** A cell as Apps Script's getValues would give it: rich text and hyperlinks as text, formulas as results. */
function plain(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v !== 'object') return v;
  if (Object.prototype.toString.call(v) === '[object Date]') return v;
  const o = v as Record<string, unknown>;
  if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((x) => x.text).join('');
  if ('formula' in o || 'sharedFormula' in o) return plain(o.result ?? null);
  if ('error' in o) return o.error;
  if ('text' in o) return plain(o.text);
  return String(v);
}

type Cell = { value: unknown; isMerged: boolean; address: string; master: { address: string }; row: number; col: number };
type Sheet = {
  name: string;
  id: number;
  rowCount: number;
  columnCount: number;
  model: { merges?: string[] };
  getCell(address: string): Cell;
  eachRow(opts: { includeEmpty: boolean }, fn: (row: { eachCell(opts: { includeEmpty: boolean }, fn: (cell: Cell, col: number) => void): void }, r: number) => void): void;
};

/**
 * A worksheet as the plain grid an adapter hands in (merged cells hold their value in the top-left
 * only). Walks the stored cells only: exceljs's getCell(r, c) over every cell is very slow under jest.
 */
function toGrid(ws: Sheet): TabGrid {
  const merges: Merge[] = (ws.model.merges ?? []).map((m) => {
    const [a, b] = m.split(':');
    const ca = ws.getCell(a);
    const cb = ws.getCell(b);
    return { r1: ca.row, c1: ca.col, r2: cb.row, c2: cb.col };
  });
  const values: unknown[][] = [];
  for (let r = 0; r < ws.rowCount; r++) values.push(new Array(ws.columnCount).fill(null));
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      if (cell.isMerged && cell.master.address !== cell.address) return;
      values[r - 1][c - 1] = plain(cell.value);
    });
  });
  return { name: ws.name, sheetId: ws.id, values, merges };
}

const grids = new Map<string, TabGrid>();
const detections = new Map<string, Detection>();
let detectMs = 0;

beforeAll(async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(FIXTURE);
  wb.eachSheet((ws: Sheet) => grids.set(ws.name, toGrid(ws)));
  const t0 = Date.now();
  for (const [name, g] of grids) detections.set(name, detectLayout(g));
  detectMs = Date.now() - t0;
});

/** Header text of the column that got a role ('' when none), line breaks and case ignored. */
function headerOf(d: Detection, role: string): string {
  const c = d.columns.find((x) => x.role === role);
  return c ? c.header.replace(/\s+/g, ' ').trim().toLowerCase() : '';
}

test('the fixture has the tabs the test expects', () => {
  expect([...grids.keys()].sort()).toEqual([...DATA_TABS, ...OTHER_TABS].sort());
});

test.each(DATA_TABS)('%s: adopted as a data dictionary with its header on row 2', (name) => {
  const d = detections.get(name)!;
  const g = grids.get(name)!;
  expect(d.kind).toBe('dictionary');
  expect(d.headerRow).toBe(2);
  expect(d.level).toBe('high');
  expect(headerOf(d, 'id')).toBe('[anc] data element id');
  expect(headerOf(d, 'label')).toBe('data element label');
  expect(headerOf(d, 'type')).toBe('data type');
  expect(headerOf(d, 'choices')).toBe('input options');
  for (const role of ['id', 'label', 'type', 'choices']) {
    const c = d.columns.find((x) => x.role === role)!;
    expect(c.confidence).toBeGreaterThanOrEqual(0.9);
    // The column found is the one the header actually sits in (some tabs start with a blank column A).
    const cellText = String(g.values[1][c.column - 1] ?? '');
    expect(cellText).toBe(c.header);
  }
  // Tabs with a blank column A have the ID in C, the others in B.
  const idCol = d.columns.find((x) => x.role === 'id')!.letter;
  const blankA = g.values.slice(0, 5).every((row) => row[0] === null || row[0] === '');
  expect(idCol).toBe(blankA ? 'C' : 'B');
  // The activity ID, OpenMRS entity ID and FHIR code columns are not taken for the row ID.
  expect(d.columns.filter((c) => c.role === 'id')).toHaveLength(1);
  expect(d.findings.filter((f) => f.severity === 'error')).toEqual([]);
  // The layout to save is far below the 9 KB a document property holds.
  expect(layoutBytes(layoutFromDetection(d))).toBeLessThan(MAX_LAYOUT_BYTES / 4);
});

test('the multiple-choice type column is recognised too', () => {
  for (const name of DATA_TABS) expect(headerOf(detections.get(name)!, 'choice-type')).toMatch(/^multiple choice/);
});

test.each(OTHER_TABS)('%s: not taken for a mapping table', (name) => {
  const d = detections.get(name)!;
  expect(d.kind).toBe('none');
  expect(['none', 'low']).toContain(d.level);
  expect(d.findings.map((f) => f.rule)).toEqual(['missing-header']);
});

test('detection is fast and checking the adopted tabs finds only real issues', () => {
  console.log(`WHO fixture: detected ${grids.size} tabs in ${detectMs} ms`);
  expect(detectMs).toBeLessThan(3000);
  const tabs = DATA_TABS.map((name) => ({ grid: grids.get(name)!, layout: layoutFromDetection(detections.get(name)!) }));
  const t0 = Date.now();
  const report = checkSpreadsheet(tabs);
  console.log(`WHO fixture: checked ${report.rowsChecked} rows in ${Date.now() - t0} ms, ${report.total} findings`);
  expect(report.rowsChecked).toBeGreaterThan(1000);
  // No noise from the dictionary's own vocabulary ("Coding", "Codes", "Quantity"…) or its N/A blanks.
  expect(report.counts['unknown-type']).toBe(0);
  expect(report.counts['missing-header']).toBe(0);
  expect(report.counts['stray-whitespace']).toBe(0);
  // Detected ID columns are not checked as keys until a person confirms them…
  expect(report.counts['duplicate-key'] ?? 0).toBe(0);
  // …and once confirmed: the dictionary really does reuse a few IDs (e.g. ANC.B6.DE14 on rows 16 and 17).
  const keyed = checkSpreadsheet(tabs.map((t) => ({ ...t, layout: confirmed(t.layout) })));
  expect(keyed.findings).toContainEqual(expect.objectContaining({ tab: 'ANC.B6 Profile', row: 17, column: 'B', rule: 'duplicate-key' }));
  expect(JSON.parse(JSON.stringify(report))).toEqual(report);
});
