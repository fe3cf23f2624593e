/**
 * The baseline: "check + colour" written the way a typical hand-written Apps Script does it — loop
 * the rows, getRange(r, c).getValue() per cell, setBackground per row, setBackground + setNote per
 * failing cell. Same checks in spirit as Mapspec's main row rules (status, required paths,
 * duplicate IDs and destinations, unknown value maps, integer samples). Plain Apps Script source,
 * written to a temp dir and run in the emulator's sandbox like build/Code.js.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const NAIVE_FUNCTION = 'naiveCheckAndColour';

export const NAIVE_SCRIPT = String.raw`
var STATUS_COLOURS = { 'New': '#f4cccc', 'Needs discussion': '#fff2cc', 'Agreed': '#ffffff', 'Deprecated': '#ffffff' };
var ERROR_COLOUR = '#ea9999';

function naiveCheckAndColour() {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  var sheet = ss.getSheetByName('Mapping – Case registration');
  var maps = ss.getSheetByName('Value maps');
  var lists = {};
  for (var m = 2; m <= maps.getLastRow(); m++) {
    lists[maps.getRange(m, 1).getValue()] = true;
  }
  var lastRow = sheet.getLastRow();
  var lastCol = sheet.getLastColumn();
  var ids = {};
  var destinations = {};
  var problems = 0;
  for (var r = 3; r <= lastRow; r++) {
    var row = [];
    for (var c = 1; c <= lastCol; c++) {
      row.push(sheet.getRange(r, c).getValue());
    }
    var status = row[1];
    sheet.getRange(r, 1, 1, lastCol).setBackground(STATUS_COLOURS[status] || '#ffffff');
    if (status === 'Deprecated') continue;
    var fail = function (col, message) {
      var cell = sheet.getRange(r, col);
      cell.setBackground(ERROR_COLOUR);
      cell.setNote(message);
      problems++;
    };
    if (!(status in STATUS_COLOURS)) fail(2, 'Unknown status: ' + status);
    if (row[3] === '') fail(4, 'Source path is missing');
    if (row[8] === '') fail(9, 'Destination path is missing');
    if (String(row[8]) !== String(row[8]).trim()) fail(9, 'Stray whitespace');
    if (ids[row[0]]) fail(1, 'Duplicate ID ' + row[0]);
    ids[row[0]] = true;
    if (destinations[row[8]]) fail(9, 'Duplicate destination ' + row[8]);
    destinations[row[8]] = true;
    if (row[4] === 'select_one' && row[15] !== '' && !lists[row[15]]) fail(16, 'Unknown value map ' + row[15]);
    if (row[4] === 'integer' && row[5] !== '' && !/^-?\d+$/.test(String(row[5]))) fail(6, 'Sample is not an integer');
  }
  return problems;
}
`;

/** Writes the script to a fresh temp dir (gas-local loads a folder) and returns its path. */
export function writeNaiveScript(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mapspec-bench-naive-'));
  const file = path.join(dir, 'Code.js');
  fs.writeFileSync(file, NAIVE_SCRIPT);
  return file;
}
