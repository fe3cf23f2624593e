/**
 * The saved layout of an adopted tab: which row is the header, and which column plays which role.
 * Small and JSON-safe (stored in a document property per sheet id, at most 9 KB), made from a
 * detection, edited when the person confirms or changes roles, and reconciled with the header row
 * at each check so a column moved or inserted since is still found by its name.
 */
import { UserError } from '../errors';
import { columnLetter } from './a1';
import type { Detection } from './header-detect';
import { GridReader } from './grid';
import { readHeader, type HeaderColumn } from './header-read';
import { isRole, roleLabel, type LayoutKind, type Role } from './roles';
import { compareKey, truncate } from './text';

export type LayoutColumn = {
  role: Role;
  column: number;
  /** Header text when saved (truncated), to find the column again if it moves. */
  header: string;
  /** Band label when saved, or null. */
  band: string | null;
};

export type Layout = {
  v: 1;
  kind: LayoutKind;
  headerRow: number;
  bandRow: number | null;
  columns: LayoutColumn[];
  /** Column whose values are the row keys: a unique column the person picked, or the ID column. */
  keyColumn: number | null;
  /** True when Mapspec fills in missing IDs in the key column. */
  managedIds: boolean;
  /**
   * True once a person confirmed the roles and the key column (the sidebar's Save, the command
   * line's --key). The key rules run only on a confirmed key or on IDs Mapspec manages: a detected
   * "ID" column may be a code list, not a row key.
   */
  confirmed: boolean;
};

/** Largest JSON a layout may take (document property values are limited to 9 KB). */
export const MAX_LAYOUT_BYTES = 9000;
const SAVED_HEADER_CHARS = 80;
const SAVED_BAND_CHARS = 32;
const KINDS: readonly LayoutKind[] = ['mapping', 'dictionary', 'value-map', 'none'];

function utf8Bytes(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

export function layoutBytes(layout: Layout): number {
  return utf8Bytes(JSON.stringify(layout));
}

/** The header text a layout keeps (spaces folded, truncated), matched the same way when columns move. */
export function savedHeader(s: string): string {
  return truncate(s.replace(/\s+/g, ' ').trim(), SAVED_HEADER_CHARS);
}

/** The layout to save for a detection (roles as detected, not yet confirmed). */
export function layoutFromDetection(d: Detection): Layout {
  if (d.headerRow === null) throw new UserError(`${truncate(d.tab)}: no header row was found, so there is no layout to save.`);
  const columns: LayoutColumn[] = [];
  for (const c of d.columns) {
    if (c.role) columns.push({ role: c.role, column: c.column, header: savedHeader(c.header), band: c.band ? truncate(c.band, SAVED_BAND_CHARS) : null });
  }
  const id = columns.find((c) => c.role === 'id');
  return { v: 1, kind: d.kind, headerRow: d.headerRow, bandRow: d.bandRow, columns, keyColumn: id ? id.column : null, managedIds: false, confirmed: false };
}

/** Column of a role, or null. */
export function roleColumn(layout: Layout, role: Role): number | null {
  const c = layout.columns.find((x) => x.role === role);
  return c ? c.column : null;
}

/**
 * Gives a column a role (or none with role null). The role leaves any other column; the column
 * loses any other role. `header`/`band` are what the column shows now.
 */
export function withRole(layout: Layout, column: number, role: Role | null, header: string, band: string | null = null): Layout {
  if (!Number.isInteger(column) || column < 1) throw new UserError(`Column ${String(column)} is not a column of the sheet.`);
  const columns = layout.columns.filter((c) => c.column !== column && c.role !== role);
  if (role) columns.push({ role, column, header: savedHeader(header), band: band ? truncate(band, SAVED_BAND_CHARS) : null });
  columns.sort((a, b) => a.column - b.column);
  // The ID column is the key unless the person picked another unique column.
  let keyColumn = layout.keyColumn;
  const oldId = layout.columns.find((c) => c.role === 'id');
  if (role === 'id' && (keyColumn === null || (oldId && keyColumn === oldId.column))) keyColumn = column;
  return { ...layout, columns, keyColumn };
}

export function withKeyColumn(layout: Layout, column: number | null, managedIds: boolean): Layout {
  if (column !== null && (!Number.isInteger(column) || column < 1)) throw new UserError(`Column ${String(column)} is not a column of the sheet.`);
  return { ...layout, keyColumn: column, managedIds: column === null ? false : managedIds };
}

export function withKind(layout: Layout, kind: LayoutKind): Layout {
  return { ...layout, kind };
}

export function confirmed(layout: Layout): Layout {
  return { ...layout, confirmed: true };
}

/** A saved layout read back from storage, or null when it is not one (old or damaged value). */
export function parseLayout(value: unknown): Layout | null {
  if (typeof value !== 'object' || value === null) return null;
  const o = value as Record<string, unknown>;
  if (o.v !== 1 || !KINDS.includes(o.kind as LayoutKind)) return null;
  const posInt = (x: unknown) => typeof x === 'number' && Number.isInteger(x) && x >= 1;
  if (!posInt(o.headerRow) || (o.bandRow !== null && !posInt(o.bandRow))) return null;
  if (o.keyColumn !== null && !posInt(o.keyColumn)) return null;
  if (!Array.isArray(o.columns)) return null;
  const columns: LayoutColumn[] = [];
  const seen = new Set<string>();
  for (const c of o.columns as unknown[]) {
    if (typeof c !== 'object' || c === null) return null;
    const x = c as Record<string, unknown>;
    if (!isRole(x.role) || !posInt(x.column) || typeof x.header !== 'string' || (x.band !== null && typeof x.band !== 'string')) return null;
    if (seen.has(x.role)) return null;
    seen.add(x.role);
    columns.push({ role: x.role, column: x.column as number, header: x.header, band: (x.band as string | null) ?? null });
  }
  return {
    v: 1,
    kind: o.kind as LayoutKind,
    headerRow: o.headerRow as number,
    bandRow: (o.bandRow as number | null) ?? null,
    columns,
    keyColumn: (o.keyColumn as number | null) ?? null,
    managedIds: o.managedIds === true,
    confirmed: o.confirmed === true,
  };
}

export type ResolvedLayout = {
  /** Header columns as they are now. */
  header: HeaderColumn[];
  /** Role → column, for roles found. */
  columnOf: Map<Role, number>;
  /** Column → role. */
  roleAt: Map<number, Role>;
  keyColumn: number | null;
  /** Saved columns not found in the header any more. */
  lost: { role: Role; was: number; header: string }[];
};

function nameKey(header: string, band: string | null): string {
  return `${compareKey(band ?? '')}|${compareKey(savedHeader(header))}`;
}

/**
 * Matches a saved layout with the header row as it is now: a column still under its saved name
 * stays; one whose name moved is found by name (and band) if exactly one column has it; the rest
 * are reported lost. Keeps working when headers were renamed on purpose only via withRole.
 */
export function resolveLayout(reader: GridReader, layout: Layout): ResolvedLayout {
  const header = reader.lastRow >= layout.headerRow ? readHeader(reader, layout.headerRow, layout.bandRow) : [];
  const byKey = new Map<string, number[]>();
  const at = new Map<number, HeaderColumn>();
  for (const h of header) {
    at.set(h.column, h);
    if (h.header.trim() === '') continue;
    const k = nameKey(h.header, h.band);
    const list = byKey.get(k) ?? [];
    list.push(h.column);
    byKey.set(k, list);
  }
  const columnOf = new Map<Role, number>();
  const roleAt = new Map<number, Role>();
  const lost: ResolvedLayout['lost'] = [];
  const moved = new Map<number, number>();
  const pending: LayoutColumn[] = [];
  for (const c of layout.columns) {
    const now = at.get(c.column);
    if (now && nameKey(now.header, now.band) === nameKey(c.header, c.band) && !roleAt.has(c.column)) {
      columnOf.set(c.role, c.column);
      roleAt.set(c.column, c.role);
    } else pending.push(c);
  }
  for (const c of pending) {
    const candidates = (byKey.get(nameKey(c.header, c.band)) ?? []).filter((col) => !roleAt.has(col));
    if (candidates.length === 1 || (candidates.length > 1 && c.header === '')) {
      columnOf.set(c.role, candidates[0]);
      roleAt.set(candidates[0], c.role);
      moved.set(c.column, candidates[0]);
    } else if (c.header === '' && at.has(c.column) && !roleAt.has(c.column)) {
      // A role given to a blank-named column stays with the column.
      columnOf.set(c.role, c.column);
      roleAt.set(c.column, c.role);
    } else {
      lost.push({ role: c.role, was: c.column, header: c.header });
    }
  }
  const keyColumn = layout.keyColumn === null ? null : (moved.get(layout.keyColumn) ?? layout.keyColumn);
  return { header, columnOf, roleAt, keyColumn, lost };
}

/** Plain words for a lost column, for the missing-header finding. */
export function lostColumnText(l: { role: Role; was: number; header: string }): string {
  return `the ${roleLabel(l.role)} column ("${truncate(l.header, 40)}", was column ${columnLetter(l.was)}) is no longer in the header row.`;
}
