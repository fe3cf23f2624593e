// The playground server's JSON API without a browser: state, edits firing onEdit, menus, the
// google.script.run bridge (JSON only, errors as messages), time triggers, users, persistence,
// downloads and request validation. Runs against a small hand-written Code.js (support/fake-addon).
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { startPlayground, type PlaygroundServer } from '../../src/playground/server';
import { readXlsx } from '../../src/emulator/xlsx';
import { writeFakeBuild } from './support/fake-addon';
import { FIXTURES } from '../support/paths';

let buildDir: string;
let tmp: string;

beforeAll(() => {
  buildDir = writeFakeBuild();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mapspec-playground-'));
});

afterAll(() => {
  fs.rmSync(buildDir, { recursive: true, force: true });
  fs.rmSync(tmp, { recursive: true, force: true });
});

let counter = 0;
async function start(statePath = path.join(tmp, `state-${++counter}.json`)): Promise<PlaygroundServer> {
  return startPlayground({ port: 0, statePath, buildDir });
}

async function call<T = Record<string, unknown>>(server: PlaygroundServer, route: string, body?: unknown, init: RequestInit = {}): Promise<{ status: number; data: T }> {
  const res = await fetch(server.url + route, body === undefined ? init : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body), ...init });
  const text = await res.text();
  return { status: res.status, data: (text ? JSON.parse(text) : null) as T };
}

interface StateData {
  version: number;
  user: string;
  menus: { title: string; items: { kind: string; caption?: string; functionName?: string }[] }[];
  tabs: { id: number; name: string; hidden: boolean }[];
  sheet: { id: number; name: string; frozenRows: number; merges: unknown[] };
  cells: { r: number; c: number; t: string; in: string; cb?: boolean; list?: string[] }[];
  active: { sheetId: number; a1: string };
  sidebar: { serial: number; title: string } | null;
  notices: { kind: string; title: string; message: string }[];
  addonEnabled: boolean;
}

const cellText = (s: StateData, r: number, c: number) => s.cells.find((x) => x.r === r && x.c === c)?.t;

describe('playground server', () => {
  let server: PlaygroundServer;
  beforeEach(async () => {
    server = await start();
  });
  afterEach(async () => {
    await server.close();
  });

  test('serves the page and the demo workbook state', async () => {
    const page = await fetch(server.url + '/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<script src="/app.js"');
    expect((await fetch(server.url + '/app.js')).status).toBe(200);

    const { data } = await call<StateData>(server, '/api/state');
    expect(data.tabs.map((t) => t.name)).toEqual(['README', 'Mapping', 'Value maps', 'Implementation checklist', 'Lists', '_mapspec_systems']);
    expect(data.tabs.filter((t) => t.hidden).map((t) => t.name)).toEqual(['Lists', '_mapspec_systems']);
    expect(data.sheet.name).toBe('Mapping');
    expect(data.sheet.frozenRows).toBe(2);
    expect(cellText(data, 2, 1)).toBe('ID');
    expect(cellText(data, 3, 1)).toBe('MAP-001');
    expect(data.cells.find((c) => c.r === 3 && c.c === 13)?.cb).toBe(true);
    expect(data.cells.find((c) => c.r === 3 && c.c === 2)?.list).toContain('Needs discussion');
    expect(data.user).toBe('analyst@example.org');

    const checklist = data.tabs.find((t) => t.name === 'Implementation checklist')!;
    const other = await call<StateData>(server, `/api/state?sheet=${checklist.id}&r1=1&r2=100`);
    const signOff = other.data.cells.find((c) => c.t === 'Client sign-offs on workflow diagram & mapping specs');
    expect(signOff).toBeDefined();
    expect(other.data.cells.find((c) => c.r === signOff!.r && c.c === 6)?.cb).toBe(true);
  });

  test('opening runs onOpen in NONE until a menu item was used, LIMITED after', async () => {
    const first = await call<{ menus: StateData['menus']; run: { authMode: string; ok: boolean } }>(server, '/api/open', {});
    expect(first.data.run).toMatchObject({ ok: true, authMode: 'NONE' });
    const captions = first.data.menus[0].items.map((i) => i.caption);
    expect(captions).toEqual(['Open sidebar', 'Install hourly trigger', 'Send test email', 'Show dialog', 'Say hi']);

    const menu = await call<{ ok: boolean; run: { authMode: string } }>(server, '/api/menu', { functionName: 'showSidebar' });
    expect(menu.data).toMatchObject({ ok: true, run: { authMode: 'FULL' } });
    const state = await call<StateData>(server, '/api/state');
    expect(state.data.sidebar?.title).toBe('Test sidebar');
    expect(state.data.addonEnabled).toBe(true);

    const again = await call<{ menus: StateData['menus']; run: { authMode: string } }>(server, '/api/open', {});
    expect(again.data.run.authMode).toBe('LIMITED');
    expect(again.data.menus[0].items.some((i) => i.caption === 'Only when enabled')).toBe(true);

    // The sidebar is served with the google.script shim before its first script.
    const html = await (await fetch(server.url + '/sidebar')).text();
    expect(html.indexOf('data-mapspec-shim')).toBeGreaterThan(-1);
    expect(html.indexOf('data-mapspec-shim')).toBeLessThan(html.indexOf('google.script.run.withSuccessHandler'));
  });

  test('what scripts show reaches the page: toasts, dialogs, mail', async () => {
    await call(server, '/api/open', {});
    await call(server, '/api/menu', { functionName: 'sayHi' });
    await call(server, '/api/menu', { functionName: 'showDialog' });
    await call(server, '/api/menu', { functionName: 'sendTestEmail' });
    const state = await call<StateData & { dialog: { title: string; width: number; height: number } | null; mailCount: number }>(server, '/api/state');
    expect(state.data.notices).toContainEqual(expect.objectContaining({ kind: 'toast', title: 'Greeting', message: 'Hi there' }));
    expect(state.data.dialog).toMatchObject({ title: 'Test dialog', width: 400, height: 200 });
    expect(state.data.mailCount).toBe(1);
    // Notices are shown once.
    expect((await call<StateData>(server, '/api/state')).data.notices).toEqual([]);
    const dialogHtml = await (await fetch(server.url + '/dialog')).text();
    expect(dialogHtml).toMatch(/^<script data-mapspec-shim>/);
    expect(dialogHtml).toContain('Hello dialog');
    const mail = await call<{ sent: { subject: string; to: string[]; htmlBody: string }[] }>(server, '/api/mail');
    expect(mail.data.sent[0]).toMatchObject({ subject: 'Mapping spec ready for sign-off', to: ['approver@client.example.org'] });
    await call(server, '/api/close', { which: 'dialog' });
    expect((await fetch(server.url + '/dialog')).status).toBe(404);
  });

  test('menu clicks may only run functions the menu names', async () => {
    await call(server, '/api/open', {});
    const refused = await call<{ message: string }>(server, '/api/menu', { functionName: 'giveDate' });
    expect(refused.status).toBe(400);
    expect(refused.data.message).toMatch(/not an item of the add-on's menu/);
  });

  test('an edit is applied and fires the simple onEdit in LIMITED mode', async () => {
    const { data } = await call<{ ok: boolean; runs: { functionName: string; ok: boolean; authMode: string }[] }>(server, '/api/edit', {
      sheetId: 1,
      row: 20,
      column: 3,
      values: [['Hello']],
    });
    expect(data.ok).toBe(true);
    expect(data.runs).toEqual([expect.objectContaining({ functionName: 'onEdit', ok: true, authMode: 'LIMITED' })]);
    const state = await call<StateData>(server, '/api/state?sheet=1');
    expect(cellText(state.data, 20, 3)).toBe('Hello');
    expect(cellText(state.data, 20, 4)).toBe('seen Hello (LIMITED)');
  });

  test('a pasted block is one edit; typed text is parsed like Sheets parses it', async () => {
    const { data } = await call<{ runs: unknown[] }>(server, '/api/edit', { sheetId: 2, row: 20, column: 1, values: [['a', '12'], ['b', '=B20*2']] });
    expect(data.runs).toHaveLength(1);
    const state = await call<StateData>(server, '/api/state?sheet=2');
    expect(state.data.cells.find((c) => c.r === 21 && c.c === 2)).toMatchObject({ t: '24', in: '=B20*2' });
  });

  test('a strict dropdown refuses a value, and nothing fires', async () => {
    const { data } = await call<{ ok: boolean; message: string }>(server, '/api/edit', { sheetId: 1, row: 3, column: 2, values: [['Nonsense']] });
    expect(data.ok).toBe(false);
    expect(data.message).toMatch(/New, Needs discussion, Agreed or Deprecated|violates/);
    const state = await call<StateData>(server, '/api/state?sheet=1');
    expect(cellText(state.data, 3, 2)).toBe('Agreed');
  });

  test('toggling a checkbox stores a boolean', async () => {
    await call(server, '/api/edit', { sheetId: 1, row: 3, column: 13, values: [[false]] });
    const state = await call<StateData>(server, '/api/state?sheet=1');
    expect(state.data.cells.find((c) => c.r === 3 && c.c === 13)?.cb).toBe(false);
  });

  test('google.script.run: JSON in and out, errors as messages', async () => {
    const ok = await call(server, '/api/run', { fn: 'echo', payload: { a: [1, 'two', null, { b: true }] } });
    expect(ok.data).toEqual({ ok: true, value: { got: { a: [1, 'two', null, { b: true }] }, user: 'analyst@example.org' } });

    const none = await call(server, '/api/run', { fn: 'noArgs' });
    expect(none.data).toEqual({ ok: true, value: 0 });

    const boom = await call<{ ok: boolean; message: string }>(server, '/api/run', { fn: 'boom', payload: { why: 'testing' } });
    expect(boom.data).toEqual({ ok: false, message: 'Boom: testing' });

    const date = await call<{ ok: boolean; message: string }>(server, '/api/run', { fn: 'giveDate', payload: {} });
    expect(date.data.ok).toBe(false);
    expect(date.data.message).toMatch(/the return value\.when is a Date/);

    const hidden = await call<{ ok: boolean; message: string }>(server, '/api/run', { fn: 'secret_' });
    expect(hidden.data.ok).toBe(false);
    expect(hidden.data.message).toMatch(/private functions/);

    const missing = await call<{ ok: boolean; message: string }>(server, '/api/run', { fn: 'nope', payload: {} });
    expect(missing.data).toEqual({ ok: false, message: 'Script function not found: nope' });

    const activated = await call(server, '/api/run', { fn: 'activateTab', payload: { sheetId: 2 } });
    expect(activated.data).toEqual({ ok: true, value: { name: 'Value maps' } });
    const state = await call<StateData>(server, '/api/state');
    expect(state.data.active.sheetId).toBe(2);
  });

  test('refuses what is not a JSON request of the right shape', async () => {
    const text = await fetch(server.url + '/api/run', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{"fn":"echo"}' });
    expect(text.status).toBe(415);
    const broken = await fetch(server.url + '/api/run', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"fn":' });
    expect(broken.status).toBe(400);
    const badName = await call<{ message: string }>(server, '/api/run', { fn: 'eval("1")' });
    expect(badName.status).toBe(400);
    const extra = await call(server, '/api/edit', { sheetId: 1, row: 1, column: 1, values: [['x']], evil: true });
    expect(extra.status).toBe(400);
    const badValue = await call(server, '/api/edit', { sheetId: 1, row: 1, column: 1, values: [[{ d: 1 }]] });
    expect(badValue.status).toBe(400);
    const crossSite = await fetch(server.url + '/api/reset', { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: 'http://evil.example' }, body: '{}' });
    expect(crossSite.status).toBe(403);
    // fetch cannot set Host: a raw request stands in for a DNS-rebinding page.
    const rebinding = await new Promise<number>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: server.port, path: '/api/state', headers: { Host: 'evil.example' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(rebinding).toBe(403);
    expect((await fetch(server.url + '/api/state', { method: 'DELETE' })).status).toBe(405);
  });

  test('an hour passing runs the due clock triggers', async () => {
    await call(server, '/api/open', {});
    await call(server, '/api/menu', { functionName: 'installTrigger' });
    const { data } = await call<{ runs: { functionName: string; ok: boolean; kind: string }[] }>(server, '/api/time', { ms: 3 * 3600_000 });
    expect(data.runs.length).toBe(3);
    expect(data.runs.every((r) => r.functionName === 'tick' && r.ok && r.kind === 'clock-trigger')).toBe(true);
    expect(server.session.emulator.state.properties.document.ticks).toBe('3');
  });

  test('switching users changes Session.getActiveUser and reopens the document', async () => {
    const res = await call<{ ok: boolean; run: { functionName: string } }>(server, '/api/user', { email: 'Approver@Client.example.org' });
    expect(res.data).toMatchObject({ ok: true, run: { functionName: 'onOpen' } });
    const echo = await call<{ value: { user: string } }>(server, '/api/run', { fn: 'echo', payload: {} });
    expect(echo.data.value.user).toBe('approver@client.example.org');
    const bad = await call(server, '/api/user', { email: 'not an email' });
    expect(bad.status).toBe(400);
  });

  test('downloads the workbook as an xlsx that readXlsx reads back', async () => {
    await call(server, '/api/edit', { sheetId: 1, row: 30, column: 1, values: [['downloaded']] });
    const res = await fetch(server.url + '/download.xlsx');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/attachment/);
    const wb = await readXlsx(Buffer.from(await res.arrayBuffer()));
    expect(wb.sheets.map((s) => s.name)).toEqual(['README', 'Mapping', 'Value maps', 'Implementation checklist', 'Lists', '_mapspec_systems']);
    expect(wb.sheets[1].rows[29][0]?.v).toBe('downloaded');
    expect(wb.sheets[1].frozenRows).toBe(2);
  });

  test('reset goes back to the demo', async () => {
    await call(server, '/api/edit', { sheetId: 1, row: 3, column: 1, values: [['changed']] });
    await call(server, '/api/reset', {});
    const state = await call<StateData>(server, '/api/state?sheet=1');
    expect(cellText(state.data, 3, 1)).toBe('MAP-001');
  });
});

test('everything persists across a restart (atomic state file)', async () => {
  const statePath = path.join(tmp, 'persist', 'state.json');
  const a = await start(statePath);
  await call(a, '/api/user', { email: 'approver@client.example.org' });
  await call(a, '/api/open', {});
  await call(a, '/api/menu', { functionName: 'showSidebar' });
  await call(a, '/api/edit', { sheetId: 1, row: 25, column: 3, values: [['kept']] });
  await a.close();
  expect(fs.readdirSync(path.dirname(statePath))).toEqual(['state.json']);

  const b = await start(statePath);
  try {
    expect(b.session.loadedFrom).toBe('state-file');
    const state = await call<StateData>(b, '/api/state?sheet=1');
    expect(cellText(state.data, 25, 3)).toBe('kept');
    expect(cellText(state.data, 25, 4)).toBe('seen kept (LIMITED)');
    expect(state.data.user).toBe('approver@client.example.org');
    expect(state.data.addonEnabled).toBe(true);
    expect(state.data.sidebar?.title).toBe('Test sidebar');
    const open = await call<{ run: { authMode: string } }>(b, '/api/open', {});
    expect(open.data.run.authMode).toBe('LIMITED');
  } finally {
    await b.close();
  }
});

test('starts from an xlsx when given one', async () => {
  const fixture = path.join(FIXTURES, 'who-anc-data-dictionary.xlsx');
  const server = await startPlayground({ port: 0, statePath: path.join(tmp, 'who.json'), xlsxPath: fixture, buildDir });
  try {
    const { data } = await call<StateData & { source: string }>(server, '/api/state');
    expect(data.source).toBe('xlsx');
    expect(data.tabs).toHaveLength(15);
    expect(data.tabs.find((t) => t.name === 'COVER')?.hidden).toBe(true);
  } finally {
    await server.close();
  }
});
