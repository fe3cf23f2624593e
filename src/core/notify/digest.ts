/**
 * The digest: what changed between the snapshot last notified and the live sheets, as table lines
 * (tab, row key, column, old → new) with the sheet cell each one is in (for the link) and who made
 * it when the edit log knows. Comparing snapshots, not replaying onEdit events, is what catches
 * pastes, imports and script edits, which fire no onEdit.
 */
import { a1 } from '../mapping/a1';
import { diffSnapshots, type SnapshotDiff } from '../versions/diff';
import { snapshotColumns } from '../versions/grid';
import { canonicalText } from '../versions/text';
import type { Snapshot } from '../versions/types';
import { clip } from './bytes';
import { editorsSince, lastEditor } from './edit-log';
import type { Audience, Digest, DigestLine, EditLogEntry } from './types';

/** Lines kept in memory; the count stays complete. The queue trims further to fit a property. */
export const DIGEST_MAX_LINES = 400;
const VALUE_MAX = 200;

/** Where a tab's data rows and named columns are in the sheet (1-based). */
export type TabLocator = { sheetId: number; rows: number[]; columns: Record<string, number> };

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

function rowSummary(cells: readonly { column: string; old: string; new: string }[], side: 'old' | 'new'): string {
  return clip(cells.map((c) => `${c.column}: ${side === 'old' ? c.old : c.new}`).join('; '), VALUE_MAX);
}

export function digestLines(diff: SnapshotDiff, locators: ReadonlyMap<number, TabLocator>, log: readonly EditLogEntry[], since: string): { lines: DigestLine[]; total: number } {
  const lines: DigestLine[] = [];
  let total = 0;
  const push = (line: DigestLine) => {
    total++;
    if (lines.length < DIGEST_MAX_LINES) lines.push({ ...line, before: clip(line.before, VALUE_MAX), after: clip(line.after, VALUE_MAX) });
  };
  for (const t of diff.tabs) {
    if (t.status === 'unchanged') continue;
    const loc = locators.get(t.sheetId);
    const base = { sheetId: t.sheetId, tab: t.name, by: '' };
    if (t.status === 'added') {
      push({ ...base, rowKey: '', column: '(tab)', before: '', after: `new tab, ${t.counts.added} rows`, a1: 'A1' });
      continue;
    }
    if (t.status === 'removed') {
      push({ ...base, rowKey: '', column: '(tab)', before: `${t.counts.removed} rows`, after: 'tab removed from the spec', a1: null });
      continue;
    }
    if (t.renamedFrom !== null) push({ ...base, rowKey: '', column: '(tab name)', before: t.renamedFrom, after: t.name, a1: 'A1' });
    for (const c of t.columnsAdded) push({ ...base, rowKey: '', column: c, before: '', after: '(column added)', a1: loc?.columns[c] ? a1(1, loc.columns[c]!) : null });
    for (const c of t.columnsRemoved) push({ ...base, rowKey: '', column: c, before: '(column removed)', after: '', a1: null });
    for (const r of t.rows) {
      const row = r.newPosition !== null && loc ? (loc.rows[r.newPosition - 1] ?? null) : null;
      if (r.type === 'changed') {
        for (const c of r.cells) {
          const col = loc?.columns[c.column] ?? null;
          const at = row !== null && col !== null ? a1(row, col) : null;
          push({ ...base, rowKey: r.key, column: c.column, before: c.old, after: c.new, a1: at, by: row !== null && col !== null ? lastEditor(log, t.sheetId, row, col, since) : '' });
        }
      } else if (r.type === 'added') {
        const firstCol = r.cells.map((c) => loc?.columns[c.column]).find((n) => n !== undefined) ?? 1;
        push({ ...base, rowKey: r.key, column: '(new row)', before: '', after: rowSummary(r.cells, 'new'), a1: row !== null ? `${row}:${row}` : null, by: row !== null ? lastEditor(log, t.sheetId, row, firstCol, since) : '' });
      } else {
        push({ ...base, rowKey: r.key, column: '(row removed)', before: rowSummary(r.cells, 'old'), after: '', a1: null });
      }
    }
  }
  return { lines, total };
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
}): Digest | null {
  const diff = diffSnapshots(input.before, input.after);
  const { lines, total } = digestLines(diff, input.locators, input.log, input.since);
  if (total === 0) return null;
  return { kind: 'digest', audience: input.audience, since: input.since, at: input.at, lines, totalChanges: total, editors: editorsSince(input.log, input.since) };
}
