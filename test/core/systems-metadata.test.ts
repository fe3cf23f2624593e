// Issue 12, deliverable 1 (the core): a system's metadata read from a DHIS2 export, an XLSForm
// workbook or a Kobo form, compact enough to store, and compared with a newer import of the system.
// Real files: ../shared/fixtures/real where it is beside the repository (CI has it); the UCL XLSForm
// in test/fixtures always.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import * as path from 'node:path';
import { diffMetadata, fieldIndex, type SystemMetadata } from '../../src/core/systems/metadata';
import { readDhis2Metadata } from '../../src/core/systems/dhis2-metadata';
import { readKoboForm, readXlsFormSheets } from '../../src/core/systems/xlsform';
import { impliedSide, readMetadataText, readXlsFormBytes } from '../../src/core/systems/read-file';
import { readXlsxSheets } from '../../src/core/systems/xlsx-sheets';
import { readXlsx } from '../../src/emulator/xlsx';
import { FIXTURES, ROOT } from '../support/paths';

const REAL = path.resolve(ROOT, '../shared/fixtures/real');
const real = (name: string) => path.join(REAL, name);
const json = (file: string): unknown => JSON.parse(fs.readFileSync(file, 'utf8'));
const withReal = (name: string) => (fs.existsSync(real(name)) ? test : test.skip);

withReal('dhis2-e2e-tracker-metadata.json')('a DHIS2 export: data elements and attributes by UID, code and name; option sets as codes', () => {
  const meta = readDhis2Metadata(json(real('dhis2-e2e-tracker-metadata.json')));
  expect(meta.summary).toBe('DHIS2 metadata: 7 data elements, 10 tracked entity attributes, 1 option set');
  expect(meta.fields).toHaveLength(17);
  expect(meta.lists).toEqual({ FhjFRDxk1FG: ['TA_FEMALE', 'TA_MALE'] });
  const byName = fieldIndex(meta);
  expect(byName.get('ta_age_years')).toMatchObject({ path: 'ypGAwVRNtVY', type: 'integer', rawType: 'INTEGER_ZERO_OR_POSITIVE' });
  expect(byName.get('aiga5mpofoj')).toMatchObject({ list: 'FhjFRDxk1FG', type: 'text' });
  expect(meta.fields.find((f) => f.path === 'mB2QHw1tU96')).toMatchObject({ type: 'geopoint', label: 'TA Coordinate data element' });
});

withReal('savannahghi-hiv-tracker-metadata.json')('a real 2.5 MB tracker package: every valueType known, every option set with its codes, compact to store', () => {
  const meta = readDhis2Metadata(json(real('savannahghi-hiv-tracker-metadata.json')));
  expect(meta.summary).toBe('DHIS2 metadata: 378 data elements, 35 tracked entity attributes, 57 option sets');
  expect(meta.fields.filter((f) => f.type === null).map((f) => f.rawType)).toEqual([]);
  expect(Object.values(meta.lists).every((codes) => codes.length > 0)).toBe(true);
  expect(meta.fields.filter((f) => f.list !== null).every((f) => f.list! in meta.lists)).toBe(true);
  const stored = JSON.stringify(meta).length;
  console.log(`savannahghi HIV tracker metadata: 2,505,195 bytes read, ${stored} characters kept (${meta.fields.length} fields, ${Object.keys(meta.lists).length} lists)`);
  expect(stored).toBeLessThan(200_000);
});

test('an XLSForm workbook: paths under groups and repeats, the first label, lists from choices; notes are no fields', async () => {
  const wb = await readXlsx(path.join(FIXTURES, 'xlsform-pyxform-ucl-biomass-plot-form.xlsx'));
  const meta = readXlsFormSheets(wb.sheets.map((s) => ({ name: s.name, values: s.rows.map((r) => r.map((c) => c?.v ?? null)) })), 'UCL form');
  expect(meta.format).toBe('xlsform');
  expect(Object.keys(meta.lists)).toHaveLength(7);
  expect(meta.fields.some((f) => f.path.includes('/'))).toBe(true);
  expect(meta.fields.every((f) => f.rawType !== 'note')).toBe(true);
  const selects = meta.fields.filter((f) => f.type === 'select_one');
  expect(selects.length).toBeGreaterThanOrEqual(19);
  // select_one_from_file names a file of choices, not a list of the choices sheet.
  expect(selects.filter((f) => f.list !== null && !(f.list in meta.lists)).every((f) => /\.(csv|xml)$/i.test(f.list!))).toBe(true);
  expect(() => readXlsFormSheets([{ name: 'Sheet1', values: [['a']] }], 'notes.xlsx')).toThrow('notes.xlsx has no "survey" sheet, so it is not an XLSForm (its sheets: "Sheet1").');
});

describe("the sidebar's own .xlsx reader (no library: the zip's parts inflated by the browser)", () => {
  const inflate = async (d: Uint8Array) => new Uint8Array(zlib.inflateRawSync(d));
  const bytes = (file: string) => new Uint8Array(fs.readFileSync(file));

  test('reads an XLSForm as the command line does with exceljs: the same fields, types, labels and lists', async () => {
    const file = path.join(FIXTURES, 'xlsform-pyxform-ucl-biomass-plot-form.xlsx');
    const wb = await readXlsx(file);
    const viaExcelJs = readXlsFormSheets(wb.sheets.map((s) => ({ name: s.name, values: s.rows.map((r) => r.map((c) => c?.v ?? null)) })), 'UCL form');
    const sheets = await readXlsxSheets(bytes(file), inflate);
    expect(sheets.map((s) => s.name)).toEqual(['survey', 'choices', 'settings']);
    expect(await readXlsFormBytes(bytes(file), 'UCL form', inflate)).toEqual(viaExcelJs);
  });

  test('cells of every kind: shared strings, rich text runs, numbers, booleans, escapes, any script, holes', async () => {
    const file = path.join(os.tmpdir(), `mapspec-xlsx-${process.pid}.xlsx`);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('survey');
    sheet.addRow(['type', 'name', 'label::ខ្មែរ (km)', 'required']);
    sheet.addRow(['text', 'village', 'ឈ្មោះភូមិ & <code>', true]);
    sheet.getCell('A4').value = 'integer';
    sheet.getCell('B4').value = 'age';
    sheet.getCell('C4').value = { richText: [{ text: 'Age ' }, { text: 'in years', font: { bold: true } }] };
    sheet.getCell('E4').value = 12.5;
    await workbook.xlsx.writeFile(file);
    try {
      const [survey] = await readXlsxSheets(bytes(file), inflate);
      expect(survey!.values).toEqual([['type', 'name', 'label::ខ្មែរ (km)', 'required'], ['text', 'village', 'ឈ្មោះភូមិ & <code>', true], [], ['integer', 'age', 'Age in years', null, 12.5]]);
    } finally {
      fs.rmSync(file, { force: true });
    }
  });

  test('what is not an .xlsx gets a message naming the file', async () => {
    const text = new TextEncoder().encode('{"dataElements": []}');
    await expect(readXlsFormBytes(text, 'meta.xlsx', inflate)).rejects.toThrow('meta.xlsx: This file is not an .xlsx workbook (no zip directory in it): save it from Excel or Google Sheets as .xlsx.');
    const doc = bytes(path.join(FIXTURES, 'who-anc-data-dictionary.xlsx'));
    await expect(readXlsFormBytes(doc, 'anc.xlsx', inflate)).rejects.toThrow(/^anc\.xlsx has no "survey" sheet, so it is not an XLSForm/);
    const cut = bytes(path.join(FIXTURES, 'xlsform-pyxform-ucl-biomass-plot-form.xlsx')).slice(0, 4000);
    await expect(readXlsFormBytes(cut, 'cut.xlsx', inflate)).rejects.toThrow(/^cut\.xlsx: This file is not an \.xlsx workbook/);
  });
});

withReal('kobotoolbox-formpack-nested-grouped-repeatable.json')('a Kobo form: nested repeats give the paths its submissions use', () => {
  const meta = readKoboForm(json(real('kobotoolbox-formpack-nested-grouped-repeatable.json')), 'kobo.json');
  expect(meta.fields.map((f) => f.path)).toEqual([
    'start', 'end', 'group_tree/What_kind_of_tree_is_this', 'group_tree/group_nest/How_high_above_the_ground_is_the_nest',
    'group_tree/group_nest/How_many_eggs_are_in_the_nest', 'group_tree/group_nest/group_egg/Describe_the_egg',
  ]);
  expect(meta.fields[2]).toMatchObject({ type: 'select_one', list: 'tree_type' });
  expect(meta.lists.tree_type!.slice(0, 2)).toEqual(['pine', 'oak']);
});

test('a newer import of the same system says what changed: fields added, removed, type changed, lists', () => {
  const field = (p: string, type: string | null) => ({ path: p, aliases: [], type, rawType: type, label: null, list: null });
  const before: SystemMetadata = { format: 'fields', summary: '', fields: [field('a', 'text'), field('b', 'integer'), field('c', 'date')], lists: { yes_no: ['yes', 'no'] } };
  const after: SystemMetadata = { format: 'fields', summary: '', fields: [field('a', 'text'), field('b', 'number'), field('d', 'text')], lists: { sex: ['f', 'm'] } };
  expect(diffMetadata(before, after)).toEqual({ added: ['d'], removed: ['c'], typeChanged: [{ path: 'b', before: 'integer', after: 'number' }], listsAdded: ['sex'], listsRemoved: ['yes_no'] });
});

test('input that is no DHIS2 export is refused with a message that says so', () => {
  for (const bad of [null, [], { programs: [] }, 'dataElements']) {
    expect(() => readDhis2Metadata(bad)).toThrow('This is not a DHIS2 metadata export: it has none of dataElements, trackedEntityAttributes or optionSets.');
  }
});

test('a file\'s text read by its format, for the command line and the sidebar alike; the side a format implies', () => {
  const dhis2 = readMetadataText(JSON.stringify({ dataElements: [{ id: 'abcDEF12345', valueType: 'TEXT' }] }), 'meta.json');
  expect([dhis2.format, impliedSide(dhis2)]).toEqual(['dhis2', 'destination']);
  const kobo = readMetadataText(JSON.stringify({ content: { survey: [{ type: 'text', name: 'q' }] } }), 'form.json');
  expect([kobo.format, impliedSide(kobo)]).toEqual(['xlsform', 'source']);
  expect(readMetadataText('path,type\nage,integer\n', 'f.csv').fields[0]).toMatchObject({ path: 'age', type: 'integer' });
  expect(() => readMetadataText('{"dataElements": [', 'cut.json')).toThrow(/^cut\.json is not valid JSON \(.*\) — the file ends mid-way: was the export cut off\?$/);
  expect(() => readMetadataText('{"a": 1}', 'a.json', '/tmp/a.json')).toThrow(/^\/tmp\/a\.json is none of the formats Mapspec reads/);
});
