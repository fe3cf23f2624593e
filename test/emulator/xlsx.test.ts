// readXlsx / writeXlsx on the real WHO ANC data dictionary (15 sheets, header on row 2, rich text,
// line breaks in headers, merges, hidden sheet, frozen panes) and on a workbook made here.
import * as path from 'node:path';
import { readXlsx, writeXlsx } from '../../src/emulator/xlsx';
import type { WorkbookData } from '../../src/emulator/state';
import { demoWorkbook } from '../../src/playground/demo-workbook';
import { FIXTURES } from '../support/paths';

const FIXTURE = path.join(FIXTURES, 'who-anc-data-dictionary.xlsx');

/** The sheets as JSON (what the playground saves), for deep comparison. */
const sheetsJson = (wb: WorkbookData) => JSON.parse(JSON.stringify(wb.sheets));

let who: WorkbookData;
beforeAll(async () => {
  who = await readXlsx(FIXTURE);
});

describe('readXlsx on the WHO ANC data dictionary', () => {
  test('sheets, order, ids, hidden, tab colours and frozen panes', () => {
    expect(who.name).toBe('who-anc-data-dictionary');
    expect(who.sheets).toHaveLength(15);
    expect(who.sheets.map((s) => s.name).slice(0, 5)).toEqual(['Overview', 'READ ME', 'COVER', 'Dev', 'ANC.A. Registration']);
    expect(who.sheets.map((s) => s.id)).toEqual([...Array(15).keys()]);
    expect(who.nextSheetId).toBe(15);
    expect(who.sheets.find((s) => s.name === 'COVER')?.hidden).toBe(true);
    expect(who.sheets.find((s) => s.name === 'READ ME')?.tabColor).toBe('#ffff00');
    const registration = who.sheets.find((s) => s.name === 'ANC.A. Registration')!;
    expect([registration.frozenRows, registration.frozenColumns]).toEqual([2, 4]);
    // Sized by the cells that hold values (column AU, 47): its 148 empty styled cells out to column
    // 179 (FW) do not make the sheet wider, as formatting down to row 1,048,576 would not make it longer.
    const b7 = who.sheets.find((s) => s.name === 'ANC.B7 Symptoms & Follow-up')!;
    expect(b7.maxColumns).toBe(47);
    expect(b7.rows.some((r) => r.length === 47 && r[46]?.v !== undefined)).toBe(true);
  });

  test('values: header on row 2 after a blank column, line breaks, numbers, formulas, rich text', () => {
    const registration = who.sheets.find((s) => s.name === 'ANC.A. Registration')!;
    // Row 1 is mostly blank (a note over the FHIR columns); the header is row 2, after a blank column A.
    expect(registration.rows[0].slice(0, 30).every((c) => c?.v === undefined)).toBe(true);
    expect(registration.rows[0][30]?.v).toBe('Fill in for data elements that sit within slices only');
    expect(registration.rows[1][0]?.v).toBeUndefined();
    expect(registration.rows[1][1]).toMatchObject({ v: '[ANC] Activity ID', bold: true, bg: '#4472c4', fc: '#ffffff', wrap: true });
    expect(registration.rows[1][5]?.v).toBe('Multiple Choice Type \n(if applicable)');
    // List validations (a dropdown of data types) on the registration sheet.
    expect(registration.rows[4][24]?.dv).toMatchObject({ kind: 'list', values: expect.arrayContaining(['Text', 'Integer', 'Date']) });

    const dev = who.sheets.find((s) => s.name === 'Dev')!;
    expect(dev.rows[3][28]?.v).toBe(65853000);

    const refs = who.sheets.find((s) => s.name === 'References')!;
    expect(refs.rows[3][0]).toMatchObject({ f: '=A3+1', v: 2 });

    // Rich text becomes plain text (its runs joined).
    const readMe = who.sheets.find((s) => s.name === 'READ ME')!;
    expect(readMe.rows[1][1]?.v).toMatch(/^Notes:\t\t\n• Data elements/);
    expect(readMe.merges).toContainEqual({ r1: 2, c1: 2, r2: 2, c2: 4 });

    const counselling = who.sheets.find((s) => s.name === 'ANC.B10 Counselling & treatment')!;
    expect(counselling.rows[226][3]).toMatchObject({ v: 'First-line support', strike: true, fc: '#ff0000' });

    const cover = who.sheets.find((s) => s.name === 'COVER')!;
    expect(cover.rows[14][1]?.note).toMatch(/Threaded comment/);
  });

  test('write → read gives the same sheets', async () => {
    const back = await readXlsx(await writeXlsx(who), { name: who.name });
    expect(sheetsJson(back)).toEqual(sheetsJson(who));
    expect(back.active).toEqual(who.active);
  });
});

describe('writeXlsx', () => {
  test('keeps what the demo workbook uses: dates, checkboxes, dropdowns, merges, notes, colours, widths', async () => {
    const demo = demoWorkbook();
    const back = await readXlsx(await writeXlsx(demo), { name: demo.name });
    expect(sheetsJson(back).map((s: { name: string }) => s.name)).toEqual(demo.sheets.map((s) => s.name));
    const mapping = back.sheets[1];
    expect(mapping.merges).toEqual(demo.sheets[1].merges);
    expect(mapping.rows[2][12]).toMatchObject({ v: true, dv: { kind: 'checkbox' } });
    expect(mapping.rows[2][1]?.dv).toMatchObject({ kind: 'list', values: ['New', 'Needs discussion', 'Agreed', 'Deprecated'], strict: true });
    expect(mapping.rows[3][0]?.bg).toBe('#fff2cc');
    expect(mapping.columnWidths[15]).toBe(300);
    expect([mapping.frozenRows, mapping.frozenColumns]).toEqual([2, 2]);
    expect(mapping.tabColor).toBe('#4285f4');
    expect(back.sheets[4].hidden).toBe(true);
    const checklist = back.sheets[3];
    expect(checklist.rows[2][3]).toMatchObject({ v: demo.sheets[3].rows[2][3]!.v, nf: 'yyyy-mm-dd' });
    // Everything the demo holds comes back as it was.
    expect(sheetsJson(back)).toEqual(sheetsJson({ ...demo, sheets: demo.sheets.map((s) => ({ ...s })) }));
  });

  test('error values of formulas and plain cells come back as their strings', async () => {
    const demo = demoWorkbook();
    demo.sheets[2].rows[20] = [{ f: '=1/0', v: '#DIV/0!' }, { v: '#N/A' }];
    const back = await readXlsx(await writeXlsx(demo));
    expect(back.sheets[2].rows[20]).toEqual([{ f: '=1/0', v: '#DIV/0!' }, { v: '#N/A' }]);
  });
});

test('hyperlinks and rich text survive a read and a write; a cell given other text is written plain', async () => {
  const ExcelJS = require('exceljs');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Links');
  ws.getCell('A1').value = { text: 'DHIS2 tracker API', hyperlink: 'https://docs.dhis2.org/en/develop/tracker.html' };
  ws.getCell('A2').value = { richText: [{ text: 'Required ', font: { bold: true, color: { argb: 'FFCC0000' } } }, { text: 'when ' }, { text: 'pregnant', font: { italic: true } }] };
  ws.getCell('A3').value = { text: { richText: [{ text: 'ខ្មែរ ', font: { bold: true } }, { text: 'spec' }] }, hyperlink: 'https://example.org/spec' };
  ws.getCell('A4').value = { text: 'later edited', hyperlink: 'https://example.org/old' };
  const state = await readXlsx(Buffer.from(await wb.xlsx.writeBuffer()));
  const sheet = state.sheets[0]!;
  expect(sheet.rows.slice(0, 3).map((r) => r[0]!.v)).toEqual(['DHIS2 tracker API', 'Required when pregnant', 'ខ្មែរ spec']);
  sheet.rows[3]![0]!.v = 'new text'; // as an edit in the playground would leave it
  const back = new ExcelJS.Workbook();
  await back.xlsx.load(await writeXlsx(state));
  const out = back.getWorksheet('Links');
  expect(out.getCell('A1').value).toEqual({ text: 'DHIS2 tracker API', hyperlink: 'https://docs.dhis2.org/en/develop/tracker.html' });
  const a2 = out.getCell('A2').value as { richText: { text: string; font?: { bold?: boolean; italic?: boolean; color?: { argb: string } } }[] };
  expect(a2.richText.map((r) => [r.text, !!r.font?.bold, !!r.font?.italic])).toEqual([['Required ', true, false], ['when ', false, false], ['pregnant', false, true]]);
  expect(a2.richText[0]!.font!.color!.argb).toBe('FFCC0000');
  const a3 = out.getCell('A3').value as { text: { richText: { text: string }[] }; hyperlink: string };
  expect([a3.hyperlink, a3.text.richText.map((r) => r.text).join('')]).toEqual(['https://example.org/spec', 'ខ្មែរ spec']);
  expect(out.getCell('A4').value).toBe('new text');
});
