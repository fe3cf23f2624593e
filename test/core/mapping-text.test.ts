// Text normalisation, blank markers, whitespace problems, quoting, dates from another realm, A1.
import * as vm from 'node:vm';
import { a1, a1Range, columnLetter, columnNumber } from '../../src/core/mapping';
import { blankKind, blankMarkerSet, compareKey, isDateValue, quote, rawToText, truncate, whitespaceProblem } from '../../src/core/mapping/text';

test('column letters both ways', () => {
  expect([1, 26, 27, 52, 179, 703].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'FW', 'AAA']);
  expect(['A', 'z', 'AA', 'FW', 'AAA'].map(columnNumber)).toEqual([1, 26, 27, 179, 703]);
  expect(columnNumber('A1')).toBeNull();
  expect(a1(7, 11)).toBe('K7');
  expect(a1Range(1, 3, 1, 8)).toBe('C1:H1');
  expect(() => columnLetter(0)).toThrow();
});

test('compareKey ignores case, NBSP and stray spaces, and leaves other scripts alone', () => {
  expect(compareKey('  First\u00A0 Name ')).toBe('first name');
  expect(compareKey('ឈ្មោះ')).toBe('ឈ្មោះ');
  expect(compareKey('ชื่อ')).toBe('ชื่อ');
  expect(compareKey('الاسم')).toBe('الاسم');
  expect(compareKey('Ｆｕｌｌ')).toBe('full'); // full-width letters
});

test('blank markers: empty vs written-blank, configurable', () => {
  const m = blankMarkerSet(['', 'NA', 'N/A', '-', 'None']);
  expect(['', '  ', '\u00A0'].map((s) => blankKind(s, m))).toEqual(['empty', 'empty', 'empty']);
  expect(['NA', 'n/a', ' - ', 'NONE'].map((s) => blankKind(s, m))).toEqual(['marker', 'marker', 'marker', 'marker']);
  expect(['0', 'No', 'x'.repeat(100)].map((s) => blankKind(s, m))).toEqual([null, null, null]);
  expect(blankKind('TBD', blankMarkerSet(['TBD']))).toBe('marker');
});

test('whitespace problems in identifiers; letters of any script are fine', () => {
  expect(whitespaceProblem('a ')).toBe('trailing');
  expect(whitespaceProblem(' a')).toBe('leading');
  expect(whitespaceProblem('a  b')).toBe('double');
  expect(whitespaceProblem('a\u00A0b')).toBe('nbsp');
  expect(whitespaceProblem('a\nb')).toBe('line-break');
  expect(whitespaceProblem('\uFEFFa')).toBe('invisible');
  for (const s of ['first_name', 'ឈ្មោះ\u200Bអ្នកជំងឺ', 'ชื่อผู้ป่วย', 'الاسم_الأول', 'a b', '']) expect([s, whitespaceProblem(s)]).toEqual([s, null]);
});

test('quote and truncate keep text as is, cut long text, never split a surrogate pair', () => {
  expect(quote('<b>"x"</b>')).toBe('"<b>"x"</b>"');
  expect(truncate('x'.repeat(50000), 10)).toBe(`${'x'.repeat(9)}…`);
  const emoji = `${'x'.repeat(8)}😀😀`;
  expect(truncate(emoji, 10)).toBe(`${'x'.repeat(8)}…`);
});

test('dates from another realm are dates; raw values become the text Sheets would show', () => {
  const foreign = vm.runInNewContext('new Date(2024, 0, 2)');
  expect(foreign instanceof Date).toBe(false);
  expect(isDateValue(foreign)).toBe(true);
  expect(isDateValue(new Date('nope'))).toBe(false);
  expect(isDateValue({ getTime: () => 1 })).toBe(false);
  expect(rawToText(foreign)).toBe('2024-01-02');
  expect(rawToText(new Date(2024, 0, 2, 9, 5, 0))).toBe('2024-01-02 09:05:00');
  expect([rawToText(true), rawToText(3.5), rawToText(null), rawToText(NaN), rawToText({})]).toEqual(['TRUE', '3.5', '', '', '']);
});
