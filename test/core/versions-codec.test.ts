// Versions core: storing a version in hidden-sheet chunks plus a property-sized index entry.
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { canonicalSnapshotJson } from '../../src/core/versions/canonical';
import { CHUNK_MAX_CHARS, decodeVersion, encodeVersion, orphanedChunkRows, readStoredVersion } from '../../src/core/versions/codec';
import { parseIndexEntry, serializeIndexEntry } from '../../src/core/versions/index-entry';
import type { ChunkRow, Snapshot, SnapshotTab, VersionServices } from '../../src/core/versions/types';
import { isUserError } from '../../src/core/errors';
import { jsonProblem } from '../../src/core/json';

const services: VersionServices = {
  sha256: (b) => new Uint8Array(createHash('sha256').update(b).digest()),
  gzip: (b) => new Uint8Array(gzipSync(b)),
  gunzip: (b) => new Uint8Array(gunzipSync(b)),
};

/** Deterministic pseudo-random numbers, so the fixture is the same on every run. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  'ឈ្មោះ', 'អតិថិជន', 'លេខទូរស័ព្ទ', 'អាសយដ្ឋាន', 'ថ្ងៃខែឆ្នាំកំណើត', // Khmer
  'ชื่อ', 'ลูกค้า', 'หมายเลขโทรศัพท์', 'ที่อยู่', 'วันเกิด', // Thai
  'الاسم', 'العميل', 'رقم الهاتف', 'العنوان', 'تاريخ الميلاد', // Arabic
  'customer', 'identifier', 'varchar(255)', 'nullable', 'ISO-8601', 'lookup', 'trim()', 'CASE WHEN', 'NULL',
];

function bigSnapshot(rows: number, columns: number, seed = 1): Snapshot {
  const rnd = prng(seed);
  const words = (n: number) => Array.from({ length: n }, () => WORDS[Math.floor(rnd() * WORDS.length)]).join(' ');
  const header = Array.from({ length: columns }, (_, c) => (c === 0 ? 'Source field' : `Column ${c + 1} ${WORDS[c % WORDS.length]}`));
  const tab: SnapshotTab = { sheetId: 101, name: 'Mapping ប្រព័ន្ធ', kind: 'mapping', header, keyColumn: 'Source field', listColumn: null, rows: [] };
  for (let r = 0; r < rows; r++) {
    const cells: Record<string, string> = { 'Source field': `field_${r}` };
    for (let c = 1; c < columns; c++) {
      if (rnd() < 0.1) continue; // some blanks
      let v = `${words(1 + Math.floor(rnd() * 4))} ${Math.floor(rnd() * 100000)}`;
      if (r % 100 === 50 && c === 5) {
        while (v.length < 10_000) v += ' ' + words(8);
        v = v.slice(0, 10_000);
      }
      cells[header[c]!] = v;
    }
    tab.rows.push({ key: `field_${r}`, cells });
  }
  return { tabs: [tab] };
}

const small: Snapshot = {
  tabs: [
    {
      sheetId: 1,
      name: 'Map',
      kind: 'mapping',
      header: ['Field', 'Type'],
      keyColumn: 'Field',
      listColumn: null,
      rows: [
        { key: 'a', cells: { Field: 'a', Type: 'int' } },
        { key: 'b', cells: { Field: 'b', Type: 'text' } },
      ],
    },
  ],
};

const TAGGED = '2024-05-01T09:30:00+07:00';

test('a 5,000-row × 20-column snapshot in Khmer, Thai and Arabic with 10,000-character cells round-trips', () => {
  const snapshot = bigSnapshot(5000, 20);
  const longNote = 'ការផ្លាស់ប្តូរ ការเปลี่ยนแปลง التغييرات "quoted" \\ \u0001 😀 '.repeat(400);
  const t0 = Date.now();
  const { entry, indexJson, chunkRows } = encodeVersion({ snapshot, label: 'v1', note: longNote, author: 'ana@example.org', taggedAt: TAGGED, history: [], previousSnapshot: null }, services);
  const t1 = Date.now();
  const back = decodeVersion(entry, chunkRows, services);
  const t2 = Date.now();

  expect(canonicalSnapshotJson(back.snapshot)).toBe(canonicalSnapshotJson(snapshot));
  expect(back.meta.note).toBe(longNote.trim()); // full note kept with the snapshot
  expect(entry.note.length).toBeLessThan(longNote.length);
  expect(entry.note.endsWith('…')).toBe(true);
  for (const row of chunkRows) expect(row[3].length).toBeLessThanOrEqual(CHUNK_MAX_CHARS);
  expect(chunkRows.map((r) => r[1])).toEqual(Array.from({ length: entry.chunkCount }, (_, i) => i + 1));
  expect(chunkRows.every((r) => r[0] === 'v1' && r[2] === entry.chunkCount)).toBe(true);
  const indexBytes = Buffer.byteLength(indexJson, 'utf8');
  expect(indexBytes).toBeLessThanOrEqual(9 * 1024);
  expect(parseIndexEntry(indexJson, 'mapspec.version.1')).toEqual(entry);
  expect(entry.counts).toEqual({ added: 5000, changed: 0, removed: 0, unchanged: 0 });
  expect(jsonProblem({ entry, chunkRows, back })).toBeUndefined();
  expect(entry.storedChars).toBe(chunkRows.reduce((n, r) => n + r[3].length, 0));

  console.log(
    [
      'versions codec, 5,000 rows × 20 columns (Khmer/Thai/Arabic, 50 cells of 10,000 chars):',
      `  raw canonical content: ${entry.rawBytes.toLocaleString('en')} bytes`,
      `  stored: ${entry.storedChars.toLocaleString('en')} characters in ${entry.chunkCount} chunks of ≤ ${CHUNK_MAX_CHARS.toLocaleString('en')} (${((100 * entry.storedChars) / entry.rawBytes).toFixed(1)}% of raw)`,
      `  index entry: ${indexBytes} bytes with a ${Array.from(longNote).length}-character note`,
      `  encode ${t1 - t0} ms, decode ${t2 - t1} ms`,
    ].join('\n'),
  );
});

describe('tampering is detected and names the version', () => {
  const snapshot = bigSnapshot(1500, 12, 7);
  const { entry, chunkRows } = encodeVersion({ snapshot, label: 'v3', note: '', author: '', taggedAt: TAGGED, history: [], previousSnapshot: null }, services);
  const copy = (): ChunkRow[] => chunkRows.map((r) => [...r] as ChunkRow);
  const message = (rows: ReadonlyArray<ReadonlyArray<unknown>>): string => {
    try {
      decodeVersion(entry, rows, services);
    } catch (e) {
      expect(isUserError(e)).toBe(true);
      return (e as Error).message;
    }
    throw new Error('decoding did not fail');
  };

  test('the fixture has several chunks', () => expect(entry.chunkCount).toBeGreaterThanOrEqual(3));

  test('an edited chunk', () => {
    const rows = copy();
    const t = rows[1]![3];
    rows[1]![3] = t.slice(0, 1000) + (t[1000] === 'A' ? 'B' : 'A') + t.slice(1001);
    expect(message(rows)).toMatch(/^Version v3's stored snapshot was changed outside Mapspec \(hash mismatch/);
  });

  test('a missing chunk, and no chunks at all', () => {
    const rows = copy();
    rows.splice(1, 1);
    expect(message(rows)).toBe(`Version v3's stored snapshot is incomplete: chunk 2 of ${entry.chunkCount} is missing.`);
    expect(message([])).toBe("Version v3's stored snapshot is missing from the hidden versions sheet.");
  });

  test('swapped chunk texts', () => {
    const rows = copy();
    [rows[0]![3], rows[1]![3]] = [rows[1]![3], rows[0]![3]];
    expect(message(rows)).toMatch(/^Version v3's stored snapshot was changed outside Mapspec \(hash mismatch/);
  });

  test('a truncated chunk, a duplicated chunk, an edited chunk number', () => {
    const cut = copy();
    cut[0]![3] = cut[0]![3].slice(0, -4);
    expect(message(cut)).toMatch(/changed outside Mapspec \(hash mismatch\)/);
    const dup = copy();
    dup.push([...dup[0]!] as ChunkRow);
    expect(message(dup)).toMatch(/chunk 1 appears twice/);
    const renumbered = copy();
    renumbered[0]![2] = 99;
    expect(message(renumbered)).toMatch(/chunk numbers edited/);
  });

  test('rows re-sorted with their chunk numbers still decode (the numbers give the order); other versions’ rows are skipped', () => {
    const other = encodeVersion({ snapshot: small, label: 'v1', note: '', author: '', taggedAt: TAGGED, history: [], previousSnapshot: null }, services);
    // As getValues returns them from a sheet: numbers may come back as strings, rows in any order.
    const rows = [...other.chunkRows, ...copy().reverse().map((r) => [r[0], String(r[1]), r[2], r[3]])];
    expect(canonicalSnapshotJson(decodeVersion(entry, rows, services).snapshot)).toBe(canonicalSnapshotJson(snapshot));
    expect(orphanedChunkRows([entry], rows)).toEqual([0]);
  });

  test('readStoredVersion reports instead of throwing', () => {
    expect(readStoredVersion(entry, [], services)).toEqual({ ok: false, problem: 'missing', message: expect.stringContaining('v3') });
  });
});

test('every chunk starts with a letter prefix, so Sheets never reads one as a number or formula', () => {
  const { chunkRows } = encodeVersion({ snapshot: small, label: 'v1', note: '', author: '', taggedAt: TAGGED, history: [], previousSnapshot: null }, services);
  expect(chunkRows).toHaveLength(1);
  expect(chunkRows[0]![3]).toMatch(/^b64:[A-Za-z0-9+/]+=*$/);
});

test('labels are validated and unique; the index entry stays small whatever the note', () => {
  const first = encodeVersion({ snapshot: small, label: 'v1', note: 'first', author: 'ana@example.org', taggedAt: TAGGED, history: [], previousSnapshot: null }, services);
  const again = () => encodeVersion({ snapshot: small, label: 'V1', note: '', author: '', taggedAt: TAGGED, history: [first.entry], previousSnapshot: small }, services);
  expect(again).toThrow('There is already a version labelled "v1".');
  expect(() => encodeVersion({ snapshot: small, label: ' v2', note: '', author: '', taggedAt: TAGGED, history: [first.entry], previousSnapshot: small }, services)).toThrow(/start or end with a space/);
  expect(() => encodeVersion({ snapshot: small, label: 'v2', note: '', author: '', taggedAt: TAGGED, history: [first.entry], previousSnapshot: null }, services)).toThrow(/needs the latest/);
  expect(() => encodeVersion({ snapshot: small, label: 'v2', note: '', author: '', taggedAt: '1 May 2024', history: [first.entry], previousSnapshot: small }, services)).toThrow(/ISO/);

  const worst = '"\\\u0001'.repeat(5000) + '😀'.repeat(5000);
  const big = encodeVersion({ snapshot: small, label: 'x'.repeat(40), note: worst, author: 'a'.repeat(400), taggedAt: TAGGED, history: [first.entry], previousSnapshot: small }, services);
  expect(Buffer.byteLength(big.indexJson, 'utf8')).toBeLessThanOrEqual(9 * 1024);
  expect(serializeIndexEntry(big.entry)).toBe(big.indexJson);
  expect(big.entry.seq).toBe(2);
  expect(big.entry.previousChainHash).toBe(first.entry.chainHash);
  expect(big.entry.counts).toEqual({ added: 0, changed: 0, removed: 0, unchanged: 2 });
  console.log(`versions codec: worst-case index entry ${Buffer.byteLength(big.indexJson, 'utf8')} bytes; typical ${Buffer.byteLength(first.indexJson, 'utf8')} bytes`);
  expect(() => parseIndexEntry('{"seq":1}', 'mapspec.version.1')).toThrow("Mapspec's version index entry mapspec.version.1 was changed outside Mapspec and cannot be read.");
});

describe('text services (the add-on hands strings to Utilities instead of byte arrays)', () => {
  // What the Apps Script adapter does, on Node: hash and compress the string's UTF-8 natively.
  const text: VersionServices = {
    ...services,
    text: {
      sha256Utf8: (t) => new Uint8Array(createHash('sha256').update(t, 'utf8').digest()),
      gzipUtf8: (t) => new Uint8Array(gzipSync(Buffer.from(t, 'utf8'))),
      gunzipToUtf8: (b) => gunzipSync(b).toString('utf8'),
    },
  };
  const snapshot = bigSnapshot(300, 8, 7);
  const input = { snapshot, label: 'v1', note: 'ឈ្មោះ ชื่อ الاسم 🙂', author: 'ana@example.org', taggedAt: TAGGED, history: [], previousSnapshot: null };

  test('give the same stored version as the byte paths, and each reads the other', () => {
    const bytes = encodeVersion(input, services);
    const strings = encodeVersion(input, text);
    expect(strings.entry).toEqual(bytes.entry);
    expect(strings.indexJson).toBe(bytes.indexJson);
    // Same gzip implementation on both sides here, so the chunks are identical too.
    expect(strings.chunkRows).toEqual(bytes.chunkRows);
    expect(canonicalSnapshotJson(decodeVersion(bytes.entry, bytes.chunkRows, text).snapshot)).toBe(canonicalSnapshotJson(snapshot));
    expect(canonicalSnapshotJson(decodeVersion(strings.entry, strings.chunkRows, services).snapshot)).toBe(canonicalSnapshotJson(snapshot));
  });

  test('still refuse altered content: malformed UTF-8 inside the gzip reads as a hash mismatch', () => {
    const { entry } = encodeVersion(input, text);
    // Same metadata, content bytes replaced by an invalid UTF-8 sequence (lenient decoding makes U+FFFD).
    const meta = gunzipSync(Buffer.from(encodeVersion(input, text).chunkRows.map((r) => String(r[3]).slice(4)).join(''), 'base64')).toString('utf8').split('\n')[0]!;
    const forged = Buffer.concat([Buffer.from(`${meta}\n`, 'utf8'), Buffer.from([0xff, 0xfe, 0x7b])]);
    const b64 = gzipSync(forged).toString('base64');
    const chunk = `b64:${b64}`;
    const rows: ChunkRow[] = [[entry.label, 1, 1, chunk]];
    const forgedEntry = { ...entry, chunkCount: 1, storedChars: chunk.length };
    expect(readStoredVersion(forgedEntry, rows, text)).toEqual({ ok: false, problem: 'changed', message: expect.stringContaining('hash mismatch') });
  });
});
