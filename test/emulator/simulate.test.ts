// What Google does around the script (simulate.ts): onOpen's auth mode before and after the add-on
// is used, menu items, a person's edit firing simple and installable onEdit, time passing with
// clock triggers, and google.script.run's JSON-only contract.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Emulator } from '../../src/emulator/emulator';
import { advanceTime, callServer, callServerWith, openDocument, runMenuItem, topLevelFunctions, userEdit } from '../../src/emulator/simulate';
import { jsonProblem } from '../../src/core/json';
import { demoWorkbook } from '../../src/playground/demo-workbook';
import { writeFakeBuild } from '../playground/support/fake-addon';

let dir: string;
let codePath: string;
beforeAll(() => {
  dir = writeFakeBuild();
  codePath = path.join(dir, 'Code.js');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function emulator(): Emulator {
  const e = new Emulator({ workbook: demoWorkbook(), readProjectFile: (name) => fs.readFileSync(path.join(dir, `${name}.html`), 'utf8') });
  e.setActiveUser('approver@client.example.org');
  e.setActiveUser('analyst@example.org');
  return e;
}

const cell = (e: Emulator, sheetId: number, r: number, c: number) => e.state.workbook.sheets.find((s) => s.id === sheetId)!.rows[r - 1]?.[c - 1]?.v;

test('lists the top-level functions of the built file', () => {
  const names = topLevelFunctions(codePath);
  expect(names.has('onOpen')).toBe(true);
  expect(names.has('onEdit')).toBe(true);
  expect(names.has('secret_')).toBe(true);
});

test('onOpen runs in NONE until the add-on is used in the document, then LIMITED', () => {
  const e = emulator();
  const before = openDocument(e, { codePath, addonEnabled: false });
  expect(before.run?.authMode).toBe('NONE');
  expect(before.menus[0].items).toHaveLength(5);
  const menu = runMenuItem(e, 'showSidebar', { codePath });
  expect(menu).toMatchObject({ ok: true, authMode: 'FULL', addonEnabled: true });
  expect(menu.effects.sidebar?.title).toBe('Test sidebar');
  const after = openDocument(e, { codePath, addonEnabled: true });
  expect(after.run?.authMode).toBe('LIMITED');
  expect(after.menus[0].items).toHaveLength(7);
});

test('a menu item naming a missing function fails as Apps Script says', () => {
  const run = runMenuItem(emulator(), 'notThere', { codePath });
  expect(run.ok).toBe(false);
  expect(run.error?.message).toBe('Script function not found: notThere');
});

test('an edit fires the simple onEdit (LIMITED) and each installable trigger as its owner (FULL)', () => {
  const e = emulator();
  expect(runMenuItem(e, 'installEditTrigger', { codePath }).ok).toBe(true);
  e.setActiveUser('approver@client.example.org');
  const result = userEdit(e, { sheetId: 2, row: 30, column: 1, values: [['yes']] }, { codePath });
  expect(result.a1).toBe('A30');
  expect(result.runs.map((r) => [r.kind, r.functionName, r.authMode, r.ok])).toEqual([
    ['simple-trigger', 'onEdit', 'LIMITED', true],
    ['installable-trigger', 'onEditInstalled', 'FULL', true],
  ]);
  expect(result.runs[1].user).toBe('approver@client.example.org');
  expect(cell(e, 2, 30, 2)).toBe('seen yes (LIMITED)');
  expect(cell(e, 2, 30, 3)).toMatch(/^installed for analyst@example\.org \(.+\)$/);
});

test('a refused entry throws Sheets message and fires nothing', () => {
  const e = emulator();
  expect(() => userEdit(e, { sheetId: 1, row: 3, column: 2, values: [['Maybe']] }, { codePath })).toThrow();
  expect(cell(e, 1, 3, 2)).toBe('Agreed');
});

test('time passing fires each due clock trigger at its time, in order', () => {
  const e = emulator();
  runMenuItem(e, 'installTrigger', { codePath });
  const start = e.clock.now();
  const runs = advanceTime(e, 2.5 * 3600_000, { codePath });
  expect(runs.map((r) => [r.functionName, r.kind, r.ok, r.user])).toEqual([
    ['tick', 'clock-trigger', true, 'analyst@example.org'],
    ['tick', 'clock-trigger', true, 'analyst@example.org'],
  ]);
  expect(e.state.properties.document.ticks).toBe('2');
  expect(e.clock.now() - start).toBeGreaterThanOrEqual(2.5 * 3600_000);
  expect(advanceTime(e, 60_000, { codePath })).toEqual([]);
});

describe('callServer (google.script.run)', () => {
  test('copies the JSON payload into the script and the JSON result out', () => {
    const r = callServer(emulator(), 'echo', { list: [1, 'a', null, { b: false }] }, { codePath });
    expect(r).toMatchObject({ ok: true, value: { got: { list: [1, 'a', null, { b: false }] }, user: 'analyst@example.org' } });
    // Plain Node objects, not the sandbox's.
    expect(Object.getPrototypeOf((r as { value: object }).value)).toBe(Object.prototype);
  });

  test('refuses payloads that are not JSON, as google.script.run does', () => {
    const e = emulator();
    expect(callServer(e, 'echo', { when: new Date() }, { codePath })).toMatchObject({ ok: false, message: expect.stringMatching(/payload\.when is a Date/) });
    expect(callServer(e, 'echo', { f: () => 1 }, { codePath })).toMatchObject({ ok: false, message: expect.stringMatching(/is a function/) });
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(callServer(e, 'echo', loop, { codePath })).toMatchObject({ ok: false, message: expect.stringMatching(/circular/) });
    expect(callServer(e, 'echo', new Map(), { codePath })).toMatchObject({ ok: false, message: expect.stringMatching(/Map/) });
  });

  test('several arguments travel as google.script.run passes them; each must be JSON', () => {
    const e = emulator();
    // echo returns its first argument; arguments after it reach the function too (checked by JSON).
    expect(callServerWith(e, 'echo', [{ a: 1 }, 'second'], { codePath })).toMatchObject({ ok: true, value: { got: { a: 1 } } });
    expect(callServerWith(e, 'echo', [{ a: 1 }, new Date()], { codePath })).toMatchObject({ ok: false, message: expect.stringMatching(/argument 2 is a Date/) });
  });

  test('results that are not JSON fail with a clear message', () => {
    const e = emulator();
    expect(callServer(e, 'giveDate', {}, { codePath })).toMatchObject({ ok: false, message: expect.stringMatching(/giveDate: the return value\.when is a Date/) });
    expect(callServer(e, 'giveFunction', {}, { codePath })).toMatchObject({ ok: false, message: expect.stringMatching(/the return value\.f is a function/) });
  });

  test('errors come back as their message; private and missing functions are refused', () => {
    const e = emulator();
    const boom = callServer(e, 'boom', { why: 'x' }, { codePath });
    expect(boom).toMatchObject({ ok: false, message: 'Boom: x' });
    expect(JSON.stringify({ ...boom, effects: undefined, run: undefined })).not.toMatch(/at boom/);
    expect(callServer(e, 'secret_', {}, { codePath })).toMatchObject({ ok: false, message: expect.stringMatching(/private/) });
    expect(callServer(e, 'missing', {}, { codePath })).toMatchObject({ ok: false, message: 'Script function not found: missing' });
    // Object.prototype's methods are not script functions.
    expect(callServer(e, 'toString', {}, { codePath })).toMatchObject({ ok: false, message: 'Script function not found: toString' });
    expect(callServer(e, 'a.b', {}, { codePath })).toMatchObject({ ok: false, message: expect.stringMatching(/Invalid function name/) });
  });
});

test('jsonProblem accepts plain JSON and names the first offending path', () => {
  expect(jsonProblem({ a: [1, { b: 'c' }], d: null, e: undefined })).toBeUndefined();
  expect(jsonProblem({ a: [1, { b: NaN }] })).toMatch(/value\.a\[1\]\.b is NaN/);
  expect(jsonProblem(Object.create(null))).toBeUndefined();
  class Thing {}
  expect(jsonProblem({ t: new Thing() })).toMatch(/value\.t is a Thing object/);
});
