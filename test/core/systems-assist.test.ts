// The assists from the imported systems (issue 12, D4): which empty cells "Fill empty samples" and
// "Suggest destination fields" would write, on template-shaped tabs; never a cell with text or a
// formula, never a skipped row, a suggestion only when one field clearly wins.
import { confirmed, detectLayout, layoutFromDetection, type Role, type TabGrid, type TabInput } from '../../src/core/mapping';
import { MAPPING_TEMPLATE_BANDS, MAPPING_TEMPLATE_COLUMNS } from '../../src/core/mapping/template';
import { planAssist, words } from '../../src/core/systems/assist';
import { flattenSample } from '../../src/core/systems/sample';
import type { SampleInput, SystemInput } from '../../src/core/systems/system-checks';

type Row = Partial<Record<Role, unknown>>;

/** A template tab (band row 1, header row 2, data from row 3); `formulas` by A1 address. */
function tab(rows: Row[], formulas: Record<string, string> = {}): TabInput {
  const band: unknown[] = MAPPING_TEMPLATE_COLUMNS.map(() => null);
  const merges = MAPPING_TEMPLATE_BANDS.map((b) => {
    band[b.first - 1] = b.label;
    return { r1: 1, c1: b.first, r2: 1, c2: b.last };
  });
  const values = [band, MAPPING_TEMPLATE_COLUMNS.map((c) => c.header), ...rows.map((r) => MAPPING_TEMPLATE_COLUMNS.map((c) => (c.role in r ? r[c.role] : null)))];
  const f = values.map((row) => row.map(() => ''));
  for (const [a1, text] of Object.entries(formulas)) f[+a1.slice(1) - 1]![a1.charCodeAt(0) - 65] = text;
  const grid: TabGrid = { name: 'Mapping', sheetId: 7, values, formulas: f, merges };
  return { grid, layout: confirmed(layoutFromDetection(detectLayout(grid))) };
}

const row = (n: number, over: Row): Row => ({ id: `M-${n}`, status: 'Agreed', ...over });
const field = (path: string, label: string, aliases: string[] = []) => ({ path, aliases, type: 'text', rawType: 'TEXT', label, list: null });

describe('Fill empty samples from the sample record', () => {
  const sample: SampleInput = {
    name: 'form.json', side: 'source', tabs: null,
    record: flattenSample({ form: { age: 34, name: 'Amina', dob: '1990-02-01', visit: { village: 'Kep' } } }),
  };
  const spec = tab(
    [
      row(1, { 'source-path': 'form.age' }),
      row(2, { 'source-path': 'form.name', 'source-sample': 'Written by the analyst' }),
      row(3, { 'source-path': 'form.dob' }),
      row(4, { 'source-path': 'form.visit.village' }),
      row(5, { status: 'Deprecated', 'source-path': 'form.name' }),
      row(6, { 'source-path': 'form.not_in_sample' }),
    ],
    { F6: '=UPPER(D6)' },
  );

  test('fills only empty cells of live rows, with the masked examples, in one column of the tab', () => {
    const plan = planAssist('fill-samples', [spec], [], [sample]);
    expect(plan.columns).toEqual([
      {
        tab: 'Mapping', sheetId: 7, column: 6, role: 'source-sample', title: 'SOURCE › Sample',
        fills: [
          { row: 3, value: '34', from: 'sample form.json' },
          { row: 5, value: 'YYYY-MM-DD', from: 'sample form.json' },
        ],
      },
    ]);
    expect(plan.notes).toEqual([]);
  });

  test('a destination sample fills the destination samples; raw values when they were kept', () => {
    const dest: SampleInput = { name: 'tei.json', side: 'destination', tabs: null, record: flattenSample({ attributes: [{ attribute: 'w75KJ2mc4zz', value: 'Amina' }] }, { keepValues: true }) };
    const plan = planAssist('fill-samples', [tab([row(1, { 'destination-path': 'attributes[w75KJ2mc4zz]' })])], [], [dest]);
    expect(plan.columns.map((c) => [c.role, c.fills])).toEqual([['destination-sample', [{ row: 3, value: 'Amina', from: 'sample tei.json' }]]]);
  });

  test('says why nothing was filled: no sample imported', () => {
    expect(planAssist('fill-samples', [spec], [], [])).toEqual({ columns: [], notes: ['No sample record is imported: import one under Systems first.'] });
  });
});

describe('Suggest destination fields', () => {
  const dhis2: SystemInput = {
    name: 'DHIS2', side: 'destination', tabs: null,
    meta: {
      format: 'dhis2', summary: '', lists: {},
      fields: [
        field('w75KJ2mc4zz', 'First name', ['MMD_PER_NAM']),
        field('zDhUuAYrxNC', 'Last name', ['MMD_PER_LST']),
        field('iESIqZ0R0R0', 'Date of birth', ['MMD_PER_DOB']),
        field('cejWyOfXge6', 'Sex', ['MMD_PER_SEX']),
        field('Khm0000001a', 'ឈ្មោះភូមិ'),
        field('qrur9Dvnyt5', 'Age in years'),
      ],
    },
  };

  test('the one field clearly named like the row, written as the tab writes its other destinations', () => {
    const spec = tab([
      row(1, { 'source-label': 'First name', 'source-path': 'form.first_name', 'destination-path': 'attributes[w75KJ2mc4zz]' }),
      row(2, { 'source-label': 'Date of birth', 'source-path': 'form.dob' }),
      row(3, { 'source-path': 'form.child/sex' }),
      row(4, { 'destination-label': 'ឈ្មោះភូមិ', 'source-path': 'form.village' }),
      row(5, { 'source-label': 'Name', 'source-path': 'form.name' }), // first or last name: not clear, no suggestion
      row(6, { 'source-label': 'Given first name', 'source-path': 'form.fname' }), // already mapped on row 3
      row(7, { 'source-label': 'Age in years', 'source-path': 'form.age', 'destination-path': '=B7' }),
    ], { I9: '=B9' });
    const plan = planAssist('suggest-destinations', [spec], [dhis2], []);
    expect(plan.columns.map((c) => [c.role, c.column])).toEqual([['destination-path', 9]]);
    expect(plan.columns[0]!.fills.map((f) => [f.row, f.value])).toEqual([
      [4, 'attributes[iESIqZ0R0R0]'],
      [5, 'attributes[cejWyOfXge6]'],
      [6, 'attributes[Khm0000001a]'],
    ]);
    expect(plan.columns[0]!.fills[0]!.from).toBe('DHIS2: Date of birth (like "Date of birth")');
  });

  test('words of names and labels in any script: camelCase and snake_case split, stop words out', () => {
    expect(words('dateOfBirth')).toEqual(['date', 'birth']);
    expect(words('form.child_age_in_years')).toEqual(['form', 'child', 'age', 'years']);
    expect(words('ឈ្មោះភូមិ')).toEqual(['ឈ្មោះភូមិ']);
    expect(words('اسم القرية')).toEqual(['اسم', 'القرية']);
  });

  test('says why nothing was suggested: no destination metadata', () => {
    expect(planAssist('suggest-destinations', [tab([row(1, { 'source-label': 'Sex' })])], [], []).notes).toEqual(["No destination system's metadata is imported: import it under Systems first."]);
  });
});

test('Thai and Arabic: names and labels read, sample keys flattened, a destination suggested by an Arabic label', () => {
  const dhis2: SystemInput = {
    name: 'DHIS2', side: 'destination', tabs: null,
    meta: { format: 'dhis2', summary: '', fields: [field('thaiNAME001', 'ชื่อหมู่บ้าน'), field('arabicDOB01', 'تاريخ الميلاد'), field('arabicSEX01', 'الجنس')], lists: {} },
  };
  const sample: SampleInput = { name: 'ทดสอบ.json', side: 'source', tabs: null, record: flattenSample({ 'بيانات': { 'الاسم': 'ليلى', 'العمر': 7 }, 'หมู่บ้าน': 'บ้านนา' }) };
  expect(sample.record.paths.map((p) => [p.path, p.example])).toEqual([['بيانات.الاسم', 'ل***'], ['بيانات.العمر', '7'], ['หมู่บ้าน', 'บ***']]);
  const spec = tab([
    row(1, { 'source-path': 'بيانات.العمر', 'destination-label': 'تاريخ الميلاد' }),
    row(2, { 'source-path': 'หมู่บ้าน', 'destination-label': 'ชื่อหมู่บ้าน' }),
  ]);
  const plan = planAssist('suggest-destinations', [spec], [dhis2], [sample]);
  expect(plan.columns.flatMap((c) => c.fills.map((f) => [f.row, f.value]))).toEqual([[3, 'arabicDOB01'], [4, 'thaiNAME001']]);
  const samples = planAssist('fill-samples', [spec], [], [sample]);
  expect(samples.columns.flatMap((c) => c.fills.map((f) => [f.row, f.value]))).toEqual([[3, '7'], [4, 'บ***']]);
});
