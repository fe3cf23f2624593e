/**
 * A layout from the person's choices in the sidebar (kind, header row, a role per column, key
 * column): the header text and band of each chosen column are read from the tab itself, so the
 * saved layout can find its columns again after they move.
 */
import { UserError } from '../errors';
import type { Detection } from './header-detect';
import { GridReader, type TabGrid } from './grid';
import { findBandRow, readHeader } from './header-read';
import { savedHeader, type Layout, type LayoutColumn } from './layout';
import { isRole, roleLabel, type LayoutKind, type Role } from './roles';
import { truncate } from './text';

export type LayoutChoice = {
  kind: Exclude<LayoutKind, 'none'>;
  headerRow: number;
  roles: readonly { column: number; role: string }[];
  keyColumn: number | null;
  managedIds: boolean;
  /** False when the roles and key were detected, not confirmed by a person (default true). */
  keyConfirmed?: boolean;
};

/**
 * What detection read, as the choice a person would confirm unchanged: its kind, header row and roles,
 * the detected ID column as the key but not confirmed (the key rules wait for a person), no managed
 * IDs. Null when detection found no spec header. Used where tabs are adopted without the Adopt panel:
 * "Use all N tabs", the template's reuse of a value-map tab, the command line.
 */
export function detectedChoice(d: Detection): LayoutChoice | null {
  if (d.kind === 'none' || d.headerRow === null) return null;
  const roles = d.columns.flatMap((c) => (c.role === null ? [] : [{ column: c.column, role: c.role }]));
  const key = d.kind === 'value-map' ? undefined : d.columns.find((c) => c.role === 'id');
  return { kind: d.kind, headerRow: d.headerRow, roles, keyColumn: key ? key.column : null, managedIds: false, keyConfirmed: false };
}

export function layoutFromChoice(grid: TabGrid, choice: LayoutChoice): Layout {
  const reader = new GridReader(grid);
  if (choice.headerRow > reader.lastRow) {
    throw new UserError(`${truncate(grid.name)}: row ${choice.headerRow} is below the last row with content (${reader.lastRow}); choose the row that holds the column names.`);
  }
  const band = findBandRow(reader, choice.headerRow, reader.firstColumn, reader.lastColumn);
  const bandRow = band ? band.row : null;
  const header = new Map(readHeader(reader, choice.headerRow, bandRow).map((h) => [h.column, h]));
  const seen = new Map<Role, number>();
  const columns: LayoutColumn[] = [];
  for (const { column, role } of choice.roles) {
    if (!isRole(role)) throw new UserError(`"${truncate(role, 40)}" is not a role Mapspec knows.`);
    const h = header.get(column);
    if (!h) throw new UserError(`${truncate(grid.name)}: column ${column} is outside the table (it ends at column ${reader.lastColumn}).`);
    const before = seen.get(role);
    if (before !== undefined) throw new UserError(`${truncate(grid.name)}: "${roleLabel(role)}" is chosen for two columns (${before} and ${column}); choose it once.`);
    seen.set(role, column);
    columns.push({ role, column, header: savedHeader(h.header), band: h.band ? truncate(h.band, 32) : null });
  }
  columns.sort((a, b) => a.column - b.column);
  if (choice.keyColumn !== null && !header.has(choice.keyColumn)) {
    throw new UserError(`${truncate(grid.name)}: the key column ${choice.keyColumn} is outside the table.`);
  }
  return {
    v: 1,
    kind: choice.kind,
    headerRow: choice.headerRow,
    bandRow,
    columns,
    keyColumn: choice.keyColumn,
    managedIds: choice.keyColumn !== null && choice.managedIds,
    confirmed: choice.keyConfirmed !== false,
  };
}
