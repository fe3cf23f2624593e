// Versions core: the hash chain over the version history, and verifyChain's report.
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { verifyChain } from '../../src/core/versions/chain';
import { decodeVersion, encodeVersion } from '../../src/core/versions/codec';
import { chainHashOf, GENESIS_CHAIN_HASH } from '../../src/core/versions/hash';
import type { ChunkRow, Snapshot, VersionIndexEntry, VersionServices } from '../../src/core/versions/types';
import { jsonProblem } from '../../src/core/json';

const services: VersionServices = {
  sha256: (b) => new Uint8Array(createHash('sha256').update(b).digest()),
  gzip: (b) => new Uint8Array(gzipSync(b)),
  gunzip: (b) => new Uint8Array(gunzipSync(b)),
};

function spec(types: string[]): Snapshot {
  return {
    tabs: [
      {
        sheetId: 5,
        name: 'Orders',
        kind: 'mapping',
        header: ['Field', 'Type'],
        keyColumn: 'Field',
        listColumn: null,
        rows: types.map((type, i) => ({ key: `f${i}`, cells: { Field: `f${i}`, Type: type } })),
      },
    ],
  };
}

/** Four versions as the store would hold them: index entries, and one hidden sheet of chunk rows. */
function history(): { entries: VersionIndexEntry[]; sheet: ChunkRow[] } {
  const entries: VersionIndexEntry[] = [];
  const sheet: ChunkRow[] = [];
  let previous: Snapshot | null = null;
  for (const [n, types] of [['int'], ['int', 'text'], ['bigint', 'text'], ['bigint', 'text', 'date']].entries()) {
    const snapshot = spec(types);
    const v = encodeVersion({ snapshot, label: `v${n + 1}`, note: `release ${n + 1}`, author: 'ana@example.org', taggedAt: `2024-0${n + 1}-01T10:00:00Z`, history: entries, previousSnapshot: previous }, services);
    entries.push(v.entry);
    sheet.push(...v.chunkRows);
    previous = snapshot;
  }
  return { entries, sheet };
}

test('an untouched history verifies; each link is the hash of the previous link and the content', () => {
  const { entries, sheet } = history();
  expect(entries[0]!.previousChainHash).toBe(GENESIS_CHAIN_HASH);
  for (let i = 1; i < entries.length; i++) expect(entries[i]!.previousChainHash).toBe(entries[i - 1]!.chainHash);
  const h = createHash('sha256').update(entries[2]!.previousChainHash + entries[2]!.contentHash).digest('hex');
  expect(entries[2]!.chainHash).toBe(h);
  expect(chainHashOf(services.sha256, entries[2]!.previousChainHash, entries[2]!.contentHash)).toBe(h);
  const report = verifyChain(entries, () => sheet, services);
  expect(report).toEqual({ ok: true, versions: entries.map((e) => ({ label: e.label, seq: e.seq, contentOk: true, linkOk: true })), contentMismatches: [], firstBreak: null, issues: [] });
  expect(jsonProblem(report)).toBeUndefined();
});

test('a middle version whose stored snapshot was rewritten shows as a content mismatch', () => {
  const { entries, sheet } = history();
  // Someone decodes v2, edits a cell and writes fresh, self-consistent chunks over v2's rows.
  const v2 = decodeVersion(entries[1]!, sheet, services).snapshot;
  v2.tabs[0]!.rows[0]!.cells['Type'] = 'varchar';
  const forged = encodeVersion({ snapshot: v2, label: 'v2', note: '', author: '', taggedAt: '2024-02-01T10:00:00Z', history: [], previousSnapshot: null }, services);
  const tampered = sheet.filter((r) => r[0] !== 'v2').concat(forged.chunkRows);
  const report = verifyChain(entries, () => tampered, services);
  expect(report.ok).toBe(false);
  expect(report.contentMismatches).toEqual(['v2']);
  expect(report.firstBreak).toBeNull(); // the index itself is intact
  expect(report.issues.map((i) => i.message)).toEqual([expect.stringMatching(/^Version v2's stored snapshot was changed outside Mapspec/)]);
});

test('covering the edit by rewriting the index entry breaks the chain there, or at the next version', () => {
  const { entries, sheet } = history();
  const v2 = decodeVersion(entries[1]!, sheet, services).snapshot;
  v2.tabs[0]!.rows[0]!.cells['Type'] = 'varchar';
  const forged = encodeVersion({ snapshot: v2, label: 'v2', note: '', author: '', taggedAt: '2024-02-01T10:00:00Z', history: [entries[0]!], previousSnapshot: spec(['int']) }, services);
  const rows = sheet.filter((r) => r[0] !== 'v2').concat(forged.chunkRows);

  // Only contentHash updated in the index: v2's own link no longer adds up.
  const onlyContent = entries.map((e) => (e.label === 'v2' ? { ...e, contentHash: forged.entry.contentHash, storedChars: forged.entry.storedChars, chunkCount: forged.entry.chunkCount } : e));
  const r1 = verifyChain(onlyContent, () => rows, services);
  expect(r1.firstBreak).toBe('v2');
  expect(r1.issues.map((i) => [i.label, i.problem])).toEqual([
    ['v2', 'chain-hash'],
    ['v2', 'changed'], // stored metadata still disagrees with the edited entry
  ]);

  // The whole v2 entry replaced by the forged one: v2 is consistent, but v3 no longer follows it.
  const wholeEntry = entries.map((e) => (e.label === 'v2' ? forged.entry : e));
  const r2 = verifyChain(wholeEntry, () => rows, services);
  expect(r2.firstBreak).toBe('v3');
  expect(r2.contentMismatches).toEqual([]);
  expect(r2.issues[0]!.message).toBe('Version v3 does not follow v2 in the history: a version was removed, reordered or altered.');
});

test('a removed version breaks the chain at the one after it', () => {
  const { entries, sheet } = history();
  const report = verifyChain([entries[0]!, entries[2]!, entries[3]!], () => sheet, services);
  expect(report.firstBreak).toBe('v3');
  expect(report.versions.map((v) => v.linkOk)).toEqual([true, false, true]);
});

test('versions verified earlier in the same execution are not unpacked again; every other one still is, and links are always checked', () => {
  const { entries, sheet } = history();
  // v2's chunks are removed: only unpacking v2 can notice.
  const without = sheet.filter((r) => r[0] !== 'v2');
  let loads = 0;
  const load = () => {
    loads++;
    return without;
  };
  const skipped = verifyChain(entries, load, services, new Set([entries[1]!, entries[3]!]));
  expect(loads).toBe(2);
  expect(skipped.ok).toBe(true);
  const full = verifyChain(entries, () => without, services, new Set([entries[3]!]));
  expect(full.contentMismatches).toEqual(['v2']);
  // A link edited in an entry marked verified still breaks the chain.
  const edited = entries.map((e) => (e.label === 'v4' ? { ...e, previousChainHash: GENESIS_CHAIN_HASH } : e));
  const linked = verifyChain(edited, () => sheet, services, new Set([edited[3]!]));
  expect(linked.firstBreak).toBe('v4');
});
