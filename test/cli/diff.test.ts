// `mapspec diff OLD.xlsx NEW.xlsx`: two small workbooks made here, run as people run it (tsx on
// src/cli/main.ts, and the installed bin/mapspec.js), both running the built Code.js in the emulator.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { DiffOutput } from '../../src/cli/diff';
import { matchTabsByName } from '../../src/cli/diff';
import { shortValue } from '../../src/cli/format-diff';
import { ROOT } from '../support/paths';
import { writeMappingWorkbook } from '../support/xlsx-workbook';

const ExcelJS = require('exceljs');

type Run = { status: number | null; stdout: string; stderr: string; ms: number };

function mapspec(args: string[], cwd = ROOT): Run {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(ROOT, 'src/cli/main.ts'), ...args], { cwd, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - t0 };
}

function installed(args: string[], cwd = ROOT): Run {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/mapspec.js'), ...args], { cwd, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - t0 };
}

const HEADER = ['ID', 'Source path', 'Destination path', 'Status'];
const OLD_ROWS = [
  ['M1', 'patient.first_name', 'given_name', 'Agreed'],
  ['M2', 'patient.age', 'age_years', 'Agreed'],
  ['M3', 'patient.dob', 'birth_date', 'New'],
  ['M4', 'patient.sex', 'gender', 'Agreed'],
  ['M5', 'patient.village', 'address.city', 'New'],
];
const KHMER = 'អាយុ (ឆ្នាំ)';

function workbook(file: string, rows: string[][], others: string[] = []): Promise<string> {
  return writeMappingWorkbook(file, HEADER, rows, others);
}

let tmp: string;
let oldFile: string;
let newFile: string;
let human: Run;
let json: Run;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mapspec-diff-'));
  // The new file: M2's destination now Khmer, M5's status changed, M3 removed, M6 added; and an
  // extra empty tab first, so the files' tab orders (and so sheet ids) differ.
  const rows = OLD_ROWS.map((r) => [...r]);
  rows[1][2] = KHMER;
  rows[4][3] = 'Agreed';
  rows.splice(2, 1);
  rows.push(['M6', 'patient.phone', 'telecom.phone', 'New']);
  oldFile = await workbook(path.join(tmp, 'old.xlsx'), OLD_ROWS);
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Notes');
  const ws = wb.addWorksheet('Registration');
  ws.addRow(HEADER);
  for (const r of rows) ws.addRow(r);
  newFile = path.join(tmp, 'new.xlsx');
  await wb.xlsx.writeFile(newFile);
  human = mapspec(['diff', oldFile, newFile]);
  json = mapspec(['diff', oldFile, newFile, '--json']);
}, 60_000);

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('mapspec diff on two versions of a mapping tab', () => {
  test('human output: + / - / ~ lines by row key, old → new, the summary; exit 1', () => {
    console.log(`mapspec diff (human): ${human.ms} ms, (--json): ${json.ms} ms`);
    expect(human.stderr).toBe('');
    expect(human.stdout).toBe(
      [
        `${oldFile} → ${newFile}`,
        '',
        'Registration (1 added, 2 changed, 1 removed)',
        `  ~ row M2: Destination path: age_years → ${KHMER}`,
        '  - row M3',
        '  ~ row M5: Status: New → Agreed',
        '  + row M6',
        '',
        '1 added, 2 changed, 1 removed rows in 1 tab',
        '',
      ].join('\n'),
    );
    expect(human.status).toBe(1);
  });

  test('--json: { old, new, diff } with the SnapshotDiff counts and cells; exit 1', () => {
    expect(json.stderr).toBe('');
    expect(json.status).toBe(1);
    const out = JSON.parse(json.stdout) as DiffOutput;
    expect(Object.keys(out)).toEqual(['old', 'new', 'diff']);
    expect(out.old).toBe(oldFile);
    expect(out.new).toBe(newFile);
    expect(out.diff.summary).toMatchObject({ added: 1, changed: 2, removed: 1, unchanged: 2, moved: 0, tabsAdded: 0, tabsRemoved: 0, tabsRenamed: 0, tabsModified: 1 });
    expect(out.diff.tabs).toHaveLength(1);
    const tab = out.diff.tabs[0];
    // Matched by name although "Registration" is the first tab of one file and the second of the other.
    expect(tab).toMatchObject({ name: 'Registration', kind: 'mapping', status: 'modified', renamedFrom: null, columnsAdded: [], columnsRemoved: [] });
    expect(tab.rows.map((r) => [r.type, r.key])).toEqual([
      ['changed', 'M2'],
      ['removed', 'M3'],
      ['changed', 'M5'],
      ['added', 'M6'],
    ]);
    expect(tab.rows[0].cells).toEqual([{ column: 'Destination path', old: 'age_years', new: KHMER }]);
    expect(tab.rows[3].cells).toContainEqual({ column: 'Source path', old: '', new: 'patient.phone' });
  });

  test('identical files: "No differences", exit 0 (the installed command)', () => {
    const copy = path.join(tmp, 'copy.xlsx');
    fs.copyFileSync(oldFile, copy);
    const r = installed(['diff', oldFile, copy]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`${oldFile} → ${copy}\n\nNo differences (5 rows in 1 tab)\n`);
    expect(r.status).toBe(0);
  });

  test('--tab limits the diff to that tab; a tab in neither file is a usage error', () => {
    const r = mapspec(['diff', oldFile, newFile, '--tab', 'registration', '--json']);
    expect(r.status).toBe(1);
    expect((JSON.parse(r.stdout) as DiffOutput).diff.summary.changed).toBe(2);
    const bad = mapspec(['diff', oldFile, newFile, '--tab', 'Nope']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe(`mapspec: no tab named "Nope" in ${oldFile} or ${newFile}; their tabs are: "Registration", "Notes"\n`);
  });
});

describe('usage and bad input: exit 2', () => {
  test('a missing file: exit 2, one line on stderr, nothing on stdout', () => {
    const missing = path.join(tmp, 'nope.xlsx');
    const r = mapspec(['diff', oldFile, missing]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`mapspec: ${missing}: no such file\n`);
    expect(r.stdout).toBe('');
  });

  test('one file only, a file that is not .xlsx; --help', () => {
    const one = installed(['diff', oldFile]);
    expect(one.status).toBe(2);
    expect(one.stderr).toMatch(/^mapspec: diff needs two \.xlsx files, the old one and the new one\nUsage: mapspec diff OLD\.xlsx NEW\.xlsx/);
    const text = path.join(tmp, 'text.xlsx');
    fs.writeFileSync(text, 'just text');
    const notXlsx = installed(['diff', text, oldFile]);
    expect(notXlsx.status).toBe(2);
    expect(notXlsx.stderr).toContain(`mapspec: cannot read ${text} as an .xlsx workbook`);
    const help = installed(['diff', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: mapspec diff OLD\.xlsx NEW\.xlsx/);
    expect(help.stdout).toContain('Exit status:');
    expect(installed(['--help']).stdout).toContain('diff OLD.xlsx NEW.xlsx [--tab NAME] [--json]');
  });
});

describe('pieces', () => {
  test('matchTabsByName: the new tabs take the old ids by name; others get unused ids', () => {
    const tab = (sheetId: number, name: string) => ({ sheetId, name, kind: 'mapping' as const, header: ['ID'], keyColumn: 'ID', listColumn: null, rows: [] });
    const matched = matchTabsByName({ tabs: [tab(1, 'A'), tab(2, 'B')] }, { tabs: [tab(1, 'C'), tab(2, 'b'), tab(3, 'A')] });
    expect(matched.tabs.map((t) => [t.name, t.sheetId])).toEqual([
      ['C', 4],
      ['b', 2],
      ['A', 1],
    ]);
  });

  test('shortValue: one line, cut with …, blanks named', () => {
    expect(shortValue('a\n  b')).toBe('a\\n b'); // the line break shown, never sent
    expect(shortValue('')).toBe('(blank)');
    const long = shortValue('x'.repeat(100));
    expect(long).toHaveLength(60);
    expect(long.endsWith('…')).toBe(true);
  });
});
