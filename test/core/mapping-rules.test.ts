// One test per check rule, each with a case that must be reported and one that must not, on tabs
// built from the Mapspec template (band row SOURCE / DESTINATION / OPENFN over the column names).
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  checkSpreadsheet, checkTab, confirmed, detectLayout, layoutFromDetection, RULES, RULE_NAMES, withKeyColumn,
  type CheckReport, type Finding, type Layout, type Merge, type Role, type TabGrid, type TabInput,
} from '../../src/core/mapping';
import { MAPPING_TEMPLATE_BANDS, MAPPING_TEMPLATE_COLUMNS, VALUE_MAP_TEMPLATE_COLUMNS } from '../../src/core/mapping/template';
import { flattenSample } from '../../src/core/systems/sample';
import { checkAgainstSystems, type SampleInput, type SystemInput } from '../../src/core/systems/system-checks';

type Row = Partial<Record<Role, unknown>>;
const covered = new Set<string>();

/** A template tab: band row 1, header row 2, data from row 3. Columns A…Q in template order. */
function mappingGrid(rows: Row[], name = 'Mapping', extra: { display?: Record<string, string>; formulas?: Record<string, string> } = {}): TabGrid {
  const band: unknown[] = MAPPING_TEMPLATE_COLUMNS.map(() => null);
  const merges: Merge[] = [];
  for (const b of MAPPING_TEMPLATE_BANDS) {
    band[b.first - 1] = b.label;
    merges.push({ r1: 1, c1: b.first, r2: 1, c2: b.last });
  }
  const values = [band, MAPPING_TEMPLATE_COLUMNS.map((c) => c.header), ...rows.map((r) => MAPPING_TEMPLATE_COLUMNS.map((c) => (c.role in r ? r[c.role] : null)))];
  const display = values.map((row) => row.map((v) => (v === null || v === undefined ? '' : Object.prototype.toString.call(v) === '[object Date]' ? '2024-01-02' : String(v))));
  const formulas = values.map((row) => row.map(() => ''));
  for (const [a1, text] of Object.entries(extra.display ?? {})) display[+a1.slice(1) - 1][a1.charCodeAt(0) - 65] = text;
  for (const [a1, f] of Object.entries(extra.formulas ?? {})) formulas[+a1.slice(1) - 1][a1.charCodeAt(0) - 65] = f;
  return { name, sheetId: name.length, values, display, formulas, merges };
}

function valueMapGrid(rows: unknown[][], name = 'Value maps'): TabGrid {
  return { name, sheetId: 99, values: [VALUE_MAP_TEMPLATE_COLUMNS.map((c) => c.header), ...rows] };
}

/** A tab as the person adopts it: the detected layout, confirmed (its key column included). */
function adopt(grid: TabGrid): TabInput {
  const layout = confirmed(layoutFromDetection(detectLayout(grid)));
  return { grid, layout };
}

/** A well-formed row: checks find nothing in it. */
function good(n: number, over: Row = {}): Row {
  return {
    id: `M-${String(n).padStart(3, '0')}`, status: 'Agreed', 'source-label': `Field ${n}`, 'source-path': `form.field_${n}`, 'source-type': 'text',
    'source-sample': 'Ana', 'destination-label': `Attr ${n}`, 'destination-path': `attributes.attr_${n}`, 'destination-type': 'TEXT',
    'destination-sample': 'Ana', 'unique-identifier': n === 1 ? 'Yes' : 'No', ...over,
  };
}

function run(tabs: TabInput[], settings = {}): CheckReport {
  return checkSpreadsheet(tabs, settings);
}

function of(report: CheckReport, rule: string): Finding[] {
  covered.add(rule);
  return report.findings.filter((f) => f.rule === rule);
}

function check(rows: Row[], extra = {}): CheckReport {
  return run([adopt(mappingGrid(rows, 'Mapping', extra))]);
}

test('a clean template tab has no findings at all', () => {
  const r = check([good(1), good(2), good(3)]);
  expect(r.findings).toEqual([]);
  expect(r.rowsChecked).toBe(3);
});

test('missing-header: empty tab, no header, a saved column that is gone; not for a sound tab', () => {
  const empty = detectLayout({ name: 'Blank', sheetId: 5, values: [] });
  expect(empty.findings.map((f) => f.rule)).toEqual(['missing-header']);
  const grid = mappingGrid([good(1)]);
  const { layout } = adopt(grid);
  // The destination type column is renamed after adoption: the saved layout cannot find it.
  const renamed = { ...grid, values: grid.values.map((row, i) => (i === 1 ? row.map((v, c) => (c === 9 ? 'Kind' : v)) : row)), display: undefined };
  const r = run([{ grid: renamed, layout }]);
  expect(of(r, 'missing-header')).toHaveLength(1);
  expect(of(r, 'missing-header')[0].message).toBe('Mapping, row 2: the Destination type column ("Type", was column J) is no longer in the header row.');
  // Header rows removed entirely.
  expect(of(run([{ grid: { ...grid, values: [grid.values[0]], display: undefined }, layout }]), 'missing-header')[0].message).toMatch(/header row \(row 2\) is gone/);
  expect(of(check([good(1)]), 'missing-header')).toEqual([]);
});

test('a column moved since adoption is still found by its name', () => {
  const grid = mappingGrid([good(1), good(2, { 'destination-path': 'attributes.attr_1' })]);
  const { layout } = adopt(grid);
  // Insert a new column before everything: every column shifts right by one.
  const shifted: TabGrid = { ...grid, values: grid.values.map((row) => ['', ...row]), display: undefined, formulas: undefined, merges: grid.merges!.map((m) => ({ ...m, c1: m.c1 + 1, c2: m.c2 + 1 })) };
  const r = run([{ grid: shifted, layout }]);
  expect(of(r, 'missing-header')).toEqual([]);
  expect(of(r, 'duplicate-destination')).toEqual([expect.objectContaining({ row: 4, column: 'J' })]);
});

test('duplicate-header: two columns with one name under one band; not "Type" under two bands', () => {
  const grid = mappingGrid([good(1)]);
  const header = grid.values[1] as unknown[];
  header[6] = 'Sample'; // source Comments renamed "Sample": a second "Sample" under SOURCE
  const r = run([adopt({ ...grid, display: undefined })]);
  expect(of(r, 'duplicate-header')).toEqual([expect.objectContaining({ row: 2, column: 'G', columnName: 'Sample', severity: 'warning' })]);
  expect(of(r, 'duplicate-header')[0].message).toBe('Mapping, row 2, column G (SOURCE › Sample): the header "Sample" is also the name of column F.');
  expect(of(check([good(1)]), 'duplicate-header')).toEqual([]);
});

test('blank-header: a nameless column with data; not a nameless empty column', () => {
  const grid = mappingGrid([good(1)]);
  const withData: TabGrid = { ...grid, display: undefined, values: grid.values.map((row, i) => [...row, null, i === 2 ? 'stray' : null]) };
  const r = run([adopt(withData)]);
  expect(of(r, 'blank-header')).toEqual([expect.objectContaining({ row: 2, column: 'S', columnName: null })]);
  const noData: TabGrid = { ...grid, display: undefined, values: grid.values.map((row) => [...row, null, null]) };
  expect(of(run([adopt(noData)]), 'blank-header')).toEqual([]);
  // A remark in the margin (one or two cells of prose) is a note, not a column that lacks its name.
  const note = 'In order to sync with a SQL database, id is mandatory';
  const margin: TabGrid = { ...grid, display: undefined, values: grid.values.map((row, i) => [...row, null, i === 2 ? note : null]) };
  expect(of(run([adopt(margin)]), 'blank-header')).toEqual([]);
  const threeNotes: TabGrid = { ...grid, display: undefined, values: [...grid.values, ...[1, 2].map(() => grid.values[2])].map((row, i) => [...row, null, i >= 2 ? note : null]) };
  expect(of(run([adopt(threeNotes)]), 'blank-header')).toHaveLength(1);
});

test('merged-header: a header cell merged over two columns; band merges are fine', () => {
  const grid = mappingGrid([good(1)]);
  const header = grid.values[1] as unknown[];
  header[6] = null; // G2 becomes part of F2:G2
  const merged = { ...grid, display: undefined, merges: [...grid.merges!, { r1: 2, c1: 6, r2: 2, c2: 7 }] };
  const r = run([adopt(merged)]);
  expect(of(r, 'merged-header')).toEqual([expect.objectContaining({ row: 2, column: 'F', severity: 'info' })]);
  expect(of(check([good(1)]), 'merged-header')).toEqual([]);
});

test('duplicate-role: two columns that both look like the same role; not distinct roles', () => {
  const d = detectLayout({ name: 'Dict', sheetId: 3, values: [['Label', 'Data type', 'Notes', 'Comments'], ['a', 'text', '', '']] });
  covered.add('duplicate-role');
  expect(d.findings.filter((f) => f.rule === 'duplicate-role')).toEqual([expect.objectContaining({ column: 'D', severity: 'info' })]);
  expect(d.columns[3].role).toBeNull();
  expect(detectLayout({ name: 'Dict', sheetId: 3, values: [['Label', 'Data type', 'Notes'], ['a', 'text', '']] }).findings).toEqual([]);
});

test('missing-required-role: a mapping with no destination path column; not with both paths', () => {
  const g: TabGrid = { name: 'Partial', sheetId: 4, values: [['Source path', 'Source type', 'Destination type'], ['a', 'text', 'text']] };
  const r = run([adopt(g)]);
  expect(of(r, 'missing-required-role')).toEqual([expect.objectContaining({ row: 1, column: null, severity: 'error' })]);
  expect(of(r, 'missing-required-role')[0].message).toBe('Partial, row 1: no column for Destination API name / path was found in the header row.');
  expect(of(check([good(1)]), 'missing-required-role')).toEqual([]);
});

test('missing-value: an empty destination path on a live row; not "N/A", not a Deprecated row', () => {
  const r = check([good(1), good(2, { 'destination-path': null }), good(3, { 'destination-path': 'N/A' }), good(4, { 'source-path': '', status: 'Deprecated' })]);
  expect(of(r, 'missing-value')).toEqual([expect.objectContaining({ row: 4, column: 'I', columnName: 'API name / path', severity: 'warning' })]);
  expect(of(r, 'missing-value')[0].message).toBe('Mapping, row 4, column I (DESTINATION › API name / path): the Destination API name / path is empty.');
});

test('missing-key: a row with no ID; not when every row has one', () => {
  const r = check([good(1), good(2, { id: '' })]);
  expect(of(r, 'missing-key')).toEqual([expect.objectContaining({ row: 4, column: 'A', severity: 'info' })]);
  expect(of(check([good(1), good(2)]), 'missing-key')).toEqual([]);
});

test('key rules run only on a key a person confirmed or on IDs Mapspec manages, not on a detected ID column', () => {
  const grid = mappingGrid([good(1), good(2, { id: '' }), good(3, { id: 'M-001' })]);
  const detected: TabInput = { grid, layout: layoutFromDetection(detectLayout(grid)) };
  expect(detected.layout.keyColumn).toBe(1);
  const keyRules = (r: CheckReport) => r.findings.filter((f) => f.rule === 'missing-key' || f.rule === 'duplicate-key').map((f) => `${f.rule} ${f.row}`);
  expect(keyRules(run([detected]))).toEqual([]);
  expect(keyRules(run([adopt(grid)]))).toEqual(['missing-key 4', 'duplicate-key 5']);
  const managed: TabInput = { grid, layout: withKeyColumn(detected.layout, 1, true) };
  expect(keyRules(run([managed]))).toEqual(['missing-key 4', 'duplicate-key 5']);
});

test('duplicate-key: an ID used twice in a tab, or across tabs when Mapspec manages IDs; not otherwise', () => {
  const r = check([good(1), good(2, { id: 'M-001' })]);
  expect(of(r, 'duplicate-key')).toEqual([expect.objectContaining({ row: 4, column: 'A', severity: 'error' })]);
  expect(of(r, 'duplicate-key')[0].message).toBe('Mapping, row 4, column A (ID): the ID "M-001" is also the ID of row 3.');
  const a = adopt(mappingGrid([good(1)], 'Patients'));
  const b = adopt(mappingGrid([good(2), good(3, { id: 'M-001' })], 'Visits'));
  const managed = (t: TabInput): TabInput => ({ ...t, layout: withKeyColumn(t.layout, t.layout.keyColumn, true) });
  const cross = run([managed(a), managed(b)]);
  expect(of(cross, 'duplicate-key')).toEqual([expect.objectContaining({ tab: 'Visits', row: 4 })]);
  expect(of(cross, 'duplicate-key')[0].message).toContain('is also used in "Patients", row 3');
  // Tabs whose IDs Mapspec does not manage may reuse IDs of other tabs.
  expect(of(run([a, b]), 'duplicate-key')).toEqual([]);
});

test('duplicate-destination: two rows writing one field (ignoring case and spaces); not distinct fields, not Deprecated rows', () => {
  const r = check([good(1), good(2, { 'destination-path': 'Attributes.Attr_1' }), good(3, { 'destination-path': 'attributes.attr_1', status: 'Deprecated' }), good(4)]);
  expect(of(r, 'duplicate-destination')).toEqual([expect.objectContaining({ row: 4, column: 'I', severity: 'error' })]);
  expect(of(r, 'duplicate-destination')[0].message).toBe('Mapping, row 4, column I (DESTINATION › API name / path): the destination "Attributes.Attr_1" is also written by row 3.');
  expect(of(check([good(1), good(2)]), 'duplicate-destination')).toEqual([]);
});

test('unknown-status: a status outside the list; not the listed ones in any case, not blank', () => {
  const r = check([good(1, { status: 'Done' }), good(2, { status: 'needs  DISCUSSION' }), good(3, { status: '' }), good(4, { status: 'New' })]);
  expect(of(r, 'unknown-status')).toEqual([expect.objectContaining({ row: 3, column: 'B' })]);
  expect(of(r, 'unknown-status')[0].message).toBe('Mapping, row 3, column B (Status): the status "Done" is not one of: New, Needs discussion, Agreed, Deprecated.');
  expect(of(run([adopt(mappingGrid([good(1, { status: 'Done' })]))], { statusValues: ['Done'] }), 'unknown-status')).toEqual([]);
});

test('unknown-type: a type word outside the vocabulary; not synonyms, DHIS2 value types or blanks', () => {
  const r = check([
    good(1, { 'source-type': 'blob' }),
    good(2, { 'source-type': 'INTEGER_ZERO_OR_POSITIVE', 'destination-type': 'INTEGER_POSITIVE', 'source-sample': '4', 'destination-sample': '4' }),
    good(3, { 'source-type': 'N/A', 'destination-type': 'varchar(255)' }),
    good(4, { 'source-type': 'Free text', 'destination-type': 'LONG_TEXT' }),
  ]);
  expect(of(r, 'unknown-type')).toEqual([expect.objectContaining({ row: 3, column: 'E', severity: 'warning' })]);
  expect(of(run([adopt(mappingGrid([good(1, { 'source-type': 'blob' })]))], { typeSynonyms: { blob: 'file' }, compatibleTypes: [['file', 'text']] }), 'unknown-type')).toEqual([]);
});

test('type-change-without-rule: text → integer, date → text, select_one → boolean with no rule; not with a rule or compatible types', () => {
  const r = check([
    good(1, { 'source-type': 'text', 'destination-type': 'integer', 'destination-sample': '3' }),
    good(2, { 'source-type': 'date', 'source-sample': '2024-01-02', 'destination-type': 'text' }),
    good(3, { 'source-type': 'select_one', 'source-sample': 'yes', 'destination-type': 'BOOLEAN', 'destination-sample': 'true', 'value-map': '' }),
    good(4, { 'source-type': 'text', 'destination-type': 'integer', 'destination-sample': '3', rule: 'parseInt, blank when not a number' }),
    good(5, { 'source-type': 'int', 'source-sample': '3', 'destination-type': 'NUMBER', 'destination-sample': '3' }),
    good(6, { 'source-type': 'text', 'destination-type': 'LONG_TEXT' }),
    good(7, { 'source-type': 'TRUE_ONLY', 'source-sample': 'true', 'destination-type': 'boolean', 'destination-sample': 'true' }),
  ]);
  expect(of(r, 'type-change-without-rule').map((f) => [f.row, f.column])).toEqual([[3, 'J'], [4, 'J'], [5, 'J']]);
  expect(of(r, 'type-change-without-rule')[0].message).toBe(
    'Mapping, row 3, column J (DESTINATION › Type): the source type "text" (text) becomes "integer" (integer), but the row has no transformation rule.',
  );
});

test('type-change-without-rule: a value map is the rule for select_one → boolean', () => {
  const r = run([
    adopt(valueMapGrid([['yes_no', 'yes', 'Yes', 'true', 'True'], [null, 'no', 'No', 'false', 'False']])),
    adopt(mappingGrid([good(1, { 'source-type': 'select_one', 'source-sample': 'yes', 'destination-type': 'BOOLEAN', 'destination-sample': 'true', 'value-map': 'yes_no' })])),
  ]);
  expect(r.findings).toEqual([]);
});

test('sample-type-mismatch: "abc" for an integer, "2024-13-45" for a date; not good samples, dates, blanks or other digits', () => {
  const r = check([
    good(1, { 'source-type': 'integer', 'source-sample': 'abc', 'destination-type': 'integer', 'destination-sample': '12' }),
    good(2, { 'source-type': 'date', 'source-sample': '2024-13-45', 'destination-type': 'date', 'destination-sample': '2024-02-29' }),
    good(3, { 'source-type': 'date', 'source-sample': new Date(2024, 0, 2), 'destination-type': 'DATE', 'destination-sample': '31/12/2024' }),
    good(4, { 'source-type': 'integer', 'source-sample': '١٢', 'destination-type': 'integer', 'destination-sample': 'N/A' }),
    good(5, { 'source-type': 'email', 'source-sample': 'e.g. ana@example.org', 'destination-type': 'email', 'destination-sample': 'ana@example' }),
    good(6, { 'source-type': 'number', 'source-sample': '3.5; 4', 'destination-type': 'number', 'destination-sample': 12.5 }),
  ]);
  expect(of(r, 'sample-type-mismatch').map((f) => [f.row, f.column])).toEqual([[3, 'F'], [4, 'F'], [7, 'K']]);
  expect(of(r, 'sample-type-mismatch')[0].message).toBe('Mapping, row 3, column F (SOURCE › Sample): the source sample "abc" does not look like an integer.');
  expect(of(r, 'sample-type-mismatch')[1].message).toContain('"2024-13-45" does not look like a date');
});

test('choice-without-value-map: select_one with no value map; not with a value map, inline choices, option rows or an XLSForm list', () => {
  const vm = adopt(valueMapGrid([['sex', 'm', 'Male', 'M', 'Male']]));
  const r = run([
    vm,
    adopt(mappingGrid([
      good(1, { 'source-type': 'select_one', 'source-sample': 'm', 'destination-type': 'select_one', 'destination-sample': 'M' }),
      good(2, { 'source-type': 'select_one', 'destination-type': 'select_one', 'value-map': 'sex' }),
      good(3, { 'source-type': 'select_one sex', 'destination-type': 'option set', 'value-map': 'sex' }),
    ])),
  ]);
  expect(of(r, 'choice-without-value-map')).toEqual([expect.objectContaining({ row: 3, column: 'E', severity: 'warning' })]);
  expect(of(r, 'choice-without-value-map')[0].message).toBe('Mapping, row 3, column E (SOURCE › Type): the source field is select_one but the row names no value map and lists no choices.');
  // A data dictionary: inline choices, or the options as the rows that follow (WHO style).
  const dict: TabGrid = {
    name: 'Dictionary', sheetId: 7,
    values: [
      ['Data element ID', 'Label', 'Multiple choice type', 'Data type', 'Input options'],
      ['DE1', 'Reason for visit', 'Select one', 'Coding', ''],
      ['DE2', 'First visit', 'Input option', 'Codes', 'First visit'],
      ['DE3', 'Follow-up', 'Input option', 'Codes', 'Follow-up'],
      ['DE4', 'Symptoms', 'Select all that apply', 'Coding', 'Fever; Cough'],
      ['DE5', 'Outcome', 'Select one', 'Coding', ''],
      ['DE6', 'Weight', 'N/A', 'Quantity', ''],
      ['DE7', 'Occupation', 'Select all that apply', 'Coding', ''],
    ],
  };
  const d = run([adopt(dict)]);
  expect(of(d, 'choice-without-value-map').map((f) => [f.row, f.message])).toEqual([
    [6, 'Dictionary, row 6, column D (Data type): the field is select_one but the row names no value map and lists no choices.'],
    [8, 'Dictionary, row 8, column D (Data type): the field is select_multiple but the row names no value map and lists no choices.'],
  ]);
});

test('choice-without-value-map: a list named in the row\'s value (binding) column counts; a select among recorded conditions is a lookup', () => {
  const profile: TabGrid = {
    name: 'profile', sheetId: 8,
    values: [
      ['id', 'title', 'map_path', 'type', 'value'],
      ['motherVitalStatus', 'Mother Vital Status', 'Patient', 'CodeableConcept', 'vital-status'],
      ['postcoordination', 'Post-coordination', 'Condition', 'CodeableConcept', 'postcoordination'],
      ['otherClassifications', 'Add other classifications', 'Condition', 'select_condition', ''],
    ],
  };
  const r = run([adopt(profile), adopt(valueMapGrid([['vital-status', 'alive', 'Alive', 'alive', 'Alive']]))]);
  expect(of(r, 'choice-without-value-map').map((f) => f.row)).toEqual([3]);
  expect(of(r, 'unknown-type')).toEqual([]);
});

test('choice-without-value-map: options after one unrelated row still belong to the choice above; not after two', () => {
  const dict = (between: number): TabGrid => ({
    name: 'Dictionary', sheetId: 7,
    values: [
      ['Data element ID', 'Label', 'Multiple choice type', 'Data type', 'Input options'],
      ['DE1', 'Referrals made', 'Select one', 'Coding', ''],
      ...Array.from({ length: between }, (_, i) => [`DE${2 + i}`, `Was referred ${i}`, 'N/A', 'Boolean', 'Yes/No']),
      ['DE9', 'Care at another facility', 'Input option', 'Codes', 'Care at another facility'],
    ],
  });
  expect(of(run([adopt(dict(1))]), 'choice-without-value-map')).toEqual([]);
  expect(of(run([adopt(dict(2))]), 'choice-without-value-map').map((f) => f.row)).toEqual([2]);
});

test('value-map-unmapped-choice: a source value with no destination value; not mapped or N/A values', () => {
  const r = run([adopt(valueMapGrid([['sex', 'm', 'Male', 'M', 'Male'], [null, 'f', 'Female', null, null], [null, 'x', 'Unknown', 'N/A', null]]))]);
  expect(of(r, 'value-map-unmapped-choice')).toEqual([expect.objectContaining({ tab: 'Value maps', row: 3, column: 'D', severity: 'warning' })]);
  expect(of(r, 'value-map-unmapped-choice')[0].message).toBe('Value maps, row 3, column D (Destination value): the source value "f" of list "sex" has no destination value.');
});

test('value-map-duplicate-source: one source value twice in a list; not the same value in two lists', () => {
  const r = run([
    adopt(valueMapGrid([
      ['sex', 'm', 'Male', 'M', ''], [null, 'f', 'Female', 'F', ''], [null, ' M', 'Male again', 'M', ''],
      ['yes_no', 'm', 'Maybe', 'm', ''],
    ])),
  ]);
  expect(of(r, 'value-map-duplicate-source')).toEqual([expect.objectContaining({ row: 4, column: 'B', severity: 'error' })]);
  expect(of(r, 'value-map-duplicate-source')[0].message).toBe('Value maps, row 4, column B (Source value): the source value " M" is already in list "sex" on row 2.');
});

test('unknown-value-map: a list name no value-map tab defines; not defined lists (any case) or spelled-out maps', () => {
  const r = run([
    adopt(valueMapGrid([['Yes No', 'yes', '', 'true', '']])),
    adopt(mappingGrid([
      good(1, { 'value-map': 'yes_no' }),
      good(2, { 'value-map': 'yes no' }),
      good(3, { 'value-map': 'yes → true\nno → false' }),
      good(4, { 'value-map': 'N/A' }),
    ])),
  ]);
  expect(of(r, 'unknown-value-map')).toEqual([expect.objectContaining({ row: 3, column: 'P', severity: 'error' })]);
  expect(of(r, 'unknown-value-map')[0].message).toBe('Mapping, row 3, column P (OPENFN › Value map): no value-map tab defines a list named "yes_no".');
  expect(of(r, 'unknown-value-map')[0].hint).toContain('"Yes No"');
});

test('no-unique-identifier: no row marked; not when one is, nor when the tab has no such column', () => {
  const r = check([good(1, { 'unique-identifier': 'No' }), good(2)]);
  expect(of(r, 'no-unique-identifier')).toEqual([expect.objectContaining({ row: 2, column: 'N', severity: 'warning' })]);
  expect(of(check([good(1, { 'unique-identifier': 'x' }), good(2)]), 'no-unique-identifier')).toEqual([]);
  const noColumn: TabGrid = { name: 'Simple', sheetId: 8, values: [['Source path', 'Destination path'], ['a', 'b']] };
  expect(of(run([adopt(noColumn)]), 'no-unique-identifier')).toEqual([]);
});

test('formula-error: every spreadsheet error code, with the formula; not text that starts with #', () => {
  const codes = ['#REF!', '#N/A', '#DIV/0!', '#VALUE!', '#NAME?', '#NUM!', '#NULL!', '#ERROR!'];
  const rows = codes.map((code, i) => good(i + 1, { 'source-comments': code }));
  rows.push(good(9, { 'source-comments': '#hashtag', 'destination-comments': '#1 priority' }));
  const r = check(rows, { formulas: { G3: "=VLOOKUP(A3,'Old tab'!A:B,2,FALSE)" } });
  expect(of(r, 'formula-error').map((f) => f.message.replace(/^.*: /, ''))).toEqual(codes.map((c, i) => (i === 0 ? `the cell shows ${c} (formula "=VLOOKUP(A3,'Old tab'!A:B,2,FALSE)").` : `the cell shows ${c}.`)));
  expect(of(r, 'formula-error').every((f) => f.severity === 'error' && f.column === 'G')).toBe(true);
  expect(of(r, 'formula-error')[0].hint).toMatch(/deleted/);
});

test('stray-whitespace: spaces and NBSP in API names; not Khmer, Thai or Arabic names, nor labels', () => {
  const r = check([
    good(1, { 'source-path': 'first_name ' }),
    good(2, { 'destination-path': ' given' }),
    good(3, { 'source-path': 'a  b' }),
    good(4, { 'destination-path': 'attr\u00A05' }),
    good(5, { 'source-path': 'form.ឈ្មោះ\u200Bអ្នកជំងឺ', 'destination-path': 'ชื่อ_ผู้ป่วย', 'source-label': '  ឈ្មោះ  ' }),
    good(6, { 'source-path': 'الاسم_الأول', 'destination-path': '\u200Fالاسم' }),
    good(7, { 'source-path': '\u200Bform.x' }),
  ]);
  expect(of(r, 'stray-whitespace').map((f) => [f.row, f.column, f.message.replace(/^.*?: /, '')])).toEqual([
    [3, 'D', '"first_name " ends with a space.'],
    [4, 'I', '" given" starts with a space.'],
    [5, 'D', '"a  b" has two spaces in a row.'],
    [6, 'I', '"attr\u00A05" contains a non-breaking or other invisible space.'],
    [9, 'D', '"\u200Bform.x" starts or ends with an invisible character (zero-width space or byte-order mark).'],
  ]);
});

test('Deprecated rows are skipped by every row check', () => {
  const bad = { status: 'Deprecated', 'source-path': ' x', 'destination-path': '', 'source-type': 'blob', 'source-comments': '#REF!', id: 'M-001' };
  expect(check([good(1), good(2, bad)]).findings).toEqual([]);
  expect(run([adopt(mappingGrid([good(1), good(2, { ...bad, status: 'Obsolete' })]))], { skipStatuses: ['obsolete'], statusValues: ['Agreed', 'Obsolete'] }).findings).toEqual([]);
});

test('messages: user text as is (HTML, scripts), long values truncated, no stack traces', () => {
  const script = '<script>alert("x")</script>';
  const long = `${'x'.repeat(50000)} `;
  const r = check([good(1, { status: script }), good(2, { 'source-path': long })]);
  const status = of(r, 'unknown-status')[0];
  expect(status.message).toContain(`"${script}"`);
  const ws = of(r, 'stray-whitespace')[0];
  expect(ws.message.length).toBeLessThan(200);
  expect(ws.message).toContain('…" ends with a space.');
  for (const f of r.findings) {
    expect(f.message).not.toMatch(/\n\s+at /);
    expect(f.hint.length).toBeGreaterThan(10);
  }
});

test('severity overrides change or silence a rule', () => {
  const rows = [good(1, { status: 'Done' })];
  expect(of(run([adopt(mappingGrid(rows))], { severityOverrides: { 'unknown-status': 'error' } }), 'unknown-status')[0].severity).toBe('error');
  expect(of(run([adopt(mappingGrid(rows))], { severityOverrides: { 'unknown-status': 'off' } }), 'unknown-status')).toEqual([]);
  expect(() => run([], { severityOverrides: { 'no-such-rule': 'off' } })).toThrow(/unknown rule/);
});

test('findings are capped for the sidebar, with counts of all of them', () => {
  // 20 different unknown statuses: 20 findings (each word its own; under the grouping threshold).
  const rows = Array.from({ length: 20 }, (_, i) => good(i + 2, { status: `Done ${i}` }));
  const r = run([adopt(mappingGrid([good(1), ...rows]))], { maxFindings: 10 });
  expect(r.findings).toHaveLength(10);
  expect(r.total).toBe(20);
  expect(r.truncated).toBe(true);
  expect(r.counts['unknown-status']).toBe(20);
  expect(r.bySeverity.warning).toBe(20);
});

test('one cause, one finding: an unknown word is one finding per column listing its rows; a rule on over 25 rows of a tab is one finding', () => {
  const words = [...Array.from({ length: 30 }, (_, i) => good(i + 2, { status: 'Added' })), good(32, { status: 'Do not create concept' }), good(33, { status: 'Do not create concept' })];
  const r = run([adopt(mappingGrid([good(1), ...words]))]);
  const status = of(r, 'unknown-status');
  expect(status).toHaveLength(2);
  expect(status[0]).toMatchObject({ row: 4, column: 'B', rows: Array.from({ length: 30 }, (_, i) => i + 4) });
  expect(status[0]!.message).toBe('Mapping, column B (Status): the status "Added" is not one of: New, Needs discussion, Agreed, Deprecated. On 30 rows: 4, 5, 6, 7, 8 and 25 more.');
  expect(status[1]!.message).toBe('Mapping, column B (Status): the status "Do not create concept" is not one of: New, Needs discussion, Agreed, Deprecated. On 2 rows: 34, 35.');
  expect(status[1]!.hint).toContain('"This spec\'s own words" in the Checks panel');
  // 40 rows without a destination path: one missing-value finding with the count and the first rows.
  const missing = Array.from({ length: 40 }, (_, i) => good(i + 2, { 'destination-path': '' }));
  const m = of(run([adopt(mappingGrid([good(1), ...missing]))]), 'missing-value');
  expect(m).toHaveLength(1);
  expect(m[0]!.rows).toHaveLength(40);
  expect(m[0]!.message).toMatch(/^Mapping: A required cell .* This is so on 40 rows: 4, 5, 6, 7, 8 and 35 more\. The first: /);
});

test('checkTab checks one tab against value-map names known from an earlier run', () => {
  const tab = adopt(mappingGrid([good(1, { 'source-type': 'select_one', 'destination-type': 'select_one', 'value-map': 'sex' })]));
  expect(checkTab(tab, ['Sex']).findings).toEqual([]);
  expect(checkTab(tab, []).findings.map((f) => f.rule)).toEqual(['unknown-value-map']);
  expect(checkTab(tab, null).findings).toEqual([]);
});

test('bad input: ragged rows, odd raw values, a layout for a vanished tab, no crash', () => {
  const layout: Layout = layoutFromDetection(detectLayout(mappingGrid([good(1)])));
  const ragged: TabGrid = { name: 'Mapping', sheetId: 1, values: [[], ['ID'], [undefined, NaN, Infinity, { a: 1 }, [1, 2], Symbol.iterator as unknown]] };
  expect(() => run([{ grid: ragged, layout }])).not.toThrow();
  expect(() => run([{ grid: { name: 'X', sheetId: 1, values: [] }, layout }])).not.toThrow();
});

test('the rule list: stable kebab-case names, one-line descriptions, each rule tested here', () => {
  for (const r of RULES) {
    expect(r.rule).toMatch(/^[a-z]+(-[a-z]+)*$/);
    expect(r.description).not.toMatch(/\n/);
    expect(['error', 'warning', 'info']).toContain(r.severity);
  }
  expect(new Set(RULE_NAMES).size).toBe(RULE_NAMES.length);
  for (const name of ['missing-header', 'duplicate-header', 'blank-header', 'missing-required-role', 'missing-value', 'duplicate-key', 'duplicate-destination',
    'unknown-type', 'type-change-without-rule', 'sample-type-mismatch', 'choice-without-value-map', 'value-map-unmapped-choice', 'value-map-duplicate-source',
    'unknown-value-map', 'no-unique-identifier', 'formula-error', 'stray-whitespace', 'unknown-status']) {
    expect(RULE_NAMES).toContain(name);
  }
});

test.each(['src/core/mapping/README.md', 'README.md'])('%s lists every rule with its severity and description', (file) => {
  const readme = fs.readFileSync(path.resolve(__dirname, '../..', file), 'utf8');
  for (const r of RULES) expect(readme).toContain(`| \`${r.rule}\` | ${r.severity} | ${r.description} |`);
});

describe('against the systems: metadata and a sample record (issue 12)', () => {
  const field = (path: string, type: string | null, list: string | null = null, aliases: string[] = []) => ({ path, aliases, type, rawType: type, label: null, list });
  const dhis2: SystemInput = {
    name: 'DHIS2', side: 'destination', tabs: null,
    meta: { format: 'dhis2', summary: '', fields: [field('abcDEF12345', 'integer', null, ['PATIENT_AGE']), field('sexDEF12345', 'text', 'OSsex000001', ['SEX'])], lists: { OSsex000001: ['F', 'M'] } },
  };
  const kobo: SystemInput = {
    name: 'Kobo form', side: 'source', tabs: null,
    meta: { format: 'xlsform', summary: '', fields: [field('demographics/age', 'integer'), field('demographics/sex', 'select_one', 'sex'), field('demographics/name', 'text')], lists: { sex: ['female', 'male', 'other'] } },
  };
  const sample: SampleInput = { name: 'submission.json', side: 'source', tabs: null, record: flattenSample({ 'demographics/age': 34, 'demographics/sex': 'female', 'demographics/village': 'Kep', _uuid: 'u-1', 'meta/instanceID': 'uuid:1' }) };
  const spec = mappingGrid([
    good(1, { 'source-path': 'demographics/age', 'destination-path': 'PATIENT_AGE', 'source-type': 'integer', 'destination-type': 'integer' }),
    good(2, { 'source-path': 'demographics/sex', 'destination-path': 'sexDEF12345', 'source-type': 'select_one', 'destination-type': 'TEXT', 'value-map': 'sex' }),
    good(3, { 'source-path': 'demographics/agee', 'destination-path': 'abcDEF1234', 'source-type': 'integer', 'destination-type': 'integer' }),
    good(4, { 'source-path': 'demographics/name', 'destination-path': 'PATIENT_AGE', 'destination-type': 'date', rule: 'as typed' }),
    good(5, { status: 'Deprecated', 'source-path': 'old/gone', 'destination-path': 'nowhere' }),
  ]);
  const maps = valueMapGrid([['sex', 'female', 'Female', 'F', 'Female'], [null, 'male', 'Male', 'Male', 'Male']]);
  const report = checkAgainstSystems([adopt(spec), adopt(maps)], [dhis2, kobo], [sample]);
  const ofSystems = (rule: string) => of({ ...run([]), findings: report.findings }, rule);

  test('unknown-destination and unknown-source, with the near name a person meant; Deprecated rows are left out', () => {
    expect(ofSystems('unknown-destination').map((f) => f.message)).toEqual(['Mapping, row 5, column I (DESTINATION › API name / path): "abcDEF1234" is not in DHIS2; did you mean "abcDEF12345"?']);
    expect(ofSystems('unknown-source').map((f) => f.message)).toEqual(['Mapping, row 5, column D (SOURCE › API name / path): "demographics/agee" is in neither Kobo form nor the sample; did you mean "demographics/age"?']);
  });

  test('a path cell finds its field by the id in brackets or its last segment, as DHIS2 specs write them', () => {
    const written = mappingGrid([
      good(1, { 'source-path': 'demographics/age', 'destination-path': 'attributes[abcDEF12345]', 'source-type': 'integer', 'destination-type': 'integer' }),
      good(2, { 'source-path': 'demographics/age', 'destination-path': 'dataValues[dataElement=sexDEF12345]' }),
      good(3, { 'source-path': 'demographics/age', 'destination-path': 'enrollment.attributes.PATIENT_AGE', 'source-type': 'integer', 'destination-type': 'integer' }),
    ]);
    expect(checkAgainstSystems([adopt(written)], [dhis2], []).findings.filter((f) => f.rule === 'unknown-destination')).toEqual([]);
  });

  test("DHIS2's own payload fields are known; a note in brackets, a group of the sample and a Deprecated row's field count as named", () => {
    const caseSample: SampleInput = { name: 'case.json', side: 'source', tabs: null, record: flattenSample({ case_id: 'c-1', owner_id: 'u-1', indices: { parent: { case_id: 'h-1', case_type: 'household' } } }) };
    const written = mappingGrid([
      good(1, { 'source-path': 'case_id', 'destination-path': 'orgUnit (enrollment and TEI)' }),
      good(2, { 'source-path': 'indices.parent (household case)', 'destination-path': 'relationships[] (type Fa2Lbd6Qw3R)' }),
      good(3, { 'source-path': 'case_id', 'destination-path': 'enrollmentDate' }),
      good(4, { status: 'Deprecated', 'source-path': 'owner_id', 'destination-path': 'storedBy' }),
      good(5, { 'source-path': 'case_id', 'destination-path': 'dataValues[abcDEF1234]' }),
      good(6, { 'source-path': 'case_id', 'destination-path': 'Status of the case' }),
    ]);
    const r = checkAgainstSystems([adopt(written)], [dhis2], [caseSample]);
    expect(r.findings.map((f) => [f.rule, f.row, f.message.split(': ')[1]])).toEqual([
      ['unknown-destination', 7, '"dataValues[abcDEF1234]" is not in DHIS2; did you mean "abcDEF12345"?'],
      ['unknown-destination', 8, '"Status of the case" is not in DHIS2.'],
    ]);
    expect(r.coverage[0]).toEqual({ tab: 'Mapping', system: 'case.json', mapped: 3, inSample: 4, unmapped: 0 });
  });

  test('destination-type-mismatch: the row says date where DHIS2 has an integer; a code, name or UID all find the field', () => {
    expect(ofSystems('destination-type-mismatch').map((f) => [f.row, f.message.split(': ')[1]])).toEqual([[6, 'the row says date, but DHIS2 has "abcDEF12345" as integer (integer).']]);
  });

  test('source-path-not-in-sample (info) and sample-field-unmapped (info, one per field; bookkeeping fields left out)', () => {
    expect(ofSystems('source-path-not-in-sample').map((f) => [f.row, f.severity])).toEqual([[6, 'info']]);
    expect(ofSystems('sample-field-unmapped').map((f) => [f.row, f.message])).toEqual([[null, 'Mapping: "demographics/village" (text, e.g. "K***") is in the sample "submission.json", but no row maps it.']]);
  });

  test('unknown-option-code on the value map\'s cell; option-not-covered names the choices no row maps', () => {
    expect(ofSystems('unknown-option-code').map((f) => [f.tab, f.row, f.column, f.severity])).toEqual([['Value maps', 3, 'D', 'error']]);
    expect(ofSystems('unknown-option-code')[0]!.message).toContain('"Male" is not a code of DHIS2\'s option set for "sexDEF12345" (F, M).');
    expect(ofSystems('option-not-covered').map((f) => [f.row, f.message.split(': ')[1]])).toEqual([[4, 'list "sex" maps no value for the choice "other" of "demographics/sex" in Kobo form.']]);
  });

  test('coverage per tab and system: mapped, in the sample, unmapped', () => {
    expect(report.coverage).toEqual([
      { tab: 'Mapping', system: 'submission.json', mapped: 2, inSample: 3, unmapped: 1 },
      { tab: 'Mapping', system: 'DHIS2', mapped: 2, inSample: null, unmapped: 0 },
      { tab: 'Mapping', system: 'Kobo form', mapped: 3, inSample: null, unmapped: 0 },
    ]);
    // Without systems or samples nothing is checked.
    expect(checkAgainstSystems([adopt(spec)], [], [])).toEqual({ findings: [], coverage: [] });
  });

  test("a system tied to other tabs is left out of this one; one tied to this tab wins over one for every tab", () => {
    const elsewhere = { ...dhis2, name: 'DHIS2 (other tab)', tabs: ['Other mapping'] };
    expect(checkAgainstSystems([adopt(spec)], [elsewhere], []).coverage).toEqual([]);
    const here = { ...dhis2, name: 'DHIS2 for Mapping', tabs: ['mapping'] };
    const r = checkAgainstSystems([adopt(spec)], [{ ...dhis2, name: 'DHIS2 for all' }, here], []);
    expect(r.coverage.map((c) => c.system)).toEqual(['DHIS2 for Mapping']);
    expect(of({ ...run([]), findings: r.findings }, 'unknown-destination')[0]!.message).toContain('is not in DHIS2 for Mapping;');
  });
});

test('every rule has a test in this file (runs last: tests of a file run in order)', () => {
  expect(RULE_NAMES.filter((r) => !covered.has(r))).toEqual([]);
});

test('a choice field whose list is named after it (its ID, path or label, loosely) has a value map; placeholders are never duplicates', () => {
  const dictionary: TabGrid = {
    name: 'q.Registration', sheetId: 40,
    values: [['type', 'id', 'label'], ['select_one', 'sex-of-the-client', 'Sex'], ['select_one', 'EmCare.A.DE20', 'Sex of the client'], ['select_one', 'orphan', 'Orphan'], ['{{cql}}', '{{library}}', ''], ['{{cql}}', '{{library}}', '']],
  };
  const valueSet: TabGrid = { name: 'valueSet', sheetId: 41, values: [['valueSet', 'code', 'display'], ['sex-of-the-client', '{{title}}', 'Sex'], ['sex-of-the-client', 'F', 'Female'], ['sex-of-the-client', '{{title}}', 'Again']] };
  const r = run([adopt(valueSet), adopt(dictionary)]);
  // Row 2 by its ID, row 3 by its label ("Sex of the client" ~ "sex-of-the-client"); row 4 has none.
  expect(of(r, 'choice-without-value-map').map((f) => f.row)).toEqual([4]);
  expect(of(r, 'duplicate-key')).toEqual([]);
  expect(of(r, 'value-map-duplicate-source')).toEqual([]);
  expect(of(r, 'unknown-type')).toEqual([]);
});

test('an option-set tab in long format (OptionSet name | Answers | External ID | DHIS2 Option code) is a value map; the same answer in several lists is normal', () => {
  const optionSets: TabGrid = {
    name: 'optionSets', sheetId: 50,
    values: [['OptionSet name', 'Answers', 'External ID', 'CIEL', 'DHIS2 Option name', 'DHIS2 Option code'], ['Yes/No', 'Yes', '1065AAAA', '1065', 'Yes', 'yes'], ['Yes/No', 'No', '1066AAAA', '1066', 'No', 'no'], ['Pregnant', 'Yes', '1065AAAA', '1065', 'Yes', 'yes'], ['Pregnant', 'No', '1066AAAA', '1066', 'No', '']],
  };
  const d = detectLayout(optionSets);
  expect(d.kind).toBe('value-map');
  expect(d.columns.map((c) => c.role)).toEqual(['value-map', 'label', 'source-value', null, null, 'destination-value']);
  const r = run([adopt(optionSets), adopt(mappingGrid([good(1, { 'source-type': 'select_one', 'destination-type': 'select_one', 'value-map': 'yes/no' })]))]);
  expect(r.findings.map((f) => `${f.rule} ${f.row}`)).toEqual(['value-map-unmapped-choice 5']);
});

test('Go.Data\'s dictionaries: choices written in a note, a list named "none", a lone cell as a heading', () => {
  const dict: TabGrid = {
    name: 'CRF', sheetId: 9,
    values: [
      ['Variable Label', 'Go.Data Code', 'Type', 'Comments'],
      ['Case ethnicity', 'ethnicity', 'Select one', 'Drop-down list. Option set: Arab, Black, East Asian'],
      ['Received treatment', 'antiviral', 'Select one', 'yes/no/unk'],
      ['No symptoms', 'none', 'Select one', ''],
      ['TEAMS  & ASSIGNMENTS', null, null, null],
      ['Country', null, 'Select one', 'Drop-down list, based on WHO names'],
    ],
  };
  const lists = valueMapGrid([['none', 'yes', 'Yes', 'yes', 'Yes'], [null, 'no', 'No', 'no', 'No'], ['sex', 'yes', 'Yes', 'yes', 'Yes']]);
  const r = run([adopt(dict), adopt(lists)]);
  // Only the country has neither a list nor its choices; the heading is no field (no stray-whitespace on it).
  expect(r.findings.map((f) => `${f.tab}!${f.rule}@${f.row}`)).toEqual(['CRF!choice-without-value-map@6']);
});

test('stray spaces in many different codes of one tab: one finding with the count, not one per code', () => {
  const rows = Array.from({ length: 30 }, (_, i) => [i === 0 ? 'occupation' : null, `code${i}  `, `Label ${i}`, `code${i}`, `Label ${i}`]);
  const r = run([adopt(valueMapGrid(rows))]);
  const spaces = of(r, 'stray-whitespace');
  expect(spaces).toHaveLength(1);
  expect(spaces[0]!.rows).toHaveLength(30);
  expect(spaces[0]!.message).toMatch(/^Value maps: .* This is so on 30 rows: 2, 3, 4, 5, 6 and 25 more\. The first: "code0  " ends with a space\.$/);
});

test('a wide value map (one list per column pair, named in the band row) is found, its lists known, and checked per list', () => {
  const wide: TabGrid = {
    name: 'Choices', sheetId: 11,
    values: [
      ['sex', null, 'outcome', null],
      ['Source', 'Destination', 'Source', 'Destination'],
      ['m', 'M', 'alive', 'ALIVE'],
      ['f', null, 'dead', 'DEAD'],
      ['m', 'M', null, null],
    ],
  };
  const d = detectLayout(wide);
  expect([d.kind, d.headerRow, d.bandRow, d.findings]).toEqual(['value-map', 2, 1, []]);
  const r = run([adopt(mappingGrid([good(1, { 'value-map': 'outcome', 'source-type': 'select_one', 'destination-type': 'select_one' })])), adopt(wide)]);
  expect(r.valueMapLists.sort()).toEqual(['outcome', 'sex']);
  expect(r.findings.map((f) => `${f.tab}!${f.rule}@${f.column}${f.row}`)).toEqual(['Choices!value-map-unmapped-choice@B4', 'Choices!value-map-duplicate-source@A5']);
  expect(of(r, 'value-map-duplicate-source')[0]!.message).toBe('Choices, row 5, column A (sex › Source): the source value "m" is already in list "sex" on row 3.');
  // A band row over different column names is a table's groups, not lists.
  expect(detectLayout({ ...wide, values: [wide.values[0]!, ['Source', 'Destination', 'Code', 'Label'], ...wide.values.slice(2)] }).kind).not.toBe('value-map');
});
