/**
 * Findings about the header of a tab: duplicate, blank and merged header cells, columns claimed by
 * two roles, and roles the kind of tab needs but does not have. Shared by adoption (detection) and
 * by every later check run, so a layout that was fine when adopted is still checked.
 */
import { columnLetter } from './a1';
import { FindingSink, quote } from './findings';
import { GridReader } from './grid';
import { columnHoldsData, type HeaderColumn } from './header-read';
import { wideLists } from './wide-lists';
import { REQUIRED_ROLES, roleLabel, type LayoutKind, type Role } from './roles';
import { compareKey, truncate } from './text';

/** The name a column goes by in messages: its header, with its band when the header alone is vague. */
export function columnTitle(col: HeaderColumn | undefined): string | null {
  if (!col) return null;
  const h = col.header.replace(/\s+/g, ' ').trim();
  if (h === '') return col.band ? `under ${truncate(col.band, 32)}` : null;
  if (col.band && col.bandSide !== null && !compareKey(h).includes(compareKey(col.band))) return `${truncate(col.band, 32)} › ${h}`;
  return h;
}

export function headerFindings(
  reader: GridReader,
  headerRow: number,
  columns: readonly HeaderColumn[],
  roles: ReadonlyMap<number, Role>,
  kind: LayoutKind,
  sink: FindingSink,
): void {
  const tab = reader.name;
  const seen = new Map<string, number>();
  const mergedReported = new Set<number>();
  for (const col of columns) {
    const letter = columnLetter(col.column);
    if (col.mergedFrom !== null) {
      if (!mergedReported.has(col.mergedFrom)) {
        mergedReported.add(col.mergedFrom);
        const master = columns.find((c) => c.column === col.mergedFrom);
        sink.add({
          tab, row: headerRow, column: columnLetter(col.mergedFrom), columnName: master ? master.header : null, rule: 'merged-header',
          text: `the header cell is merged across columns ${columnLetter(col.mergedFrom)} to ${letter} or beyond; Mapspec reads column ${columnLetter(col.mergedFrom)} and ignores the others.`,
          hint: 'Unmerge the header cells and give each column its own name.',
        });
      }
      continue;
    }
    if (col.header.trim() === '') {
      if (columnHoldsData(reader, col.column, headerRow + 1)) {
        sink.add({
          tab, row: headerRow, column: letter, columnName: null, rule: 'blank-header',
          text: 'this column holds data but its header cell is blank.',
          hint: 'Give the column a name in the header row, or clear the data if it is not needed.',
        });
      }
      continue;
    }
    const key = `${compareKey(col.band ?? '')}|${compareKey(col.header)}`;
    const prev = seen.get(key);
    if (prev !== undefined) {
      sink.add({
        tab, row: headerRow, column: letter, columnName: col.header, columnTitle: columnTitle(col), rule: 'duplicate-header',
        text: `the header ${quote(col.header.replace(/\s+/g, ' ').trim())} is also the name of column ${columnLetter(prev)}.`,
        hint: 'Rename one of the two columns so each name is unique.',
      });
    } else {
      seen.set(key, col.column);
    }
  }
  if (kind === 'none') return;
  // A wide value map names its lists in the band row: it needs no list-name or value column.
  if (kind === 'value-map' && !roles.size && wideLists(columns).length > 0) return;
  const present = new Set(roles.values());
  for (const alternatives of REQUIRED_ROLES[kind]) {
    if (alternatives.some((r) => present.has(r))) continue;
    const names = alternatives.map(roleLabel).join(' or ');
    sink.add({
      tab, row: headerRow, column: null, columnName: null, rule: 'missing-required-role',
      text: `no column for ${names} was found in the header row.`,
      hint: `Add a ${names} column, or tell Mapspec which existing column holds it.`,
    });
  }
}
