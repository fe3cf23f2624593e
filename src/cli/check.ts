/**
 * `mapspec check`: the add-on's own adoption and checks, headless. The .xlsx is loaded into the Apps
 * Script emulator and the BUILT add-on (build/Code.js) is called exactly as the sidebar calls it
 * (google.script.run: detectTab per tab, registerTab with what was detected, then one runChecks), so
 * the command line can never disagree with what people see in Sheets. The file is only read: the
 * layouts registerTab stores live in the emulator's document properties and vanish with it.
 */
import * as fs from 'node:fs';
import type { ApiInput, ApiName, ApiResults, FindingView, RegisteredKind } from '../core/api';
import { columnNumber } from '../core/mapping/a1';
import type { ConfidenceLevel, Detection } from '../core/mapping/header-detect';
import type { Severity } from '../core/mapping/findings';
import type { LayoutKind, Role } from '../core/mapping/roles';
import { Emulator } from '../emulator/emulator';
import { callServer } from '../emulator/simulate';
import type { WorkbookData } from '../emulator/state';
import { readXlsx } from '../emulator/xlsx';
import { CliError, EXIT_FINDINGS, EXIT_OK } from './cli-error';
import { locateBuild, type BuiltAddon } from './locate-build';

export type CheckOptions = {
  /** The .xlsx path as the person typed it (reported as is). */
  file: string;
  /** Only these tabs (by name); null for every tab. */
  tabs: readonly string[] | null;
  /** The built add-on (default: found relative to this file). */
  addon?: BuiltAddon;
};

export type ColumnLayout = { column: number; letter: string; header: string; role: Role | null; confidence: number };

export type TabLayout = {
  name: string;
  sheetId: number;
  /** 'none' when no mapping-spec header was found: the tab is then not checked. */
  kind: LayoutKind;
  headerRow: number | null;
  bandRow: number | null;
  level: ConfidenceLevel;
  columns: ColumnLayout[];
};

/** What `--json` prints. */
export type CheckOutput = {
  file: string;
  tabs: TabLayout[];
  findings: FindingView[];
  bySeverity: { [S in Severity]: number };
  total: number;
  rowsChecked: number;
  /** True when the add-on capped the findings it returns (total still counts them all). */
  truncated: boolean;
  /**
   * Only with --tab, when other tabs are value maps: they were checked too, for the lists the chosen
   * tabs refer to, so rowsChecked counts their rows; their findings are not reported.
   */
  listTabs?: string[];
};

export function exitStatus(out: CheckOutput): number {
  return out.bySeverity.error > 0 ? EXIT_FINDINGS : EXIT_OK;
}

/** Fails fast, before the add-on is looked for or the (slow) workbook read. */
function assertFile(file: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new CliError(`${file}: no such file`);
  }
  if (!stat.isFile()) throw new CliError(`${file}: not a file`);
}

async function loadWorkbook(file: string): Promise<WorkbookData> {
  try {
    return await readXlsx(file);
  } catch (e) {
    // exceljs speaks of zip internals ("end of central directory"); say what the person can act on.
    const why = String((e as Error)?.message ?? e).split('\n')[0];
    throw new CliError(`cannot read ${file} as an .xlsx workbook (${why}); save it from Excel or Sheets as .xlsx`);
  }
}

/** A typed google.script.run: the add-on's result, or a CliError with the add-on's own message. */
function serverCaller(emulator: Emulator, addon: BuiltAddon) {
  return <K extends ApiName>(name: K, input: ApiInput<K>, about: string): ApiResults[K] => {
    const r = callServer(emulator, name, input, { codePath: addon.codePath });
    if (r.ok) return r.value as ApiResults[K];
    const stale = /Script function not found/.test(r.message) ? ` (${addon.codePath} predates this command: run \`npm run build\`)` : '';
    throw new CliError(`the add-on's ${name} failed ${about}: ${r.message}${stale}`);
  };
}

/** Picks the tabs named with --tab; an unknown name lists the tab names, so the fix is obvious. */
function selectTabs(workbook: WorkbookData, names: readonly string[] | null, file: string) {
  const sheets = workbook.sheets.map((s) => ({ sheetId: s.id, name: s.name }));
  if (names === null) return sheets;
  const picked = names.map((name) => {
    const hit = sheets.find((s) => s.name === name) ?? uniqueLoose(sheets, name);
    if (!hit) throw new CliError(`no tab named ${JSON.stringify(name)} in ${file}; its tabs are: ${sheets.map((s) => JSON.stringify(s.name)).join(', ')}`);
    return hit;
  });
  return picked.filter((t, i) => picked.indexOf(t) === i);
}

/** A name that matches one tab when case and spacing are ignored ("anc.b6  profile"). */
function uniqueLoose<T extends { name: string }>(sheets: T[], name: string): T | undefined {
  const key = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();
  const hits = sheets.filter((s) => key(s.name) === key(name));
  return hits.length === 1 ? hits[0] : undefined;
}

export async function runCheck(options: CheckOptions): Promise<CheckOutput> {
  assertFile(options.file);
  const addon = options.addon ?? locateBuild();
  const workbook = await loadWorkbook(options.file);
  const selected = selectTabs(workbook, options.tabs, options.file);
  const emulator = new Emulator({ workbook, scopes: addon.scopes });
  const call = serverCaller(emulator, addon);

  const layouts: TabLayout[] = [];
  // Why a tab named with --tab could not be adopted: the person asked for it, so it must not pass.
  const unadopted: FindingView[] = [];
  const register = (sheetId: number, d: Detection, about: string) => {
    const roles = d.columns.flatMap((c) => (c.role === null ? [] : [{ column: c.column, role: c.role }]));
    call(
      'registerTab',
      {
        sheetId,
        kind: d.kind as RegisteredKind,
        headerRow: d.headerRow!,
        roles,
        keyColumn: d.columns.find((c) => c.role === 'id')?.column ?? null,
        // Never let the add-on fill in IDs: the command line reports, it does not change the spec.
        managedIds: false,
      },
      about,
    );
  };
  const adoptable = (d: Detection) => d.kind !== 'none' && d.headerRow !== null;

  for (const tab of selected) {
    const about = `on tab ${JSON.stringify(tab.name)}`;
    const d = call('detectTab', { sheetId: tab.sheetId }, about).detection;
    layouts.push({
      name: tab.name,
      sheetId: tab.sheetId,
      kind: d.kind,
      headerRow: d.headerRow,
      bandRow: d.bandRow,
      level: d.level,
      columns: d.columns.map((c) => ({ column: c.column, letter: c.letter, header: c.header, role: c.role, confidence: c.confidence })),
    });
    if (adoptable(d)) register(tab.sheetId, d, about);
    else if (options.tabs !== null) {
      unadopted.push(...d.findings.map((f) => ({ ...f, sheetId: tab.sheetId, columnIndex: f.column === null ? null : columnNumber(f.column) })));
    }
  }

  // With --tab, the value-map tabs elsewhere are registered too (not reported): a mapping tab's
  // list names refer to them, and without them every list would look unknown.
  const chosen = new Set(selected.map((t) => t.sheetId));
  const listTabs: string[] = [];
  if (options.tabs !== null) {
    for (const s of workbook.sheets) {
      if (chosen.has(s.id)) continue;
      const about = `on tab ${JSON.stringify(s.name)}`;
      const d = call('detectTab', { sheetId: s.id }, about).detection;
      if (d.kind === 'value-map' && adoptable(d)) {
        register(s.id, d, about);
        listTabs.push(s.name);
      }
    }
  }

  const result = call('runChecks', {}, 'on the workbook');
  const checked = new Map(result.tabs.map((t) => [t.sheetId, t.findings]));
  // In tab order, each tab's findings where the add-on sorted them (by row, then column).
  const findings = selected.flatMap((t) => checked.get(t.sheetId) ?? unadopted.filter((f) => f.sheetId === t.sheetId));
  // The counts are the add-on's own unless the output differs from its run (helper tabs left out,
  // findings of unadoptable tabs added); then they are recounted (exact unless findings were capped).
  const own = listTabs.length === 0 && unadopted.length === 0;
  return {
    file: options.file,
    tabs: layouts,
    findings,
    bySeverity: own ? result.bySeverity : countBySeverity(findings),
    total: own ? result.total : findings.length,
    rowsChecked: result.rowsChecked,
    truncated: result.truncated,
    ...(listTabs.length > 0 ? { listTabs } : {}),
  };
}

function countBySeverity(findings: readonly FindingView[]): { [S in Severity]: number } {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}
