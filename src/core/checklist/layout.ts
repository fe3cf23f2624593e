/**
 * The saved layout of the checklist tab (which sheet, its header row, the column of each role and the
 * header text it had), and how a later read finds those columns again: by header text first, so a
 * column inserted or moved by hand does not shift "Status" onto "Owner". A role whose column is gone
 * is reported, never guessed. Also the rule that finds the mapping-spec sign-off task(s).
 */
import { columnLetter } from '../mapping/a1';
import { GridReader, type TabGrid } from '../mapping/grid';
import { headerKey, type ChecklistDetection, type ChecklistDetectedColumn } from './adopt';
import { CHECKLIST_ROLES, looksLikeSignOff, type ChecklistRole, type TaskRow } from './model';
import { ChecklistSink } from './rules';

export type ChecklistLayout = {
  sheetId: number;
  headerRow: number;
  /** Role → 1-based column when the layout was saved. */
  roles: { [role in ChecklistRole]?: number };
  /** Role → the header text of its column when saved (to find it again). */
  headers: { [role in ChecklistRole]?: string };
  /** The title exported Markdown starts with (the imported task list's, or the template's). */
  title: string | null;
};

/** Roles a checklist cannot do without. */
const ESSENTIAL: readonly ChecklistRole[] = ['task'];

/** A stored layout read defensively; null when it is not one. */
export function parseChecklistLayout(value: unknown): ChecklistLayout | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Partial<ChecklistLayout>;
  if (typeof v.sheetId !== 'number' || typeof v.headerRow !== 'number' || v.headerRow < 1) return null;
  const roles: ChecklistLayout['roles'] = {};
  const headers: ChecklistLayout['headers'] = {};
  for (const role of CHECKLIST_ROLES) {
    const c = v.roles?.[role];
    if (typeof c === 'number' && Number.isInteger(c) && c >= 1) {
      roles[role] = c;
      const h = v.headers?.[role];
      headers[role] = typeof h === 'string' ? h : '';
    }
  }
  if (roles.task === undefined) return null;
  return { sheetId: v.sheetId, headerRow: v.headerRow, roles, headers, title: typeof v.title === 'string' ? v.title : null };
}

/**
 * Checks a confirmed choice of roles (from the sidebar) against the tab's header row, returning the
 * layout to save, or a message naming what is wrong (a role twice, no task column, a column past the
 * last one, no status or checkbox column).
 */
export function layoutFromChoice(
  grid: TabGrid,
  choice: { headerRow: number; roles: readonly { column: number; role: string }[] },
  title: string | null,
): { layout: ChecklistLayout } | { problem: string } {
  const reader = new GridReader(grid);
  const roles: ChecklistLayout['roles'] = {};
  const headers: ChecklistLayout['headers'] = {};
  if (choice.headerRow > reader.lastRow) return { problem: `Tab "${reader.name}" has no row ${choice.headerRow}; its last row is ${reader.lastRow}.` };
  for (const r of choice.roles) {
    if (r.role === '' || r.role === 'none') continue;
    if (!(CHECKLIST_ROLES as readonly string[]).includes(r.role)) return { problem: `"${r.role}" is not a checklist column role.` };
    const role = r.role as ChecklistRole;
    if (r.column > reader.lastColumn) return { problem: `Tab "${reader.name}", column ${columnLetter(r.column)}: the tab has no such column (its last column is ${columnLetter(reader.lastColumn)}).` };
    if (roles[role] !== undefined) {
      return { problem: `Tab "${reader.name}": columns ${columnLetter(roles[role]!)} and ${columnLetter(r.column)} are both marked as ${role}; mark one.` };
    }
    roles[role] = r.column;
    headers[role] = reader.text(choice.headerRow, r.column).trim();
  }
  for (const role of ESSENTIAL) {
    if (roles[role] === undefined) return { problem: `Tab "${reader.name}": no column is marked as the ${role} column, so Mapspec cannot tell the tasks.` };
  }
  if (roles.status === undefined && roles.done === undefined) {
    return { problem: `Tab "${reader.name}": mark a status column or a checkbox (done) column, so Mapspec can tell which tasks are done.` };
  }
  return { layout: { sheetId: grid.sheetId, headerRow: choice.headerRow, roles, headers, title } };
}

/**
 * The detection a saved layout gives on the tab as it is now: each role's column found by its saved
 * header text in the header row (where it was, else anywhere in that row), or reported missing.
 */
export function detectionFromLayout(grid: TabGrid, layout: ChecklistLayout): ChecklistDetection {
  const reader = new GridReader(grid);
  const sink = new ChecklistSink();
  const row = layout.headerRow;
  const keyAt = (c: number) => headerKey(reader.text(row, c));
  const roles: ChecklistDetection['roles'] = {};
  const taken = new Set<number>();
  const lost: { role: ChecklistRole; header: string; column: number }[] = [];
  for (const role of CHECKLIST_ROLES) {
    const was = layout.roles[role];
    if (was === undefined) continue;
    const header = layout.headers[role] ?? '';
    const want = headerKey(header);
    let found: number | null = null;
    if (want === '' || keyAt(was) === want) found = was <= reader.lastColumn ? was : null;
    else {
      for (let c = reader.firstColumn; c <= reader.lastColumn; c++) {
        if (!taken.has(c) && keyAt(c) === want) {
          found = c;
          break;
        }
      }
    }
    if (found === null) lost.push({ role, header, column: was });
    else {
      roles[role] = found;
      taken.add(found);
    }
  }
  for (const l of lost) {
    sink.add({
      tab: reader.name, row, column: null, columnName: l.header || null, rule: 'checklist-missing-column',
      text: `the ${l.role} column ${l.header ? `"${l.header}" ` : ''}(column ${columnLetter(l.column)} when the checklist was set up) is no longer in header row ${row}.`,
      hint: 'Put the column back, or use the tab again from the Checklist panel (Adopt) to confirm its columns.',
    });
  }
  const columns: ChecklistDetectedColumn[] = [];
  const roleOf = new Map<number, ChecklistRole>();
  for (const [role, c] of Object.entries(roles) as [ChecklistRole, number][]) roleOf.set(c, role);
  for (let c = reader.firstColumn; c <= reader.lastColumn; c++) {
    const header = reader.text(row, c);
    const role = roleOf.get(c) ?? null;
    if (header.trim() === '' && !role) continue;
    columns.push({ column: c, letter: columnLetter(c), header, role, confidence: role ? 1 : 0 });
  }
  const statusFrom = roles.status !== undefined ? 'status' : roles.done !== undefined ? 'done' : null;
  if (roles.task === undefined) {
    // Without its task column the tab cannot be read at all: a header finding, no data rows.
    return {
      tab: reader.name, sheetId: reader.sheetId, headerRow: row, firstDataRow: null, columns, roles, statusFrom,
      missingRoles: lost.map((l) => l.role), findings: sink.findings,
    };
  }
  const missingRoles = CHECKLIST_ROLES.filter((r) => roles[r] === undefined && r !== 'done' && r !== 'id' && !(r === 'status' && statusFrom === 'done'));
  return { tab: reader.name, sheetId: reader.sheetId, headerRow: row, firstDataRow: row + 1, columns, roles, statusFrom, missingRoles, findings: sink.findings };
}

/**
 * The checklist's mapping-spec sign-off task(s) (the template's "Client sign-offs on workflow diagram
 * & mapping specs"): tasks that require sign-off, or read as a sign-off, and name mapping specs.
 */
export function isMappingSpecSignOffTask(t: Pick<TaskRow, 'task' | 'signOffRequired'>): boolean {
  return (t.signOffRequired || looksLikeSignOff(t.task)) && /\bmapping[-\s]+spec(?:s|ification|ifications)?\b/i.test(t.task);
}
