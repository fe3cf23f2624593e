// Issue 12 through the shipped bundle: a system's metadata and a sample record saved with the spec
// (a hidden tab, JSON in plain-text cells under the 50,000-character limit), the checks against them
// in the same runChecks call with a coverage summary, a re-import saying what changed, and a payload
// over the limits refused with a message.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ApiResults, CheckResult, SidebarState, TabDetection } from '../../src/core/api';
import { demoWorkbook } from '../../src/playground/demo-workbook';
import { readDhis2Metadata } from '../../src/core/systems/dhis2-metadata';
import type { SystemMetadata } from '../../src/core/systems/metadata';
import { flattenSample } from '../../src/core/systems/sample';
import { callServer, newEmulator, ok, run, sheets } from '../support/addon';
import { ROOT } from '../support/paths';

const MAPPING = 'Mapping – Case registration';
const field = (p: string, type: string | null, aliases: string[] = []) => ({ path: p, aliases, type, rawType: type, label: null, list: null });
const DHIS2: SystemMetadata = { format: 'dhis2', summary: 'DHIS2 metadata: 2 data elements', fields: [field('abcDEF12345', 'integer', ['AGE']), field('ghiJKL67890', 'text', ['NAME'])], lists: {} };

function withSpec() {
  const emulator = newEmulator();
  ok(callServer(emulator, 'insertTemplate', {}));
  const tab = sheets(emulator).getSheetByName(MAPPING)!;
  const row = (id: string, src: string, dst: string, type: string) => [id, 'Agreed', src, src, type.toLowerCase(), '', '', dst, dst, type, '', '', 'Yes', id === 'M-001' ? 'Yes' : 'No', '', '', ''];
  tab.getRange(3, 1, 3, 17).setValues([row('M-001', 'form.age', 'AGE', 'INTEGER'), row('M-002', 'form.name', 'ghiJKL67890', 'TEXT'), row('M-003', 'form.agee', 'abcDEF1234', 'INTEGER')]);
  return { emulator, tab };
}

test('metadata and a sample saved with the spec; runChecks reports against them with the coverage', () => {
  const { emulator } = withSpec();
  const saved = ok(callServer<ApiResults['saveSystem']>(emulator, 'saveSystem', { name: 'DHIS2 tracker', side: 'destination', tabs: null, metadata: DHIS2 }));
  expect(saved).toMatchObject({ replaced: false, change: null, saved: { kind: 'metadata', name: 'DHIS2 tracker', side: 'destination', importedBy: expect.any(String), summary: 'DHIS2 metadata: 2 data elements' } });
  const sample = flattenSample({ form: { age: 34, name: 'Amina', village: 'Kep' }, '@xmlns': 'http://x' });
  ok(callServer(emulator, 'saveSystem', { name: 'visit.json', side: 'source', tabs: [MAPPING], sample }));
  const store = sheets(emulator).getSheetByName('_mapspec_systems')!;
  expect(store.isSheetHidden()).toBe(true);
  expect(JSON.stringify(store.getDataRange().getValues())).not.toContain('Amina');

  const r = ok(callServer<CheckResult>(emulator, 'runChecks', {}));
  const findings = r.tabs.find((t) => t.name === MAPPING)!.findings;
  expect(findings.map((f) => [f.rule, f.row])).toEqual([
    ['sample-field-unmapped', null],
    ['unknown-source', 5],
    ['unknown-destination', 5],
  ]);
  expect(findings.find((f) => f.rule === 'unknown-destination')!.message).toBe(`${MAPPING}, row 5, column I (DESTINATION › API name / path): "abcDEF1234" is not in DHIS2 tracker; did you mean "abcDEF12345"?`);
  expect(r.coverage).toEqual([
    { tab: MAPPING, system: 'visit.json', mapped: 2, inSample: 3, unmapped: 1 },
    { tab: MAPPING, system: 'DHIS2 tracker', mapped: 2, inSample: null, unmapped: 0 },
  ]);
  expect(r.bySeverity).toEqual({ error: 2, warning: 0, info: 1 });
});

test('a re-import of the same system replaces it and says what changed; remove forgets it', () => {
  const { emulator } = withSpec();
  const first = ok(callServer<ApiResults['saveSystem']>(emulator, 'saveSystem', { name: 'DHIS2 tracker', side: 'destination', tabs: null, metadata: DHIS2 }));
  const newer: SystemMetadata = { ...DHIS2, fields: [field('abcDEF12345', 'number', ['AGE']), field('mnoPQR12345', 'date')] };
  const again = ok(callServer<ApiResults['saveSystem']>(emulator, 'saveSystem', { name: 'dhis2 TRACKER', side: 'destination', tabs: null, metadata: newer }));
  expect(again.replaced).toBe(true);
  expect(again.change).toEqual({ added: ['mnoPQR12345'], removed: ['ghiJKL67890'], typeChanged: [{ path: 'abcDEF12345', before: 'integer', after: 'number' }], listsAdded: [], listsRemoved: [] });
  expect(again.systems).toHaveLength(1);
  expect(again.saved.id).toBe(first.saved.id);
  expect(ok(callServer<ApiResults['listSystems']>(emulator, 'listSystems', {})).systems.map((s) => s.name)).toEqual(['dhis2 TRACKER']);
  expect(ok(callServer<ApiResults['removeSystem']>(emulator, 'removeSystem', { id: first.saved.id })).systems).toEqual([]);
  const gone = callServer(emulator, 'removeSystem', { id: first.saved.id });
  expect(gone.ok ? '' : gone.message).toBe('That system is not imported any more. Refresh the sidebar to see the current list.');
  // Without systems, runChecks is as before: no coverage.
  expect(ok(callServer<CheckResult>(emulator, 'runChecks', {})).coverage).toEqual([]);
});

test('a real 2.5 MB DHIS2 package is kept in plain-text cells under the cell limit and read back whole', () => {
  const file = path.resolve(ROOT, '../shared/fixtures/real/savannahghi-hiv-tracker-metadata.json');
  const meta = fs.existsSync(file) ? readDhis2Metadata(JSON.parse(fs.readFileSync(file, 'utf8'))) : { ...DHIS2, fields: Array.from({ length: 3000 }, (_, i) => field(`de${String(i).padStart(9, '0')}`, 'text', [`=CODE_${i}`, `Name ${i}`])) };
  const { emulator } = withSpec();
  ok(callServer(emulator, 'saveSystem', { name: 'HIV tracker', side: 'destination', tabs: null, metadata: meta }));
  const cells = sheets(emulator).getSheetByName('_mapspec_systems')!.getDataRange();
  expect(cells.getFormulas().flat().filter((f) => f !== '')).toEqual([]);
  expect(Math.max(...cells.getValues().flat().map((v) => String(v).length))).toBeLessThanOrEqual(45_000);
  const r = ok(callServer<CheckResult>(emulator, 'runChecks', {}));
  // This spec maps none of the package's fields: all three destinations are unknown to it.
  expect(r.coverage.find((c) => c.system === 'HIV tracker')).toEqual({ tab: MAPPING, system: 'HIV tracker', mapped: 0, inSample: null, unmapped: meta.fields.length });
  expect(r.tabs.find((t) => t.name === MAPPING)!.findings.filter((f) => f.rule === 'unknown-destination').map((f) => f.row)).toEqual([3, 4, 5]);
});

test('a payload over the limits or of the wrong shape is refused, and nothing is saved', () => {
  const { emulator } = withSpec();
  const tooMany = { ...DHIS2, fields: Array.from({ length: 20_001 }, (_, i) => field(`f${i}`, 'text')) };
  for (const payload of [
    { name: 'x', side: 'destination', tabs: null, metadata: tooMany },
    { name: 'x', side: 'sideways', tabs: null, metadata: DHIS2 },
    { name: 'x', side: 'source', tabs: null },
    { name: '', side: 'source', tabs: null, metadata: DHIS2 },
  ]) {
    const r = callServer(emulator, 'saveSystem', payload);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.message).not.toMatch(/\bat \w+ \(|Error:/);
  }
  expect(sheets(emulator).getSheetByName('_mapspec_systems')).toBeNull();
  expect(ok(callServer<SidebarState>(emulator, 'getSidebarState', {})).tabs.map((t) => t.name)).not.toContain('_mapspec_systems');
});

describe('assists from the imported systems: only empty cells, only when asked, one write per column', () => {
  /** Rows 3–6 of the template: ID, status, source label, path, type, sample; destination label, path. */
  function withRows(rows: (string | null)[][]) {
    const { emulator, tab } = withSpec();
    tab.getRange(3, 1, 10, 17).clearContent();
    tab.getRange(3, 1, rows.length, 9).setValues(rows.map((r) => r.map((v) => v ?? '')));
    return { emulator, tab };
  }
  const sample = flattenSample({ form: { age: 34, name: 'Amina', dob: '1990-02-01', village: 'Kep' } });

  test('Fill empty samples: one setValues over the block, the analyst\'s sample and a Deprecated row kept, digits kept as text', () => {
    const { emulator, tab } = withRows([
      ['M-001', 'Agreed', 'Age', 'form.age', 'integer', '', '', '', ''],
      ['M-002', 'Agreed', 'Name', 'form.name', 'text', 'Written by hand', '', '', ''],
      ['M-003', 'Deprecated', 'Village', 'form.village', 'text', '', '', '', ''],
      ['M-004', 'Agreed', 'Birth date', 'form.dob', 'date', '', '', '', ''],
    ]);
    ok(callServer(emulator, 'saveSystem', { name: 'visit.json', side: 'source', tabs: null, sample }));
    const r = run<ApiResults['assistFromSystems']>(emulator, 'assistFromSystems', { args: [{ action: 'fill-samples' }] });
    expect(r.ok).toBe(true);
    expect(r.value).toMatchObject({ action: 'fill-samples', total: 2, notes: [] });
    expect(r.value!.tabs).toEqual([{ sheetId: tab.getSheetId(), name: MAPPING, column: 'F', columnIndex: 6, columnTitle: 'SOURCE › Sample', writes: 1, cells: [
      { row: 3, value: '34', from: 'sample visit.json' },
      { row: 6, value: 'YYYY-MM-DD', from: 'sample visit.json' },
    ] }]);
    expect(r.calls.byMethod.get('Range.setValues')).toBe(1);
    expect(tab.getRange(3, 6, 4, 1).getValues().flat()).toEqual(['34', 'Written by hand', '', 'YYYY-MM-DD']);
    expect(tab.getRange(3, 6).getNumberFormat()).toBe('@');
    // Asked again: nothing left to fill, nothing written.
    const again = run<ApiResults['assistFromSystems']>(emulator, 'assistFromSystems', { args: [{ action: 'fill-samples' }] });
    expect(again.value).toMatchObject({ total: 0, tabs: [] });
    expect(again.calls.byMethod.get('Range.setValues')).toBeUndefined();
  });

  test('a formula between the filled rows is never rewritten: the fills go run by run', () => {
    const { emulator, tab } = withRows([
      ['M-001', 'Agreed', 'Age', 'form.age', 'integer', '', '', '', ''],
      ['M-002', 'Agreed', 'Name', 'form.name', 'text', '', '', '', ''],
      ['M-003', 'Agreed', 'Village', 'form.village', 'text', '', '', '', ''],
    ]);
    tab.getRange(4, 6).setFormula('=UPPER(C4)');
    ok(callServer(emulator, 'saveSystem', { name: 'visit.json', side: 'source', tabs: null, sample }));
    const r = ok(callServer<ApiResults['assistFromSystems']>(emulator, 'assistFromSystems', { action: 'fill-samples' }));
    expect(r.tabs.map((t) => [t.writes, t.cells.map((c) => c.row)])).toEqual([[2, [3, 5]]]);
    expect(tab.getRange(4, 6).getFormula()).toBe('=UPPER(C4)');
    expect(tab.getRange(5, 6).getValue()).toBe('K***');
  });

  test('Suggest destination fields: by label, written as the tab writes DHIS2 ids, never over a filled cell', () => {
    const meta: SystemMetadata = { format: 'dhis2', summary: '', lists: {}, fields: [
      { path: 'w75KJ2mc4zz', aliases: ['MMD_PER_NAM'], type: 'text', rawType: 'TEXT', label: 'First name', list: null },
      { path: 'iESIqZ0R0R0', aliases: [], type: 'date', rawType: 'DATE', label: 'Date of birth', list: null },
      { path: 'qrur9Dvnyt5', aliases: [], type: 'integer', rawType: 'INTEGER_ZERO_OR_POSITIVE', label: 'Age in years', list: null },
    ] };
    const { emulator, tab } = withRows([
      ['M-001', 'Agreed', 'First name', 'form.first_name', 'text', '', '', '', 'attributes[w75KJ2mc4zz]'],
      ['M-002', 'Agreed', 'Date of birth', 'form.dob', 'date', '', '', '', ''],
      ['M-003', 'Agreed', 'Age (years)', 'form.age', 'integer', '', '', '', 'written.by.hand'],
      ['M-004', 'Agreed', 'Age in years', 'form.age_years', 'integer', '', '', '', ''],
    ]);
    ok(callServer(emulator, 'saveSystem', { name: 'DHIS2', side: 'destination', tabs: null, metadata: meta }));
    const r = ok(callServer<ApiResults['assistFromSystems']>(emulator, 'assistFromSystems', { action: 'suggest-destinations' }));
    expect(r.tabs.map((t) => [t.column, t.writes, t.cells.map((c) => [c.row, c.value, c.from])])).toEqual([['I', 1, [
      [4, 'attributes[iESIqZ0R0R0]', 'DHIS2: Date of birth (like "Date of birth")'],
      [6, 'attributes[qrur9Dvnyt5]', 'DHIS2: Age in years (like "Age in years")'],
    ]]]);
    expect(tab.getRange(3, 9, 4, 1).getValues().flat()).toEqual(['attributes[w75KJ2mc4zz]', 'attributes[iESIqZ0R0R0]', 'written.by.hand', 'attributes[qrur9Dvnyt5]']);
    const bad = callServer(emulator, 'assistFromSystems', { action: 'overwrite-everything' });
    expect(bad.ok).toBe(false);
  });
});

describe("the playground's demo: systems already imported, so the first check run shows the spec against them", () => {
  /** Adopts a demo tab as detected, the way Confirm does in the sidebar. */
  function adopt(emulator: ReturnType<typeof newEmulator>, name: string) {
    const sheetId = sheets(emulator).getSheetByName(name)!.getSheetId();
    const d = ok(callServer<TabDetection>(emulator, 'detectTab', { sheetId })).detection;
    const roles = d.columns.filter((c) => c.role).map((c) => ({ column: c.column, role: c.role! }));
    const key = d.columns.find((c) => c.role === 'id')?.column ?? null;
    ok(callServer(emulator, 'registerTab', { sheetId, kind: d.kind, headerRow: d.headerRow!, roles, keyColumn: key, managedIds: false }));
  }

  test('a UID typo with the UID meant, an option code DHIS2 lacks, case properties nobody mapped; DHIS2 payload fields and Deprecated rows raise nothing', () => {
    const emulator = newEmulator({ workbook: demoWorkbook() });
    expect(ok(callServer<ApiResults['listSystems']>(emulator, 'listSystems', {})).systems.map((s) => [s.name, s.side, s.summary])).toEqual([
      ['dhis2-anc-metadata.json', 'destination', 'DHIS2 metadata: 3 data elements, 10 tracked entity attributes, 2 option sets'],
      ['commcare-anc-case.json', 'source', '1 record, 21 paths'],
    ]);
    adopt(emulator, 'Mapping');
    adopt(emulator, 'Value maps');
    const r = ok(callServer<CheckResult>(emulator, 'runChecks', {}));
    const system = new Set(['unknown-destination', 'unknown-source', 'destination-type-mismatch', 'source-path-not-in-sample', 'sample-field-unmapped', 'unknown-option-code', 'option-not-covered']);
    const found = r.tabs.flatMap((t) => t.findings.filter((f) => system.has(f.rule)).map((f) => [f.rule, t.name, f.row, f.message.replace(/^[^:]*: /, '')]));
    expect(found).toEqual([
      ['sample-field-unmapped', 'Mapping', null, '"case_type" (text, e.g. "a***") is in the sample "commcare-anc-case.json", but no row maps it.'],
      ['sample-field-unmapped', 'Mapping', null, '"properties.lmp" (date, e.g. "YYYY-MM-DD") is in the sample "commcare-anc-case.json", but no row maps it.'],
      ['sample-field-unmapped', 'Mapping', null, '"properties.anc_visit_count" (text, e.g. "1***") is in the sample "commcare-anc-case.json", but no row maps it.'],
      ['unknown-destination', 'Mapping', 10, '"attributes[Rv8WM2mTuS5]" is not in dhis2-anc-metadata.json; did you mean "Rv8WM2mTuS6"?'],
      ['unknown-option-code', 'Value maps', 4, '"OTHER" is not a code of dhis2-anc-metadata.json\'s option set for "cejWyOfXge6" (MALE, FEMALE, UNKNOWN).'],
    ]);
    expect(r.coverage).toEqual([
      { tab: 'Mapping', system: 'commcare-anc-case.json', mapped: 15, inSample: 20, unmapped: 3 },
      { tab: 'Mapping', system: 'dhis2-anc-metadata.json', mapped: 10, inSample: null, unmapped: 3 },
    ]);
  });
});
