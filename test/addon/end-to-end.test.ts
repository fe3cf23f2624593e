// The shipped bundle end to end in a sandbox with no Node globals: onOpen in each auth mode builds the
// menu, the menu item opens the real Sidebar.html, and the sidebar's server calls round-trip.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { loadScript } from '../../src/emulator/sandbox';
import type { SidebarState } from '../../src/core/api';
import { SPREADSHEET_SERVICE_PREFIXES } from '../../src/emulator/context';
import { BUILD_DIR, CODE_PATH } from '../support/paths';
import { callServer, newEmulator, run } from '../support/addon';

function onOpenEvent(mode: 'NONE' | 'LIMITED' | 'FULL') {
  return { args: (g: { ScriptApp: GoogleAppsScript.Script.ScriptApp }) => [{ authMode: g.ScriptApp.AuthMode[mode] }], authMode: mode };
}

test('the sandbox has only Apps Script globals: no require, process, setTimeout, Buffer', () => {
  const emulator = newEmulator();
  const { sandbox, execution } = loadScript(emulator, { codePath: CODE_PATH });
  for (const name of ['require', 'process', 'setTimeout', 'setInterval', 'Buffer', 'module', 'exports', '__dirname', 'global', 'window', 'fetch']) {
    expect([name, vm.runInContext(`typeof ${name}`, sandbox)]).toEqual([name, 'undefined']);
  }
  for (const name of ['SpreadsheetApp', 'HtmlService', 'Session', 'PropertiesService', 'Utilities', 'onOpen', 'showSidebar', 'getSidebarState']) {
    expect([name, vm.runInContext(`typeof ${name}`, sandbox)]).not.toEqual([name, 'undefined']);
  }
  execution.end();
});

test.each(['NONE', 'LIMITED', 'FULL'] as const)('onOpen in AuthMode.%s builds only the add-on menu', (mode) => {
  const emulator = newEmulator();
  const before = JSON.stringify(emulator.state.workbook);
  const r = run(emulator, 'onOpen', onOpenEvent(mode));
  expect(r.error).toBeUndefined();
  expect(r.effects.menus).toHaveLength(1);
  expect(r.effects.menus[0]).toMatchObject({ title: 'Mapspec', addon: true });
  expect(r.effects.menus[0]!.items.map((i) => (i.kind === 'item' ? i.caption : i.kind))).toEqual([
    'Open sidebar',
    'separator',
    'Insert mapping template',
    'Use this tab as a mapping spec',
    'Use this tab as a value map',
    'separator',
    'Run checks',
    'Clear Mapspec colours',
    'separator',
    'Insert implementation checklist',
    'separator',
    'Versions: tag, compare, changelog',
    'Settings',
  ]);
  // Building a menu touches no spreadsheet data (it could not in NONE).
  expect(JSON.stringify(emulator.state.workbook)).toBe(before);
  expect(r.calls.count('Spreadsheet.', 'Sheet.', 'Range.')).toBe(0);
});

test('onInstall builds the same menu as onOpen', () => {
  const emulator = newEmulator();
  const install = run(emulator, 'onInstall', onOpenEvent('FULL'));
  expect(install.ok).toBe(true);
  expect(install.effects.menus).toEqual(run(emulator, 'onOpen', onOpenEvent('FULL')).effects.menus);
});

test('onOpen → menu item → sidebar → server calls, end to end', () => {
  const emulator = newEmulator({ user: 'analyst@example.org' });
  const open = run(emulator, 'onOpen', onOpenEvent('NONE'));
  const item = open.effects.menus[0]!.items[0]!;
  if (item.kind !== 'item') throw new Error('expected a menu item');

  const shown = run(emulator, item.functionName);
  expect(shown.error).toBeUndefined();
  expect(shown.effects.sidebar).toEqual({
    title: 'Mapspec',
    html: fs.readFileSync(path.join(BUILD_DIR, 'Sidebar.html'), 'utf8'),
    width: 300,
  });

  const ss = emulator.execution().globals.SpreadsheetApp.getActiveSpreadsheet();
  ss.insertSheet('Mapping ខ្មែរ').getRange('A1:B2').setValues([
    ['ID', 'Source'],
    [1, 'case_id'],
  ]);
  const state = callServer<SidebarState>(emulator, 'getSidebarState', {});
  expect(state).toMatchObject({ ok: true });
  if (!state.ok) return;
  expect(state.value.userEmail).toBe('analyst@example.org');
  expect(state.value.tabs.map((t) => [t.name, t.lastRow, t.lastColumn])).toEqual([
    ['Sheet1', 0, 0],
    ['Mapping ខ្មែរ', 2, 2],
  ]);

  const sheet1 = state.value.tabs[0]!;
  const switched = callServer(emulator, 'activateTab', { sheetId: sheet1.sheetId });
  expect(switched).toMatchObject({ ok: true, value: { name: 'Sheet1' } });
  expect(emulator.state.workbook.active.sheetId).toBe(sheet1.sheetId);
});

test('the signed-in user comes from Session: switching users changes what the server sees', () => {
  const emulator = newEmulator();
  emulator.setActiveUser('approver@client.example.org');
  const state = callServer<SidebarState>(emulator, 'getSidebarState', {});
  expect(state.ok && state.value.userEmail).toBe('approver@client.example.org');
});

describe('sidebar payloads are parsed; errors reach the failure handler as plain messages', () => {
  test.each([
    [{ sheetId: 'x' }, 'Mapspec could not read the request to activateTab (sheetId)'],
    [{ sheetId: 1, extra: true }, 'Mapspec could not read the request to activateTab'],
    [null, 'Mapspec could not read the request to activateTab (sheetId)'],
  ])('activateTab(%j) is refused', (payload, message) => {
    const emulator = newEmulator();
    const before = JSON.stringify(emulator.state.workbook);
    const r = callServer(emulator, 'activateTab', payload);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).toContain(message);
      expect(r.message).not.toMatch(/\n\s+at /); // no stack trace
    }
    expect(JSON.stringify(emulator.state.workbook)).toBe(before);
  });

  test('a tab deleted since the sidebar loaded gets a clear message', () => {
    const r = callServer(newEmulator(), 'activateTab', { sheetId: 999 });
    expect(r).toMatchObject({ ok: false, message: 'That tab no longer exists in this spreadsheet. Refresh the sidebar to see the current tabs.' });
  });

  test('a hidden tab is reported, not un-hidden', () => {
    const emulator = newEmulator();
    const ss = emulator.execution().globals.SpreadsheetApp.getActiveSpreadsheet();
    const hidden = ss.insertSheet('Archive');
    hidden.hideSheet();
    const r = callServer(emulator, 'activateTab', { sheetId: hidden.getSheetId() });
    expect(r).toMatchObject({ ok: false, message: expect.stringContaining('Tab "Archive" is hidden') });
    expect(emulator.state.workbook.sheets.find((s) => s.name === 'Archive')!.hidden).toBe(true);
  });
});

test('getSidebarState makes the same number of spreadsheet calls for 10 and 5,000 rows', () => {
  const counts = [10, 5000].map((rows) => {
    const emulator = newEmulator();
    const sheet = emulator.execution().globals.SpreadsheetApp.getActiveSpreadsheet().getSheets()[0]!;
    if (rows > sheet.getMaxRows()) sheet.insertRowsAfter(sheet.getMaxRows(), rows - sheet.getMaxRows());
    sheet.getRange(1, 1, rows, 3).setValues(Array.from({ length: rows }, (_, i) => [i, `field_${i}`, 'text']));
    const r = run(emulator, 'getSidebarState', { args: [{}] });
    expect(r.ok).toBe(true);
    return r.calls.count(...SPREADSHEET_SERVICE_PREFIXES);
  });
  expect(counts[0]).toBeGreaterThan(0);
  expect(counts[1]).toBe(counts[0]);
});

test('the manifest asks for exactly the scopes the add-on uses', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(BUILD_DIR, 'appsscript.json'), 'utf8'));
  expect(manifest.runtimeVersion).toBe('V8');
  expect([...manifest.oauthScopes].sort()).toEqual(
    [
      'https://www.googleapis.com/auth/script.container.ui',
      'https://www.googleapis.com/auth/spreadsheets.currentonly',
      'https://www.googleapis.com/auth/userinfo.email',
      'https://www.googleapis.com/auth/script.send_mail',
      'https://www.googleapis.com/auth/script.scriptapp',
    ].sort(),
  );
});

test.each([
  ['spreadsheets.currentonly', 'getSidebarState', 'Spreadsheet'],
  ['userinfo.email', 'getSidebarState', 'Session.getActiveUser'],
  ['script.container.ui', 'showSidebar', 'Ui.showSidebar'],
  ['script.send_mail', 'getNotifications', 'MailApp.getRemainingDailyQuota'],
  ['script.scriptapp', 'getNotifications', 'ScriptApp.getUserTriggers'],
])('each scope is needed: without %s, %s fails with the permission error', (scope, fn, method) => {
  const manifest = JSON.parse(fs.readFileSync(path.join(BUILD_DIR, 'appsscript.json'), 'utf8'));
  const emulator = newEmulator({ scopes: manifest.oauthScopes.filter((s: string) => !s.endsWith(`/auth/${scope}`)) });
  const r = run(emulator, fn, { args: [{}] });
  expect(r.ok).toBe(false);
  expect(r.error!.message).toContain(`You do not have permission to call ${method}`);
});

test.each([
  ['useTabAsMappingSpec', { panel: 'adopt', kind: 'mapping' }],
  ['useTabAsValueMap', { panel: 'adopt', kind: 'value-map' }],
  ['runChecksFromMenu', { panel: 'checks', kind: null }],
  ['openSettings', { panel: 'settings', kind: null }],
  ['openVersions', { panel: 'versions', kind: null }],
])('menu item %s opens the sidebar on its panel, once', (fn, open) => {
  const emulator = newEmulator();
  const shown = run(emulator, fn);
  expect(shown.error).toBeUndefined();
  expect(shown.effects.sidebar?.title).toBe('Mapspec');
  const first = callServer<SidebarState>(emulator, 'getSidebarState', {});
  expect(first.ok && first.value.open).toMatchObject(open);
  const again = callServer<SidebarState>(emulator, 'getSidebarState', {});
  expect(again.ok && again.value.open).toBeNull();
});
