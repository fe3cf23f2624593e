/**
 * `mapspec diff OLD.xlsx NEW.xlsx`: the add-on's own version diff between two files (e.g. a spec
 * before and after a round of changes sent by email). Each file is loaded into the emulator and its
 * tabs adopted exactly as `mapspec check` adopts them (adopt.ts); the BUILT add-on's exportSnapshot
 * gives each file's spec in the shape a version stores, and the core's diffSnapshots — the code the
 * sidebar's diff viewer runs — compares them. Neither file is changed.
 *
 * The add-on matches tabs by sheet id, which survives a rename in one spreadsheet. Two files share no
 * ids (readXlsx numbers tabs in tab order), so tabs are matched by NAME here: the new snapshot's ids
 * are renumbered to the old one's where the names match, and a tab in one file only is added/removed.
 */
import { diffSnapshots, type SnapshotDiff } from '../core/versions/diff';
import type { Snapshot, SnapshotTab } from '../core/versions/types';
import { adoptTabs, assertFile, findTab, openWorkbook, tabsOf, type SelectedTab } from './adopt';
import { CliError, EXIT_FINDINGS, EXIT_OK } from './cli-error';
import { locateBuild, type BuiltAddon } from './locate-build';

export type DiffOptions = {
  /** The two .xlsx paths as the person typed them (reported as is). */
  old: string;
  new: string;
  /** Only these tabs (by name, in either file); null for every tab. */
  tabs: readonly string[] | null;
  /** The built add-on (default: found relative to this file). */
  addon?: BuiltAddon;
};

/** What `--json` prints. */
export type DiffOutput = { old: string; new: string; diff: SnapshotDiff };

/** Like diff(1): 0 when the specs are the same, 1 when they differ. */
export function diffExitStatus(out: DiffOutput): number {
  return hasDifferences(out.diff) ? EXIT_FINDINGS : EXIT_OK;
}

export function hasDifferences(diff: SnapshotDiff): boolean {
  return diff.tabs.some((t) => t.status !== 'unchanged');
}

/** One file's spec as the add-on sees it: every tab adopted, then exportSnapshot. */
async function snapshotOf(file: string, addon: BuiltAddon): Promise<{ snapshot: Snapshot; tabs: SelectedTab[] }> {
  const wb = await openWorkbook(file, addon);
  const tabs = tabsOf(wb.workbook);
  adoptTabs(wb, tabs, false);
  return { snapshot: wb.call('exportSnapshot', {}, `on ${file}`).snapshot, tabs };
}

/**
 * The new snapshot with its tabs' sheetIds replaced by the old snapshot's where the names match
 * (exactly, else uniquely ignoring case and spacing); other tabs get ids neither side uses.
 */
export function matchTabsByName(old: Snapshot, cur: Snapshot): Snapshot {
  const unmatched = [...old.tabs];
  const take = (t: SnapshotTab, loose: boolean): number | null => {
    const hit = loose ? findTab(unmatched, t.name) : unmatched.find((o) => o.name === t.name);
    if (!hit) return null;
    unmatched.splice(unmatched.indexOf(hit), 1);
    return hit.sheetId;
  };
  const ids: (number | null)[] = cur.tabs.map((t) => take(t, false));
  cur.tabs.forEach((t, i) => {
    if (ids[i] === null) ids[i] = take(t, true);
  });
  let fresh = Math.max(0, ...old.tabs.map((t) => t.sheetId), ...cur.tabs.map((t) => t.sheetId)) + 1;
  return { tabs: cur.tabs.map((t, i) => ({ ...t, sheetId: ids[i] ?? fresh++ })) };
}

export async function runDiff(options: DiffOptions): Promise<DiffOutput> {
  // Both paths are checked before either (slow) read, so a typo in the second fails at once.
  assertFile(options.old);
  assertFile(options.new);
  const addon = options.addon ?? locateBuild();
  const before = await snapshotOf(options.old, addon);
  const after = await snapshotOf(options.new, addon);
  let old = before.snapshot;
  let cur = matchTabsByName(before.snapshot, after.snapshot);
  if (options.tabs !== null) {
    const names = options.tabs;
    for (const name of names) {
      if (!findTab(before.tabs, name) && !findTab(after.tabs, name)) {
        const all = [...new Set([...before.tabs, ...after.tabs].map((t) => t.name))];
        throw new CliError(`no tab named ${JSON.stringify(name)} in ${options.old} or ${options.new}; their tabs are: ${all.map((n) => JSON.stringify(n)).join(', ')}`);
      }
      if (!findTab(old.tabs, name) && !findTab(cur.tabs, name)) {
        throw new CliError(`tab ${JSON.stringify(name)} is not a mapping-spec or value-map tab in either file (no recognisable header); run \`mapspec check\` on them to see why`);
      }
    }
    const keep = (s: Snapshot): Snapshot => ({ tabs: s.tabs.filter((t) => names.some((n) => findTab([t], n))) });
    old = keep(old);
    cur = keep(cur);
  }
  return { old: options.old, new: options.new, diff: diffSnapshots(old, cur) };
}
