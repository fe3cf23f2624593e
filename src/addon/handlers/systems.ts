/**
 * The systems a spec is checked against (issue 12): save a system's metadata or a sample record (read
 * from the person's file in the sidebar or on the command line; only its compact form arrives here),
 * list them, forget one; and the assists that fill empty cells from them when asked. Who imported it
 * comes from Session, when from the server's clock.
 */
import type { ApiParsedInput, ApiResults } from '../../core/api';
import { UserError } from '../../core/errors';
import { checkInputs, summaryOf, withImported, type StoredSystem } from '../../core/systems/stored';
import { withDocumentLock } from '../adapters/lock';
import { currentUserEmail } from '../adapters/session';
import { activeSpreadsheet } from '../adapters/spreadsheet';
import { readSystems, writeSystems } from '../adapters/systems-store';
import { fillEmptyCells } from '../adapters/empty-cells';
import { readTabGrid } from '../adapters/tab-grid';
import { loadSpec } from '../spec/spec-store';
import { registeredTabs } from '../spec/registered-tabs';
import { columnLetter } from '../../core/mapping/a1';
import { planAssist } from '../../core/systems/assist';

/** Saves an import, replacing the entry of the same kind and name; says what changed for metadata. */
export function saveSystem(input: ApiParsedInput<'saveSystem'>): ApiResults['saveSystem'] {
  const ss = activeSpreadsheet();
  return withDocumentLock(() => {
    const common = { id: Utilities.getUuid().slice(0, 8), name: input.name, side: input.side, tabs: input.tabs, importedAt: new Date().toISOString(), importedBy: currentUserEmail() };
    const entry: StoredSystem = input.metadata ? { ...common, kind: 'metadata', meta: input.metadata } : { ...common, kind: 'sample', record: input.sample! };
    const { systems, replaced, change } = withImported(readSystems(ss), entry);
    writeSystems(ss, systems);
    const saved = systems.find((s) => s.kind === entry.kind && s.name === entry.name) ?? entry;
    return { systems: systems.map(summaryOf), saved: summaryOf(saved), replaced: replaced !== null, change };
  });
}

export function removeSystem(input: ApiParsedInput<'removeSystem'>): ApiResults['removeSystem'] {
  const ss = activeSpreadsheet();
  return withDocumentLock(() => {
    const all = readSystems(ss);
    if (!all.some((s) => s.id === input.id)) throw new UserError('That system is not imported any more. Refresh the sidebar to see the current list.');
    const rest = all.filter((s) => s.id !== input.id);
    writeSystems(ss, rest);
    return { systems: rest.map(summaryOf) };
  });
}

export function listSystems(_input: ApiParsedInput<'listSystems'>): ApiResults['listSystems'] {
  return { systems: readSystems(activeSpreadsheet()).map(summaryOf) };
}

/**
 * Fills empty cells from the imported systems, as asked: plans on the tabs as they are now, then
 * writes each column's fills in one block (see fillEmptyCells), all under the document lock.
 */
export function assistFromSystems(input: ApiParsedInput<'assistFromSystems'>): ApiResults['assistFromSystems'] {
  const ss = activeSpreadsheet();
  return withDocumentLock(() => {
    const spec = loadSpec();
    const notices: string[] = [];
    const tabs = registeredTabs(ss, spec, notices);
    const reads = tabs.map((t) => ({ ...t, grid: readTabGrid(t.sheet).grid }));
    const imported = checkInputs(readSystems(ss));
    const plan = planAssist(input.action, reads.map((r) => ({ grid: r.grid, layout: r.layout })), imported.systems, imported.samples, spec.mapping);
    const result: ApiResults['assistFromSystems'] = { action: input.action, tabs: [], total: 0, notes: [...notices, ...plan.notes] };
    for (const col of plan.columns) {
      const sheet = reads.find((r) => r.sheetId === col.sheetId)!.sheet;
      const written = fillEmptyCells(sheet, col.column, col.fills);
      if (written.cells.length === 0) continue;
      const from = new Map(col.fills.map((f) => [f.row, f.from]));
      result.tabs.push({
        sheetId: col.sheetId, name: col.tab, column: columnLetter(col.column), columnIndex: col.column, columnTitle: col.title,
        cells: written.cells.map((c) => ({ row: c.row, value: c.value, from: from.get(c.row) ?? '' })), writes: written.writes,
      });
      result.total += written.cells.length;
    }
    return result;
  });
}
