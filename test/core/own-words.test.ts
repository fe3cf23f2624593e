// Issue 16, deliverable 3: a spec's own status and type words are collected while checking, with a
// guess of what each means, and once adopted (statusSynonyms / typeSynonyms) they are known words.
import { buildVocabulary, checkSpreadsheet, confirmed, DEFAULT_SETTINGS, detectLayout, layoutFromDetection, resolveSettings, suggestStatus, suggestType, type TabGrid } from '../../src/core/mapping';

const STATUSES = DEFAULT_SETTINGS.statusValues;

test('a team\'s status words get the status they most likely mean, or none', () => {
  const cases: [string, string | null][] = [
    ['Added', 'Agreed'],
    ['Do not create concept', 'Deprecated'],
    ['Not needed', 'Deprecated'],
    ['Out of scope', 'Deprecated'],
    ['Pending', 'Needs discussion'],
    ['Question for DHIS2 team', 'Needs discussion'],
    ['TBD', 'Needs discussion'],
    ['Mapped', 'Agreed'],
    ['Done', 'Agreed'],
    ['Draft', 'New'],
    ['To add', 'New'],
    ['Gamma', null],
  ];
  expect(cases.map(([w]) => [w, suggestStatus(w, STATUSES)])).toEqual(cases);
  // Only statuses the settings have are suggested.
  expect(suggestStatus('Added', ['Open', 'Closed'])).toBeNull();
});

test('a type word gets the type of its one known word, or none', () => {
  const vocab = buildVocabulary();
  expect(suggestType('Date of visit', vocab)).toBe('date');
  expect(suggestType('Texte libre', vocab)).toBeNull();
  expect(suggestType('v', vocab)).toBeNull();
  // Two known words that disagree: no guess.
  expect(suggestType('integer or date', vocab)).toBeNull();
});

const grid: TabGrid = {
  name: 'Spec', sheetId: 1,
  values: [
    ['ID', 'Status', 'Source path', 'Source type', 'Destination path', 'Destination type'],
    ['A1', 'Added', 'a', 'text', 'a', 'text'],
    ['A2', 'added ', 'b', 'Texte libre', 'b', 'text'],
    ['A3', 'Do not create concept', 'c', 'text', 'c', 'Texte libre'],
    ['A4', 'Do not create concept', 'd', 'nonsense', 'd', 'text'],
  ],
};

test('the unknown words of a run: one per word (case and spaces aside), with rows and tabs, statuses first', () => {
  const report = checkSpreadsheet([{ grid, layout: confirmed(layoutFromDetection(detectLayout(grid))) }]);
  expect(report.ownWords).toEqual([
    { kind: 'status', word: 'Added', rows: 2, tabs: ['Spec'], suggestion: 'Agreed' },
    { kind: 'status', word: 'Do not create concept', rows: 2, tabs: ['Spec'], suggestion: 'Deprecated' },
    { kind: 'type', word: 'Texte libre', rows: 2, tabs: ['Spec'], suggestion: null },
    { kind: 'type', word: 'nonsense', rows: 1, tabs: ['Spec'], suggestion: null },
  ]);
  // One finding per word and column: "Texte libre" in the source and in the destination type.
  expect(report.findings.filter((f) => f.rule === 'unknown-type').map((f) => `${f.column}${f.row}`)).toEqual(['D3', 'F4', 'D5']);
});

test('adopted words are known: statuses count as their status (a skipped one skips its rows), types as their type', () => {
  const settings = { statusSynonyms: { Added: 'agreed', 'Do not create concept': 'Deprecated' }, typeSynonyms: { 'Texte libre': 'text' } };
  expect(resolveSettings(settings).statusSynonyms).toEqual({ Added: 'Agreed', 'Do not create concept': 'Deprecated' });
  const report = checkSpreadsheet([{ grid, layout: confirmed(layoutFromDetection(detectLayout(grid))) }], settings);
  expect(report.ownWords).toEqual([]);
  // Row 5's "nonsense" type is on a row treated as Deprecated: skipped like any Deprecated row.
  expect(report.findings).toEqual([]);
  expect(() => resolveSettings({ statusSynonyms: { Parked: 'Maybe' } })).toThrow('The status word "Parked" must be treated as one of: New, Needs discussion, Agreed, Deprecated.');
  expect(() => resolveSettings({ statusSynonyms: ['Added'] as never })).toThrow('must map status words to statuses');
});
