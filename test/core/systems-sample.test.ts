// Issue 12, deliverables 1 and 2 (the core): a flat field list (CSV or JSON), and sample records
// flattened to paths with types and masked examples — arrays keyed by the ids a spec writes, personal
// data masked unless keeping values is asked for, and limits that cut with a reason, not a crash.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readFieldCsv, readFieldListJson } from '../../src/core/systems/field-list';
import { flattenSample, maskValue } from '../../src/core/systems/sample';
import { ROOT } from '../support/paths';

const REAL = path.resolve(ROOT, '../shared/fixtures/real');
const real = (name: string): unknown => JSON.parse(fs.readFileSync(path.join(REAL, name), 'utf8'));
const withReal = (name: string) => (fs.existsSync(path.join(REAL, name)) ? test : test.skip);

test('a field list as CSV (quoted, CRLF, BOM, any script) or JSON; a CSV without "path" is refused', () => {
  const csv = '\uFEFFpath,type,label\r\nperson.given_name,Text,"Given name, as written"\r\nអាយុ,integer,អាយុ\r\n"a ""quoted"" path",Date,\r\n';
  const meta = readFieldCsv(csv, 'fields.csv');
  expect(meta.fields.map((f) => [f.path, f.type, f.label])).toEqual([
    ['person.given_name', 'text', 'Given name, as written'],
    ['អាយុ', 'integer', 'អាយុ'],
    ['a "quoted" path', 'date', null],
  ]);
  expect(readFieldListJson([{ path: 'age', type: 'Gizmo' }], 'f.json').fields[0]).toMatchObject({ path: 'age', type: null, rawType: 'Gizmo' });
  expect(() => readFieldCsv('name,kind\nage,int\n', 'x.csv')).toThrow('x.csv: the first row must name the columns, with at least "path" (and "type", "label", "list"); it is "name,kind".');
  expect(() => readFieldListJson({ path: 'a' }, 'y.json')).toThrow('y.json is not a field list');
});

test('masking: a first letter and stars, numbers and booleans as they are, dates as their format', () => {
  expect([maskValue('Amina'), maskValue('ស្រី'), maskValue(12), maskValue(true), maskValue('2024-03-01'), maskValue('2024-03-01T10:20:30.123Z'), maskValue(null)]).toEqual([
    'A***', 'ស***', '12', 'true', 'YYYY-MM-DD', 'YYYY-MM-DDT00:00:00.000Z', null,
  ]);
});

withReal('dhis2-e2e-tracked-entities-with-events.json')('a DHIS2 tracker payload: data values and attributes keyed by their UIDs, in every record', () => {
  const s = flattenSample(real('dhis2-e2e-tracked-entities-with-events.json'));
  expect(s.summary).toMatch(/^2 records, \d+ paths$/);
  const value = s.paths.find((p) => p.path === 'enrollments[].events[].dataValues[dataElement=BuZ5LGNfGEU].value')!;
  expect(value).toMatchObject({ key: 'BuZ5LGNfGEU', records: 2 });
  expect(s.paths.some((p) => p.path.startsWith('attributes[attribute=') && p.key !== null)).toBe(true);
  // No raw value is kept: every example is masked.
  expect(JSON.stringify(s)).not.toContain('"value":"');
});

withReal('dimagi-commcare-hq-form-submission.json')('a CommCare submission: nested groups as dotted paths; keys with dots quoted', () => {
  const s = flattenSample(real('dimagi-commcare-hq-form-submission.json'));
  expect(s.paths.map((p) => p.path)).toEqual(expect.arrayContaining(['form.@xmlns', 'form.meta.instanceID', '_attachments["form.xml"].length']));
  expect(s.paths.find((p) => p.path === '_attachments["form.xml"].length')).toMatchObject({ type: 'integer', example: '3323' });
});

withReal('kobotoolbox-formpack-nested-grouped-repeatable.json')('Kobo submissions: the full slash paths of nested repeats, counted over records', () => {
  const s = flattenSample(real('kobotoolbox-formpack-nested-grouped-repeatable.json'));
  expect(s.summary).toMatch(/^2 records, /);
  expect(s.paths.find((p) => p.path === 'group_tree/group_nest/group_egg/Describe_the_egg')).toMatchObject({ type: 'text', records: 2 });
});

withReal('openfn-adaptors-odk-submissions.json')('an ODK Central response: the records inside its "value", raw values only when asked', () => {
  const masked = flattenSample(real('openfn-adaptors-odk-submissions.json'));
  expect(masked.paths.find((p) => p.path === 'first_name')).toMatchObject({ type: 'text', example: 'T***' });
  const raw = flattenSample(real('openfn-adaptors-odk-submissions.json'), { keepValues: true });
  expect(raw.paths.find((p) => p.path === 'age_location.age')).toMatchObject({ type: 'integer', example: '34' });
  expect(raw.paths.find((p) => p.path === 'first_name')!.example).not.toBe('T***');
});

test('10,000 fields and deep nesting are cut with a reason; a bare value is refused', () => {
  const wide = Object.fromEntries(Array.from({ length: 12_000 }, (_, i) => [`f${i}`, i]));
  const w = flattenSample(wide);
  expect(w.paths).toHaveLength(10_000);
  expect(w.truncated).toBe('more than 10,000 fields: the first 10,000 are kept');
  let deep: unknown = 'bottom';
  for (let i = 0; i < 100; i++) deep = { [`level${i}`]: deep };
  const d = flattenSample(deep);
  expect(d.paths).toEqual([]);
  expect(d.truncated).toMatch(/^nested deeper than 32 levels at level99\.level98\./);
  expect(() => flattenSample(42)).toThrow('A sample record must be a JSON object (or an array of them), not a single value.');
});
