/**
 * Storing a version within Apps Script limits. The payload (a metadata line, "\n", the canonical
 * snapshot JSON) is gzipped, base64-encoded and cut into chunks of at most 45,000 characters (a cell
 * holds 50,000), one row per chunk in a hidden sheet: [label, chunkIndex, chunkCount, chunkText].
 * The index entry goes to a document property. Reading checks chunk count and indices, then the
 * content hash, so any edit outside Mapspec is an error naming the version.
 */
import { UserError } from '../errors';
import { base64Decode, base64Encode } from './base64';
import { normalizeSnapshot, parseSnapshotJson, serializeNormalized } from './canonical';
import { diffSnapshots, EMPTY_SNAPSHOT } from './diff';
import { chainHashOf, GENESIS_CHAIN_HASH, toHex } from './hash';
import { INDEX_AUTHOR_MAX_CHARS, INDEX_NOTE_MAX_CHARS, latestVersion, serializeIndexEntry } from './index-entry';
import { validateLabel } from './labels';
import { canonicalText, truncateText, utf8Decode, utf8Encode, utf8Length } from './text';
import type { ChunkRow, Snapshot, VersionIndexEntry, VersionServices, VersionTextServices } from './types';

export const CHUNK_MAX_CHARS = 45_000;
/**
 * Starts every chunk so a cell never begins with a digit, +, - or = : written with setValues, a
 * short last chunk like "12E5" would become a number, and "+..." or "=..." a formula.
 */
export const CHUNK_PREFIX = 'b64:';
export const PAYLOAD_FORMAT = 'mapspec-version';
export const PAYLOAD_FORMAT_VERSION = 1;

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export type NewVersion = {
  snapshot: Snapshot;
  label: string;
  /** The full note; the index keeps the first INDEX_NOTE_MAX_CHARS characters. */
  note: string;
  author: string;
  /** ISO 8601 with Z or an offset. */
  taggedAt: string;
  /** Every version so far (from the index). */
  history: readonly VersionIndexEntry[];
  /** The latest version's snapshot, to count changes; null only when history is empty. */
  previousSnapshot: Snapshot | null;
};

export type EncodedVersion = {
  entry: VersionIndexEntry;
  /** The entry as stored in its property (checked to fit). */
  indexJson: string;
  chunkRows: ChunkRow[];
};

/** The metadata line stored before the snapshot: the index entry's identity, with the full note. */
export type StoredMeta = { format: string; formatVersion: number } & Pick<
  VersionIndexEntry,
  'seq' | 'label' | 'note' | 'author' | 'taggedAt' | 'contentHash' | 'previousChainHash' | 'chainHash'
>;

export type StoredVersion = { meta: StoredMeta; snapshot: Snapshot };

export type ReadProblem = 'missing' | 'incomplete' | 'changed' | 'unreadable';
export type ReadResult = { ok: true; version: StoredVersion } | { ok: false; problem: ReadProblem; message: string };

/** Raises a UserError for a label that is invalid or taken. */
export function encodeVersion(input: NewVersion, services: VersionServices): EncodedVersion {
  const check = validateLabel(input.label, input.history.map((e) => e.label));
  if (!check.ok) throw new UserError(check.message);
  const label = check.label;
  if (!ISO_DATE_TIME.test(input.taggedAt)) throw new Error(`taggedAt is not an ISO date-time: ${input.taggedAt}`);
  const previous = latestVersion(input.history);
  if (previous && !input.previousSnapshot) throw new Error('encodeVersion needs the latest version’s snapshot to count changes');

  const normalized = normalizeSnapshot(input.snapshot);
  const text = textServices(services);
  // One canonical string is the only full copy made here: it is hashed and compressed as text
  // (natively in Apps Script), never turned into a byte array of the whole snapshot.
  const json = serializeNormalized(normalized);
  const contentHash = digestHex(text.sha256Utf8(json));
  const rawBytes = utf8Length(json);
  const previousChainHash = previous?.chainHash ?? GENESIS_CHAIN_HASH;
  const chainHash = chainHashOf(services.sha256, previousChainHash, contentHash);
  const s = diffSnapshots(input.previousSnapshot ?? EMPTY_SNAPSHOT, normalized, { maxRowsPerTab: 0, maxMovedPerTab: 0 }).summary;
  const note = canonicalText(input.note);
  const author = truncateText(canonicalText(input.author), INDEX_AUTHOR_MAX_CHARS);
  const seq = (previous?.seq ?? 0) + 1;

  const meta: StoredMeta = { format: PAYLOAD_FORMAT, formatVersion: PAYLOAD_FORMAT_VERSION, seq, label, note, author, taggedAt: input.taggedAt, contentHash, previousChainHash, chainHash };
  // JSON has no raw newline, so the first one ends the metadata.
  const text64 = base64Encode(text.gzipUtf8(`${JSON.stringify(meta)}\n${json}`));
  const perChunk = CHUNK_MAX_CHARS - CHUNK_PREFIX.length;
  const chunkCount = Math.max(1, Math.ceil(text64.length / perChunk));
  const chunkRows: ChunkRow[] = [];
  let storedChars = 0;
  for (let k = 0; k < chunkCount; k++) {
    const chunk = CHUNK_PREFIX + text64.slice(k * perChunk, (k + 1) * perChunk);
    storedChars += chunk.length;
    chunkRows.push([label, k + 1, chunkCount, chunk]);
  }

  const entry: VersionIndexEntry = {
    seq,
    label,
    note: truncateText(note, INDEX_NOTE_MAX_CHARS),
    author,
    taggedAt: input.taggedAt,
    contentHash,
    chainHash,
    previousChainHash,
    chunkCount,
    rawBytes,
    storedChars,
    counts: { added: s.added, changed: s.changed, removed: s.removed, unchanged: s.unchanged },
  };
  return { entry, indexJson: serializeIndexEntry(entry), chunkRows };
}

/** The version's snapshot and full metadata; throws a UserError naming the version on any mismatch. */
export function decodeVersion(entry: VersionIndexEntry, rows: ReadonlyArray<ReadonlyArray<unknown>>, services: VersionServices): StoredVersion {
  const r = readStoredVersion(entry, rows, services);
  if (!r.ok) throw new UserError(r.message);
  return r.version;
}

/**
 * Like decodeVersion, but reports the problem instead of throwing. `rows` may be the whole hidden
 * sheet: rows of other versions are skipped. Rows may be in any order; chunk indices say the order.
 */
export function readStoredVersion(entry: VersionIndexEntry, rows: ReadonlyArray<ReadonlyArray<unknown>>, services: VersionServices): ReadResult {
  const unpacked = unpackContent(entry, rows, services);
  if (!unpacked.ok) return unpacked;
  try {
    return { ok: true, version: { meta: unpacked.meta, snapshot: parseSnapshotJson(unpacked.content) } };
  } catch (e) {
    return { ok: false, problem: 'unreadable', message: `Version ${entry.label}'s stored snapshot cannot be read by this version of Mapspec (${e instanceof Error ? e.message : String(e)}).` };
  }
}

export type Unpacked = { ok: true; meta: StoredMeta; content: string } | { ok: false; problem: ReadProblem; message: string };

/** Chunks → verified content bytes (the canonical snapshot) and metadata, without parsing the snapshot. */
export function unpackContent(entry: VersionIndexEntry, rows: ReadonlyArray<ReadonlyArray<unknown>>, services: VersionServices): Unpacked {
  const v = `Version ${entry.label}'s stored snapshot`;
  const changed = (why: string): Unpacked => ({ ok: false, problem: 'changed', message: `${v} was changed outside Mapspec (${why}).` });
  const n = entry.chunkCount;
  const texts: (string | undefined)[] = new Array(n);
  let found = 0;
  for (const row of rows) {
    if (cellText(row[0]) !== entry.label) continue;
    found++;
    const index = Number(row[1]);
    if (!Number.isInteger(index) || index < 1 || index > n || Number(row[2]) !== n) return changed('chunk numbers edited');
    if (texts[index - 1] !== undefined) return changed(`chunk ${index} appears twice`);
    texts[index - 1] = cellText(row[3]);
  }
  if (found === 0) return { ok: false, problem: 'missing', message: `${v} is missing from the hidden versions sheet.` };
  for (let k = 0; k < n; k++) {
    if (texts[k] === undefined) return { ok: false, problem: 'incomplete', message: `${v} is incomplete: chunk ${k + 1} of ${n} is missing.` };
  }
  let stored = 0;
  const parts: string[] = [];
  for (const t of texts as string[]) {
    if (!t.startsWith(CHUNK_PREFIX)) return changed('hash mismatch');
    stored += t.length;
    parts.push(t.slice(CHUNK_PREFIX.length));
  }
  if (stored !== entry.storedChars) return changed('hash mismatch');
  let payload: string;
  try {
    payload = textServices(services).gunzipToUtf8(base64Decode(parts.join('')));
  } catch {
    return changed('hash mismatch: its chunks no longer unpack');
  }
  // The first "\n" character is the first 0x0a byte: UTF-8 never uses 0x0a inside a character.
  const newline = payload.indexOf('\n');
  if (newline < 0) return changed('hash mismatch');
  const content = payload.slice(newline + 1);
  if (digestHex(textServices(services).sha256Utf8(content)) !== entry.contentHash) return changed('hash mismatch');
  let meta: StoredMeta;
  try {
    meta = JSON.parse(payload.slice(0, newline)) as StoredMeta;
  } catch {
    return changed('its metadata cannot be read');
  }
  if (meta.format !== PAYLOAD_FORMAT) return changed('its metadata cannot be read');
  if (meta.formatVersion > PAYLOAD_FORMAT_VERSION) return { ok: false, problem: 'unreadable', message: `${v} was stored by a newer version of Mapspec.` };
  if (meta.label !== entry.label || meta.contentHash !== entry.contentHash || meta.chainHash !== entry.chainHash || meta.seq !== entry.seq) {
    return changed('it does not match its index entry');
  }
  return { ok: true, meta, content };
}

/**
 * The text paths of `services`, or the same made from its byte paths (tests, and any platform
 * without string-taking services): equal results either way.
 */
export function textServices(services: VersionServices): VersionTextServices {
  if (services.text) return services.text;
  return {
    sha256Utf8: (t) => services.sha256(utf8Encode(t)),
    gzipUtf8: (t) => services.gzip(utf8Encode(t)),
    gunzipToUtf8: (bytes) => utf8Decode(services.gunzip(bytes)),
  };
}

/** Hex of a SHA-256 digest, checking it is one (an adapter handing back other bytes is a bug). */
function digestHex(digest: Uint8Array): string {
  if (digest.length !== 32) throw new Error(`SHA-256 service returned ${digest.length} bytes, expected 32`);
  return toHex(digest);
}

/** Row indices (0-based, in `rows`) of chunks no index entry claims, e.g. left by a failed write. */
export function orphanedChunkRows(entries: readonly VersionIndexEntry[], rows: ReadonlyArray<ReadonlyArray<unknown>>): number[] {
  const labels = new Set(entries.map((e) => e.label));
  const out: number[] = [];
  rows.forEach((row, i) => {
    if (!labels.has(cellText(row[0]))) out.push(i);
  });
  return out;
}

function cellText(v: unknown): string {
  return v === null || v === undefined ? '' : String(v);
}
