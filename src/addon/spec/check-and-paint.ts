/**
 * Checking and colouring every registered tab, shared by the Checks panel's handlers and a tag: the
 * tabs read once, missing managed IDs filled (when asked), the mapping checks and the checks against
 * the imported systems, the paint planned for every tab before any is applied (a failure while
 * painting loses nothing), and the checklist's findings. A fixed number of calls per tab.
 */
import type { CheckResult, FindingView } from '../../core/api';
import { columnNumber } from '../../core/mapping/a1';
import { checkSpreadsheet } from '../../core/mapping/checks';
import type { TabGrid } from '../../core/mapping/grid';
import { idColumnBlock, planRowIds } from '../../core/mapping/row-keys';
import type { MappingSettings } from '../../core/mapping/settings';
import type { Finding } from '../../core/mapping/findings';
import { readTabGrid } from '../adapters/tab-grid';
import { readPaintMemory, writePaintMemory, type PaintMemoryByTab } from '../adapters/paint-store';
import { loadSpec } from './spec-store';
import { registeredTabs, type RegisteredTab } from './registered-tabs';
import { planTabPaint } from './paint';
import { readAllDocumentProperties } from '../adapters/properties';
import { versionMarks } from './version-marks';
import { checkChecklistTab } from '../checklist/checklist-checks';
import { writeTextCells } from '../adapters/text-cells';
import { readSystems } from '../adapters/systems-store';
import { checkInputs } from '../../core/systems/stored';
import { checkAgainstSystems } from '../../core/systems/system-checks';

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

/**
 * The checks and colours of every registered tab, under the caller's document lock: runChecks and
 * adoptOwnWords (which fill missing managed IDs first), and a tag (colours only: "changed since the
 * last version" starts again from the new one; no ID is written the person did not ask for).
 */
export function checkAndPaint(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  options: { fillIds: boolean } = { fillIds: true },
  /** The fills Mapspec replaced, when the caller has read them already. */
  memory: PaintMemoryByTab = readPaintMemory(ss),
): CheckResult {
  const props = readAllDocumentProperties();
  const spec = loadSpec(props);
  const notices: string[] = [];
  const tabs = registeredTabs(ss, spec, notices);
  const read = tabs.map((t) => ({ ...t, grid: readTabGrid(t.sheet).grid }));
  const reads = options.fillIds ? fillMissingIds(read, spec.mapping) : read;
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
