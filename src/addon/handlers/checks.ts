/**
 * Checks and colours: run every check over the registered tabs and recolour them (one sidebar
 * call; a fixed number of spreadsheet calls per tab, whatever its length), select a finding's cell,
 * and put back the fills Mapspec replaced.
 */
import type { ApiParsedInput, ApiResults, CheckResult, FindingView } from '../../core/api';
import { columnNumber, a1 } from '../../core/mapping/a1';
import { checkSpreadsheet } from '../../core/mapping/checks';
import type { TabGrid } from '../../core/mapping/grid';
import { idColumnBlock, planRowIds } from '../../core/mapping/row-keys';
import type { MappingSettings } from '../../core/mapping/settings';
import type { Finding } from '../../core/mapping/findings';
import { UserError } from '../../core/errors';
import { activeSpreadsheet, sheetById } from '../adapters/spreadsheet';
import { withDocumentLock } from '../adapters/lock';
import { readTabGrid } from '../adapters/tab-grid';
import { readPaintMemory, writePaintMemory } from '../adapters/paint-store';
import { loadSpec, saveSettingsAndReadme } from '../spec/spec-store';
import { resolveSettings } from '../../core/mapping/settings';
import { registeredTabs, type RegisteredTab } from '../spec/registered-tabs';
import { planTabPaint, restoreTab } from '../spec/paint';
import { readAllDocumentProperties } from '../adapters/properties';
import { versionMarks } from '../spec/version-marks';
import { checkChecklistTab } from '../checklist/checklist-checks';
import { writeTextCells } from '../adapters/text-cells';
import { readSystems } from '../adapters/systems-store';
import { checkInputs } from '../../core/systems/stored';
import { checkAgainstSystems } from '../../core/systems/system-checks';
import { locateTab } from '../../core/notify/digest';
import { snapshotTab } from '../spec/spec-snapshot';

type TabWithGrid = RegisteredTab & { grid: TabGrid };

/**
 * Gives rows of tabs whose IDs Mapspec manages the next free IDs (never renumbering, unique across
 * tabs), writing only the empty cells: one write per run of consecutive rows without an ID (new
 * rows usually come at the end: one write), then that tab is read again.
 */
function fillMissingIds(reads: TabWithGrid[], settings: MappingSettings): TabWithGrid[] {
  const proposals = planRowIds(reads, settings);
  if (proposals.length === 0) return reads;
  return reads.map((r) => {
    const block = idColumnBlock(r.grid, r.layout, proposals);
    if (!block) return r;
    const mine = proposals.filter((p) => p.tab === r.grid.name).sort((x, y) => x.row - y.row);
    for (let i = 0; i < mine.length; ) {
      let j = i;
      while (j + 1 < mine.length && mine[j + 1]!.row === mine[j]!.row + 1) j++;
      writeTextCells(r.sheet.getRange(mine[i]!.row, block.column, j - i + 1, 1), mine.slice(i, j + 1).map((p) => [p.id]));
      i = j + 1;
    }
    return { ...r, grid: readTabGrid(r.sheet).grid };
  });
}

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

/** The checks and colours of every registered tab, under the caller's document lock. */
function checkAndPaint(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): CheckResult {
  const props = readAllDocumentProperties();
  const spec = loadSpec(props);
  const notices: string[] = [];
  const tabs = registeredTabs(ss, spec, notices);
  const reads = fillMissingIds(tabs.map((t) => ({ ...t, grid: readTabGrid(t.sheet).grid })), spec.mapping);
  // Paint from every finding, not just the ones the sidebar lists.
  const inputs = reads.map((r) => ({ grid: r.grid, layout: r.layout }));
  const report = checkSpreadsheet(inputs, { ...spec.mapping, maxFindings: 100_000 });
  // Against the imported systems and samples, if any (issue 12): more findings, and the coverage.
  const imported = checkInputs(readSystems(ss));
  const systems = checkAgainstSystems(inputs, imported.systems, imported.samples, spec.mapping);
  for (const f of systems.findings) {
    report.bySeverity[f.severity]++;
    report.total++;
  }
  const byTab = new Map<string, Finding[]>();
  for (const f of [...report.findings, ...systems.findings]) {
    if (!byTab.has(f.tab)) byTab.set(f.tab, []);
    byTab.get(f.tab)!.push(f);
  }
  // The two kinds of findings in one order per tab: the tab's own first, then by row and column.
  if (systems.findings.length > 0) {
    const col = (f: Finding) => (f.column ? (columnNumber(f.column) ?? 0) : 0);
    for (const list of byTab.values()) list.sort((a, b) => (a.row ?? 0) - (b.row ?? 0) || col(a) - col(b));
  }
  // Plan every tab, save what will be replaced, then paint: a failure while painting loses nothing.
  const memory = readPaintMemory(ss);
  const since = versionMarks(ss, props, reads);
  const plans = reads.map((r) =>
    planTabPaint({ sheet: r.sheet, grid: r.grid, layout: r.layout, findings: byTab.get(r.grid.name) ?? [], since: since.get(r.sheetId), statusSynonyms: spec.mapping.statusSynonyms }, memory.get(r.sheetId) ?? {}, spec.colours),
  );
  reads.forEach((r, i) => memory.set(r.sheetId, plans[i]!.memory));
  for (const id of [...memory.keys()]) if (!spec.layouts.has(id)) memory.delete(id);
  writePaintMemory(ss, memory);
  let paintedCells = 0;
  for (const plan of plans) {
    plan.apply();
    paintedCells += plan.paintedCells;
  }

  const max = spec.mapping.maxFindings;
  let shown = 0;
  const result: CheckResult = {
    bySeverity: report.bySeverity,
    total: report.total,
    truncated: report.total > max,
    rowsChecked: report.rowsChecked,
    tabs: reads.map((r) => {
      const findings: FindingView[] = [];
      for (const f of byTab.get(r.grid.name) ?? []) {
        if (shown >= max) break;
        shown++;
        findings.push({ ...f, sheetId: r.sheetId, columnIndex: f.column ? columnNumber(f.column) : null });
      }
      return { sheetId: r.sheetId, name: r.grid.name, kind: r.layout.kind, findings };
    }),
    paintedCells,
    notices,
    checkedAt: new Date().toISOString(),
    ownWords: report.ownWords,
    coverage: systems.coverage,
    statusValues: spec.mapping.statusValues,
  };
  // The implementation checklist, if there is one: another tab of findings (not painted).
  const checklist = checkChecklistTab(ss, props, notices);
  if (checklist) {
    result.tabs.push(checklist.tab);
    for (const f of checklist.tab.findings) result.bySeverity[f.severity]++;
    result.total += checklist.tab.findings.length;
    result.rowsChecked += checklist.tasks;
  }
  return result;
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
