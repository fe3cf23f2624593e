/**
 * Checks and colours: run every check over the registered tabs and recolour them (one sidebar
 * call; a fixed number of spreadsheet calls per tab, whatever its length), select a finding's cell,
 * and put back the fills Mapspec replaced.
 */
import type { ApiParsedInput, ApiResults } from '../../core/api';
import { a1 } from '../../core/mapping/a1';
import { UserError } from '../../core/errors';
import { activeSpreadsheet, sheetById } from '../adapters/spreadsheet';
import { withDocumentLock } from '../adapters/lock';
import { readTabGrid } from '../adapters/tab-grid';
import { readPaintMemory, writePaintMemory } from '../adapters/paint-store';
import { loadSpec, saveSettingsAndReadme } from '../spec/spec-store';
import { resolveSettings } from '../../core/mapping/settings';
import { registeredTabs } from '../spec/registered-tabs';
import { restoreTab } from '../spec/paint';
import { locateTab } from '../../core/notify/digest';
import { snapshotTab } from '../spec/spec-snapshot';
import { checkAndPaint } from '../spec/check-and-paint';


/** Checks all registered tabs (filling missing managed IDs first) and recolours them. */
export function runChecks(_input: ApiParsedInput<'runChecks'>): ApiResults['runChecks'] {
  return withDocumentLock(() => checkAndPaint(activeSpreadsheet()));
}

/**
 * Saves what the spec's own words mean (merged into the status and type synonyms of the settings,
 * validated before anything is written), then checks again, all under one lock: the person sees the
 * findings those words no longer raise.
 */
export function adoptOwnWords(input: ApiParsedInput<'adoptOwnWords'>): ApiResults['adoptOwnWords'] {
  const ss = activeSpreadsheet();
  return withDocumentLock(() => {
    const spec = loadSpec();
    const mapping = {
      ...spec.stored.mapping,
      statusSynonyms: { ...spec.mapping.statusSynonyms, ...input.statuses },
      typeSynonyms: { ...spec.mapping.typeSynonyms, ...input.types },
    };
    resolveSettings(mapping); // throws the message naming the bad word, before anything is saved
    saveSettingsAndReadme({ ...spec.stored, mapping }, null);
    return checkAndPaint(ss);
  });
}


/** Selects a cell (a finding's location); the sheet becomes the active one. */
export function selectCell(input: ApiParsedInput<'selectCell'>): ApiResults['selectCell'] {
  const sheet = sheetById(activeSpreadsheet(), input.sheetId);
  if (sheet.isSheetHidden()) throw new UserError(`Tab "${sheet.getName()}" is hidden. Show it first to see the cell.`);
  const address = a1(input.row, input.column);
  sheet.getRange(input.row, input.column).activate();
  return { a1: address };
}

/**
 * Selects the row a diff names, in the live tab, by its key: the tab read once, as a version reads it
 * (the same key column and "#2" for a repeated key), so the n-th row of that key is the one chosen.
 */
export function selectRow(input: ApiParsedInput<'selectRow'>): ApiResults['selectRow'] {
  const ss = activeSpreadsheet();
  const tab = registeredTabs(ss, loadSpec()).find((t) => t.sheetId === input.sheetId);
  const sheet = sheetById(ss, input.sheetId);
  if (!tab) throw new UserError(`Tab "${sheet.getName()}" is no longer part of the spec, so its rows cannot be found by key.`);
  if (sheet.isSheetHidden()) throw new UserError(`Tab "${sheet.getName()}" is hidden. Show it first to see the row.`);
  const grid = readTabGrid(sheet).grid;
  const rows = snapshotTab(tab, grid).rows;
  const at = rows.findIndex((r) => r.key === input.key);
  const sheetRow = at < 0 ? undefined : locateTab(tab.sheetId, grid.display ?? grid.values, tab.layout.headerRow - 1).rows[at];
  if (sheetRow === undefined) throw new UserError(`Row "${input.key}" is not in tab "${sheet.getName()}" now: it was removed, or its key changed.`);
  const range = sheet.getRange(sheetRow, 1, 1, Math.max(1, sheet.getLastColumn()));
  range.activate();
  return { a1: `${sheetRow}:${sheetRow}` };
}

/** Puts back every fill Mapspec replaced, and removes its notes, on every tab it painted. */
export function clearColours(_input: ApiParsedInput<'clearColours'>): ApiResults['clearColours'] {
  const ss = activeSpreadsheet();
  return withDocumentLock(() => {
    const spec = loadSpec();
    const memory = readPaintMemory(ss);
    let restoredCells = 0;
    for (const tab of registeredTabs(ss, spec)) {
      restoredCells += restoreTab(tab.sheet, readTabGrid(tab.sheet).grid, tab.layout, memory.get(tab.sheetId) ?? {});
    }
    writePaintMemory(ss, new Map());
    return { restoredCells };
  });
}
