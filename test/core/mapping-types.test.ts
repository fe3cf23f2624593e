// The type vocabulary (synonyms, DHIS2 value types, XLSForm select lists), the compatibility table
// and sample validation.
import { buildCompatibility, buildVocabulary, CANONICAL_TYPES, COMPATIBLE_TYPES, parseType, TYPE_SYNONYMS } from '../../src/core/mapping';
import { isDateText, isDateTimeText, sampleMismatch } from '../../src/core/mapping/samples';

const vocab = buildVocabulary();
const t = (s: string) => parseType(s, vocab).type;

test('synonyms and DHIS2 value types map to canonical types', () => {
  const cases: [string, string][] = [
    ['string', 'text'], ['Free text', 'text'], ['VARCHAR(255)', 'text'], ['TEXT', 'text'], ['LONG_TEXT', 'long_text'],
    ['int', 'integer'], ['INTEGER_POSITIVE', 'integer'], ['INTEGER_ZERO_OR_POSITIVE', 'integer'], ['NUMBER', 'number'], ['float', 'number'],
    ['Quantity', 'number'], ['decimal', 'number'], ['PERCENTAGE', 'percentage'], ['bool', 'boolean'], ['Yes/No', 'boolean'], ['BOOLEAN', 'boolean'],
    ['TRUE_ONLY', 'true_only'], ['DATE', 'date'], ['DATETIME', 'datetime'], ['Date/Time', 'datetime'], ['timestamp', 'datetime'], ['dateTime', 'datetime'],
    ['Coded', 'select_one'], ['Coding', 'select_one'], ['Select one', 'select_one'], ['single select', 'select_one'], ['option set', 'select_one'],
    ['Select all that apply', 'select_multiple'], ['multi select', 'select_multiple'], ['select_multiple', 'select_multiple'], ['Codes', 'option'],
    ['uuid', 'uuid'], ['ID', 'id'], ['PHONE_NUMBER', 'phone'], ['EMAIL', 'email'], ['ORGANISATION_UNIT', 'org_unit'], ['COORDINATE', 'geopoint'],
    ['AGE', 'age'], ['Integer\n(0-120)', 'integer'], ['Text - free text', 'text'],
  ];
  for (const [word, type] of cases) expect([word, t(word)]).toEqual([word, type]);
  expect(t('blob')).toBeNull();
  expect(t('')).toBeNull();
});

test('XLSForm "select_one list" gives the type and the list', () => {
  expect(parseType('select_one yes_no', vocab)).toEqual({ type: 'select_one', list: 'yes_no' });
  expect(parseType('select_multiple symptoms', vocab)).toEqual({ type: 'select_multiple', list: 'symptoms' });
});

test('settings add words and new types', () => {
  const v = buildVocabulary({ 'Whole number': 'integer', blob: 'binary_blob' });
  expect(parseType('whole  number', v).type).toBe('integer');
  expect(parseType('BLOB', v).type).toBe('binary_blob');
});

test('every synonym list belongs to a canonical type and the compatibility table uses known types', () => {
  const names = new Set<string>(CANONICAL_TYPES.map((c) => c.type));
  for (const k of Object.keys(TYPE_SYNONYMS)) expect(names.has(k)).toBe(true);
  for (const [a, b, why] of COMPATIBLE_TYPES) {
    expect(names.has(a) && names.has(b)).toBe(true);
    expect(why.length).toBeGreaterThan(5);
  }
});

test('compatibility: same type, widening and listed pairs need no rule; the rest do', () => {
  const c = buildCompatibility();
  for (const [a, b] of [['text', 'text'], ['integer', 'number'], ['text', 'long_text'], ['true_only', 'boolean'], ['date', 'datetime'], ['calculated', 'date']]) {
    expect([a, b, c.needsRule(a, b)]).toEqual([a, b, false]);
  }
  for (const [a, b] of [['text', 'integer'], ['date', 'text'], ['select_one', 'boolean'], ['number', 'integer'], ['datetime', 'date'], ['long_text', 'text'], ['boolean', 'true_only']]) {
    expect([a, b, c.needsRule(a, b)]).toEqual([a, b, true]);
  }
  expect(buildCompatibility([['number', 'integer']]).needsRule('number', 'integer')).toBe(false);
});

test('dates: real calendar dates only', () => {
  for (const s of ['2024-01-31', '2024-02-29', '31/12/2024', '12/31/2024', '1 Jan 2024', 'March 3, 2024', '2024']) expect([s, isDateText(s)]).toEqual([s, true]);
  for (const s of ['2024-13-45', '2023-02-29', '32/13/2024', 'abc', 'tomorrow', '12']) expect([s, isDateText(s)]).toEqual([s, false]);
  expect(isDateTimeText('2024-01-02T10:30:00Z')).toBe(true);
  expect(isDateTimeText('2024-01-02 25:00')).toBe(false);
});

test('samples: per type, with raw values judged by kind', () => {
  expect(sampleMismatch('integer', null, 'abc')).toBe('abc');
  expect(sampleMismatch('integer', null, '42\n43; 1,000')).toBeNull();
  expect(sampleMismatch('integer', 4.5, '4.5')).toBe('4.5');
  expect(sampleMismatch('integer', null, '๑๒')).toBeNull(); // Thai digits
  expect(sampleMismatch('number', null, '3,5')).toBeNull();
  expect(sampleMismatch('boolean', true, 'TRUE')).toBeNull();
  expect(sampleMismatch('boolean', null, 'maybe')).toBe('maybe');
  expect(sampleMismatch('date', new Date(2024, 0, 2), '2024-01-02')).toBeNull();
  expect(sampleMismatch('integer', new Date(2024, 0, 2), '2024-01-02')).toBe('2024-01-02');
  expect(sampleMismatch('geopoint', null, '-1.2921 36.8219')).toBeNull();
  expect(sampleMismatch('geopoint', null, '200 300')).toBe('200 300');
  expect(sampleMismatch('email', null, '"ana@example.org"')).toBeNull();
  expect(sampleMismatch('text', null, 'anything <b>at all</b>')).toBeNull();
  expect(sampleMismatch('select_one', null, 'x')).toBeNull();
  expect(sampleMismatch('integer', null, '1'.repeat(50000))).not.toBeNull();
});

test('the common tools\' own words: XLSForm structure and metadata, OpenMRS datatypes, DHIS2 MULTI_TEXT, Go.Data Freetext', () => {
  const v = buildVocabulary();
  const type = (w: string) => parseType(w, v).type;
  expect(['begin group', 'end_group', 'begin repeat', 'note', 'Question list'].map(type)).toEqual(['structure', 'structure', 'structure', 'structure', 'structure']);
  expect(['start', 'end', 'today', 'deviceid', 'Freetext', 'Structured-Numeric', 'MULTI_TEXT', 'Complex', 'Rule'].map(type)).toEqual(['datetime', 'datetime', 'date', 'text', 'text', 'number', 'select_multiple', 'file', 'calculated']);
  expect(parseType('select_one_from_file villages.csv', v)).toEqual({ type: 'select_one', list: 'villages.csv' });
  // A group or note carries no value: converting to or from it needs no rule.
  expect(buildCompatibility().needsRule('structure', 'text')).toBe(false);
});
