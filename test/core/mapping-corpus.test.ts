// Issue 16, deliverable 5: a corpus of real public specs and data dictionaries from different
// organisations and tools (Dimagi's commcare-export query files, WHO SMART EmCare and ANC
// dictionaries, pyxform XLSForms), read by the emulator's .xlsx reader as the add-on would see them.
// For each, the kind of every tab, its header row and the role of each column a person would name;
// the accuracy is measured and printed. Files in ../shared/fixtures/real (licensed, with provenance in
// its README) are used where that folder is beside the repository (CI has it); the two in
// test/fixtures always are.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { detectLayout, type Merge, type TabGrid } from '../../src/core/mapping';
import type { SheetData } from '../../src/emulator/state';
import { readXlsx } from '../../src/emulator/xlsx';
import { FIXTURES, ROOT } from '../support/paths';

const SHARED = path.resolve(ROOT, '../shared/fixtures/real');

type TabExpectation = { kind: 'mapping' | 'dictionary' | 'value-map' | 'none'; headerRow?: number; roles?: Record<string, string> };
type FileExpectation = { file: string; org: string; tabs: Record<string, TabExpectation> };

const q = (extra: Record<string, string> = {}): TabExpectation => ({ kind: 'dictionary', headerRow: 1, roles: { type: 'type', id: 'id', label: 'label', ...extra } });
const COMMCARE_QUERY = { Field: 'destination-path', 'Source Field': 'source-path' };
const ANC_ROLES = { '[ANC] Data Element ID': 'id', 'Data Element Label': 'label', 'Data Type': 'type', 'Input Options': 'choices', 'Multiple Choice Type \n(if applicable)': 'choice-type' };

const CORPUS: FileExpectation[] = [
  {
    file: path.join(SHARED, 'dimagi-commcare-export-mappings.xlsx'), org: 'Dimagi (commcare-export)',
    tabs: {
      Forms: { kind: 'mapping', headerRow: 1, roles: { ...COMMCARE_QUERY, 'Format Via': 'rule' } },
      // Mapping Name | Source | Destination: the bare side words are the two sides' values.
      Mappings: { kind: 'value-map', headerRow: 1, roles: { 'Mapping Name': 'value-map', Source: 'source-value', Destination: 'destination-value' } },
    },
  },
  {
    file: path.join(SHARED, 'dimagi-commcare-export-pregnancy-cases-with-forms.xlsx'), org: 'Dimagi (commcare-export)',
    tabs: { 'Pregnant Mother Cases': { kind: 'mapping', headerRow: 1, roles: COMMCARE_QUERY }, CaseToForm: { kind: 'mapping', headerRow: 1, roles: COMMCARE_QUERY } },
  },
  {
    file: path.join(SHARED, 'dimagi-commcare-export-registrations.xlsx'), org: 'Dimagi (commcare-export)',
    tabs: { Registrations: { kind: 'mapping', headerRow: 1, roles: { ...COMMCARE_QUERY, 'Format Via': 'rule' } } },
  },
  {
    file: path.join(SHARED, 'who-emcare-iraq-dictionary.xlsx'), org: 'WHO SMART (EmCare)',
    tabs: {
      valueSet: { kind: 'value-map', headerRow: 1, roles: { valueSet: 'value-map', code: 'value', display: 'label' } },
      'l.EmCare.CombinedDataElements': q(),
      'pd.EmCare.DT.01': { kind: 'none' },
      'q.EmCareA.Registration.P': q({ map_path: 'path' }),
      'q.EmCareB.Registration.E': q({ map_path: 'path' }),
      'q.EmCare.B7.LTI-DangerSigns': q(),
      'q.EmCare.B6.Measurements': q(),
      'q.EmCare.B18-21.Symptoms.2m.m': q(),
      'q.EmCare.B18-21.Signs.2m.m': q(),
      'q.EmCare.B10-14.Symptoms.2m.p': q(),
      'q.EmCare.B10-16.Signs.2m.p': q(),
      'q.EmCare.B22.AssessmentsTests': q(),
      'q.EmCare.B22.FluidTest': q(),
      'q.EmCare.B22.RespiratoryRate': q(),
      'q.EmCare.B22.BronchodilatorTest': q(),
      'q.EmCare.B22.BreastFeeding': q(),
      'q.EmCare.B22.Hemoglobin': q(),
      'q.EmCare.B22.SecondTemperature': q(),
      'q.EmCare.B23.Classification.m': q(),
      'q.EmCare.B23.Classification': q(),
      'q.EmCare.Treatment': q(),
      profile: { kind: 'dictionary', headerRow: 1, roles: { id: 'id', map_path: 'path', type: 'type' } },
    },
  },
  {
    file: path.join(SHARED, 'xlsform-pyxform-spec-test.xlsx'), org: 'XLSForm (pyxform)',
    tabs: {
      survey: { kind: 'dictionary', headerRow: 1, roles: { type: 'type', name: 'path', 'label::english': 'label', required: 'required' } },
      choices: { kind: 'value-map', headerRow: 1, roles: { list_name: 'value-map', name: 'value', label: 'label' } },
      settings: { kind: 'none' },
    },
  },
  {
    file: path.join(FIXTURES, 'xlsform-pyxform-ucl-biomass-plot-form.xlsx'), org: 'XLSForm (pyxform, UCL field form)',
    tabs: {
      survey: { kind: 'dictionary', headerRow: 1, roles: { type: 'type', name: 'path', 'label::English (en)': 'label', required: 'required' } },
      choices: { kind: 'value-map', headerRow: 1, roles: { list_name: 'value-map', 'name ': 'value', 'label::English (en)': 'label' } },
      settings: { kind: 'none' },
    },
  },
  {
    file: path.join(FIXTURES, 'who-anc-data-dictionary.xlsx'), org: 'WHO SMART (ANC)',
    tabs: {
      Overview: { kind: 'none' }, 'READ ME': { kind: 'none' }, COVER: { kind: 'none' }, References: { kind: 'none' },
      'ANC.A. Registration': { kind: 'dictionary', headerRow: 2, roles: ANC_ROLES },
      'ANC.B5 Quick check': { kind: 'dictionary', headerRow: 2, roles: ANC_ROLES },
      'ANC.B8 Physical exam': { kind: 'dictionary', headerRow: 2, roles: ANC_ROLES },
    },
  },
];

/** A sheet as the plain grid the adapter hands the core (values; merged cells in their top-left). */
function gridOf(sheet: SheetData): TabGrid {
  const values = sheet.rows.map((row) => row.map((c) => {
    const v = c?.v;
    if (v === undefined || v === null) return null;
    return typeof v === 'object' ? new Date(v.d) : v;
  }));
  const merges: Merge[] = sheet.merges.map((m) => ({ r1: m.r1, c1: m.c1, r2: m.r2, c2: m.c2 }));
  return { name: sheet.name, sheetId: sheet.id, values, merges };
}

const present = CORPUS.filter((f) => fs.existsSync(f.file));

test('the real-spec corpus: every tab of the right kind, key columns given the roles a person would name', async () => {
  expect(present.length).toBeGreaterThanOrEqual(2);
  let columns = 0;
  let right = 0;
  const wrongColumns: string[] = [];
  const wrongTabs: string[] = [];
  let tabs = 0;
  for (const f of present) {
    const wb = await readXlsx(f.file);
    for (const [name, want] of Object.entries(f.tabs)) {
      const sheet = wb.sheets.find((s) => s.name === name);
      const where = `${path.basename(f.file)} › ${name}`;
      if (!sheet) throw new Error(`no tab ${where}`);
      const d = detectLayout(gridOf(sheet));
      tabs++;
      if (d.kind !== want.kind || (want.headerRow !== undefined && d.headerRow !== want.headerRow)) wrongTabs.push(`${where}: ${d.kind} at row ${d.headerRow}, not ${want.kind} at row ${want.headerRow}`);
      for (const [header, role] of Object.entries(want.roles ?? {})) {
        columns++;
        const got = d.columns.find((c) => c.header === header)?.role ?? null;
        if (got === role) right++;
        else wrongColumns.push(`${where} › ${JSON.stringify(header)}: ${got}, not ${role}`);
      }
    }
  }
  const accuracy = columns ? right / columns : 1;
  console.log(
    `real-spec corpus: ${present.length} files from ${new Set(present.map((f) => f.org)).size} organisations/tools, ${tabs} tabs, ${columns} key columns\n` +
      `  key columns right: ${right}/${columns} (${(accuracy * 100).toFixed(1)}%)\n` +
      `  tabs misclassified: ${wrongTabs.length}${wrongTabs.length ? `\n    ${wrongTabs.join('\n    ')}` : ''}` +
      (wrongColumns.length ? `\n  columns wrong:\n    ${wrongColumns.join('\n    ')}` : ''),
  );
  expect(accuracy).toBeGreaterThanOrEqual(0.95);
  expect(wrongTabs).toEqual([]);
});
