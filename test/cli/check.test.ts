// The command line, as people and CI run it: `npm run mapspec -- check FILE.xlsx` (tsx on src/cli)
// and the installed `mapspec` (bin/mapspec.js → build/cli.js), both running the built Code.js in the
// emulator. On the WHO ANC data dictionary, on small workbooks made here, and on bad input.
import { execFile, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CheckOutput } from '../../src/cli/check';
import { BUILD_DIR, ROOT } from '../support/paths';
import { WHO_DATA_TABS, WHO_PATH } from '../support/who';
import { writeMappingWorkbook } from '../support/xlsx-workbook';

const ExcelJS = require('exceljs');

const WHO = WHO_PATH;
const DATA_TABS = WHO_DATA_TABS;

type Run = { status: number | null; stdout: string; stderr: string; ms: number };

/** `npm run mapspec -- …` without npm's own chatter: node + tsx on src/cli/main.ts. */
function mapspec(args: string[], cwd = ROOT): Run {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(ROOT, 'src/cli/main.ts'), ...args], { cwd, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - t0 };
}

/** The installed command: bin/mapspec.js, which loads the bundle `npm run build` wrote. */
function installed(args: string[], cwd: string): Run {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/mapspec.js'), ...args], { cwd, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - t0 };
}

/** The installed command without waiting, so the quick usage runs go side by side (no tsx start-up each). */
function installedAsync(args: string[]): Promise<Run> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(ROOT, 'bin/mapspec.js'), ...args], { cwd: ROOT, encoding: 'utf8' }, (err, stdout, stderr) => {
      resolve({ status: err ? ((err as { code?: number }).code ?? null) : 0, stdout, stderr, ms: Date.now() - t0 });
    });
  });
}

const HEADER = ['ID', 'Status', 'Source label', 'Source API name', 'Source type', 'Destination label', 'Destination API name', 'Destination type', 'Transformation rule'];

function mappingWorkbook(file: string, rows: unknown[][], others: string[] = []): Promise<string> {
  return writeMappingWorkbook(file, HEADER, rows, others);
}

const CLEAN_ROWS = [
  ['M1', 'Agreed', 'First name', 'first_name', 'text', 'Given name', 'given_name', 'text', ''],
  ['M2', 'Agreed', 'Age', 'age', 'integer', 'Age in years', 'age_years', 'integer', ''],
  ['M3', 'New', 'Date of birth', 'dob', 'date', 'Birth date', 'birth_date', 'date', ''],
];

let tmp: string;
let who: Run;
let whoJson: CheckOutput;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mapspec-cli-'));
  who = mapspec(['check', WHO, '--json']);
  whoJson = JSON.parse(who.stdout) as CheckOutput;
}, 60_000);

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('mapspec check on the WHO ANC data dictionary', () => {
  test('--json: one JSON object, exit status from its errors, nothing on stderr, in a few seconds', () => {
    console.log(`mapspec check WHO --json: ${who.ms} ms, ${whoJson.total} findings in ${whoJson.rowsChecked} rows`);
    expect(who.stderr).toBe('');
    expect(who.status).toBe(whoJson.bySeverity.error > 0 ? 1 : 0);
    expect(Object.keys(whoJson).sort()).toEqual(['bySeverity', 'coverage', 'file', 'findings', 'ownWords', 'rowsChecked', 'tabs', 'total', 'truncated']);
    expect(whoJson.file).toBe(WHO);
    expect(whoJson.tabs).toHaveLength(15);
    expect(whoJson.total).toBe(whoJson.bySeverity.error + whoJson.bySeverity.warning + whoJson.bySeverity.info);
    expect(whoJson.findings.length).toBeLessThanOrEqual(whoJson.total);
    expect(whoJson.rowsChecked).toBeGreaterThan(1000);
    expect(who.ms).toBeLessThan(15_000);
  });

  test.each(DATA_TABS)('%s: header row 2, and the id, label, type and choices columns found', (name) => {
    const tab = whoJson.tabs.find((t) => t.name === name)!;
    expect(tab).toMatchObject({ kind: 'dictionary', headerRow: 2 });
    const headerOf = (role: string) => tab.columns.filter((c) => c.role === role).map((c) => c.header.replace(/\s+/g, ' ').trim().toLowerCase());
    expect(headerOf('id')).toEqual(['[anc] data element id']);
    expect(headerOf('label')).toEqual(['data element label']);
    expect(headerOf('type')).toEqual(['data type']);
    expect(headerOf('choices')).toEqual(['input options']);
    for (const c of tab.columns) expect(c.letter).toMatch(/^[A-Z]+$/);
  });

  test('the cover, overview, read-me and reference tabs are not checked; findings belong to data tabs', () => {
    for (const name of ['Overview', 'READ ME', 'COVER', 'References']) expect(whoJson.tabs.find((t) => t.name === name)?.kind).toBe('none');
    expect(new Set(whoJson.findings.map((f) => f.tab)).size).toBeGreaterThan(0);
    for (const f of whoJson.findings) {
      expect(DATA_TABS).toContain(f.tab);
      expect(f).toEqual(expect.objectContaining({ rule: expect.any(String), severity: expect.stringMatching(/^(error|warning|info)$/), message: expect.any(String), hint: expect.any(String) }));
    }
    // Each data tab's ID column is detected, but not checked as a key until confirmed with --key.
    for (const name of DATA_TABS) expect(whoJson.tabs.find((t) => t.name === name)?.key).toMatchObject({ header: expect.stringMatching(/Data element ID/i), confirmed: false });
    expect(whoJson.findings.filter((f) => f.rule === 'duplicate-key' || f.rule === 'missing-key')).toEqual([]);
  });

  test('--tab "ANC.B6 Profile": its layout line, its findings in the add-on\'s words, the summary', () => {
    const r = mapspec(['check', WHO, '--tab', 'ANC.B6 Profile', '--key', 'ANC.B6 Profile![ANC] Data element ID']);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(`${WHO}: 1 tab`);
    expect(lines[1]).toMatch(/^ {2}ANC\.B6 Profile: dictionary, header row 2, high confidence; /);
    // This tab writes its column names in sentence case ("Data element ID").
    expect(lines[1]).toContain('B id ([ANC] Data element ID), C label (Data element label)');
    expect(lines[1]).toContain('F type (Data type), G choices (Input options)');
    expect(lines[1]).toMatch(/; key B confirmed$/);
    // The dictionary really does reuse an ID (ANC.B6.DE14 on rows 16 and 17).
    expect(r.stdout).toMatch(/^ANC\.B6 Profile \(\d+ findings?\)$/m);
    expect(r.stdout).toMatch(/^ {2}ANC\.B6 Profile, row 17, column B \(\[ANC\] Data element ID\): .+ \(duplicate-key, error\)$/m);
    // No other tab's findings.
    expect(r.stdout).not.toMatch(/^ {2}ANC\.B7/m);
    const summary = lines.filter((l) => l !== '').pop()!;
    expect(summary).toMatch(/^\d+ errors?, \d+ warnings?, \d+ info in 1 tab \(\d+ rows\)$/);
    expect(r.status).toBe(1);
  });
});

describe('mapspec check on workbooks made here', () => {
  test('a clean mapping tab: "0 errors" and exit 0, from any working directory', async () => {
    const file = await mappingWorkbook(path.join(tmp, 'clean.xlsx'), CLEAN_ROWS);
    const r = mapspec(['check', 'clean.xlsx'], tmp);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^ {2}Registration: mapping, header row 1, /m);
    expect(r.stdout).toMatch(/^0 errors, \d+ warnings?, \d+ info in 1 tab \(3 rows\)$/m);
    expect(r.status).toBe(0);
    expect(fs.statSync(file).size).toBeGreaterThan(0);
  });

  test('two rows writing one destination field: duplicate-destination, exit 1; the file is not changed', async () => {
    const rows = CLEAN_ROWS.map((r) => [...r]);
    rows[2][6] = 'given_name';
    const file = await mappingWorkbook(path.join(tmp, 'dup.xlsx'), rows);
    const before = fs.readFileSync(file);
    const r = mapspec(['check', file, '--json']);
    const out = JSON.parse(r.stdout) as CheckOutput;
    expect(out.findings).toContainEqual(expect.objectContaining({ tab: 'Registration', row: 4, column: 'G', rule: 'duplicate-destination', severity: 'error' }));
    expect(out.bySeverity.error).toBeGreaterThan(0);
    expect(r.status).toBe(1);
    const roles = Object.fromEntries(out.tabs[0].columns.map((c) => [c.letter, c.role]));
    expect(roles).toMatchObject({ A: 'id', B: 'status', D: 'source-path', E: 'source-type', G: 'destination-path', H: 'destination-type', I: 'rule' });
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  test('the spec\'s own words are listed with a guess; --status and --type say what they mean', async () => {
    const rows = CLEAN_ROWS.map((r) => [...r]);
    rows[0][1] = 'Added';
    rows[1][1] = 'Added';
    rows[2][4] = 'Texte libre';
    const file = await mappingWorkbook(path.join(tmp, 'words.xlsx'), rows);
    const json = JSON.parse(mapspec(['check', file, '--json']).stdout) as CheckOutput;
    expect(json.ownWords).toEqual([
      { kind: 'status', word: 'Added', rows: 2, tabs: ['Registration'], suggestion: 'Agreed' },
      { kind: 'type', word: 'Texte libre', rows: 1, tabs: ['Registration'], suggestion: null },
    ]);
    const human = mapspec(['check', file]);
    expect(human.stdout).toContain('  statuses: "Added" (2 rows, perhaps Agreed)\n  types: "Texte libre" (1 row)\n');
    const adopted = mapspec(['check', file, '--status', 'Added=Agreed', '--type', 'Texte libre=date', '--json']);
    const out = JSON.parse(adopted.stdout) as CheckOutput;
    expect(out.ownWords).toEqual([]);
    expect([out.findings, out.total]).toEqual([[], 0]);
    const bad = mapspec(['check', file, '--status', 'Added=Parked']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('The status word "Added" must be treated as one of: New, Needs discussion, Agreed, Deprecated.');
    const malformed = mapspec(['check', file, '--type', 'Freetext']);
    expect(malformed.stderr).toBe('mapspec: --type needs WORD=TYPE, e.g. "Freetext=text"; got "Freetext"\n');
  });

  test('--tab still reads the value-map tabs for their lists; a named tab with no header fails', async () => {
    const wb = new ExcelJS.Workbook();
    const m = wb.addWorksheet('Mapping');
    m.addRow(['ID', 'Status', 'Source API name', 'Source type', 'Destination API name', 'Destination type', 'Transformation rule', 'Value map']);
    m.addRow(['M1', 'Agreed', 'sex', 'select_one', 'gender', 'select_one', '', 'sex']);
    const v = wb.addWorksheet('Value maps');
    v.addRow(['List name', 'Source value', 'Destination value']);
    v.addRow(['sex', 'm', 'male']);
    v.addRow(['sex', 'm', '']);
    wb.addWorksheet('Notes');
    const file = path.join(tmp, 'lists.xlsx');
    await wb.xlsx.writeFile(file);

    const r = mapspec(['check', file, '--tab', 'Mapping', '--json']);
    const out = JSON.parse(r.stdout) as CheckOutput;
    // "sex" is a known list (no unknown-value-map), and the value-map tab's own errors are not reported.
    expect(out.findings).toEqual([]);
    expect(out.tabs.map((t) => t.name)).toEqual(['Mapping']);
    expect(out.listTabs).toEqual(['Value maps']);
    expect(r.status).toBe(0);

    const notes = installed(['check', file, '--tab', 'Notes'], tmp);
    expect(notes.stdout).toMatch(/^ {2}Notes: no mapping-spec header found \(not checked\)$/m);
    expect(notes.stdout).toMatch(/^ {2}Notes: .+ \(missing-header, error\)$/m);
    expect(notes.status).toBe(1);
  });

  test('the installed command (bin/mapspec.js → build/cli.js from `npm run build`) finds the add-on from elsewhere', async () => {
    // The jest global setup ran `npm run build`; rebuilding here would race other workers reading build/.
    expect(fs.existsSync(path.join(BUILD_DIR, 'cli.js'))).toBe(true);
    await mappingWorkbook(path.join(tmp, 'installed.xlsx'), CLEAN_ROWS);
    const r = installed(['check', 'installed.xlsx'], tmp);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^0 errors, /m);
    expect(r.status).toBe(0);
    const v = installed(['--version'], tmp);
    expect(v.stdout).toBe(`mapspec ${JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version}\n`);
  });
});

test('clasp push leaves build/cli.js out: only the add-on\'s files go to Apps Script', () => {
  // clasp's own matching: micromatch (as clasp resolves it) over rootDir's files with .claspignore's lines.
  const micromatch = require(require.resolve('micromatch', { paths: [path.join(ROOT, 'node_modules/@google/clasp')] }));
  const patterns = fs.readFileSync(path.join(ROOT, '.claspignore'), 'utf8').split(/\r?\n/).filter((l) => l.length > 0);
  expect(fs.readdirSync(BUILD_DIR)).toContain('cli.js');
  const pushed = micromatch.not(fs.readdirSync(BUILD_DIR), patterns, { dot: true }).sort();
  expect(pushed).toEqual(['Code.js', 'Sidebar.html', 'appsscript.json']);
});

describe('usage and bad input: exit 2, a clear message, no stack trace', () => {
  const noStack = (r: Run) => expect(r.stderr).not.toMatch(/^\s+at /m);

  test('a missing file', () => {
    const r = mapspec(['check', path.join(tmp, 'nope.xlsx')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`mapspec: ${path.join(tmp, 'nope.xlsx')}: no such file\n`);
    expect(r.stdout).toBe('');
  });

  test('a file that is not an .xlsx workbook', () => {
    const file = path.join(tmp, 'notes.xlsx');
    fs.writeFileSync(file, 'just text');
    const r = installed(['check', file], tmp);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`mapspec: cannot read ${file} as an .xlsx workbook`);
    noStack(r);
  });

  test('an unknown --tab lists the tab names', async () => {
    const file = await mappingWorkbook(path.join(tmp, 'tabs.xlsx'), CLEAN_ROWS, ['Read me', 'Value maps']);
    const r = mapspec(['check', file, '--tab', 'Registraton']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`mapspec: no tab named "Registraton" in ${file}; its tabs are: "Registration", "Read me", "Value maps"\n`);
    noStack(r);
  });

  test('--key naming an unknown tab or a column the tab lacks; --key on diff', async () => {
    const file = await mappingWorkbook(path.join(tmp, 'keys.xlsx'), CLEAN_ROWS);
    const [noTab, noColumn, onDiff, emptyColumn] = await Promise.all(
      [['check', file, '--key', 'Registraton!ID'], ['check', file, '--key', 'Registration!Row key'], ['diff', file, file, '--key', 'ID'], ['check', file, '--key', 'Registration!']].map(installedAsync),
    );
    expect(noTab.stderr).toBe(`mapspec: --key "Registraton!ID": no tab named "Registraton" in ${file}\n`);
    expect(noColumn.stderr).toBe('mapspec: --key "Registration!Row key": tab "Registration" has no column headed "Row key"\n');
    expect(onDiff.stderr).toMatch(/^mapspec: --key is an option of check/);
    expect(emptyColumn.stderr).toMatch(/^mapspec: --key needs a column/);
    for (const r of [noTab, noColumn, onDiff, emptyColumn]) {
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      noStack(r);
    }
  });

  test('(installed) unknown options and commands, a missing file argument; --help and --version', async () => {
    const [badOption, badCommand, noFile, nothing, help, checkHelp, version] = await Promise.all(
      [['check', WHO, '--jsn'], ['chek', WHO], ['check'], [], ['--help'], ['check', '--help'], ['--version']].map(installedAsync),
    );
    expect(badOption.stderr).toBe('mapspec: unknown option --jsn\nRun `mapspec --help` for usage.\n');
    expect(badCommand.stderr).toMatch(/^mapspec: unknown command "chek"\nUsage: mapspec <command>/);
    expect(noFile.stderr).toMatch(/^mapspec: check needs the \.xlsx file to check\nUsage: mapspec check FILE\.xlsx/);
    expect(nothing.stderr).toMatch(/^mapspec: a command is needed\n/);
    for (const r of [badOption, badCommand, noFile, nothing]) {
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      noStack(r);
    }
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('check FILE.xlsx [--tab NAME] [--json]');
    expect(checkHelp.status).toBe(0);
    expect(checkHelp.stdout).toContain('Exit status:');
    expect(version.stdout).toMatch(/^mapspec \d+\.\d+\.\d+\n$/);
  });
});
