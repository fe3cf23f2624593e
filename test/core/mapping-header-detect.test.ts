// Adopting existing tabs: header row, band row and roles found without help, on the layouts real
// specs have (bands of group labels, merged cells, blank rows and columns before the table, "NA"
// blanks, Khmer/Thai/Arabic text, odd and hostile content).
import { detectLayout, layoutFromDetection, type Detection, type TabGrid, type Merge } from '../../src/core/mapping';
import { MAPPING_TEMPLATE_BANDS, MAPPING_TEMPLATE_COLUMNS, VALUE_MAP_TEMPLATE_COLUMNS } from '../../src/core/mapping/template';

function grid(values: unknown[][], merges: Merge[] = [], name = 'Mapping'): TabGrid {
  return { name, sheetId: 1, values, merges };
}

/** role → header of the column that got it. */
function roles(d: Detection): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of d.columns) if (c.role) out[c.role] = `${c.letter}:${c.header}`;
  return out;
}

function templateGrid(rows: unknown[][] = []): TabGrid {
  const band: unknown[] = MAPPING_TEMPLATE_COLUMNS.map(() => null);
  const merges: Merge[] = [];
  for (const b of MAPPING_TEMPLATE_BANDS) {
    band[b.first - 1] = b.label;
    merges.push({ r1: 1, c1: b.first, r2: 1, c2: b.last });
  }
  return grid([band, MAPPING_TEMPLATE_COLUMNS.map((c) => c.header), ...rows], merges);
}

test('the Mapspec template (band row with merged band cells) is read back with every role', () => {
  const d = detectLayout(templateGrid([['M-001', 'New', 'First name', 'first_name', 'text', 'Ana', '', 'Given name', 'given', 'TEXT', 'Ana', '', 'Yes', 'No', '', '', '']]));
  expect(d.kind).toBe('mapping');
  expect(d.headerRow).toBe(2);
  expect(d.bandRow).toBe(1);
  expect(d.sides).toEqual({ source: 'SOURCE', destination: 'DESTINATION' });
  expect(d.level).toBe('high');
  MAPPING_TEMPLATE_COLUMNS.forEach((c, i) => {
    expect([d.columns[i].header, d.columns[i].role]).toEqual([c.header, c.role]);
    expect(d.columns[i].confidence).toBeGreaterThanOrEqual(0.9);
  });
  expect(d.findings).toEqual([]);
});

test('the value-map template is a value-map tab', () => {
  const d = detectLayout(grid([VALUE_MAP_TEMPLATE_COLUMNS.map((c) => c.header), ['yes_no', 'yes', 'Yes', 'true', 'True']], [], 'Value maps'));
  expect(d.kind).toBe('value-map');
  expect(d.columns.map((c) => c.role)).toEqual(VALUE_MAP_TEMPLATE_COLUMNS.map((c) => c.role));
  expect(d.findings).toEqual([]);
});

test('system bands: DHIS2 type under a DHIS2 band is the destination type, Type under CommCare the source type', () => {
  const d = detectLayout(
    grid([
      ['CommCare', null, null, 'DHIS2', null, null, 'Notes'],
      ['Question', 'Question ID', 'Type', 'Data element', 'DHIS2 UID', 'DHIS2 type', 'Transformation'],
      ['Age', 'age', 'Integer', 'Age in years', 'Xyz123abc45', 'INTEGER_ZERO_OR_POSITIVE', ''],
    ]),
  );
  expect(d.kind).toBe('mapping');
  expect(d.bandRow).toBe(1);
  expect(d.sides).toEqual({ source: 'CommCare', destination: 'DHIS2' });
  expect(roles(d)).toMatchObject({
    'source-label': 'A:Question',
    'source-path': 'B:Question ID',
    'source-type': 'C:Type',
    'destination-label': 'D:Data element',
    'destination-path': 'E:DHIS2 UID',
    'destination-type': 'F:DHIS2 type',
    rule: 'G:Transformation',
  });
});

test('explicit side words beat left-to-right order ("To: OpenMRS" on the left is the destination)', () => {
  const d = detectLayout(
    grid(
      [
        ['To: OpenMRS', null, 'From: Kobo', null],
        ['Concept', 'Type', 'Field', 'Type'],
        ['weight', 'Numeric', 'wt', 'decimal'],
      ],
      [{ r1: 1, c1: 1, r2: 1, c2: 2 }, { r1: 1, c1: 3, r2: 1, c2: 4 }],
    ),
  );
  expect(d.sides).toEqual({ source: 'From: Kobo', destination: 'To: OpenMRS' });
  expect(roles(d)).toMatchObject({ 'destination-type': 'B:Type', 'source-path': 'C:Field', 'source-type': 'D:Type' });
});

test('a title row above the band row: the band is the row right above the header', () => {
  const d = detectLayout(
    grid(
      [
        ['Patient registration: CommCare to DHIS2, v3', null, null, null],
        ['CommCare', null, 'DHIS2', null],
        ['Question ID', 'Type', 'UID', 'Value type'],
        ['age', 'Integer', 'Xyz', 'INTEGER'],
      ],
      [{ r1: 1, c1: 1, r2: 1, c2: 4 }, { r1: 2, c1: 1, r2: 2, c2: 2 }, { r1: 2, c1: 3, r2: 2, c2: 4 }],
    ),
  );
  expect([d.headerRow, d.bandRow]).toEqual([3, 2]);
  expect(roles(d)).toEqual({ 'source-path': 'A:Question ID', 'source-type': 'B:Type', 'destination-path': 'C:UID', 'destination-type': 'D:Value type' });
});

test('a lone system band is no side: a DHIS2 data dictionary stays a dictionary', () => {
  const d = detectLayout(grid([['DHIS2', null, null], ['Name', 'Value type', 'Option set'], ['Age', 'INTEGER', '']], [{ r1: 1, c1: 1, r2: 1, c2: 3 }]));
  expect(d.kind).toBe('dictionary');
  expect(d.sides).toEqual({ source: null, destination: null });
  expect(roles(d)).toEqual({ path: 'A:Name', type: 'B:Value type', choices: 'C:Option set' });
});

test('side words in the column names themselves, with no band', () => {
  const d = detectLayout(
    grid([
      ['Source field', 'Source type', 'Destination field', 'Destination type', 'Transformation rule', 'Value map'],
      ['sex', 'select_one', 'gender', 'option set', '', 'sex'],
    ]),
  );
  expect(d.kind).toBe('mapping');
  expect(d.bandRow).toBeNull();
  expect(roles(d)).toMatchObject({
    'source-path': 'A:Source field',
    'source-type': 'B:Source type',
    'destination-path': 'C:Destination field',
    'destination-type': 'D:Destination type',
    rule: 'E:Transformation rule',
    'value-map': 'F:Value map',
  });
});

test('two blank rows and a blank first column before the header', () => {
  const d = detectLayout(
    grid([
      [null, null, null, null],
      [null, '', '', ''],
      [null, 'Source API name', 'Destination API name', 'Destination type'],
      [null, 'name', 'given_name', 'text'],
    ]),
  );
  expect(d.headerRow).toBe(3);
  expect(d.firstDataRow).toBe(4);
  expect(roles(d)).toEqual({ 'source-path': 'B:Source API name', 'destination-path': 'C:Destination API name', 'destination-type': 'D:Destination type' });
});

test('a grid that does not start at A1 is read in sheet coordinates', () => {
  const d = detectLayout({ name: 'Offset', sheetId: 2, firstRow: 5, firstColumn: 3, values: [['Source path', 'Destination path'], ['a', 'b']] });
  expect(d.headerRow).toBe(5);
  expect(d.columns.map((c) => c.letter)).toEqual(['C', 'D']);
});

test('"NA", "N/A", "-" and "None" data do not disturb detection', () => {
  const d = detectLayout(
    grid([
      ['ID', 'Source path', 'Source type', 'Destination path', 'Destination type', 'Sample'],
      ['1', 'NA', 'N/A', '-', 'None', 'N/A'],
      ['2', 'a', 'text', 'b', 'text', '-'],
    ]),
  );
  expect(d.headerRow).toBe(1);
  expect(d.kind).toBe('mapping');
});

test('Khmer, Thai and Arabic labels and values are neither mis-detected nor odd', () => {
  const d = detectLayout(
    grid([
      ['ID', 'Source label', 'Source path', 'Destination label', 'Destination path', 'Destination type'],
      ['M-001', 'ឈ្មោះ\u200Bអ្នកជំងឺ', 'patient_name', 'ชื่อผู้ป่วย', 'ชื่อ_ผู้ป่วย', 'text'],
      ['M-002', 'الاسم الأول', 'الاسم_الأول', '\u200Fالاسم', 'first_name', 'نص'],
    ]),
  );
  expect(d.headerRow).toBe(1);
  expect(d.kind).toBe('mapping');
  expect(roles(d)['destination-path']).toBe('E:Destination path');
  expect(d.findings).toEqual([]);
});

test('column names in other scripts simply get no role (and no crash)', () => {
  const d = detectLayout(grid([['ល.រ', 'ชื่อ', 'الاسم', 'Data type', 'Label'], ['1', 'ก', 'ب', 'text', 'x']]));
  expect(d.headerRow).toBe(1);
  expect(roles(d)).toEqual({ type: 'D:Data type', label: 'E:Label' });
});

test('an empty tab gives a clear missing-header finding', () => {
  for (const values of [[], [[]], [[null, '', null], ['', '   ', null]]]) {
    const d = detectLayout(grid(values, [], 'Empty'));
    expect(d.kind).toBe('none');
    expect(d.headerRow).toBeNull();
    expect(d.findings).toHaveLength(1);
    expect(d.findings[0]).toMatchObject({ rule: 'missing-header', tab: 'Empty', row: null, severity: 'error' });
    expect(d.findings[0].message).toBe('Empty: the tab is empty, so there is no header row to read.');
    expect(() => layoutFromDetection(d)).toThrow(/no header row/);
  }
});

test('a tab with no recognisable header gives a clear finding', () => {
  const d = detectLayout(grid([['Meeting notes'], ['We agreed to map patients first.'], [42, 43], ['Budget', 'Owner', 'Due']], [], 'Notes'));
  expect(d.kind).toBe('none');
  expect(d.level).toBe('none');
  expect(d.findings.map((f) => f.rule)).toEqual(['missing-header']);
  expect(d.findings[0].message).toMatch(/^Notes: no header row was recognised in the first 30 rows/);
});

test('duplicate and blank header names are findings, not crashes', () => {
  const d = detectLayout(
    grid([
      ['Source path', 'Destination path', 'Type', 'Type', '', 'Notes', null],
      ['a', 'b', 'text', 'integer', 'stray data', '', ''],
    ]),
  );
  expect(d.kind).toBe('mapping');
  const f = d.findings.map((x) => [x.rule, x.column, x.row]);
  expect(f).toContainEqual(['duplicate-header', 'D', 1]);
  expect(f).toContainEqual(['blank-header', 'E', 1]);
  // Column G is blank and empty: nothing to say about it.
  expect(f.filter((x) => x[1] === 'G')).toEqual([]);
  expect(roles(d).type).toBe('C:Type');
  const dup = d.findings.find((x) => x.rule === 'duplicate-header');
  expect(dup?.message).toBe('Mapping, row 1, column D (Type): the header "Type" is also the name of column C.');
});

test('merged header cells: vertical merges from the band row are names, horizontal ones are reported', () => {
  const d = detectLayout(
    grid(
      [
        ['ID', 'SOURCE', null, null, 'DESTINATION', null],
        [null, 'Field', null, 'Type', 'Field', 'Type'],
        ['1', 'a', 'x', 'text', 'b', 'text'],
      ],
      [
        { r1: 1, c1: 1, r2: 2, c2: 1 }, // ID spans both header rows
        { r1: 1, c1: 2, r2: 1, c2: 4 },
        { r1: 1, c1: 5, r2: 1, c2: 6 },
        { r1: 2, c1: 2, r2: 2, c2: 3 }, // "Field" merged over B:C
      ],
    ),
  );
  expect(d.headerRow).toBe(2);
  expect(d.bandRow).toBe(1);
  expect(roles(d)).toMatchObject({ id: 'A:ID', 'source-path': 'B:Field', 'source-type': 'D:Type', 'destination-path': 'E:Field', 'destination-type': 'F:Type' });
  const merged = d.findings.filter((f) => f.rule === 'merged-header');
  expect(merged).toHaveLength(1);
  expect(merged[0]).toMatchObject({ column: 'B', severity: 'info' });
  expect(d.columns.find((c) => c.letter === 'C')?.role).toBeNull();
});

test('50,000-character cells and HTML/script text are kept as plain text, quickly', () => {
  const huge = 'x'.repeat(50000);
  const script = '<script>alert("x")</script><img src=x onerror=alert(1)>';
  const t0 = Date.now();
  const d = detectLayout(
    grid([
      [huge, script],
      ['Source path', 'Destination path', huge, script],
      [huge, script, huge, script],
    ]),
  );
  expect(Date.now() - t0).toBeLessThan(1000);
  expect(d.headerRow).toBe(2);
  expect(d.kind).toBe('mapping');
  const dCol = d.columns.find((c) => c.letter === 'D');
  expect(dCol?.header).toBe(script);
  for (const f of d.findings) expect(f.message.length).toBeLessThan(400);
  expect(JSON.stringify(d)).toContain('<script>');
});

test('a header cell of 50,000 characters is truncated in findings', () => {
  const huge = 'Type '.repeat(10000);
  const d = detectLayout(grid([['Source path', 'Destination path', huge, huge], ['a', 'b', 'c', 'd']]));
  const dup = d.findings.find((f) => f.rule === 'duplicate-header');
  expect(dup).toBeDefined();
  expect(dup!.message.length).toBeLessThan(300);
  expect(dup!.message).toContain('…');
});

test('a data dictionary with no source/destination split gets generic roles', () => {
  const d = detectLayout(
    grid([
      ['Variable name', 'Label', 'Data type', 'Choices', 'Description'],
      ['sex', 'Sex', 'select_one', 'male;female', 'Sex at birth'],
    ]),
  );
  expect(d.kind).toBe('dictionary');
  expect(roles(d)).toEqual({ path: 'A:Variable name', label: 'B:Label', type: 'C:Data type', choices: 'D:Choices', description: 'E:Description' });
});

test('a confidence per column and alternatives are offered for the sidebar', () => {
  const d = detectLayout(grid([['Source path', 'Destination path', 'Quantity sub-type'], ['a', 'b', 'integer']]));
  const c = d.columns[2];
  expect(c.role).toBe('type');
  expect(c.confidence).toBeGreaterThan(0.5);
  expect(c.confidence).toBeLessThan(0.9);
  expect(d.columns[0].confidence).toBe(1);
});

test('a detection result is plain JSON', () => {
  const d = detectLayout(templateGrid([[new Date(2024, 0, 2), true, 3, null]]));
  expect(JSON.parse(JSON.stringify(d))).toEqual(d);
});

test('a long-format list of choices (XLSForm choices: list_name | name | label) is a value map whose name column holds the codes', () => {
  const d = detectLayout(grid([['list_name', 'name', 'label::English (en)'], ['yes_no', 'yes', 'Yes'], ['yes_no', 'no', 'No'], ['sex', 'f', 'Female']], [], 'choices'));
  expect(d.kind).toBe('value-map');
  expect(d.columns.map((c) => c.role)).toEqual(['value-map', 'value', 'label']);
  // With a type column it stays a dictionary (an XLSForm survey names lists too).
  const survey = detectLayout(grid([['type', 'name', 'label', 'list_name'], ['select_one yes_no', 'consent', 'Consent?', 'yes_no']], [], 'survey'));
  expect(survey.kind).toBe('dictionary');
});

test('a generic column beside its sided twin takes the other side (commcare-export: Field | Source Field)', () => {
  const d = detectLayout(grid([['Data Source', 'Filter Name', 'Filter Value', 'Field', 'Source Field'], ['form', 'xmlns', 'http://x', 'case_id', 'form.case.@case_id']], [], 'Forms'));
  expect(d.kind).toBe('mapping');
  expect(d.columns.filter((c) => c.role?.endsWith('path')).map((c) => `${c.header}:${c.role}`)).toEqual(['Field:destination-path', 'Source Field:source-path']);
});

test('a WHO SMART valueSet tab (scope | valueSet | code | display) is a value map', () => {
  const d = detectLayout(grid([['scope', 'valueSet', 'code', 'display', 'definition'], ['EmCare', 'sex-of-the-client', '{{title}}', 'Sex', ''], ['EmCare', 'sex-of-the-client', 'EmCare.A.DE17', 'Female', '']], [], 'valueSet'));
  expect(d.kind).toBe('value-map');
  expect(d.columns.map((c) => c.role)).toEqual([null, 'value-map', 'value', 'label', 'description']);
});

describe('several systems in one tab (an OpenMRS → DHIS2 spec with terminology, OCL and OpenFn groups)', () => {
  const band = ['OpenMRS', '', '', '', '', '', 'CIEL', '', 'ICD-10', '', 'OCL', '', 'DHIS2', '', '', '', '', 'OpenFn', ''];
  const header = ['Form', 'Question', 'value.uuid - External ID', 'OMRS Data Value Path', 'Datatype', 'Answers', 'CIEL ID', 'CIEL Name', 'ICD-10 Code', 'ICD-10 Name', 'OCL URL', 'Status', 'DHIS2 DE Name', 'DHIS2 DE UID', 'Value Type', 'Option Set', 'DHIS2 Program Stage', 'Transformation notes', 'Questions'];
  const merges: Merge[] = [[1, 6], [7, 8], [9, 10], [11, 12], [13, 17], [18, 19]].map(([c1, c2]) => ({ r1: 1, c1: c1!, r2: 1, c2: c2! }));
  const row = (uuid: string, path: string) => ['F01', 'Sex', uuid, path, 'Coded', 'Male; Female', '1534', 'Sex', 'Z00', 'Exam', 'https://ocl/1534', 'Added', 'Sex', 'qrur9Dvnyt5', 'TEXT', 'Sex', 'Baseline', '', ''];
  const roleOf = (d: Detection) => Object.fromEntries(d.columns.filter((c) => c.role).map((c) => [c.header, c.role]));

  test('the known systems are source and destination; reference groups take no side and lend no key, path or code', () => {
    const d = detectLayout(grid([band, header, row('1534AAAA', 'rfe-forms-sex'), row('5678AAAA', 'rfe-forms-age')], merges, 'F01'));
    expect(d.kind).toBe('mapping');
    expect(d.sides).toEqual({ source: 'OpenMRS', destination: 'DHIS2' });
    expect(roleOf(d)).toEqual({
      Question: 'source-label', 'OMRS Data Value Path': 'source-path', Datatype: 'source-type', Answers: 'source-choices', Status: 'status',
      'DHIS2 DE Name': 'destination-label', 'DHIS2 DE UID': 'destination-path', 'Value Type': 'destination-type', 'Option Set': 'destination-choices',
      'Transformation notes': 'rule', Questions: 'questions',
    });
  });

  test('a path column empty on every row yields to the group\'s column that holds the ids, and is offered as the alternative', () => {
    const d = detectLayout(grid([band, header, row('1534AAAA', ''), row('5678AAAA', '')], merges, 'F01'));
    expect(roleOf(d)['value.uuid - External ID']).toBe('source-path');
    expect(d.columns.find((c) => c.header === 'OMRS Data Value Path')!.alternatives.map((a) => a.role)).toContain('source-path');
  });
});

test('Go.Data\'s shapes: a system\'s "Code" is the field\'s name, system names at either end, title rows, an explained header, an empty twin "Code"', () => {
  const crf = detectLayout(grid([
    ['Go.Data Influenza WHO Case Reporting Form', null, null, null, null, null],
    ['Source: aligned with the WHO CRF', null, null, null, null, null],
    [null, null, null, null, null, null],
    ['Variable Label', 'Mapped to Core dataset', 'Added in Go.Data form', 'Go.Data Code', 'Type', 'Comments'],
    ['Case ethnicity', null, 'X', 'ethnicity', 'Select one', 'Drop-down list. Option set: Arab, Black'],
  ], [], 'WHO CRF'));
  expect([crf.kind, crf.headerRow]).toEqual(['dictionary', 4]);
  expect(roles(crf)).toMatchObject({ label: 'A:Variable Label', path: 'D:Go.Data Code', type: 'E:Type' });

  const core = detectLayout(grid([
    ['GO.DATA DATA DICTIONARY (core default variables)', null, null, null],
    ['Variable Code - Go.Data', 'Variable Label - Go.Data', 'Required Field\nX = mandatory, \n~ = optional setting outbreak level', 'Data type'],
    ['firstName', 'First Name', 'X', 'freetext'],
  ], [], 'Core'));
  expect([core.kind, core.headerRow]).toEqual(['dictionary', 2]);
  expect(roles(core)).toMatchObject({ path: 'A:Variable Code - Go.Data', label: 'B:Variable Label - Go.Data', required: expect.stringMatching(/^C:Required Field/), type: 'D:Data type' });

  const options = detectLayout(grid([
    ['Go.Data Influenza Template OPTION SETS', null, null, null, null],
    ['Code', 'Category', 'Label', 'Code', 'NOTES'],
    [null, 'sex', 'Female', 'female', null],
    [null, 'sex', 'Male', 'male', 'Update value'],
  ], [], 'Option Set'));
  expect([options.kind, options.headerRow]).toEqual(['value-map', 2]);
  // The empty first "Code" yields to the filled one; the finding names the column used.
  expect(roles(options)).toMatchObject({ 'value-map': 'B:Category', label: 'C:Label', value: 'D:Code' });
  expect(options.findings.filter((f) => f.rule === 'duplicate-role').map((f) => f.message)).toEqual([
    'Option Set, row 2, column A (Code): this column and column D both look like the Value (choice code) column; Mapspec uses column D.',
  ]);
});

test('a DHIS2 metadata export as a spreadsheet: camelCase names, "name" beside the UID is the label, options by option set UID', () => {
  const elements = detectLayout(grid([
    ['UID', 'name', 'shortName', 'code', 'description', 'valueType', 'optionSet.id'],
    ['tker4lvb0mX', 'GEN - Area of residence', 'Area of residence', 'GEN_AREA', 'Area', 'ORGANISATION_UNIT', null],
  ], [], 'dataElements'));
  expect(elements.kind).toBe('dictionary');
  expect(roles(elements)).toMatchObject({ path: 'A:UID', label: 'B:name', type: 'F:valueType', 'value-map': 'G:optionSet.id' });
  const options = detectLayout(grid([
    ['UID', 'Name', 'Code', 'Last updated', 'Option set UID'],
    ['jA8gpBtrIf5', 'Female', 'FEMALE', null, 'rlYDq7U043q'],
    ['kB9hqCusJg6', 'Male', 'MALE', null, 'rlYDq7U043q'],
  ], [], 'options'));
  expect(options.kind).toBe('value-map');
  expect(roles(options)).toMatchObject({ 'value-map': 'E:Option set UID', label: 'B:Name', 'destination-value': 'C:Code' });
  // A lone "Name" is still the field's name.
  expect(roles(detectLayout(grid([['Name', 'Type', 'Label'], ['age', 'integer', 'Age']])))).toMatchObject({ path: 'A:Name' });
  // Named things with descriptions are no data dictionary: a chart's "type" is no data type, indicators have none.
  const charts = grid([['UID', 'Name', 'title', 'type', 'description'], ['qxcU1qJuH8s', 'Deaths by sex', 'Deaths', 'COLUMN', null], ['rxcU1qJuH8t', 'Trend', 'Trend', 'YEAR_OVER_YEAR_LINE', null]], [], 'visualizations');
  expect(detectLayout(charts).kind).toBe('none');
  expect(detectLayout(grid([['UID', 'name', 'code', 'description'], ['pi0000000a1', 'Deaths', 'RMS_DEATHS', 'All deaths']], [], 'programIndicators')).kind).toBe('none');
  // With real type words the same columns are a dictionary.
  expect(detectLayout({ ...charts, values: [charts.values[0]!, ['qxcU1qJuH8s', 'Age', 'Age', 'INTEGER', null]] }).kind).toBe('dictionary');
});

test('two candidates for a path: the one whose values are ids or paths wins over prose, which becomes the alternative', () => {
  const d = detectLayout(grid([
    ['DESTINATION', null, null],
    ['Field', 'Field ID', 'Type'],
    ['First name of the client', 'person.given_name', 'text'],
    ['Date the client was born', 'person.birthdate', 'date'],
  ], [{ r1: 1, c1: 1, r2: 1, c2: 3 }]));
  expect(roles(d)).toMatchObject({ 'destination-path': 'B:Field ID' });
  expect(d.columns[0]!.alternatives.map((a) => a.role)).toContain('destination-path');
  // When both hold ids, the header decides (leftmost on a tie), as before.
  const ids = detectLayout(grid([['Field', 'Field ID', 'Type'], ['given_name', 'x1', 'text']]));
  expect(roles(ids)).toMatchObject({ path: 'A:Field' });
});
