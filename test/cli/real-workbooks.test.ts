// Issue 26: any real workbook opens. A sheet formatted down to its last row (1,048,576) is sized by
// the cells that hold values, so the real pyxform form checks; a generated workbook formatted that
// far reads quickly; one whose used cells are truly over Google's 10,000,000-cell limit is refused
// with a message naming the sheet and its size; every real .xlsx in ../shared/fixtures/real checks.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readXlsx, WorkbookTooLarge } from '../../src/emulator/xlsx';
import { FIXTURES, ROOT } from '../support/paths';

const ExcelJS = require('exceljs');

const FORM = path.join(FIXTURES, 'xlsform-pyxform-ucl-biomass-plot-form.xlsx');
const SHARED_REAL = path.resolve(ROOT, '../shared/fixtures/real');
const LAST_ROW = 1_048_576;

function installed(args: string[]) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/mapspec.js'), ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mapspec-real-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

test('the real pyxform form, formatted to row 1,048,576, checks: its survey and choices tabs are read', () => {
  const r = installed(['check', FORM]);
  expect(r.stderr).toBe('');
  expect([0, 1]).toContain(r.status);
  expect(r.stdout).toContain('survey: dictionary, header row 1');
  // XLSForm's choices sheet (list_name | name | label) is a value map in long format.
  expect(r.stdout).toContain('choices: value-map, header row 1, high confidence; A value-map (list_name), B value (name)');
  expect(r.stdout).toMatch(/\d+ errors?, \d+ warnings?, \d+ info in 2 tabs \(\d+ rows\)/);
});

test('its sheets are sized by the cells that hold values, not by the formatting', async () => {
  const wb = await readXlsx(FORM);
  const survey = wb.sheets.find((s) => s.name === 'survey')!;
  expect(survey.maxRows).toBe(1000);
  expect(survey.rows.length).toBeLessThanOrEqual(1000);
  expect(survey.rows[0]!.some((c) => c?.v === 'type')).toBe(true);
});

test('a generated workbook formatted to row 1,048,576 on 16 columns reads in under 2 s and 200 MB, values and formats intact', async () => {
  const file = path.join(tmp, 'formatted.xlsx');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Mapping');
  ws.addRow(Array.from({ length: 16 }, (_, i) => `Column ${i + 1}`));
  for (let r = 0; r < 5; r++) ws.addRow(Array.from({ length: 16 }, (_, i) => `r${r}c${i}`));
  ws.getCell('B3').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };
  ws.mergeCells('A8:C8');
  ws.getCell('A8').value = 'merged';
  // The formatting runs to the last row: one styled row there, as a whole-column format leaves.
  for (let c = 1; c <= 16; c++) ws.getRow(LAST_ROW).getCell(c).numFmt = '@';
  await wb.xlsx.writeFile(file);

  // In a child process, so its time and peak memory are its own.
  const script = `const { readXlsx } = require(${JSON.stringify(path.join(ROOT, 'src/emulator/xlsx.ts'))});
    const t0 = Date.now();
    readXlsx(${JSON.stringify(file)}).then((w) => {
      const s = w.sheets[0];
      process.stdout.write(JSON.stringify({ ms: Date.now() - t0, rssMb: process.resourceUsage().maxRSS / 1024, maxRows: s.maxRows, maxColumns: s.maxColumns, b3: s.rows[2][1], a8: s.rows[7][0].v, merges: s.merges, p6: s.rows[5][15].v }));
    });`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  expect(r.stderr).toBe('');
  const out = JSON.parse(r.stdout);
  console.log(`formatted to row ${LAST_ROW}: read in ${out.ms} ms, peak ${Math.round(out.rssMb)} MB`);
  expect(out.ms).toBeLessThan(2000);
  expect(out.rssMb).toBeLessThan(200);
  expect([out.maxRows, out.maxColumns]).toEqual([1000, 26]);
  expect(out.b3).toMatchObject({ v: 'r1c1', bg: '#ffff00' });
  expect(out.a8).toBe('merged');
  expect(out.p6).toBe('r4c15');
  expect(out.merges).toEqual([{ r1: 8, c1: 1, r2: 8, c2: 3 }]);
});

test('a workbook whose used cells are over Google\'s 10,000,000-cell limit is refused, naming the sheet and its size', async () => {
  const file = path.join(tmp, 'too-big.xlsx');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Huge');
  ws.getCell('A1').value = 'ID';
  ws.getCell(1_000_000, 11).value = 'far away';
  await wb.xlsx.writeFile(file);
  await expect(readXlsx(file)).rejects.toBeInstanceOf(WorkbookTooLarge);
  const r = installed(['check', file]);
  expect(r.status).toBe(2);
  expect(r.stderr).toBe(`mapspec: cannot open ${file}: sheet "Huge" uses 1,000,000 rows × 11 columns (11,000,000 cells), more than the 10,000,000 cells Google Sheets holds in a spreadsheet\n`);
});

const realFiles = fs.existsSync(SHARED_REAL) ? fs.readdirSync(SHARED_REAL).filter((f) => f.endsWith('.xlsx')) : [];
(realFiles.length ? test : test.skip)('mapspec check on every real .xlsx in ../shared/fixtures/real exits 0 or 1', () => {
  for (const f of realFiles) {
    const r = installed(['check', path.join(SHARED_REAL, f)]);
    expect({ f, status: r.status, stderr: r.stderr }).toEqual({ f, status: r.status === 0 ? 0 : 1, stderr: '' });
    expect(r.stdout).toMatch(/in \d+ tabs? \(\d+ rows?\)/);
  }
});

test('--json gives each column its group (the band label over it) next to its role; the human line says it too', async () => {
  const file = path.join(tmp, 'bands.xlsx');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Mapping');
  ws.addRow(['', 'CommCare', '', '', 'DHIS2', '', '']);
  ws.mergeCells('B1:D1');
  ws.mergeCells('E1:G1');
  ws.addRow(['ID', 'Label', 'Question path', 'Type', 'Label', 'Data element UID', 'Value type']);
  ws.addRow(['M1', 'Age', 'form.age', 'int', 'Age', 'qrur9Dvnyt5', 'INTEGER']);
  await wb.xlsx.writeFile(file);
  const out = JSON.parse(installed(['check', file, '--json']).stdout);
  const cols = out.tabs[0].columns.map((c: { letter: string; group: string | null; role: string | null }) => `${c.letter} ${c.role} ${c.group}`);
  expect(cols).toEqual(['A id null', 'B source-label CommCare', 'C source-path CommCare', 'D source-type CommCare', 'E destination-label DHIS2', 'F destination-path DHIS2', 'G destination-type DHIS2']);
  expect(installed(['check', file]).stdout).toContain('B source-label (Label) under CommCare');
});
