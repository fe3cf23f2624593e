/**
 * Exporting an approved version for the integration's repository: JSON (the canonical snapshot —
 * mapping rows and value maps —, the hash chain up to it, the review and its decisions) and CSV (the
 * rows, one block per tab). The JSON's `snapshot` is the canonical snapshot itself, so
 * JSON.stringify(export.snapshot) re-hashes to the recorded content hash. In CSV, text that a
 * spreadsheet would run as a formula is neutralised.
 */
import type { Json } from '../json';
import type { Snapshot, VersionIndexEntry } from '../versions/types';
import { canonicalSnapshotJson } from '../versions/canonical';
import { sortVersions } from '../versions/index-entry';
import type { ReviewView } from './model';

export const EXPORT_FORMAT = 'mapspec-approved-version';

export type ChainLink = { seq: number; label: string; contentHash: string; previousChainHash: string; chainHash: string };

export type ApprovedExport = {
  format: string;
  formatVersion: number;
  version: { seq: number; label: string; taggedAt: string; author: string; note: string; contentHash: string; chainHash: string };
  /** Oldest first, up to and including the version: anyone can recompute each link. */
  chain: ChainLink[];
  review: {
    id: string;
    requester: string;
    requestedAt: string;
    policy: string;
    message: string;
    status: string;
    approvedAt: string | null;
    decisions: { approver: string; decision: string; comment: string; at: string }[];
  };
  /** The canonical snapshot, as hashed (see src/core/versions/snapshot-format.md). */
  snapshot: Json;
};

export function approvedVersionExport(entry: VersionIndexEntry, history: readonly VersionIndexEntry[], snapshot: Snapshot, review: ReviewView): ApprovedExport {
  const chain = sortVersions(history)
    .filter((e) => e.seq <= entry.seq)
    .map((e) => ({ seq: e.seq, label: e.label, contentHash: e.contentHash, previousChainHash: e.previousChainHash, chainHash: e.chainHash }));
  return {
    format: EXPORT_FORMAT,
    formatVersion: 1,
    version: { seq: entry.seq, label: entry.label, taggedAt: entry.taggedAt, author: entry.author, note: entry.note, contentHash: entry.contentHash, chainHash: entry.chainHash },
    chain,
    review: {
      id: review.id,
      requester: review.requester,
      requestedAt: review.requestedAt,
      policy: review.policy,
      message: review.message,
      status: review.status,
      approvedAt: review.decidedAt,
      decisions: review.decisions.map((d) => ({ approver: d.approver, decision: d.decision, comment: d.comment, at: d.at })),
    },
    snapshot: JSON.parse(canonicalSnapshotJson(snapshot)) as Json,
  };
}

/**
 * A cell as CSV text: a leading =, +, -, @ (or tab / carriage return) would make a spreadsheet
 * opening the file run it as a formula, so it gets a leading apostrophe — and so does a value that
 * already starts with an apostrophe, which makes the rule reversible: a reader drops one leading
 * apostrophe from every field that has one and gets the value back exactly. Quoted when needed.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r']/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One block per tab: a line naming the tab, its header (with the key first), its rows; a blank line between. */
export function snapshotCsv(snapshot: Snapshot, label: string, title: (sheetId: number, column: string) => string = (_s, c) => c): string {
  const lines: string[] = [];
  const tabs = snapshot.tabs.slice().sort((a, b) => a.sheetId - b.sheetId);
  lines.push([csvCell('Mapspec version'), csvCell(label)].join(','));
  for (const tab of tabs) {
    lines.push('');
    lines.push([csvCell('Tab'), csvCell(tab.name), csvCell(tab.kind)].join(','));
    // Headers as a person reads them ("DESTINATION › Sample"), not the snapshot's "Sample#2".
    lines.push(['Row key', ...tab.header.map((h) => title(tab.sheetId, h))].map(csvCell).join(','));
    for (const row of tab.rows) lines.push([row.key, ...tab.header.map((h) => row.cells[h] ?? '')].map(csvCell).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}
