/**
 * The systems a spec is checked against (issue 12): save a system's metadata or a sample record (read
 * from the person's file in the sidebar or on the command line; only its compact form arrives here),
 * list them, forget one. Who imported it comes from Session, when from the server's clock.
 */
import type { ApiParsedInput, ApiResults } from '../../core/api';
import { UserError } from '../../core/errors';
import { summaryOf, withImported, type StoredSystem } from '../../core/systems/stored';
import { withDocumentLock } from '../adapters/lock';
import { currentUserEmail } from '../adapters/session';
import { activeSpreadsheet } from '../adapters/spreadsheet';
import { readSystems, writeSystems } from '../adapters/systems-store';

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
