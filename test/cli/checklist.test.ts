// Issue 17, deliverable 2 on the command line, through the shipped bin/mapspec.js and build/: a
// README imported into a workbook (the checklist tab and the hidden tab keeping its section), a
// tick changed in that workbook as a person would in Excel, and the README written back with
// exactly that line changed; the usage errors and bad files each get one clear line.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from '../support/paths';
import { README } from '../support/readme-sample';

const ExcelJS = require('exceljs');

type Run = { status: number | null; stdout: string; stderr: string };
function mapspec(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(ROOT, 'bin/mapspec.js'), ...args], { cwd: ROOT, encoding: 'utf8' }, (err, stdout, stderr) => {
      resolve({ status: err ? ((err as { code?: number }).code ?? null) : 0, stdout, stderr });
    });
  });
}

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mapspec-checklist-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('import README.md --out x.xlsx; export x.xlsx prints the section; a tick changed in the workbook; export --into changes that line only', async () => {
  const readme = path.join(dir, 'README.md');
  fs.writeFileSync(readme, README);
  const xlsx = path.join(dir, 'checklist.xlsx');
  const imported = await mapspec(['checklist', 'import', readme, '--out', xlsx]);
  expect(imported).toMatchObject({ status: 0, stderr: '' });
  expect(imported.stdout).toBe(`Wrote ${xlsx}: tab "Implementation Checklist", 9 tasks (6 done) in 4 phases, from ${readme}.\n`);

  // The workbook as the add-on makes it: the tab (sub-sections, note rows) and the hidden source tab.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(xlsx);
  const names = wb.worksheets.map((w: { name: string; state: string }) => `${w.name}${w.state === 'hidden' ? ' (hidden)' : ''}`);
  expect(names).toEqual(['Sheet1', 'Implementation Checklist', '_mapspec_checklist_source (hidden)']);
  const tab = wb.getWorksheet('Implementation Checklist');
  const rows: string[][] = [];
  for (let r = 1; r <= tab.rowCount; r++) rows.push(Array.from({ length: 11 }, (_, c) => String(tab.getCell(r, c + 1).value ?? '')));
  expect(rows.map((r) => r[0]).filter((p) => p.startsWith('› '))).toEqual(['› Provisioning, Hosting, & Maintenance', '› Support']);
  expect(rows.filter((r) => r[10] === 'note-3').map((r) => r[1])).toEqual(['Endpoints:\nhttps://play.example.org/api/tracker']);

  const printed = await mapspec(['checklist', 'export', xlsx]);
  expect(printed.status).toBe(0);
  expect(README).toContain(printed.stdout.trimEnd());
  expect(printed.stdout).toContain('_CommCare_\n- [x] API confirmed?');

  // Task 2.2 marked Done in the workbook (row 9), as someone would in Excel.
  const row = rows.findIndex((r) => r[10] === '2.2') + 1;
  tab.getCell(row, 5).value = 'Done';
  await wb.xlsx.writeFile(xlsx);
  const into = await mapspec(['checklist', 'export', xlsx, '--into', readme]);
  expect(into).toMatchObject({ status: 0, stderr: '' });
  expect(into.stdout).toBe(`Replaced the checklist section of ${readme} from tab "Implementation Checklist": 1 line changed; the rest is as it was.\n`);
  const after = fs.readFileSync(readme, 'utf8').split('\n');
  const before = README.split('\n');
  expect(after.flatMap((line, i) => (line === before[i] ? [] : [[before[i], line]]))).toEqual([['- [ ] Access to the test server? ', '- [x] Access to the test server?']]);
  // Again: nothing to change, nothing written.
  expect((await mapspec(['checklist', 'export', xlsx, '--into', readme])).stdout).toBe(`${readme} already matches tab "Implementation Checklist": nothing written.\n`);
}, 120_000);

test('bad input: no task list, a workbook without a checklist, a README without the section, usage errors — one line each, exit 2', async () => {
  const prose = path.join(dir, 'prose.md');
  fs.writeFileSync(prose, '# Notes\n\nJust prose.\n');
  const r1 = await mapspec(['checklist', 'import', prose, '--out', path.join(dir, 'p.xlsx')]);
  expect(r1.status).toBe(2);
  expect(r1.stderr).toMatch(/^mapspec: the add-on's importChecklistMarkdown failed on .*prose\.md: Mapspec found no task items in that Markdown\./);
  expect(fs.existsSync(path.join(dir, 'p.xlsx'))).toBe(false);

  const plain = path.join(dir, 'plain.xlsx');
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Notes').addRow(['just', 'text']);
  await wb.xlsx.writeFile(plain);
  const r2 = await mapspec(['checklist', 'export', plain]);
  expect(r2.status).toBe(2);
  expect(r2.stderr).toContain('has no checklist tab: no tab has a header row with a task column');

  const readme = path.join(dir, 'R.md');
  fs.writeFileSync(readme, README);
  const xlsx = path.join(dir, 'c.xlsx');
  expect((await mapspec(['checklist', 'import', readme, '--out', xlsx])).status).toBe(0);
  const other = path.join(dir, 'OTHER.md');
  fs.writeFileSync(other, '# Another project\n\nNo checklist here.\n');
  const r3 = await mapspec(['checklist', 'export', xlsx, '--into', other]);
  expect(r3.status).toBe(2);
  expect(r3.stderr).toContain('That README has no line "## Implementation Checklist"');
  expect(fs.readFileSync(other, 'utf8')).toBe('# Another project\n\nNo checklist here.\n');

  for (const [args, message] of [
    [['checklist'], 'checklist needs import or export'],
    [['checklist', 'import', readme], 'checklist import needs --out FILE.xlsx'],
    [['checklist', 'import', readme, '--out', 'x.csv'], '--out names the workbook to write, an .xlsx file'],
    [['checklist', 'export', xlsx, '--out', 'y.xlsx'], '--out is an option of checklist import'],
    [['checklist', 'export', xlsx, '--json'], '--json: not an option of checklist'],
    [['check', xlsx, '--into', readme], '--out and --into are options of checklist'],
    [['checklist', 'import', path.join(dir, 'missing.md'), '--out', xlsx], 'missing.md: no such file'],
  ] as const) {
    const r = await mapspec([...args]);
    expect([r.status, r.stderr.split('\n')[0]]).toEqual([2, expect.stringContaining(message)]);
  }
}, 120_000);
