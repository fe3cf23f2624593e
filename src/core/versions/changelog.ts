/**
 * The rows of the Changelog tab, derived only from the version index (the tab is regenerated from
 * the store, so editing it changes nothing). Newest version first. The strings are written as text
 * (writeTextCells): a note "=IMPORTXML(...)", a label "1.0", a short hash "12e45678" stay as written.
 */
import { readableTime } from '../time';
import { sortVersions } from './index-entry';
import type { VersionIndexEntry } from './types';

export const CHANGELOG_HEADER = ['Version', 'Date', 'Who', 'Note', 'Added', 'Changed', 'Removed', 'Hash'];

export type ChangelogRow = [version: string, date: string, who: string, note: string, added: number, changed: number, removed: number, hash: string];

export function changelogRows(entries: readonly VersionIndexEntry[], timeZone = 'Etc/UTC'): ChangelogRow[] {
  return sortVersions(entries)
    .reverse()
    .map((e) => [
      e.label,
      // When, read as a person reads it, in the spreadsheet's time zone.
      readableTime(e.taggedAt, timeZone),
      e.author,
      e.note,
      e.counts.added,
      e.counts.changed,
      e.counts.removed,
      e.contentHash.slice(0, 8),
    ]);
}
