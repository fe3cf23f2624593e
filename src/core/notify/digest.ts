/**
 * The digest: what changed between the snapshot last notified and the live sheets, as change rows
 * (change-rows.ts) with the sheet cell each one is in (for the link) and who made it when the edit
 * log knows. Comparing snapshots, not replaying onEdit events, is what catches
 * pastes, imports and script edits, which fire no onEdit.
 */
import { diffSnapshots } from '../versions/diff';
import { snapshotColumns } from '../versions/grid';
import { canonicalText } from '../versions/text';
import type { Snapshot } from '../versions/types';
import { changeRowsFromDiff, type TabLocator, type TabWords } from './change-rows';
import { editorsSince } from './edit-log';
import type { Audience, Digest, EditLogEntry } from './types';

/** Rows kept in memory; the totals stay complete. The queue trims further to fit a property. */
export const DIGEST_MAX_ROWS = 400;

/**
 * The sheet row of each snapshot data row (same rule as tabFromGrid: blank rows are skipped) and
 * the column of each snapshot column name, from the grid the snapshot was made of (row 1 at index 0).
 */
export function locateTab(sheetId: number, values: ReadonlyArray<ReadonlyArray<unknown>>, headerRow: number): TabLocator {
  const named = snapshotColumns(values, headerRow);
  const columns: Record<string, number> = {};
  for (const c of named) columns[c.name] = c.index + 1;
  const rows: number[] = [];
  for (let r = headerRow + 1; r < values.length; r++) {
    const line = values[r]!;
    if (named.some((c) => canonicalText(line[c.index] === null || line[c.index] === undefined ? '' : String(line[c.index])) !== '')) rows.push(r + 1);
  }
  return { sheetId, rows, columns };
}

/** The digest for one audience, or null when nothing changed. */
export function buildDigest(input: {
  audience: Audience;
  before: Snapshot;
  after: Snapshot;
  locators: ReadonlyMap<number, TabLocator>;
  log: readonly EditLogEntry[];
  since: string;
  at: string;
  words: (sheetId: number) => TabWords;
}): Digest | null {
  const diff = diffSnapshots(input.before, input.after);
  const { rows, totals } = changeRowsFromDiff(diff, input.words, DIGEST_MAX_ROWS, { locators: input.locators, log: input.log, since: input.since });
  if (rows.length === 0) return null;
  return { kind: 'digest', audience: input.audience, since: input.since, at: input.at, rows, totals, editors: editorsSince(input.log, input.since) };
}
