// Sheets and the spreadsheet: ids that survive renames and moves, unique names, the last visible
// sheet, getRange argument checks, data extent semantics, the 10,000,000-cell limit, inserting and
// deleting rows (data, merges and formulas move), appendRow, toasts and openById.
import { Emulator } from '../../src/emulator/emulator';
import { newSheet, newWorkbook } from '../../src/emulator/spreadsheet/model';
import { thrown } from '../support/thrown';


function setup(emu = new Emulator()) {
  const ex = emu.execution({ authMode: 'FULL' });
  const ss = ex.globals.SpreadsheetApp.getActiveSpreadsheet();
  return { emu, ex, app: ex.globals.SpreadsheetApp, ss, sheet: ss.getSheets()[0] };
}

test('sheet ids survive renames and moves; getIndex follows tab order', () => {
  const { ss, sheet } = setup();
  const second = ss.insertSheet('Mappings');
  const id = second.getSheetId();
  expect(second.getIndex()).toBe(2);
  second.setName('Field mappings');
  ss.setActiveSheet(second);
  ss.moveActiveSheet(1);
  expect(ss.getSheetById(id)!.getName()).toBe('Field mappings');
  expect(ss.getSheetById(id)!.getIndex()).toBe(1);
  expect(ss.getSheets().map((s) => s.getName())).toEqual(['Field mappings', 'Sheet1']);
  expect(sheet.getIndex()).toBe(2);
  expect(ss.getSheetByName('Mappings')).toBeNull();
  expect(ss.getUrl()).toBe(`https://docs.google.com/spreadsheets/d/${ss.getId()}/edit`);
});

test('a sheet name that exists is refused with Sheets\' message, whatever its case', () => {
  const { ss } = setup();
  ss.insertSheet('Specs');
  expect(thrown(() => ss.insertSheet('Specs')).message).toBe('A sheet with the name "Specs" already exists. Please enter another name.');
  expect(thrown(() => ss.insertSheet().setName('SPECS')).message).toBe('A sheet with the name "SPECS" already exists. Please enter another name.');
  expect(ss.getNumSheets()).toBe(3);
});

test('the last visible sheet can be neither hidden nor deleted', () => {
  const { ss, sheet } = setup();
  expect(thrown(() => sheet.hideSheet()).message).toBe("You can't hide all the sheets in a document.");
  expect(thrown(() => ss.deleteSheet(sheet)).message).toBe("You can't remove all the visible sheets in a document.");
  const other = ss.insertSheet('Other');
  other.hideSheet();
  expect(other.isSheetHidden()).toBe(true);
  expect(thrown(() => ss.deleteSheet(sheet)).message).toBe("You can't remove all the visible sheets in a document.");
  other.showSheet();
  ss.deleteSheet(sheet);
  expect(ss.getSheets().map((s) => s.getName())).toEqual(['Other']);
});

test('getRange checks its arguments with Apps Script\'s messages', () => {
  const { sheet } = setup();
  expect(thrown(() => sheet.getRange(0, 1)).message).toBe('The starting row of the range is too small.');
  expect(thrown(() => sheet.getRange(1, 0)).message).toBe('The starting column of the range is too small.');
  expect(thrown(() => sheet.getRange(1, 1, 0, 1)).message).toBe('The number of rows in the range must be at least 1.');
  expect(thrown(() => sheet.getRange(1, 1, 1, 0)).message).toBe('The number of columns in the range must be at least 1.');
  expect(thrown(() => sheet.getRange(1001, 1)).message).toBe('The coordinates of the range are outside the dimensions of the sheet.');
  expect(thrown(() => sheet.getRange(1, 27)).message).toBe('The coordinates of the range are outside the dimensions of the sheet.');
  expect(thrown(() => sheet.getRange('A1:ZZ2')).message).toBe('Range not found');
  expect(thrown(() => sheet.getRange('not a range')).message).toBe('Range not found');
  expect(sheet.getRange('B2:C3').getA1Notation()).toBe('B2:C3');
  expect(sheet.getRange('A:B').getNumRows()).toBe(1000);
  expect(sheet.getRange(2, 3, 4, 5).getA1Notation()).toBe('C2:G5');
  expect(sheet.getRange('B2:C3').offset(1, 1).getA1Notation()).toBe('C3:D4');
  expect(sheet.getRange('B2:C3').getCell(2, 2).getA1Notation()).toBe('C3');
});

test('getLastRow/getLastColumn/getDataRange count content only, 0 on an empty sheet', () => {
  const { sheet } = setup();
  expect(sheet.getLastRow()).toBe(0);
  expect(sheet.getLastColumn()).toBe(0);
  expect(sheet.getDataRange().getA1Notation()).toBe('A1');
  sheet.getRange('Z900').setBackground('yellow').setNote('just a note');
  sheet.getRange('D20').insertCheckboxes().removeCheckboxes();
  expect(sheet.getLastRow()).toBe(0);
  sheet.getRange('C5').setValue('x');
  sheet.getRange('B7').setValue(0);
  expect(sheet.getLastRow()).toBe(7);
  expect(sheet.getLastColumn()).toBe(3);
  expect(sheet.getDataRange().getA1Notation()).toBe('A1:C7');
  sheet.getRange('B7').clearContent();
  expect(sheet.getLastRow()).toBe(5);
});

test('the spreadsheet holds at most 10,000,000 cells', () => {
  const book = newWorkbook('Big');
  book.sheets[0] = newSheet(0, 'Sheet1', 384000, 26); // 9,984,000 cells
  const { ss, sheet } = setup(new Emulator({ workbook: book }));
  const message = 'This action would increase the number of cells in the workbook above the limit of 10000000 cells.';
  expect(thrown(() => ss.insertSheet('More')).message).toBe(message);
  expect(thrown(() => sheet.insertRowsAfter(1, 1000)).message).toBe(message);
  expect(thrown(() => sheet.insertColumnsAfter(1, 1)).message).toBe(message);
  sheet.insertRowsAfter(1, 600); // 15,600 more: 9,999,600
  expect(sheet.getMaxRows()).toBe(384600);
  expect(ss.getNumSheets()).toBe(1);
});

test('inserting and deleting rows moves data, merges and formula references', () => {
  const { sheet, ss } = setup();
  sheet.getRange('A1:A3').setValues([[1], [2], [3]]);
  sheet.getRange('B1').setFormula('=SUM(A1:A3)');
  sheet.getRange('C3:D3').merge();
  const other = ss.insertSheet('Other');
  other.getRange('A1').setFormula('=Sheet1!A3*10');
  sheet.insertRowsBefore(2, 2);
  expect(sheet.getRange('A1:A5').getValues().flat()).toEqual([1, '', '', 2, 3]);
  expect(sheet.getRange('B1').getFormula()).toBe('=SUM(A1:A5)');
  expect(other.getRange('A1').getFormula()).toBe('=Sheet1!A5*10');
  expect(other.getRange('A1').getValue()).toBe(30);
  expect(sheet.getRange('C5').isPartOfMerge()).toBe(true);
  expect(sheet.getMaxRows()).toBe(1002);
  sheet.deleteRow(5);
  expect(other.getRange('A1').getFormula()).toBe('=#REF!*10');
  expect(other.getRange('A1').getValue()).toBe('#REF!');
  expect(sheet.getRange('B1').getFormula()).toBe('=SUM(A1:A4)');
  expect(sheet.getRange('C5').isPartOfMerge()).toBe(false);
  expect(sheet.getMaxRows()).toBe(1001);
  expect(thrown(() => sheet.deleteRows(1, 1002)).message).toBe('Those rows are out of bounds.');
  expect(thrown(() => sheet.deleteRows(1, sheet.getMaxRows())).message).toBe('Sorry, it is not possible to delete all non-frozen rows.');
});

test('appendRow writes after the last row in one call and grows a full grid', () => {
  const { ex, sheet } = setup();
  sheet.appendRow(['id', 'name']);
  sheet.appendRow([1, 'Ada']);
  expect(sheet.getDataRange().getValues()).toEqual([['id', 'name'], [1, 'Ada']]);
  sheet.getRange(1000, 1).setValue('last');
  sheet.appendRow(['past the end']);
  expect(sheet.getMaxRows()).toBe(1001);
  expect(sheet.getRange(1001, 1).getValue()).toBe('past the end');
  expect(ex.ctx.calls.byMethod.get('Sheet.appendRow')).toBe(3);
});

test('rename, locale, time zone, toast and sheet settings', () => {
  const { ex, ss, sheet } = setup();
  ss.rename('Spec workbook');
  expect(ss.getName()).toBe('Spec workbook');
  expect(ss.getSpreadsheetLocale()).toBe('en_US');
  expect(ss.getSpreadsheetTimeZone()).toBe('Etc/UTC');
  ss.toast('Saved', 'Mapspec');
  ss.toast('Plain');
  expect(ex.ctx.effects.toasts).toEqual([
    { message: 'Saved', title: 'Mapspec', timeoutSeconds: 5 },
    { message: 'Plain', title: '', timeoutSeconds: 5 },
  ]);
  sheet.setFrozenRows(1);
  sheet.setTabColor('blue');
  sheet.setColumnWidth(2, 240);
  expect([sheet.getFrozenRows(), sheet.getTabColor(), sheet.getColumnWidth(2), sheet.getColumnWidth(3), sheet.getRowHeight(1)]).toEqual([1, '#0000ff', 240, 100, 21]);
  sheet.setTabColor(null);
  expect(sheet.getTabColor()).toBeNull();
});

test('openById and openByUrl open this spreadsheet and refuse other ids', () => {
  const { app, ss } = setup();
  expect(app.openById(ss.getId()).getName()).toBe(ss.getName());
  expect(app.openByUrl(ss.getUrl()).getId()).toBe(ss.getId());
  expect(thrown(() => app.openById('someone-elses')).message).toBe('Unexpected error while getting the method or property openById on object SpreadsheetApp.');
  expect(thrown(() => app.openByUrl('https://example.org/x')).message).toBe('Invalid argument: url');
});

test('active sheet and selection', () => {
  const { app, ss, sheet } = setup();
  const other = ss.insertSheet('Other');
  expect(app.getActiveSheet().getName()).toBe('Other');
  sheet.getRange('B2:C4').activate();
  expect(app.getActiveSheet().getName()).toBe('Sheet1');
  expect(app.getActiveRange()!.getA1Notation()).toBe('B2:C4');
  expect(app.getCurrentCell()!.getA1Notation()).toBe('B2');
  other.activate();
  expect(ss.getActiveSheet().getSheetId()).toBe(other.getSheetId());
});
