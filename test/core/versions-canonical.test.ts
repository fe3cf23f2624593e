// Versions core: canonical serialisation and content hash, UTF-8 / base64 helpers, grid → snapshot.
import { createHash, randomBytes } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { base64Decode, base64Encode } from '../../src/core/versions/base64';
import { canonicalSnapshotJson, hashSnapshot, normalizeSnapshot, parseSnapshotJson } from '../../src/core/versions/canonical';
import { columnLetter, tabFromGrid } from '../../src/core/versions/grid';
import { canonicalText, truncateText, utf8Decode, utf8Encode } from '../../src/core/versions/text';
import type { Snapshot, SnapshotTab, VersionServices } from '../../src/core/versions/types';
import type { Json } from '../../src/core/json';
import { jsonProblem } from '../../src/core/json';

const services: VersionServices = {
  sha256: (b) => new Uint8Array(createHash('sha256').update(b).digest()),
  gzip: (b) => new Uint8Array(gzipSync(b)),
  gunzip: (b) => new Uint8Array(gunzipSync(b)),
};
const hash = (s: Snapshot) => hashSnapshot(s, services.sha256).contentHash;

function mappingTab(sheetId: number, name: string, rows: Record<string, string>[]): SnapshotTab {
  return {
    sheetId,
    name,
    kind: 'mapping',
    header: ['Source field', 'Destination field', 'Type', 'Sample'],
    keyColumn: 'Source field',
    listColumn: null,
    rows: rows.map((cells) => ({ key: cells['Source field'] ?? '', cells })),
  };
}

const base: Snapshot = {
  tabs: [
    mappingTab(11, 'Customers', [
      { 'Source field': 'cust_id', 'Destination field': 'customerId', Type: 'int', Sample: '42' },
      { 'Source field': 'name_km', 'Destination field': 'nameKhmer', Type: 'string', Sample: 'សុខ ចាន់' },
      { 'Source field': 'name_th', 'Destination field': 'nameThai', Type: 'string', Sample: 'สมชาย ใจดี' },
    ]),
    {
      sheetId: 7,
      name: 'Value maps',
      kind: 'value-map',
      header: ['List', 'Source value', 'Destination value'],
      keyColumn: 'Source value',
      listColumn: 'List',
      rows: [{ key: 'Gender › M', cells: { List: 'Gender', 'Source value': 'M', 'Destination value': 'male' } }],
    },
  ],
};

test('the hash does not depend on cell key order, tab order or JSON whitespace', () => {
  const reordered: Snapshot = {
    tabs: [...base.tabs].reverse().map((t) => ({
      ...t,
      rows: t.rows.map((r) => ({ key: r.key, cells: Object.fromEntries(Object.entries(r.cells).reverse()) })),
    })),
  };
  expect(hash(reordered)).toBe(hash(base));
  const json = canonicalSnapshotJson(base);
  expect(json).not.toMatch(/\n|": |, "/);
  expect(json.startsWith('{"format":"mapspec-snapshot","formatVersion":1,"tabs":[{"sheetId":7,')).toBe(true);
});

test('NBSP, CRLF, surrounding spaces and NFD vs NFC do not change the hash; blank cells are omitted', () => {
  const noisy: Snapshot = JSON.parse(JSON.stringify(base));
  const row = noisy.tabs[0]!.rows[0]!;
  row.cells['Destination field'] = '  customerId\u00a0';
  row.cells['Sample'] = '\t42\r\n';
  row.cells['Notes'] = '   '; // not in the header, but blank: ignored
  noisy.tabs[0]!.header[1] = 'Destination\u00a0field'; // the cells still say "Destination field"
  // "café" in NFD (e + combining acute) vs NFC (é)
  const nfd: Snapshot = JSON.parse(JSON.stringify(base));
  const nfc: Snapshot = JSON.parse(JSON.stringify(base));
  nfd.tabs[0]!.rows[1]!.cells['Sample'] = 'cafe\u0301';
  nfc.tabs[0]!.rows[1]!.cells['Sample'] = 'caf\u00e9';
  expect(hash(noisy)).toBe(hash(base));
  expect(hash(nfd)).toBe(hash(nfc));
  // Inner spacing and zero-width spaces (Khmer word breaks) are content.
  const zw: Snapshot = JSON.parse(JSON.stringify(base));
  zw.tabs[0]!.rows[1]!.cells['Sample'] = 'សុខ\u200bចាន់';
  expect(hash(zw)).not.toBe(hash(base));
  expect(canonicalText('\u00a0a\u202f b\r\nc\u00a0')).toBe('a  b\nc');
});

test('changing any single cell, the key, a header name or the row order changes the hash', () => {
  const h0 = hash(base);
  const seen = new Set([h0]);
  base.tabs.forEach((tab, ti) =>
    tab.rows.forEach((row, ri) =>
      tab.header.forEach((column) => {
        const edited: Snapshot = JSON.parse(JSON.stringify(base));
        const cells = edited.tabs[ti]!.rows[ri]!.cells;
        cells[column] = (cells[column] ?? '') + 'x';
        const h = hash(edited);
        expect(seen.has(h)).toBe(false);
        seen.add(h);
      }),
    ),
  );
  const rekeyed: Snapshot = JSON.parse(JSON.stringify(base));
  rekeyed.tabs[0]!.rows[0]!.key = 'cust_id2';
  const moved: Snapshot = JSON.parse(JSON.stringify(base));
  moved.tabs[0]!.rows.reverse();
  const renamed: Snapshot = JSON.parse(JSON.stringify(base));
  renamed.tabs[0]!.name = 'Customer';
  for (const s of [rekeyed, moved, renamed]) expect(hash(s)).not.toBe(h0);
  expect(h0).toMatch(/^[0-9a-f]{64}$/);
});

test('canonical JSON parses back to the normalised snapshot, which is JSON-safe', () => {
  const parsed = parseSnapshotJson(canonicalSnapshotJson(base));
  const normal = normalizeSnapshot(base);
  expect(parsed.tabs.map((t) => t.sheetId)).toEqual([7, 11]);
  expect(JSON.parse(JSON.stringify(parsed.tabs[1]))).toEqual(JSON.parse(JSON.stringify(normal.tabs[0])));
  expect(canonicalSnapshotJson(parsed)).toBe(canonicalSnapshotJson(base));
  const asJson: Json = parsed;
  expect(jsonProblem(asJson)).toBeUndefined();
  expect(() => parseSnapshotJson('{"format":"mapspec-snapshot","formatVersion":2,"tabs":[]}')).toThrow(/newer/);
});

test('normalising rejects what only an adapter bug produces', () => {
  const dupIds: Snapshot = { tabs: [base.tabs[0]!, { ...base.tabs[0]! }] };
  expect(() => normalizeSnapshot(dupIds)).toThrow(/two tabs with sheetId 11/);
  const stray = mappingTab(1, 'T', [{ 'Source field': 'a', Nope: 'x' }]);
  expect(() => normalizeSnapshot({ tabs: [stray] })).toThrow(/"Nope", which is not in the header/);
  expect(() => normalizeSnapshot({ tabs: [{ ...stray, rows: [], header: ['A', 'A'] }] })).toThrow(/two columns are named "A"/);
  expect(() => normalizeSnapshot({ tabs: [{ ...stray, rows: [], keyColumn: 'Field' }] })).toThrow(/key column "Field"/);
  // A column named __proto__ is an ordinary column.
  const proto = { ...stray, header: ['Source field', '__proto__'], rows: [{ key: 'a', cells: JSON.parse('{"Source field":"a","__proto__":"x"}') }] };
  expect(parseSnapshotJson(canonicalSnapshotJson({ tabs: [proto] })).tabs[0]!.rows[0]!.cells['__proto__']).toBe('x');
});

test('UTF-8 and base64 match Node on random text and bytes', () => {
  const samples = ['', 'a', 'ឈ្មោះ ชื่อ الاسم 😀 \u0000 \u07ff \u0800 \uffff'];
  for (let i = 0; i < 50; i++) samples.push(String.fromCodePoint(...Array.from({ length: 40 }, (_, k) => (i * 7919 + k * 104729) % 0x10ffff).filter((c) => c < 0xd800 || c > 0xdfff)));
  for (const s of samples) {
    expect(Buffer.from(utf8Encode(s)).equals(Buffer.from(s, 'utf8'))).toBe(true);
    expect(utf8Decode(utf8Encode(s))).toBe(s);
  }
  // A lone surrogate has no UTF-8 form: U+FFFD, as Node does.
  expect(Buffer.from(utf8Encode('lone \ud800 surrogate')).equals(Buffer.from('lone \ud800 surrogate', 'utf8'))).toBe(true);
  expect(() => utf8Decode(new Uint8Array([0xc3]))).toThrow(/Invalid UTF-8/);
  expect(() => utf8Decode(new Uint8Array([0xed, 0xa0, 0x80]))).toThrow(/Invalid UTF-8/);
  for (const n of [0, 1, 2, 3, 4, 5, 12287, 12288, 12289, 100000]) {
    const bytes = new Uint8Array(randomBytes(n));
    const b64 = base64Encode(bytes);
    expect(b64).toBe(Buffer.from(bytes).toString('base64'));
    expect(Buffer.from(base64Decode(b64)).equals(Buffer.from(bytes))).toBe(true);
  }
  expect(() => base64Decode('ab!d')).toThrow(/Invalid base64/);
  expect(() => base64Decode('abc')).toThrow(/multiple of 4/);
  expect(truncateText('😀😀😀😀', 3)).toBe('😀😀…');
});

test('tabFromGrid builds a tab from one whole-range read', () => {
  const values = [
    ['Customer mapping', '', '', '', ''],
    ['Source field', 'Destination field', '', 'Notes', 'Notes'],
    ['cust_id', 'customerId', 'x', 'PK', ''],
    ['', '', '', '', ''],
    ['name\u00a0', 'fullName', '', '', 'from CRM'],
  ];
  const tab = tabFromGrid({ sheetId: 3, name: 'Customers', kind: 'mapping', values, headerRow: 1, keyColumn: 'Source field', listColumn: null });
  expect(tab.header).toEqual(['Source field', 'Destination field', 'Column C', 'Notes', 'Notes#2']);
  expect(tab.rows.map((r) => r.key)).toEqual(['cust_id', 'name']);
  expect(tab.rows[1]!.cells).toEqual({ 'Source field': 'name', 'Destination field': 'fullName', 'Notes#2': 'from CRM' });
  const vm = tabFromGrid({
    sheetId: 4,
    name: 'Value maps',
    kind: 'value-map',
    values: [['List', 'Source value', 'Destination value'], ['Gender', 'M', 'male'], ['Country', 'KH', 'កម្ពុជា']],
    headerRow: 0,
    keyColumn: 'Source value',
    listColumn: 'List',
  });
  expect(vm.rows.map((r) => r.key)).toEqual(['Gender › M', 'Country › KH']);
  expect(() => tabFromGrid({ ...vm, values: [['A']], headerRow: 0, keyColumn: 'Source value', listColumn: null })).toThrow(/Tab "Value maps" has no column "Source value"/);
  expect([0, 25, 26, 701, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'ZZ', 'AAA']);
});
