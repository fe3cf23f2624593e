/**
 * What changed since the last version, for the colours: rows added since it (the "new" colour) and
 * cells changed since it (the "changed" colour), keyed as the painter keys rows. Reads the latest
 * version's snapshot (the hidden sheet) once; a version that cannot be read (tampered) gives no
 * marks — the Versions panel reports it, and colours never claim a change they cannot vouch for.
 */
import { decodeVersion, diffSnapshots, latestVersion } from '../../core/versions';
import { snapshotColumns } from '../../core/versions/grid';
import { appsScriptVersionServices } from '../adapters/version-services';
import { readChunkRows, readVersionIndex, versionsSheet } from '../adapters/version-store';
import type { TabGrid } from '../../core/mapping/grid';
import type { RegisteredTab } from './registered-tabs';
import { snapshotTab } from './spec-snapshot';

export type VersionMarks = { added: Set<string>; changed: Map<string, Set<number>> };

export function versionMarks(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  props: Record<string, string>,
  reads: readonly (RegisteredTab & { grid: TabGrid })[],
): Map<number, VersionMarks> {
  const marks = new Map<number, VersionMarks>();
  const latest = latestVersion(readVersionIndex(props));
  if (!latest || reads.length === 0) return marks;
  let before;
  try {
    before = decodeVersion(latest, readChunkRows(versionsSheet(ss)), appsScriptVersionServices()).snapshot;
  } catch {
    return marks;
  }
  const diff = diffSnapshots(before, { tabs: reads.map((r) => snapshotTab(r, r.grid)) });
  for (const tab of diff.tabs) {
    const read = reads.find((r) => r.sheetId === tab.sheetId);
    if (!read || tab.status === 'removed') continue;
    const columnAt = new Map(snapshotColumns(read.grid.display ?? read.grid.values, read.layout.headerRow - 1).map((c) => [c.name, c.index]));
    const m: VersionMarks = { added: new Set(), changed: new Map() };
    for (const row of tab.rows) {
      const key = `key:${row.key}`;
      if (row.type === 'added') m.added.add(key);
      else if (row.type === 'changed') {
        const cols = new Set<number>();
        for (const c of row.cells) {
          const at = columnAt.get(c.column);
          if (at !== undefined) cols.add(at);
        }
        m.changed.set(key, cols);
      }
    }
    marks.set(tab.sheetId, m);
  }
  return marks;
}
