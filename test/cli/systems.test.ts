// Issue 12 on the command line: `mapspec check SPEC.xlsx --metadata [dest=|source=]FILE --sample FILE`
// reads the files with the core readers, hands the compact form to the built add-on as the sidebar
// would, and reports the findings and the coverage (text, --json, --format github); bad files get
// one clear line and exit 2. Runs the installed command (bin/mapspec.js → build/cli.js).
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CheckOutput } from '../../src/cli/check';
import { ROOT } from '../support/paths';
import { writeMappingWorkbook } from '../support/xlsx-workbook';

const ExcelJS = require('exceljs');

type Run = { status: number | null; stdout: string; stderr: string };
function mapspec(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(ROOT, 'bin/mapspec.js'), ...args], { cwd: ROOT, encoding: 'utf8' }, (err, stdout, stderr) => {
      resolve({ status: err ? ((err as { code?: number }).code ?? null) : 0, stdout, stderr });
    });
  });
}

const HEADER = ['ID', 'Status', 'Source label', 'Source API name', 'Source type', 'Destination label', 'Destination API name', 'Destination type', 'Transformation rule'];
const ROWS = [
  ['M1', 'Agreed', 'Age', 'form.age', 'integer', 'Age', 'AGE', 'integer', ''],
  ['M2', 'Agreed', 'Name', 'form.name', 'text', 'Name', 'ghiJKL6789O', 'text', ''],
];
const DHIS2 = {
  dataElements: [
    { id: 'abcDEF12345', code: 'AGE', name: 'Age', valueType: 'INTEGER' },
    { id: 'ghiJKL67890', code: 'NAME', name: 'Name', valueType: 'TEXT' },
  ],
};

let tmp: string;
let spec: string;
let meta: string;
let sample: string;
beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mapspec-systems-'));
  spec = await writeMappingWorkbook(path.join(tmp, 'spec.xlsx'), HEADER, ROWS);
  meta = path.join(tmp, 'dhis2.json');
  fs.writeFileSync(meta, JSON.stringify(DHIS2));
  sample = path.join(tmp, 'visit.json');
  fs.writeFileSync(sample, JSON.stringify({ form: { age: 34, name: 'Amina', village: 'Kep' } }));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

test('--metadata and --sample: the side said, the findings against them, the coverage; --json has the same', async () => {
  const [human, json] = await Promise.all([mapspec(['check', spec, '--metadata', meta, '--sample', `source=${sample}`]), mapspec(['check', spec, '--metadata', `dest=${meta}`, '--sample', sample, '--json'])]);
  expect(human.stderr).toBe('');
  expect(human.status).toBe(1);
  expect(human.stdout).toContain('  metadata dhis2.json: the destination (from its format; say dest= or source= otherwise); DHIS2 metadata: 2 data elements, 0 tracked entity attributes, 0 option sets\n');
  expect(human.stdout).toContain('  sample visit.json: the source; 1 record, 3 paths\n');
  expect(human.stdout).toContain('"ghiJKL6789O" is not in dhis2.json; did you mean "ghiJKL67890"? (unknown-destination, error)');
  expect(human.stdout).toContain('Coverage:\n  Registration × visit.json: 2 of 3 sample fields mapped, 1 unmapped\n  Registration × dhis2.json: 1 of 2 fields of the metadata mapped\n');
  expect(human.stdout).not.toContain('Amina');
  const out = JSON.parse(json.stdout) as CheckOutput;
  expect(out.systems).toEqual([
    { name: 'dhis2.json', kind: 'metadata', side: 'destination', sideGiven: true, summary: 'DHIS2 metadata: 2 data elements, 0 tracked entity attributes, 0 option sets' },
    { name: 'visit.json', kind: 'sample', side: 'source', sideGiven: false, summary: '1 record, 3 paths' },
  ]);
  expect(out.coverage).toHaveLength(2);
  expect(out.findings.map((f) => f.rule).sort()).toEqual(['sample-field-unmapped', 'unknown-destination']);
});

test('--format github: one annotation per finding, escaped, then the counts', async () => {
  const r = await mapspec(['check', spec, '--metadata', meta, '--format', 'github']);
  const lines = r.stdout.trim().split('\n');
  expect(lines[0]).toBe(`::error file=${spec.replace(/:/g, '%3A').replace(/,/g, '%2C')},title=unknown-destination::Registration, row 3, column G (Destination API name): "ghiJKL6789O" is not in dhis2.json; did you mean "ghiJKL67890"? Check the spelling against dhis2.json, or import its newer metadata if the field was added since.`);
  expect(lines[lines.length - 1]).toBe('1 error, 0 warnings, 0 info');
  expect(r.status).toBe(1);
});

test('bad files: cut-off JSON, an unknown format, an XLSForm without survey, a CSV without path, a missing file, a whole instance\'s export; bad flags', async () => {
  const cut = path.join(tmp, 'cut.json');
  fs.writeFileSync(cut, JSON.stringify(DHIS2).slice(0, 60));
  const other = path.join(tmp, 'other.json');
  fs.writeFileSync(other, JSON.stringify({ hello: 'world' }));
  const csv = path.join(tmp, 'fields.csv');
  fs.writeFileSync(csv, 'name,type\nage,int\n');
  const noSurvey = path.join(tmp, 'form.xlsx');
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Questions').addRow(['type', 'name']);
  await wb.xlsx.writeFile(noSurvey);
  // A 20 MB export of a whole instance (30,000 data elements): more than one system keeps.
  const huge = path.join(tmp, 'instance.json');
  fs.writeFileSync(huge, JSON.stringify({ dataElements: Array.from({ length: 30_000 }, (_, i) => ({ id: `de${String(i).padStart(9, '0')}`, code: `CODE_${i}`, name: `Data element ${i} ${'x'.repeat(400)}`, valueType: 'TEXT' })) }));
  expect(fs.statSync(huge).size).toBeGreaterThan(12_000_000);
  const runs = await Promise.all([
    mapspec(['check', spec, '--metadata', cut]),
    mapspec(['check', spec, '--metadata', other]),
    mapspec(['check', spec, '--metadata', `source=${noSurvey}`]),
    mapspec(['check', spec, '--metadata', csv]),
    mapspec(['check', spec, '--sample', path.join(tmp, 'nope.json')]),
    mapspec(['check', spec, '--format', 'gitlab']),
    mapspec(['diff', spec, spec, '--metadata', meta]),
    mapspec(['check', spec, '--metadata', huge]),
  ]);
  expect(runs.map((r) => r.stderr.split('\n')[0])).toEqual([
    expect.stringMatching(new RegExp(`^mapspec: --metadata ${cut.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not valid JSON \\(.*\\) — the file ends mid-way: was the export cut off\\?$`)),
    expect.stringMatching(/^mapspec: --metadata .*other\.json is none of the formats Mapspec reads: a DHIS2 metadata export/),
    'mapspec: --metadata form.xlsx has no "survey" sheet, so it is not an XLSForm (its sheets: "Questions").',
    'mapspec: --metadata fields.csv: the first row must name the columns, with at least "path" (and "type", "label", "list"); it is "name,type".',
    expect.stringMatching(/^mapspec: --sample .*nope\.json: no such file$/),
    'mapspec: --format takes github (one annotation line per finding), not "gitlab"',
    'mapspec: --status, --type, --metadata, --sample and --format are options of check',
    'mapspec: --metadata instance.json has 30,000 fields; Mapspec keeps at most 20,000 per system: export only the programs or forms the spec maps (with their dependencies).',
  ]);
  for (const r of runs) {
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  }
});
