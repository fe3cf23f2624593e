/**
 * What the diff works on: a tab with canonical name, header and keys, and each row's cells as given,
 * aligned to the header. Cell text is canonicalised only where two sides differ as given (and for
 * rows listed whole), so a 20,000-row diff does not normalise 800,000 strings it will find equal.
 * Equal as given implies equal canonically, so the result is the same as diffing normalised snapshots.
 */
import { strayCell, tabShape } from './canonical';
import { canonicalText, canonicalTexts } from './text';
import type { Snapshot, SnapshotTab } from './types';

/** A snapshot tab with its rows taken apart for diffing. */
export type PreparedTab = Omit<SnapshotTab, 'rows'> & {
  /** Canonical keys, in row order (not yet made unique). */
  keys: string[];
  /** Cells as given, aligned to header (undefined or '' = blank). */
  values: (string | undefined)[][];
};

export function prepareSnapshot(snapshot: Snapshot): PreparedTab[] {
  const seen = new Set<number>();
  return snapshot.tabs.map((tab) => {
    if (seen.has(tab.sheetId)) throw new Error(`Snapshot has two tabs with sheetId ${tab.sheetId}`);
    seen.add(tab.sheetId);
    return prepareTab(tab);
  });
}

function prepareTab(tab: SnapshotTab): PreparedTab {
  const shape = tabShape(tab);
  const rawKeys = canonicalTexts(tab.rows.map((r) => r.key));
  const keys: string[] = [];
  const values: (string | undefined)[][] = [];
  // Cell names usually are the header names exactly: read by header (fast, one object shape per
  // tab) and fall back to mapping each name given only when a row has other names too.
  const header = tab.header;
  const sameNames = header.every((h, i) => h === shape.header[i]) && !header.includes('__proto__');
  tab.rows.forEach((row, r) => {
    const key = rawKeys[r]!;
    const cells = row.cells;
    const line: (string | undefined)[] = new Array(shape.header.length);
    let found = 0;
    if (sameNames) {
      for (let i = 0; i < header.length; i++) {
        const v = cells[header[i]!];
        if (v !== undefined) {
          line[i] = v;
          found++;
        }
      }
    }
    if (!sameNames || found !== Object.keys(cells).length) {
      line.fill(undefined);
      for (const raw of Object.keys(cells)) {
        const v = cells[raw];
        if (!v) continue;
        const i = shape.columnOf(raw);
        if (i >= 0) line[i] = v;
        else if (canonicalText(v)) throw strayCell(shape, key, raw);
      }
    }
    // A row with no key and only blank cells is layout (a separator), as in normalizeSnapshot.
    if (!key && line.every((v) => !v || !canonicalText(v))) return;
    keys.push(key);
    values.push(line);
  });
  return { sheetId: tab.sheetId, name: shape.name, kind: tab.kind, header: shape.header, keyColumn: shape.keyColumn, listColumn: shape.listColumn, keys, values };
}

/** Canonical text of a cell as given (blank → ''). */
export function cellText(v: string | undefined): string {
  return v ? canonicalText(v) : '';
}
