/**
 * Where versions live: chunk rows [label, index, count, text] in the hidden sheet _mapspec_versions,
 * and one index entry per version in a document property (mapspec.version.<seq>). A version exists
 * only once its index entry exists: a tag writes its chunk rows first and the property last, so a
 * failure at any call leaves at most chunk rows no entry claims (orphans). Readers skip those; the
 * next tag overwrites or deletes them in the same few calls. Whole ranges only, never per row.
 */
import { orphanedChunkRows, parseIndexEntry, sortVersions, type ChunkRow, type VersionIndexEntry } from '../../core/versions';
import { readAllDocumentProperties, writeDocumentProperties } from './properties';
import { insertSheetQuietly } from './spreadsheet';

export const VERSIONS_SHEET = '_mapspec_versions';
export const VERSION_KEY_PREFIX = 'mapspec.version.';
const WIDTH = 4;

export type StoredRows = ReadonlyArray<ReadonlyArray<unknown>>;

/** Every version's index entry, oldest first (a damaged entry is a UserError naming its key). */
export function readVersionIndex(props: Record<string, string> = readAllDocumentProperties()): VersionIndexEntry[] {
  const entries: VersionIndexEntry[] = [];
  for (const [key, value] of Object.entries(props)) {
    if (key.startsWith(VERSION_KEY_PREFIX)) entries.push(parseIndexEntry(value, key));
  }
  return sortVersions(entries);
}

export function versionsSheet(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): GoogleAppsScript.Spreadsheet.Sheet | null {
  return ss.getSheetByName(VERSIONS_SHEET);
}

/** All chunk rows in one read (none when the sheet does not exist yet). */
export function readChunkRows(sheet: GoogleAppsScript.Spreadsheet.Sheet | null): StoredRows {
  if (!sheet) return [];
  return sheet.getDataRange().getValues();
}

function createVersionsSheet(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): GoogleAppsScript.Spreadsheet.Sheet {
  return insertSheetQuietly(ss, VERSIONS_SHEET, { hidden: true });
}

/** Contiguous runs [start, length] of sorted 0-based row indices. */
function runs(indices: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const i of indices) {
    const last = out[out.length - 1];
    if (last && last[0] + last[1] === i) last[1]++;
    else out.push([i, 1]);
  }
  return out;
}

/**
 * Writes a new version's chunk rows in ONE setValues, reusing the rows of orphans: trailing orphans
 * (what a failed tag leaves, since tags append) are overwritten by the new rows plus blanks, other
 * orphans are deleted first (a block per run, which only an edit of the properties can cause).
 * Returns the sheet's rows as they are afterwards, without another read.
 */
export function writeChunkRows(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  existing: GoogleAppsScript.Spreadsheet.Sheet | null,
  entries: readonly VersionIndexEntry[],
  rows: StoredRows,
  chunkRows: readonly ChunkRow[],
): unknown[][] {
  const sheet = existing ?? createVersionsSheet(ss);
  // A failure between insertSheet and hideSheet leaves the sheet visible: hide it now.
  if (existing && !existing.isSheetHidden()) existing.hideSheet();
  const orphans = orphanedChunkRows(entries, rows);
  const orphanSet = new Set(orphans);
  let tailStart = rows.length;
  while (tailStart > 0 && orphanSet.has(tailStart - 1)) tailStart--;
  const inner = orphans.filter((i) => i < tailStart);
  // Bottom-up, so earlier row numbers stay valid.
  for (const [start, length] of runs(inner).reverse()) sheet.deleteRows(start + 1, length);
  const kept: unknown[][] = rows.slice(0, tailStart).filter((_, i) => !orphanSet.has(i)).map((r) => r.slice(0, WIDTH));

  const tailLength = rows.length - tailStart;
  const block: unknown[][] = chunkRows.map((r) => [...r]);
  while (block.length < tailLength) block.push(['', '', '', '']);
  const firstRow = kept.length + 1;
  const lastRow = firstRow + block.length - 1;
  const maxRows = sheet.getMaxRows();
  if (lastRow > maxRows) sheet.insertRowsAfter(maxRows, lastRow - maxRows);
  const range = sheet.getRange(firstRow, 1, block.length, WIDTH);
  // Plain text, so a label such as "1.0" or a chunk is never read as a number, date or formula.
  range.setNumberFormat('@');
  range.setValues(block);
  return [...kept, ...chunkRows.map((r) => [...r])];
}

/** The last write of a tag: from here on the version exists. */
export function writeIndexEntry(entry: VersionIndexEntry, indexJson: string): void {
  writeDocumentProperties({ [VERSION_KEY_PREFIX + entry.seq]: indexJson });
}
