/**
 * Row identity: every row has a stable key, either a unique column the person picked or an ID
 * column Mapspec manages. Mapspec proposes IDs for rows missing one ("M-001" style, continuing the
 * highest number already used with that prefix), never renumbers an existing ID, and keeps IDs
 * unique across all tabs.
 */
import { rowShape, sectionRowsByMerge, TabView } from './check-context';
import { GridReader, type TabGrid } from './grid';
import type { Layout } from './layout';
import { resolveLayout } from './layout';
import { resolveSettings, type MappingSettings } from './settings';
import { blankKind, blankMarkerSet, compareKey, isDateValue } from './text';

/** A row and its current ID (null when it has none). */
export type IdSlot = { tab: string; row: number; id: string | null };
export type IdProposal = { tab: string; row: number; id: string };

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * IDs for the slots that have none, in the order given. Existing IDs (of every tab) are never
 * changed and never reused; numbering continues after the highest number with the prefix, padded
 * to at least `digits` digits (or as wide as the widest existing number).
 */
export function proposeRowIds(slots: readonly IdSlot[], options: { prefix?: string; digits?: number } = {}): IdProposal[] {
  const prefix = options.prefix ?? 'M-';
  const digits = options.digits ?? 3;
  const pattern = new RegExp(`^${escapeRegExp(compareKey(prefix))}(\\d+)$`);
  const used = new Set<string>();
  let highest = 0;
  let width = digits;
  for (const s of slots) {
    if (s.id === null) continue;
    const key = compareKey(s.id);
    if (key === '') continue;
    used.add(key);
    const m = pattern.exec(key);
    if (m) {
      const n = parseInt(m[1], 10);
      if (n > highest) highest = n;
      if (m[1].length > width) width = m[1].length;
    }
  }
  const out: IdProposal[] = [];
  let next = highest + 1;
  for (const s of slots) {
    if (s.id !== null && compareKey(s.id) !== '') continue;
    let id = `${prefix}${String(next).padStart(width, '0')}`;
    while (used.has(compareKey(id))) id = `${prefix}${String(++next).padStart(width, '0')}`;
    used.add(compareKey(id));
    out.push({ tab: s.tab, row: s.row, id });
    next++;
  }
  return out;
}

/**
 * The key of each data row of a tab (blank rows and section headings left out; Deprecated rows
 * kept: they keep their identity). Blank markers ("N/A") count as no key.
 */
export function readRowKeys(grid: TabGrid, layout: Layout, settings?: Partial<MappingSettings>): IdSlot[] {
  const s = resolveSettings(settings);
  const reader = new GridReader(grid);
  const markers = blankMarkerSet(s.blankMarkers);
  const view = new TabView(reader, layout, resolveLayout(reader, layout));
  const keyCol = view.resolved.keyColumn;
  const sections = sectionRowsByMerge(reader, layout.headerRow + 1);
  const out: IdSlot[] = [];
  for (let r = layout.headerRow + 1; r <= reader.lastRow; r++) {
    // Same rows as the checks: blank rows, section headings and continuation rows have no identity.
    if (rowShape(view, r, markers, sections).kind !== 'field') continue;
    const key = keyCol !== null ? reader.text(r, keyCol) : '';
    const keyBlank = blankKind(key, markers) !== null;
    out.push({ tab: reader.name, row: r, id: keyBlank ? null : key.trim() });
  }
  return out;
}

/**
 * The key column's cells from the first data row to the last, with proposals filled in: one
 * setValues call writes them all. Existing cells are returned as they are (raw values; dates as the
 * text they show), so writing the block back changes only the empty cells.
 */
export function idColumnBlock(
  grid: TabGrid,
  layout: Layout,
  proposals: readonly IdProposal[],
): { column: number; startRow: number; values: (string | number | boolean)[][] } | null {
  const reader = new GridReader(grid);
  const keyCol = resolveLayout(reader, layout).keyColumn;
  if (keyCol === null) return null;
  const mine = new Map<number, string>();
  for (const p of proposals) if (p.tab === reader.name) mine.set(p.row, p.id);
  if (mine.size === 0) return null;
  const startRow = layout.headerRow + 1;
  let endRow = startRow;
  for (const row of mine.keys()) if (row > endRow) endRow = row;
  const values: (string | number | boolean)[][] = [];
  for (let r = startRow; r <= endRow; r++) {
    const proposed = mine.get(r);
    if (proposed !== undefined) {
      values.push([proposed]);
      continue;
    }
    const v = reader.raw(r, keyCol);
    values.push([typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : isDateValue(v) ? reader.text(r, keyCol) : '']);
  }
  return { column: keyCol, startRow, values };
}

/** Proposals for every tab with Mapspec-managed IDs, unique across all the tabs given. */
export function planRowIds(tabs: readonly { grid: TabGrid; layout: Layout }[], settings?: Partial<MappingSettings>): IdProposal[] {
  const s = resolveSettings(settings);
  const slots: IdSlot[] = [];
  for (const t of tabs) {
    const all = readRowKeys(t.grid, t.layout, s);
    // IDs of tabs Mapspec does not manage still count as taken, but get no proposals.
    slots.push(...(t.layout.managedIds ? all : all.filter((x) => x.id !== null)));
  }
  return proposeRowIds(slots, { prefix: s.idPrefix, digits: s.idDigits });
}
