// Auth modes and scopes (AuthMode NONE may only build menus; getActiveSpreadsheet there throws the
// real permission error; a missing manifest scope is refused), the Ui (menus, sidebar, dialogs,
// alert/prompt answered by uiResponder), and the playground's user edits with their onEdit event.
import { Emulator } from '../../src/emulator/emulator';
import { SCOPES } from '../../src/emulator/context';
import { applyUserEdit, makeEditEvent } from '../../src/emulator/spreadsheet/user-edit';
import { renderSheet } from '../../src/emulator/spreadsheet/render';
import { thrown } from '../support/thrown';


const fakeHtml = (html: string, title = 'Mapspec', width = 600, height = 400) => ({
  _render: () => ({ title, html, width, height }),
}) as unknown as GoogleAppsScript.HTML.HtmlOutput;

test('in AuthMode NONE an add-on menu can be built and added; getActiveSpreadsheet throws the real permission error', () => {
  const ex = new Emulator().execution({ authMode: 'NONE' });
  const app = ex.globals.SpreadsheetApp;
  const ui = app.getUi();
  ui.createAddonMenu().addItem('Open Mapspec', 'showSidebar').addSeparator().addSubMenu(ui.createMenu('More').addItem('Help', 'showHelp')).addToUi();
  expect(ex.ctx.effects.menus).toEqual([
    {
      title: 'Mapspec',
      addon: true,
      items: [
        { kind: 'item', caption: 'Open Mapspec', functionName: 'showSidebar' },
        { kind: 'separator' },
        { kind: 'submenu', menu: { title: 'More', addon: false, items: [{ kind: 'item', caption: 'Help', functionName: 'showHelp' }] } },
      ],
    },
  ]);
  const err = thrown(() => app.getActiveSpreadsheet());
  expect(err.name).toBe('Exception');
  expect(err.message).toBe(
    'You do not have permission to call SpreadsheetApp.getActiveSpreadsheet. Required permissions: (https://www.googleapis.com/auth/spreadsheets.currentonly || https://www.googleapis.com/auth/spreadsheets)',
  );
  expect(() => ui.showSidebar(fakeHtml('<p>x</p>'))).toThrow('You do not have permission to call Ui.showSidebar');
  expect(ex.ctx.calls.count('SpreadsheetApp.getActiveSpreadsheet')).toBe(1);
});

test('a method whose scope the manifest lacks is refused; openById needs the full spreadsheets scope', () => {
  const emu = new Emulator({ scopes: [SCOPES.spreadsheetsCurrentOnly] });
  const ex = emu.execution({ authMode: 'FULL' });
  const app = ex.globals.SpreadsheetApp;
  const ss = app.getActiveSpreadsheet();
  ss.getSheets()[0].getRange('A1').setValue('ok with currentonly');
  expect(thrown(() => app.openById(ss.getId())).message).toBe(
    'You do not have permission to call SpreadsheetApp.openById. Required permissions: https://www.googleapis.com/auth/spreadsheets',
  );
  expect(thrown(() => app.getUi().alert('hi')).message).toBe(
    'You do not have permission to call Ui.alert. Required permissions: https://www.googleapis.com/auth/script.container.ui',
  );
  // Simple triggers (LIMITED) can't open files by id either.
  const limited = new Emulator().execution({ authMode: 'LIMITED' }).globals.SpreadsheetApp;
  expect(() => limited.openById('x')).toThrow('You do not have permission to call SpreadsheetApp.openById');
  // Custom functions read but don't write.
  const custom = new Emulator().execution({ authMode: 'CUSTOM_FUNCTION' }).globals.SpreadsheetApp.getActiveSheet();
  expect(custom.getRange('A1').getValue()).toBe('');
  expect(() => custom.getRange('A1').setValue(1)).toThrow('You do not have permission to call Range.setValue');
});

test('sidebar (300 px), dialogs, alerts and prompts are recorded; answers come from uiResponder', () => {
  const ex = new Emulator().execution({
    authMode: 'FULL',
    uiResponder: (req) => (req.kind === 'prompt' ? { button: 'OK', text: 'v2' } : { button: req.buttons === 'YES_NO' ? 'YES' : 'OK' }),
  });
  const ui = ex.globals.SpreadsheetApp.getUi();
  ui.showSidebar(fakeHtml('<h1>Side</h1>', 'Mapspec', 900));
  ui.showModalDialog(fakeHtml('<p>modal</p>'), 'Export');
  expect(ex.ctx.effects.sidebar).toEqual({ title: 'Mapspec', html: '<h1>Side</h1>', width: 300 });
  expect(ex.ctx.effects.dialogs).toEqual([{ title: 'Export', html: '<p>modal</p>', width: 600, height: 400, modal: true }]);
  expect(ui.alert('Delete?', 'Really?', ui.ButtonSet.YES_NO)).toBe(ui.Button.YES);
  const answer = ui.prompt('Version name');
  expect([answer.getSelectedButton(), answer.getResponseText()]).toEqual(['OK', 'v2']);
  expect(ex.ctx.effects.alerts.map((a) => [a.kind, a.title, a.prompt, a.buttons, a.response.button])).toEqual([
    ['alert', 'Delete?', 'Really?', 'YES_NO', 'YES'],
    ['prompt', '', 'Version name', 'OK', 'OK'],
  ]);
  // Defaults: OK for alerts, CANCEL with '' for prompts.
  const plain = new Emulator().execution({ authMode: 'FULL' }).globals.SpreadsheetApp.getUi();
  expect(plain.alert('Done')).toBe('OK');
  expect(plain.prompt('Name?').getSelectedButton()).toBe('CANCEL');
  expect(thrown(() => plain.createMenu('M').addItem('x', 42 as unknown as string)).message).toBe(
    "The parameters (String,number) don't match the method signature for Ui.Menu.addItem.",
  );
});

test('a user edit parses typed text, reports oldValue for single cells, and makes the onEdit event without counting calls', () => {
  const emu = new Emulator();
  const book = emu.state.workbook;
  const sheetId = book.sheets[0].id;
  applyUserEdit(book, sheetId, 1, 1, [['10']]);
  const edit = applyUserEdit(book, sheetId, 1, 1, [['12']]);
  expect(edit).toEqual({ sheetId, a1: 'A1', rect: { r1: 1, c1: 1, r2: 1, c2: 1 }, oldValue: 10, value: 12 });
  const paste = applyUserEdit(book, sheetId, 2, 1, [['=A1*2', 'TRUE'], ['2024-01-05', 'text']]);
  expect(paste.a1).toBe('A2:B3');
  expect(paste.oldValue).toBeUndefined();

  const ex = emu.execution({ authMode: 'LIMITED' });
  const e = makeEditEvent(ex.ctx, edit, 'LIMITED');
  expect(ex.ctx.calls.total).toBe(0);
  expect([e.authMode, e.oldValue, e.value]).toEqual(['LIMITED', '10', '12']);
  expect(e.range.getA1Notation()).toBe('A1');
  expect(e.source.getSheets()[0].getRange('A2:B3').getValues()[0]).toEqual([24, true]);
  expect(ex.ctx.calls.total).toBe(4);

  // Checkbox cells toggle with TRUE/FALSE; strict rules refuse other input.
  ex.globals.SpreadsheetApp.getActiveSheet().getRange('D1').insertCheckboxes();
  applyUserEdit(book, sheetId, 1, 4, [['TRUE']]);
  expect(renderSheet(book, sheetId, 5, 5).checkbox[0][3]).toBe(true);
  expect(() => applyUserEdit(book, sheetId, 1, 4, [['maybe']])).toThrow('The data you entered in cell D1 violates the data validation rules set on this cell.');
});

test('renderSheet reads values, display text, formatting and merges without an execution', () => {
  const emu = new Emulator();
  const ex = emu.execution();
  const sheet = ex.globals.SpreadsheetApp.getActiveSheet();
  sheet.getRange('A1:B1').setValues([[1234.5, new Date(Date.UTC(2024, 0, 5))]]);
  sheet.getRange('A1').setBackground('red').setFontWeight('bold').setFontLine('line-through').setNote('n');
  sheet.getRange('A2:B2').merge();
  const view = renderSheet(emu.state.workbook, sheet.getSheetId(), 3, 3);
  expect([view.rows, view.columns]).toEqual([3, 3]);
  expect(view.display[0].slice(0, 2)).toEqual(['1234.5', '1/5/2024']);
  expect([view.backgrounds[0][0], view.bold[0][0], view.strike[0][0], view.notes[0][0]]).toEqual(['#ff0000', true, true, 'n']);
  expect(view.merges).toEqual([{ r1: 2, c1: 1, r2: 2, c2: 2 }]);
});
