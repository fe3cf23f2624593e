// Issue 23, the command line: a workbook whose IDs and values hold escape sequences, line breaks and
// bidi overrides prints one line per finding and per row change, with those characters escaped
// visibly; --json carries the original strings.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CheckOutput } from '../../src/cli/check';
import type { DiffOutput } from '../../src/cli/diff';
import { shortValue } from '../../src/cli/format-diff';
import { terminalText, visible } from '../../src/cli/visible';
import { ROOT } from '../support/paths';
import { writeMappingWorkbook } from '../support/xlsx-workbook';

const HEADER = ['ID', 'Status', 'Source label', 'Source API name', 'Source type', 'Destination label', 'Destination API name', 'Destination type', 'Transformation rule'];
// An .xlsx (XML) cannot hold ESC or BEL (exceljs drops them on writing), so the file carries C1's CSI
// (U+009B, ESC's 8-bit twin), a line break and bidi controls; ESC itself is covered by the unit test.
const NEWLINE_ID = 'M1\n- row FORGED-REMOVED';
const RLO_ID = 'M\u202Eevil';
const C1_ID = 'M\u009b2J';
const ISOLATE_ID = 'M\u2066x\u2069';
const IDS = [NEWLINE_ID, RLO_ID, C1_ID, ISOLATE_ID];
/** What a terminal must never receive from a file's value. */
const RAW = /[\x1b\r\u0085\u009b\u202a-\u202e\u2066-\u2069]/;

function installed(args: string[]) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/mapspec.js'), ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function row(id: string, dst: string): string[] {
  return [id, 'Agreed', 'Name', 'name', 'text', 'Name', dst, 'text', ''];
}

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mapspec-hostile-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

test('visible() escapes C0, C1, DEL and bidi controls and leaves other text alone; terminalText keeps one line per line', () => {
  expect(terminalText(['a: \x1b]0;pwned\x07\x1b[2J', 'b: one\ntwo'])).toBe('a: \\x1b]0;pwned\\x07\\x1b[2J\nb: one\\ntwo\n');
  expect(shortValue('\x1b[31mred\r\nmore')).toBe('\\x1b[31mred\\r\\nmore');
  expect(visible('a\x1b[2Jb\nc\rd\te\u0085f\u007fg\u202Eh\u2066i')).toBe('a\\x1b[2Jb\\nc\\rd\\te\\x85f\\x7fg\\u202eh\\u2066i');
  expect(visible('ប្រព័ន្ធ — “ok” ＝1+1')).toBe('ប្រព័ន្ធ — “ok” ＝1+1');
});

test('check: one line per finding, no raw control character; --json keeps the original IDs', async () => {
  // Each hostile ID twice: a duplicate-key finding per repeated row, naming the ID.
  const file = await writeMappingWorkbook(path.join(tmp, 'check.xlsx'), HEADER, IDS.flatMap((id, i) => [row(id, `a${i}`), row(id, `b${i}`)]));
  const human = installed(['check', file, '--key', 'ID']);
  expect(human.stderr).toBe('');
  expect(human.stdout).not.toMatch(RAW);
  const findingLines = human.stdout.split('\n').filter((l) => l.includes('(duplicate-key,'));
  expect(findingLines.length).toBe(IDS.length);
  expect(human.stdout).toContain('M\\x9b2J');
  expect(human.stdout).toContain('M1\\n- row FORGED-REMOVED');
  expect(human.stdout.split('\n').some((l) => l.startsWith('- row FORGED'))).toBe(false);

  const json = installed(['check', file, '--key', 'ID', '--json']);
  const out = JSON.parse(json.stdout) as CheckOutput;
  const dup = out.findings.filter((f) => f.rule === 'duplicate-key').map((f) => f.message);
  for (const id of IDS) expect(dup.some((m) => m.includes(id))).toBe(true);
});

test('diff: a row ID with a newline cannot forge a removed row; values show escaped; --json keeps them', async () => {
  const before = await writeMappingWorkbook(path.join(tmp, 'old.xlsx'), HEADER, [row('M0', 'same')]);
  const after = await writeMappingWorkbook(path.join(tmp, 'new.xlsx'), HEADER, [row('M0', `x\u009b31mred\u202Eevil`), ...IDS.map((id, i) => row(id, `d${i}`))]);
  const human = installed(['diff', before, after]);
  expect(human.stdout).not.toMatch(RAW);
  const lines = human.stdout.split('\n');
  expect(lines.filter((l) => /^\s*- row/.test(l))).toEqual([]);
  expect(lines.filter((l) => /^\s*\+ row/.test(l)).length).toBe(IDS.length);
  expect(human.stdout).toContain('x\\x9b31mred\\u202eevil');

  const json = JSON.parse(installed(['diff', before, after, '--json']).stdout) as DiffOutput;
  const keys = json.diff.tabs.flatMap((t) => t.rows.map((r) => r.key));
  for (const id of IDS) expect(keys).toContain(id);
});
