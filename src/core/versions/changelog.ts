/**
 * The rows of the Changelog tab, derived only from the version index (the tab is regenerated from
 * the store, so editing it changes nothing). Newest version first.
 */
import { sortVersions } from './index-entry';
import type { VersionIndexEntry } from './types';

export const CHANGELOG_HEADER = ['Version', 'Date', 'Who', 'Note', 'Added', 'Changed', 'Removed', 'Hash'];

export type ChangelogRow = [version: string, date: string, who: string, note: string, added: number, changed: number, removed: number, hash: string];

export function changelogRows(entries: readonly VersionIndexEntry[]): ChangelogRow[] {
  return sortVersions(entries)
    .reverse()
    .map((e) => [
      asText(e.label),
      // The date as written in taggedAt (its own offset), not converted to UTC.
      e.taggedAt.slice(0, 10),
      asText(e.author),
      asText(e.note),
      e.counts.added,
      e.counts.changed,
      e.counts.removed,
      asText(e.contentHash.slice(0, 8)),
    ]);
}

/**
 * Text the sheet would read as a formula, number or date gets a leading apostrophe (which Sheets
 * hides): a note "=IMPORTXML(...)", a label "1.0", a short hash "12e45678" (1.2e45678) stay text.
 */
function asText(value: string): string {
  return /^[=+\-@]/.test(value) || /^[\d\s.,:/eE%+-]+$/.test(value) ? `'${value}` : value;
}
