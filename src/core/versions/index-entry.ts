/**
 * The per-version index entry kept in a document property. Properties hold 9 KB per value and
 * 500 KB per store, so the entry carries only a short note (the full note is in the stored
 * snapshot): at most ~4 KB even with a note of emoji or escaped characters, typically under 1 KB,
 * so one property per version leaves room for several hundred versions.
 */
import { UserError } from '../errors';
import type { VersionIndexEntry } from './types';
import { utf8Encode } from './text';

/** Code points of the note kept in the index (and shown in the changelog). */
export const INDEX_NOTE_MAX_CHARS = 300;
/** Code points of the author kept in the index (the longest valid email is 254). */
export const INDEX_AUTHOR_MAX_CHARS = 254;
/** Hard ceiling checked on every write: well under the 9 KB per property value. */
export const INDEX_ENTRY_MAX_BYTES = 8000;

export function serializeIndexEntry(entry: VersionIndexEntry): string {
  // Fixed key order, so the same entry is always the same text.
  const json = JSON.stringify({
    seq: entry.seq,
    label: entry.label,
    note: entry.note,
    author: entry.author,
    taggedAt: entry.taggedAt,
    contentHash: entry.contentHash,
    chainHash: entry.chainHash,
    previousChainHash: entry.previousChainHash,
    chunkCount: entry.chunkCount,
    rawBytes: entry.rawBytes,
    storedChars: entry.storedChars,
    counts: { added: entry.counts.added, changed: entry.counts.changed, removed: entry.counts.removed, unchanged: entry.counts.unchanged },
  });
  const bytes = utf8Encode(json).length;
  if (bytes > INDEX_ENTRY_MAX_BYTES) throw new Error(`Index entry of version ${entry.label} is ${bytes} bytes, over ${INDEX_ENTRY_MAX_BYTES}`);
  return json;
}

/** Reads a stored entry back; a damaged one is the user's to know about, naming the property. */
export function parseIndexEntry(json: string, propertyKey: string): VersionIndexEntry {
  const fail = (): never => {
    throw new UserError(`Mapspec's version index entry ${propertyKey} was changed outside Mapspec and cannot be read.`);
  };
  let d: unknown;
  try {
    d = JSON.parse(json);
  } catch {
    return fail();
  }
  if (typeof d !== 'object' || d === null) return fail();
  const o = d as Record<string, unknown>;
  const str = (k: string): string => (typeof o[k] === 'string' ? (o[k] as string) : fail());
  const int = (v: unknown): number => (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : fail());
  const hex = (k: string): string => (/^[0-9a-f]{64}$/.test(str(k)) ? str(k) : fail());
  const counts = typeof o.counts === 'object' && o.counts !== null ? (o.counts as Record<string, unknown>) : fail();
  return {
    seq: int(o.seq),
    label: str('label'),
    note: str('note'),
    author: str('author'),
    taggedAt: str('taggedAt'),
    contentHash: hex('contentHash'),
    chainHash: hex('chainHash'),
    previousChainHash: hex('previousChainHash'),
    chunkCount: int(o.chunkCount),
    rawBytes: int(o.rawBytes),
    storedChars: int(o.storedChars),
    counts: { added: int(counts.added), changed: int(counts.changed), removed: int(counts.removed), unchanged: int(counts.unchanged) },
  };
}

/** Oldest first, by seq (the chain's order; clocks are not trusted to order versions). */
export function sortVersions(entries: readonly VersionIndexEntry[]): VersionIndexEntry[] {
  return entries.slice().sort((a, b) => a.seq - b.seq);
}

export function latestVersion(entries: readonly VersionIndexEntry[]): VersionIndexEntry | null {
  let latest: VersionIndexEntry | null = null;
  for (const e of entries) if (!latest || e.seq > latest.seq) latest = e;
  return latest;
}
