// The Spreadsheet service as a script in the Apps Script sandbox sees it: Dates of its own realm,
// errors it can catch by message, and batching it can prove by counting calls.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Emulator } from '../../src/emulator/emulator';
import { runFunction } from '../../src/emulator/sandbox';

const code = `
function main() {
  var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
  sheet.getRange('A1:B2').setValues([[new Date(Date.UTC(2024, 0, 5)), '=A2*2'], ['21', 'TRUE']]);
  var values = sheet.getDataRange().getValues();
  var err = '';
  try { sheet.getRange('A1:B2').setValues([[1]]); } catch (e) { err = e.name + ': ' + e.message; }
  return {
    isDate: values[0][0] instanceof Date,
    year: values[0][0].getUTCFullYear(),
    b1: values[0][1],
    a2: values[1][0],
    b2: values[1][1],
    err: err,
  };
}
`;

test('a sandboxed script gets its own Dates and catchable Exceptions', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mapspec-ss-'));
  const codePath = path.join(dir, 'Code.js');
  fs.writeFileSync(codePath, code);
  const emu = new Emulator();
  const result = runFunction<Record<string, unknown>>(emu, 'main', { codePath });
  expect(result.error).toBeUndefined();
  expect(JSON.parse(JSON.stringify(result.value))).toEqual({
    isDate: true,
    year: 2024,
    b1: 42,
    a2: 21,
    b2: true,
    err: 'Exception: The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
  });
  expect(result.calls.count('Range.setValues')).toBe(2);
  expect(result.calls.count('Range.getValues')).toBe(1);
});
