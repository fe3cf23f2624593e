/**
 * Value maps in wide format: one list per group of columns, the list's name in the band row over
 * its group ("sex" over "Source | Destination", "outcome" over "CommCare | DHIS2"), one row per
 * choice, the same column names repeated under every list. There is no list-name column: the lists
 * are read from the header as a person reads them, at adoption and at each check.
 */
import { GridReader } from './grid';
import { parseHeader, scoreHeader, tokens } from './header-match';
import { bandKindOf, findBandRow, readHeader, type HeaderColumn } from './header-read';
import { SYSTEM_WORDS } from './roles';
import { compareKey } from './text';

export type WideList = {
  /** The band label: the list's name. */
  name: string;
  /** Columns of the group (first and last). */
  first: number;
  last: number;
  /** The column holding each choice's source value (or its only code). */
  source: number;
  /** The column holding the destination value, or null for one system's option set (code, label). */
  destination: number | null;
};

/** Fewer lists than this is a band row over a table, not a wide value map. */
const MIN_LISTS = 2;
const MAX_GROUP = 4;

/** Where in a group's repeated column names the source and destination values are. */
function valueColumns(headers: readonly string[]): { source: number; destination: number | null } | null {
  const parsed = headers.map((h) => parseHeader(h));
  const src = parsed.findIndex((p) => p?.side === 'source');
  const dst = parsed.findIndex((p) => p?.side === 'destination');
  if (src >= 0 && dst >= 0) return { source: src, destination: dst };
  // Two systems named over their codes ("CommCare | DHIS2"): left is the source.
  const systems = parsed.map((p, i) => (p && p.core.every((w) => SYSTEM_WORDS.has(w)) ? i : -1)).filter((i) => i >= 0);
  if (systems.length === 2) return { source: systems[0]!, destination: systems[1]! };
  // One system's lists ("Code | Label"): the code column.
  const code = parsed.findIndex((p) => p !== null && (scoreHeader(p).get('value') ?? 0) >= 0.9);
  return code >= 0 ? { source: code, destination: null } : null;
}

/**
 * The lists of a header row read as a wide value map, or [] when it is not one: at least two groups
 * under distinct band labels (not system or side names), each repeating the same column names.
 */
export function wideLists(cols: readonly HeaderColumn[]): WideList[] {
  const groups: HeaderColumn[][] = [];
  for (const c of cols) {
    if (c.band === null || c.mergedFrom !== null) continue;
    const last = groups[groups.length - 1];
    if (last && last[0]!.band === c.band && last[last.length - 1]!.column === c.column - 1) last.push(c);
    else groups.push([c]);
  }
  const named = groups.filter((g) => g.some((c) => c.header.trim() !== ''));
  if (named.length < MIN_LISTS) return [];
  const shape = (g: HeaderColumn[]) => g.map((c) => compareKey(c.header)).join('\u0000');
  const first = shape(named[0]!);
  if (named[0]!.length < 2 || named[0]!.length > MAX_GROUP || named.some((g) => shape(g) !== first)) return [];
  if (new Set(named.map((g) => compareKey(g[0]!.band!))).size !== named.length) return [];
  // A band naming a system or a side groups a mapping's columns; it is not a list.
  if (named.some((g) => bandKindOf(g[0]!.band!) !== 'system' || tokens(g[0]!.band!).some((w) => SYSTEM_WORDS.has(w)))) return [];
  const at = valueColumns(named[0]!.map((c) => c.header));
  if (!at) return [];
  return named.map((g) => ({
    name: g[0]!.band!.trim(),
    first: g[0]!.column,
    last: g[g.length - 1]!.column,
    source: g[at.source]!.column,
    destination: at.destination === null ? null : g[at.destination]!.column,
  }));
}

/** The first row in the scan whose header, under the band row above it, reads as a wide value map. */
export function findWideHeader(reader: GridReader, scanRows: number): { headerRow: number; bandRow: number; lists: WideList[] } | null {
  const lastScan = Math.min(reader.lastRow, reader.firstRow + scanRows - 1);
  for (let r = reader.firstRow + 1; r <= lastScan; r++) {
    const band = findBandRow(reader, r, reader.firstColumn, reader.lastColumn);
    if (!band || band.row !== r - 1) continue;
    const lists = wideLists(readHeader(reader, r, band.row));
    if (lists.length >= MIN_LISTS) return { headerRow: r, bandRow: band.row, lists };
  }
  return null;
}
