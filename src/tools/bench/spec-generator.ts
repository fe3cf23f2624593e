/**
 * Generates a realistic mapping spec for the benchmark: rows in the template's 17 columns plus three
 * extra columns after Q (Program stage, Section, Notes), a value-map tab of ~200 entries that
 * select_one rows refer to, some ~2,000-character cells, Khmer / Thai / Arabic labels, mixed
 * statuses and a few deliberate mistakes (one row in 250). Deterministic (seeded).
 */

export const TEMPLATE_WIDTH = 17;
export const EXTRA_HEADERS = ['Program stage', 'Section', 'Notes'] as const;
export const SPEC_WIDTH = TEMPLATE_WIDTH + EXTRA_HEADERS.length;
export const VALUE_MAP_LISTS = 40;
export const CHOICES_PER_LIST = 5;

export interface GeneratedSpec {
  rows: string[][];
  valueMaps: string[][];
  /** Rows that carry a deliberate mistake, by kind. */
  mistakes: Record<string, number>;
}

/** A small deterministic PRNG (mulberry32), so every run benchmarks the same spec. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NON_LATIN = [
  'ឈ្មោះអ្នកជំងឺ', // Khmer: patient name
  'วันเกิดของผู้ป่วย', // Thai: patient's date of birth
  'تاريخ الزيارة', // Arabic: visit date
  'ភេទ',
  'ที่อยู่ปัจจุบัน',
  'رقم الهاتف',
];
const STAGES = ['Registration', 'ANC visit', 'Delivery', 'Postnatal', 'Follow-up'];
const TYPES = ['text', 'integer', 'date', 'select_one', 'decimal', 'boolean'];
const SAMPLES: Record<string, string> = { text: 'Dara', integer: '42', date: '2024-05-17', select_one: 'female', decimal: '3.5', boolean: 'true' };
const LONG_TEXT = (() => {
  const words = 'The client asked whether this field is collected at every visit or only at registration; ខ្មែរ ไทย عربي '.split(' ');
  let s = '';
  for (let i = 0; s.length < 2000; i++) s += (i ? ' ' : '') + words[i % words.length];
  return s.slice(0, 2000);
})();

function status(rand: number): string {
  if (rand < 0.55) return 'Agreed';
  if (rand < 0.8) return 'New';
  if (rand < 0.93) return 'Needs discussion';
  return 'Deprecated';
}

export function generateSpec(rowCount: number, seed = 8): GeneratedSpec {
  const random = prng(seed);
  const mistakes: Record<string, number> = {};
  const mistake = (kind: string) => (mistakes[kind] = (mistakes[kind] ?? 0) + 1);
  const rows: string[][] = [];
  for (let i = 0; i < rowCount; i++) {
    const type = TYPES[Math.floor(random() * TYPES.length)]!;
    const stage = STAGES[i % STAGES.length]!;
    const label = i % 7 === 0 ? `${NON_LATIN[i % NON_LATIN.length]} ${i + 1}` : `Question ${i + 1}`;
    const r = Array<string>(SPEC_WIDTH).fill('');
    r[0] = `M-${String(i + 1).padStart(5, '0')}`;
    r[1] = status(random());
    r[2] = label;
    r[3] = `form.${stage.toLowerCase().replace(/[^a-z]+/g, '_')}.q_${i + 1}`;
    r[4] = type;
    r[5] = SAMPLES[type]!;
    r[6] = i % 100 === 50 ? LONG_TEXT : i % 9 === 0 ? 'Asked at every visit' : '';
    r[7] = i % 11 === 0 ? `${NON_LATIN[(i + 3) % NON_LATIN.length]}` : `Data element ${i + 1}`;
    r[8] = `dataValues.de_${(i + 1).toString(36)}`;
    r[9] = type;
    r[10] = SAMPLES[type]!;
    r[11] = i % 13 === 0 ? 'Confirmed with the DHIS2 admin' : '';
    r[12] = random() < 0.6 ? 'Yes' : 'No';
    r[13] = i === 0 ? 'Yes' : 'No';
    r[14] = type === 'date' ? 'dateFns.format(value, "yyyy-MM-dd")' : '';
    r[15] = type === 'select_one' ? `list_${i % VALUE_MAP_LISTS}` : '';
    r[16] = i % 17 === 0 ? 'Should this be required for minors?' : '';
    r[17] = stage;
    r[18] = `Section ${1 + (i % 12)}`;
    r[19] = i % 100 === 0 ? LONG_TEXT : i % 5 === 0 ? 'ចំណាំ / หมายเหตุ / ملاحظة' : '';
    // A few deliberate mistakes, one row in 250, rotating through the kinds.
    if (i % 250 === 249) {
      switch (((i / 250) | 0) % 5) {
        case 0: r[1] = 'Agred'; mistake('unknown-status'); break;
        case 1: r[8] = rows[i - 1]![8]!; r[1] = 'Agreed'; rows[i - 1]![1] = 'Agreed'; mistake('duplicate-destination'); break;
        case 2: r[4] = r[9] = 'select_one'; r[15] = 'list_999'; mistake('unknown-value-map'); break;
        case 3: r[4] = r[9] = 'integer'; r[5] = 'abc'; mistake('sample-type-mismatch'); break;
        default: r[8] = ` ${r[8]} `; mistake('stray-whitespace'); break;
      }
    }
    rows.push(r);
  }
  const valueMaps: string[][] = [];
  for (let l = 0; l < VALUE_MAP_LISTS; l++) {
    for (let c = 0; c < CHOICES_PER_LIST; c++) {
      valueMaps.push([`list_${l}`, `choice_${c}`, c % 3 === 0 ? NON_LATIN[c % NON_LATIN.length]! : `Choice ${c}`, `opt_${l}_${c}`, `Option ${c}`]);
    }
  }
  return { rows, valueMaps, mistakes };
}

/** Changes about `fraction` of the data cells (not the ID column) in place; returns how many. */
export function changeCells(rows: string[][], fraction: number, seed = 12): number {
  const random = prng(seed);
  const cells = rows.length * SPEC_WIDTH;
  const target = Math.max(1, Math.round(cells * fraction));
  const changed = new Set<number>();
  while (changed.size < target) {
    const r = Math.floor(random() * rows.length);
    const c = 2 + Math.floor(random() * (SPEC_WIDTH - 2));
    const k = r * SPEC_WIDTH + c;
    if (changed.has(k) || c === 4 || c === 9 || c === 15) continue; // keep types and value maps consistent
    changed.add(k);
    rows[r]![c] = `${rows[r]![c]} (edited)`;
  }
  return changed.size;
}
