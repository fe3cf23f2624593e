/** The change lines an event carries (version tagged, review requested), built from a snapshot diff. */
import type { ChangeLine } from '../events';
import type { SnapshotDiff } from '../versions/diff';
import { clip } from './bytes';

export const EVENT_MAX_CHANGES = 60;

export function changeLinesFromDiff(diff: SnapshotDiff, max = EVENT_MAX_CHANGES): { changes: ChangeLine[]; totalChanges: number } {
  const changes: ChangeLine[] = [];
  let total = 0;
  const push = (l: ChangeLine) => {
    total++;
    if (changes.length < max) changes.push({ ...l, before: clip(l.before, 200), after: clip(l.after, 200) });
  };
  for (const t of diff.tabs) {
    if (t.status === 'added') push({ tab: t.name, rowKey: '', column: '(tab)', before: '', after: `new tab, ${t.counts.added} rows` });
    else if (t.status === 'removed') push({ tab: t.name, rowKey: '', column: '(tab)', before: `${t.counts.removed} rows`, after: 'removed' });
    else {
      for (const r of t.rows) {
        if (r.type === 'changed') for (const c of r.cells) push({ tab: t.name, rowKey: r.key, column: c.column, before: c.old, after: c.new });
        else if (r.type === 'added') push({ tab: t.name, rowKey: r.key, column: '(new row)', before: '', after: r.cells.map((c) => `${c.column}: ${c.new}`).join('; ') });
        else push({ tab: t.name, rowKey: r.key, column: '(row removed)', before: r.cells.map((c) => `${c.column}: ${c.old}`).join('; '), after: '' });
      }
      // Rows the diff left out still count.
      total += t.rowsOmitted;
    }
  }
  return { changes, totalChanges: total };
}
