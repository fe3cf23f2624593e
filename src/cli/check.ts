/**
 * `mapspec check`: the add-on's own adoption and checks, headless. The .xlsx is loaded into the Apps
 * Script emulator and the BUILT add-on (build/Code.js) is called exactly as the sidebar calls it
 * (google.script.run: detectTab per tab, registerTab with what was detected, then one runChecks), so
 * the command line can never disagree with what people see in Sheets. The file is only read: the
 * layouts registerTab stores live in the emulator's document properties and vanish with it.
 */
import type { FindingView } from '../core/api';
import type { OwnWord } from '../core/mapping/own-words';
import type { Coverage } from '../core/systems/system-checks';
import { readMetadataOption, readSampleOption, type SystemFile } from './systems';
import type { Severity } from '../core/mapping/findings';
import { adoptTabs, openWorkbook, selectTabs, type TabLayout } from './adopt';
import { EXIT_FINDINGS, EXIT_OK } from './cli-error';
import type { BuiltAddon } from './locate-build';

export type { ColumnLayout, TabLayout } from './adopt';

export type CheckOptions = {
  /** The .xlsx path as the person typed it (reported as is). */
  file: string;
  /** Only these tabs (by name); null for every tab. */
  tabs: readonly string[] | null;
  /** --status / --type: what the spec's own words mean (adoptOwnWords, as the sidebar sends it). */
  words?: OwnWordChoices;
  /** --metadata and --sample values ("[dest=|source=]FILE"). */
  metadata?: readonly string[];
  samples?: readonly string[];
  /** --key values, "COLUMN" or "TAB!COLUMN": the key columns the person confirms. */
  keys?: readonly string[];
  /** The built add-on (default: found relative to this file). */
  addon?: BuiltAddon;
};

/** What `--json` prints. */
/** What the spec's own words mean, as the sidebar's adoptOwnWords takes them. */
export type OwnWordChoices = { statuses: Record<string, string>; types: Record<string, string> };

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
  /** The status and type words the tabs use that Mapspec does not know (after --status / --type). */
  ownWords: OwnWord[];
  /** The --metadata and --sample files, as read: side (and whether it was given), what was found. */
  systems?: { name: string; kind: 'metadata' | 'sample'; side: 'source' | 'destination'; sideGiven: boolean; summary: string }[];
  /** Per tab and system or sample: fields mapped, in the sample, unmapped. */
  coverage: Coverage[];
};

export function exitStatus(out: CheckOutput): number {
  return out.bySeverity.error > 0 ? EXIT_FINDINGS : EXIT_OK;
}

export async function runCheck(options: CheckOptions): Promise<CheckOutput> {
  // The system files first: a bad one fails before the (slower) workbook is read.
  const files: SystemFile[] = [];
  for (const m of options.metadata ?? []) files.push(await readMetadataOption(m));
  for (const m of options.samples ?? []) files.push(readSampleOption(m, false));
  const wb = await openWorkbook(options.file, options.addon);
  const selected = selectTabs(wb.workbook, options.tabs, options.file);
  // With --tab, the value-map tabs elsewhere are registered too (listTabs, not reported), and a
  // named tab that could not be adopted reports why (unadopted).
  const { layouts, unadopted, listTabs } = adoptTabs(wb, selected, options.tabs !== null, options.keys ?? []);
  const call = wb.call;

  for (const f of files) {
    call('saveSystem', { name: f.name, side: f.side, tabs: options.tabs ? [...options.tabs] : null, ...(f.metadata ? { metadata: f.metadata } : { sample: f.sample! }) }, `with ${f.metadata ? '--metadata' : '--sample'} ${f.name}`);
  }
  const words = options.words;
  const result = words && Object.keys(words.statuses).length + Object.keys(words.types).length > 0 ? call('adoptOwnWords', words, 'with --status/--type') : call('runChecks', {}, 'on the workbook');
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
    ownWords: result.ownWords,
    coverage: result.coverage,
    ...(files.length > 0 ? { systems: files.map((f) => ({ name: f.name, kind: f.metadata ? ('metadata' as const) : ('sample' as const), side: f.side, sideGiven: f.sideGiven, summary: f.metadata ? f.metadata.summary : f.sample!.summary })) } : {}),
    ...(listTabs.length > 0 ? { listTabs } : {}),
  };
}

function countBySeverity(findings: readonly FindingView[]): { [S in Severity]: number } {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}
