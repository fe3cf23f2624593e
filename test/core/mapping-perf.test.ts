// Performance sanity: a 20,000-row × 20-column tab, detected and checked. Reports the time only
// (machines differ); the checks are one pass over the rows with maps for the duplicates.
import { checkSpreadsheet, detectLayout, layoutFromDetection, type TabGrid } from '../../src/core/mapping';
import { MAPPING_TEMPLATE_BANDS, MAPPING_TEMPLATE_COLUMNS } from '../../src/core/mapping/template';

test('20,000 rows × 20 columns', () => {
  const header = [...MAPPING_TEMPLATE_COLUMNS.map((c) => c.header), 'Extra 1', 'Extra 2', 'Extra 3'];
  const band: unknown[] = header.map(() => null);
  for (const b of MAPPING_TEMPLATE_BANDS) band[b.first - 1] = b.label;
  const types = ['text', 'integer', 'date', 'select_one', 'boolean'];
  const values: unknown[][] = [band, header];
  // Mostly sound rows, with the odd mistake of each kind (about 1 row in 50 has one).
  for (let i = 0; i < 20000; i++) {
    const t = types[i % types.length];
    const sample = t === 'integer' ? (i % 499 === 0 ? 'abc' : '12') : t === 'date' ? '2024-01-02' : t === 'boolean' ? 'yes' : 'x';
    values.push([
      `M-${i + 1}`, i % 500 === 0 ? 'Unknown' : 'Agreed', `Field ${i}`, `form.group.field_${i}${i % 997 === 0 ? ' ' : ''}`, t, sample,
      '', `Attr ${i}`, `attributes.attr_${i % 19990}`, i % 301 === 0 ? 'NUMBER' : t, '', '', 'Yes', i === 0 ? 'Yes' : 'No', '', t === 'select_one' ? `list_${i % 20}` : '', '',
      i % 1000 === 0 ? '#REF!' : 'x', 'ឈ្មោះ', 'ชื่อ',
    ]);
  }
  const lists: unknown[][] = [['List name', 'Source value', 'Source label', 'Destination value', 'Destination label']];
  for (let l = 0; l < 20; l++) for (let v = 0; v < 5; v++) lists.push([v === 0 ? `list_${l}` : null, `v${v}`, `V${v}`, `d${v}`, `D${v}`]);
  const valueMaps: TabGrid = { name: 'Value maps', sheetId: 2, values: lists };
  const grid: TabGrid = { name: 'Big', sheetId: 1, values, merges: MAPPING_TEMPLATE_BANDS.map((b) => ({ r1: 1, c1: b.first, r2: 1, c2: b.last })) };
  const t0 = Date.now();
  const d = detectLayout(grid);
  const t1 = Date.now();
  const tabs = [{ grid: valueMaps, layout: layoutFromDetection(detectLayout(valueMaps)) }, { grid, layout: layoutFromDetection(d) }];
  const report = checkSpreadsheet(tabs);
  const t2 = Date.now();
  checkSpreadsheet(tabs);
  const t3 = Date.now();
  console.log(`20,000 rows × 20 columns: detect ${t1 - t0} ms, check ${t2 - t1} ms (again, warm: ${t3 - t2} ms); ${report.rowsChecked} rows, ${report.total} findings`);
  expect(report.rowsChecked).toBe(20000 + 100);
  expect(report.counts['duplicate-destination']).toBe(10);
  expect(report.counts['unknown-value-map']).toBe(0);
});
