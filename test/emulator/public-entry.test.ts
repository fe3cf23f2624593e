// The emulator's documented entry: fresh Apps Script globals for one execution over a new workbook,
// an .xlsx file, or a playground state file — usable by any plain Apps Script code.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createAppsScriptGlobals, loadEmulator } from '../../src/emulator';
import { FIXTURES } from '../support/paths';

test('a new workbook: plain Apps Script code runs and its calls are counted', async () => {
  const { globals, execution } = await createAppsScriptGlobals({ user: 'me@example.org' });
  const sheet = globals.SpreadsheetApp.getActiveSpreadsheet().getSheets()[0]!;
  sheet.getRange('A1:B1').setValues([['ID', 'ឈ្មោះ']]);
  expect(sheet.getRange('B1').getValue()).toBe('ឈ្មោះ');
  expect(globals.Session.getActiveUser().getEmail()).toBe('me@example.org');
  execution.end();
  expect(execution.ctx.calls.toJSON()).toMatchObject({ 'Range.setValues': 1, 'Range.getValue': 1, 'Spreadsheet.getSheets': 1 });
});

test('an .xlsx file: the WHO data dictionary opens with its 15 tabs', async () => {
  const { globals, execution } = await createAppsScriptGlobals({ workbook: path.join(FIXTURES, 'who-anc-data-dictionary.xlsx') });
  const ss = globals.SpreadsheetApp.getActiveSpreadsheet();
  expect(ss.getSheets()).toHaveLength(15);
  expect(ss.getSheetByName('ANC.A. Registration')!.getRange('C2').getValue()).toBe('[ANC] Data Element ID');
  execution.end();
});

test('a playground state file: the saved workbook and stores come back', async () => {
  const first = await loadEmulator();
  const ex = first.execution();
  ex.globals.SpreadsheetApp.getActiveSpreadsheet().getSheets()[0]!.getRange('A1').setValue('saved');
  ex.globals.PropertiesService.getDocumentProperties().setProperty('k', 'v');
  ex.end();
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mapspec-entry-')), 'playground.json');
  fs.writeFileSync(file, JSON.stringify({ format: 'mapspec-playground', version: 1, state: first.state, playground: {} }));

  const { globals, execution } = await createAppsScriptGlobals({ workbook: file });
  expect(globals.SpreadsheetApp.getActiveSpreadsheet().getSheets()[0]!.getRange('A1').getValue()).toBe('saved');
  expect(globals.PropertiesService.getDocumentProperties().getProperty('k')).toBe('v');
  execution.end();
});
