// Formulas: cells keep the formula and a computed value, dependents recompute on every write,
// cross-sheet references (quoted names too), and the error values Sheets shows: #REF! after a
// referenced sheet is deleted, #N/A, #DIV/0!, #NAME?, #VALUE!, and circular references.
import { Emulator } from '../../src/emulator/emulator';
import { newWorkbook } from '../../src/emulator/spreadsheet/model';

function setup(emu = new Emulator()) {
  const ex = emu.execution({ authMode: 'FULL' });
  const ss = ex.globals.SpreadsheetApp.getActiveSpreadsheet();
  return { emu, ex, ss, sheet: ss.getSheets()[0] };
}

test('formulas compute, and recompute when what they read changes', () => {
  const { sheet } = setup();
  sheet.getRange('A1:A3').setValues([[1], [2], [3]]);
  sheet.getRange('B1:B6').setFormulas([
    ['=SUM(A1:A3)'],
    ['=A1+A2*2-A3/3'],
    ['="n="&COUNTA(A1:A10)'],
    ['=IF(A1>0,"pos","neg")'],
    ['=CONCATENATE(UPPER("ab"),LOWER("CD"),LEN("xyz"))'],
    ['=TRIM("  a   b  ")'],
  ]);
  expect(sheet.getRange('B1:B6').getValues().flat()).toEqual([6, 4, 'n=3', 'pos', 'ABcd3', 'a b']);
  sheet.getRange('A1').setValue(-10);
  expect(sheet.getRange('B1:B4').getValues().flat()).toEqual([-5, -7, 'n=3', 'neg']);
  expect(sheet.getRange('B1').getFormula()).toBe('=SUM(A1:A3)');
  expect(sheet.getRange('B1:B2').getFormulas()).toEqual([['=SUM(A1:A3)'], ['=A1+A2*2-A3/3']]);
  expect(sheet.getRange('A1').getFormula()).toBe('');
});

test('references to other sheets, quoted names included; #REF! once the sheet is deleted', () => {
  const { ss, sheet } = setup();
  const tab = ss.insertSheet('My tab');
  tab.getRange('B2').setValue(21);
  sheet.getRange('A1').setFormula("='My tab'!B2*2");
  sheet.getRange('A2').setFormula('=Sheet1!A1+1');
  expect(sheet.getRange('A1:A2').getValues()).toEqual([[42], [43]]);
  tab.getRange('B2').setValue(1);
  expect(sheet.getRange('A1').getValue()).toBe(2);
  tab.setName('Renamed');
  expect(sheet.getRange('A1').getFormula()).toBe('=Renamed!B2*2');
  ss.deleteSheet(tab);
  expect(sheet.getRange('A1:A2').getValues()).toEqual([['#REF!'], ['#REF!']]);
  expect(sheet.getRange('A1').getDisplayValue()).toBe('#REF!');
});

test('error values: #N/A, #DIV/0!, #NAME?, #VALUE!, out-of-grid #REF!, circular #REF!, parse #ERROR!', () => {
  const { sheet } = setup();
  sheet.getRange('A1:A8').setFormulas([
    ['=NA()'], ['=1/0'], ['=NOSUCHFUNCTION(1)'], ['="abc"+1'], ['=ZZ5000'], ['=A6+1'], ['=1+'], ['=IFERROR(1/0,"safe")'],
  ]);
  expect(sheet.getRange('A1:A8').getValues().flat()).toEqual(['#N/A', '#DIV/0!', '#NAME?', '#VALUE!', '#REF!', '#REF!', '#ERROR!', 'safe']);
  // Errors propagate through formulas that read them.
  sheet.getRange('B1').setFormula('=A2*2');
  expect(sheet.getRange('B1').getValue()).toBe('#DIV/0!');
});

test('dates in formulas stay dates; empty references read as blank', () => {
  const { sheet } = setup();
  sheet.getRange('A1').setValue(new Date(Date.UTC(2024, 0, 5)));
  sheet.getRange('B1:B3').setFormulas([['=A1+1'], ['=C9'], ['=C9+0']]);
  const [[next], [blank], [zero]] = sheet.getRange('B1:B3').getValues();
  expect((next as Date).toISOString()).toBe('2024-01-06T00:00:00.000Z');
  expect(blank).toBe('');
  expect(zero).toBe(0);
  expect(sheet.getRange('B1').getDisplayValue()).toBe('1/6/2024');
});

test('setFormula on several cells fills it like Sheets: relative references move', () => {
  const { sheet } = setup();
  sheet.getRange('A1:A3').setValues([[1], [2], [3]]);
  sheet.getRange('B1:B3').setFormula('=A1*$A$1*10');
  expect(sheet.getRange('B1:B3').getFormulas().flat()).toEqual(['=A1*$A$1*10', '=A2*$A$1*10', '=A3*$A$1*10']);
  expect(sheet.getRange('B1:B3').getValues().flat()).toEqual([10, 20, 30]);
});

test('formulas loaded from a file keep their cached value until something is written', () => {
  const book = newWorkbook('Loaded');
  book.sheets[0].rows = [[{ f: '=VLOOKUPX(1)', v: 'cached' }, { f: '=REGEXMATCH("a","a")', v: true }]];
  const { sheet } = setup(new Emulator({ workbook: book }));
  expect(sheet.getRange('A1:B1').getValues()).toEqual([['cached', true]]);
  sheet.getRange('C1').setValue(1);
  // An unknown function is #NAME?; a real Sheets function the evaluator lacks keeps its value.
  expect(sheet.getRange('A1:B1').getValues()).toEqual([['#NAME?', true]]);
});
