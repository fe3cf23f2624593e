/**
 * The sidebar's "5 unreleased changes since v1". A change is a ROW added, removed or changed (a row
 * with three changed cells is one change: people review rows), plus each structural change that has
 * no row to carry it: a tab added, removed or renamed, a column added or removed, a tab's kind or key
 * column changed. Moves are not changes (the content is the same); they are mentioned apart.
 */
import { diffSnapshots, type SnapshotDiff } from './diff';
import type { Snapshot } from './types';

export type PendingChanges = {
  since: string;
  added: number;
  removed: number;
  changed: number;
  moved: number;
  /** added + removed + changed rows. */
  rows: number;
  structural: number;
  /** rows + structural: the number shown. */
  total: number;
  /** Ready for the sidebar, e.g. "5 unreleased changes since v1". */
  text: string;
};

export function countChangesSince(sinceLabel: string, base: Snapshot, live: Snapshot): PendingChanges {
  return pendingChanges(sinceLabel, diffSnapshots(base, live, { maxRowsPerTab: 0, maxMovedPerTab: 0 }));
}

export function pendingChanges(sinceLabel: string, diff: SnapshotDiff): PendingChanges {
  const s = diff.summary;
  let structural = s.tabsAdded + s.tabsRemoved + s.tabsRenamed + s.columnsAdded + s.columnsRemoved;
  for (const t of diff.tabs) structural += (t.kindChanged ? 1 : 0) + (t.keyColumnChanged ? 1 : 0);
  const rows = s.added + s.removed + s.changed;
  const total = rows + structural;
  const moves = s.moved === 0 ? '' : ` (${s.moved} ${s.moved === 1 ? 'row' : 'rows'} moved)`;
  const text =
    total === 0
      ? `No unreleased changes since ${sinceLabel}${moves}`
      : `${total} unreleased ${total === 1 ? 'change' : 'changes'} since ${sinceLabel}${moves}`;
  return { since: sinceLabel, added: s.added, removed: s.removed, changed: s.changed, moved: s.moved, rows, structural, total, text };
}
