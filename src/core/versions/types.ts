/**
 * Types of the versions feature. All are `type` aliases with no optional properties, so every value
 * is assignable to Json: they travel through google.script.run and are stored in properties.
 */
import type { Json } from '../json';
import type { ChainReport } from './chain';
import type { ChangelogRow } from './changelog';
import type { PendingChanges } from './changes-since';
import type { EncodedVersion, ReadResult } from './codec';
import type { SnapshotDiff } from './diff';
import type { LabelCheck } from './labels';

export type TabKind = 'mapping' | 'value-map';

/** One data row: its key and its non-blank cells as display strings, by column name. */
export type SnapshotRow = { key: string; cells: Record<string, string> };

export type SnapshotTab = {
  sheetId: number;
  name: string;
  kind: TabKind;
  /** Column names in sheet order (unique, non-blank). */
  header: string[];
  /** The column whose text is the row key (for value maps: the source value column). */
  keyColumn: string;
  /** Value maps only: the list-name column that is part of the key; null elsewhere. */
  listColumn: string | null;
  /** In sheet order: order is content (a moved row is reported as moved). */
  rows: SnapshotRow[];
};

/** The whole spec at one moment: every registered mapping and value-map tab. */
export type Snapshot = { tabs: SnapshotTab[] };

/**
 * Platform services the core cannot do itself (Utilities.computeDigest / gzip / ungzip in Apps
 * Script, node:crypto / node:zlib in tests). Bytes are unsigned; adapters convert Apps Script's
 * signed byte arrays.
 */
export type VersionServices = {
  /** SHA-256 digest (32 bytes) of the bytes. */
  sha256: (bytes: Uint8Array) => Uint8Array;
  gzip: (bytes: Uint8Array) => Uint8Array;
  gunzip: (bytes: Uint8Array) => Uint8Array;
  /**
   * Optional text paths, used when given: a platform that hashes and compresses strings itself
   * (Apps Script's Utilities takes a string and encodes it natively) saves the script a byte array
   * of the whole snapshot per step — at 20,000 rows that is tens of MB per copy. They must give the
   * same results as the byte paths on the string's UTF-8 (see textServices in codec.ts).
   */
  text?: VersionTextServices;
};

export type VersionTextServices = {
  /** SHA-256 digest (32 bytes) of the text's UTF-8. */
  sha256Utf8: (text: string) => Uint8Array;
  /** gzip of the text's UTF-8. */
  gzipUtf8: (text: string) => Uint8Array;
  /** gunzip, then the bytes read as UTF-8 (malformed bytes may read as U+FFFD: the hash check catches them). */
  gunzipToUtf8: (bytes: Uint8Array) => string;
};

/** Row counts of a version against the one before it (the first version: all rows added). */
export type ChangeCounts = { added: number; changed: number; removed: number; unchanged: number };

/** What a document property holds per version (well under 9 KB; see index-entry.ts). */
export type VersionIndexEntry = {
  /** 1-based position in the history; the chain runs in this order. */
  seq: number;
  label: string;
  /** Possibly truncated; the full note is in the stored snapshot. */
  note: string;
  /** Email of who tagged it; '' when Google does not share it. */
  author: string;
  /** ISO 8601 with Z or an offset (the changelog shows its date part as written). */
  taggedAt: string;
  contentHash: string;
  chainHash: string;
  previousChainHash: string;
  chunkCount: number;
  /** UTF-8 bytes of the canonical snapshot. */
  rawBytes: number;
  /** Characters stored in the chunk cells. */
  storedChars: number;
  counts: ChangeCounts;
};

/** One row of the hidden versions sheet: [versionLabel, chunkIndex (1-based), chunkCount, chunkText]. */
export type ChunkRow = [label: string, chunkIndex: number, chunkCount: number, chunkText: string];

/** Compile-time proof that the results are JSON (fails to type-check if one stops being). */
type AssertJson<T extends Json> = T;
export type VersionJsonChecks = [
  AssertJson<Snapshot>,
  AssertJson<VersionIndexEntry>,
  AssertJson<ChunkRow>,
  AssertJson<SnapshotDiff>,
  AssertJson<PendingChanges>,
  AssertJson<EncodedVersion>,
  AssertJson<ReadResult>,
  AssertJson<ChainReport>,
  AssertJson<ChangelogRow[]>,
  AssertJson<LabelCheck>,
];
