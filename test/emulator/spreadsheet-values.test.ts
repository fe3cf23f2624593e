// Range values: setValues/getValues with Sheets' dimension errors and the 50,000-character limit,
// entered-text parsing ("123" is a number), display values, script-realm Dates, formatting
// round trips (backgrounds, line-through, notes) and call counting that proves batching.
import { HOSTILE_TEXT } from '../support/hostile';
import * as vm from 'node:vm';
import { Emulator } from '../../src/emulator/emulator';
import { thrown } from '../support/thrown';


function setup() {
  const emu = new Emulator();
  const ex = emu.execution({ authMode: 'FULL' });
  const ss = ex.globals.SpreadsheetApp.getActiveSpreadsheet();
  return { emu, ex, ss, sheet: ss.getSheets()[0] };
}

test('setValues with the wrong number of rows or columns throws Sheets\' exact messages', () => {
  const { sheet } = setup();
  const range = sheet.getRange('A1:B2');
  const rows = thrown(() => range.setValues([[1, 2, 3]]));
  expect(rows.name).toBe('Exception');
  expect(rows.message).toBe('The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.');
  expect(thrown(() => range.setValues([[1, 2], [3]])).message).toBe(
    'The number of columns in the data does not match the number of columns in the range. The data has 1 but the range has 2.',
  );
  expect(thrown(() => range.setBackgrounds([['red', 'red', 'red'], ['red', 'red', 'red']])).message).toBe(
    'The number of columns in the data does not match the number of columns in the range. The data has 3 but the range has 2.',
  );
  expect(thrown(() => range.setBackgrounds([['red', 'red']])).message).toMatch(/^The number of rows in the data does not match/);
  // Nothing was written by the refused calls.
  expect(range.getValues()).toEqual([['', ''], ['', '']]);
});

test('a cell holds at most 50,000 characters', () => {
  const { sheet } = setup();
  sheet.getRange('A1').setValue('x'.repeat(50000));
  expect(sheet.getRange('A1').getValue()).toHaveLength(50000);
  const err = thrown(() => sheet.getRange('A2:B2').setValues([['ok', 'y'.repeat(50001)]]));
  expect(err.message).toBe('Your input contains more than the maximum of 50000 characters in a single cell.');
  expect(sheet.getRange('A2').getValue()).toBe('');
  expect(() => sheet.appendRow(['z'.repeat(50001)])).toThrow('Your input contains more than the maximum of 50000 characters in a single cell.');
});

test('strings are parsed like typed text: numbers, booleans, dates, formulas; a leading apostrophe keeps text', () => {
  const { sheet } = setup();
  sheet.getRange('A1:H1').setValues([['123', 'TRUE', '2024-01-05', '=1+1', "'007", '1,234.5', '12%', 'hello']]);
  const [row] = sheet.getRange('A1:H1').getValues();
  expect(row[0]).toBe(123);
  expect(row[1]).toBe(true);
  expect(Object.prototype.toString.call(row[2])).toBe('[object Date]');
  expect((row[2] as Date).toISOString()).toBe('2024-01-05T00:00:00.000Z');
  expect(row[3]).toBe(2);
  expect(row[4]).toBe('007');
  expect(row[5]).toBe(1234.5);
  expect(row[6]).toBeCloseTo(0.12);
  expect(row[7]).toBe('hello');
  expect(sheet.getRange('D1').getFormula()).toBe('=1+1');
  // A plain-text cell ("@") keeps what it is given as text.
  sheet.getRange('A2').setNumberFormat('@').setValue('123');
  expect(sheet.getRange('A2').getValue()).toBe('123');
});

test('display values follow Sheets\' defaults and the number formats set', () => {
  const { sheet } = setup();
  sheet.getRange('A1:F1').setValues([[1234.5, 1 / 3, true, new Date(Date.UTC(2024, 0, 5)), new Date(Date.UTC(2024, 0, 5, 13, 45)), '']]);
  expect(sheet.getRange('A1:F1').getDisplayValues()).toEqual([['1234.5', '0.3333333333', 'TRUE', '1/5/2024', '1/5/2024 13:45:00', '']]);
  sheet.getRange('A1').setNumberFormat('#,##0.00');
  sheet.getRange('D1').setNumberFormat('yyyy-mm-dd');
  sheet.getRange('B1').setNumberFormat('0.0%');
  expect(sheet.getRange('A1').getDisplayValue()).toBe('1,234.50');
  expect(sheet.getRange('D1').getDisplayValue()).toBe('2024-01-05');
  expect(sheet.getRange('B1').getDisplayValue()).toBe('33.3%');
  expect(sheet.getRange('C2').getNumberFormat()).toBe('0.###############');
});

test('dates come back as Dates of the script\'s realm', () => {
  const { ex, sheet } = setup();
  const sandbox = vm.createContext({});
  const SandboxDate = vm.runInContext('Date', sandbox) as DateConstructor;
  ex.ctx.realm = { Date: SandboxDate, Error: vm.runInContext('Error', sandbox) as ErrorConstructor };
  const d = new SandboxDate(Date.UTC(2024, 4, 6, 7, 8, 9));
  sheet.getRange('A1').setValue(d);
  const back = sheet.getRange('A1').getValue();
  expect(back instanceof SandboxDate).toBe(true);
  expect(back instanceof Date).toBe(false);
  expect((back as Date).getTime()).toBe(d.getTime());
  expect(sheet.getRange('A1').getValues()[0][0] instanceof SandboxDate).toBe(true);
  // Errors are made there too.
  const err = thrown(() => sheet.getRange(0, 1));
  expect(err instanceof (vm.runInContext('Error', sandbox) as ErrorConstructor)).toBe(true);
});

test('backgrounds normalise to lower-case #rrggbb; null resets to white', () => {
  const { sheet } = setup();
  const r = sheet.getRange('A1:C1');
  expect(r.getBackground()).toBe('#ffffff');
  r.setBackgrounds([['red', '#FFF', '#00FF00']]);
  expect(r.getBackgrounds()).toEqual([['#ff0000', '#ffffff', '#00ff00']]);
  sheet.getRange('A1').setBackground(null);
  expect(sheet.getRange('A1').getBackground()).toBe('#ffffff');
  sheet.getRange('B1').setBackgroundRGB(255, 128, 0);
  expect(sheet.getRange('B1').getBackground()).toBe('#ff8000');
});

test('font lines, weights, styles and notes round-trip', () => {
  const { sheet } = setup();
  const r = sheet.getRange('A1:B1');
  expect(r.getFontLines()).toEqual([['none', 'none']]);
  r.setFontLines([['line-through', 'underline']]);
  expect(r.getFontLines()).toEqual([['line-through', 'underline']]);
  sheet.getRange('A1').setFontLine('none');
  expect(sheet.getRange('A1').getFontLine()).toBe('none');
  r.setFontWeight('bold').setFontStyle('italic');
  expect(r.getFontWeights()).toEqual([['bold', 'bold']]);
  expect(r.getFontStyles()).toEqual([['italic', 'italic']]);
  r.setNotes([['first', null]]);
  expect(r.getNotes()).toEqual([['first', '']]);
  sheet.getRange('A1').clearNote();
  expect(sheet.getRange('A1').getNote()).toBe('');
  // Formatting and notes are not content.
  expect(sheet.getLastRow()).toBe(0);
});

test('one getValues over 5,000 rows is one call; N setValue calls are N calls', () => {
  const { ex, sheet } = setup();
  const data = Array.from({ length: 5000 }, (_, i) => [i, `row ${i}`, i % 2 === 0]);
  // The grid is 1000 rows: a range past it is refused until rows are added.
  expect(thrown(() => sheet.getRange(1, 1, 5000, 3)).message).toBe('The coordinates of the range are outside the dimensions of the sheet.');
  sheet.insertRowsAfter(1000, 4000);
  sheet.getRange(1, 1, 5000, 3).setValues(data);
  const before = ex.ctx.calls.count('Range.getValues');
  const values = sheet.getRange(1, 1, 5000, 3).getValues();
  expect(values).toHaveLength(5000);
  expect(values[4999]).toEqual([4999, 'row 4999', false]);
  expect(ex.ctx.calls.count('Range.getValues') - before).toBe(1);
  for (let i = 1; i <= 7; i++) sheet.getRange(i, 5).setValue(i);
  expect(ex.ctx.calls.byMethod.get('Range.setValue')).toBe(7);
  expect(ex.ctx.calls.byMethod.get('Sheet.getRange')).toBe(3 + 7);
});

test('20,000 x 20 setValues and getValues are fast', () => {
  const { sheet } = setup();
  sheet.insertRowsAfter(1000, 19000);
  const data = Array.from({ length: 20000 }, (_, r) => Array.from({ length: 20 }, (_, c) => (c % 2 ? `t${r}` : r * c)));
  const t0 = Date.now();
  sheet.getRange(1, 1, 20000, 20).setValues(data);
  const back = sheet.getRange(1, 1, 20000, 20).getValues();
  expect(Date.now() - t0).toBeLessThan(3000);
  expect(back[19999][19]).toBe('t19999');
});

test('a method the emulator lacks says "not emulated"', () => {
  const { sheet } = setup();
  const range = sheet.getRange('A1') as unknown as { getRichTextValues(): unknown };
  expect(thrown(() => range.getRichTextValues()).message).toBe('not emulated: Range.getRichTextValues');
});

test('a plain-text cell ("@") stores every string as given: no formula, number, date or apostrophe stripping', () => {
  const { sheet } = setup();
  const n = HOSTILE_TEXT.length;
  const range = sheet.getRange(1, 1, n, 1);
  range.setNumberFormat('@');
  range.setValues(HOSTILE_TEXT.map((t) => [t]));
  expect(range.getValues().map((r) => r[0])).toEqual([...HOSTILE_TEXT]);
  expect(range.getDisplayValues().map((r) => r[0])).toEqual([...HOSTILE_TEXT]);
  expect(range.getFormulas().every((r) => r[0] === '')).toBe(true);
  // Without the format the same strings are parsed as typed text.
  const general = sheet.getRange(1, 2, n, 1);
  general.setValues(HOSTILE_TEXT.map((t) => [t]));
  const got = general.getValues().map((r) => r[0]);
  expect(general.getFormulas()[0]![0]).toBe('=1+1');
  expect(got[HOSTILE_TEXT.indexOf('1.50')]).toBe(1.5);
  expect(got[HOSTILE_TEXT.indexOf('TRUE')]).toBe(true);
  expect(got[HOSTILE_TEXT.indexOf("'quoted")]).toBe('quoted');
});
