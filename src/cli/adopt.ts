/**
 * Loading an .xlsx into the Apps Script emulator and adopting its tabs as the sidebar would — shared
 * by `mapspec check` and `mapspec diff`, so both see a workbook exactly as the add-on does: the BUILT
 * add-on (build/Code.js) is called as google.script.run calls it (detectTab per tab, registerTab with
 * what was detected). The file is only read: the layouts registerTab stores live in the emulator's
 * document properties and vanish with it.
 */
import * as fs from 'node:fs';
import type { ApiInput, ApiName, ApiResults, FindingView, RegisteredKind } from '../core/api';
import { columnNumber } from '../core/mapping/a1';
import { detectedChoice } from '../core/mapping/layout-choice';
import type { ConfidenceLevel, Detection } from '../core/mapping/header-detect';
import type { LayoutKind, Role } from '../core/mapping/roles';
import { Emulator } from '../emulator/emulator';
import { callServer } from '../emulator/simulate';
import type { WorkbookData } from '../emulator/state';
import { readXlsx, WorkbookTooLarge } from '../emulator/xlsx';
import { CliError } from './cli-error';
import { locateBuild, type BuiltAddon } from './locate-build';

/** One column as adoption read it; `group` is the band label over it (the system or group it belongs to), or null. */
export type ColumnLayout = { column: number; letter: string; header: string; group: string | null; role: Role | null; confidence: number };

export type TabLayout = {
  name: string;
  sheetId: number;
  /** 'none' when no mapping-spec header was found: the tab is then not checked. */
  kind: LayoutKind;
  headerRow: number | null;
  bandRow: number | null;
  level: ConfidenceLevel;
  columns: ColumnLayout[];
  /** The row-key column: detected (an ID column) or confirmed with --key; only a confirmed one is checked. */
  key: { column: number; letter: string; header: string; confirmed: boolean } | null;
};

export type SelectedTab = { sheetId: number; name: string };

/** A typed google.script.run: the add-on's result, or a CliError with the add-on's own message. */
export type ServerCall = <K extends ApiName>(name: K, input: ApiInput<K>, about: string) => ApiResults[K];

/** Fails fast, before the add-on is looked for or the (slow) workbook read. */
export function assertFile(file: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new CliError(`${file}: no such file`);
  }
  if (!stat.isFile()) throw new CliError(`${file}: not a file`);
}

export async function loadWorkbook(file: string): Promise<WorkbookData> {
  try {
    return await readXlsx(file);
  } catch (e) {
    if (e instanceof WorkbookTooLarge) throw new CliError(`cannot open ${file}: ${e.message}`);
    // exceljs speaks of zip internals ("end of central directory"); say what the person can act on.
    const why = String((e as Error)?.message ?? e).split('\n')[0];
    throw new CliError(`cannot read ${file} as an .xlsx workbook (${why}); save it from Excel or Sheets as .xlsx`);
  }
}

export function serverCaller(emulator: Emulator, addon: BuiltAddon): ServerCall {
  return <K extends ApiName>(name: K, input: ApiInput<K>, about: string): ApiResults[K] => {
    const r = callServer(emulator, name, input, { codePath: addon.codePath });
    if (r.ok) return r.value as ApiResults[K];
    const stale = /Script function not found/.test(r.message) ? ` (${addon.codePath} predates this command: run \`npm run build\`)` : '';
    throw new CliError(`the add-on's ${name} failed ${about}: ${r.message}${stale}`);
  };
}

/** The workbook's tabs as { sheetId, name }, in tab order. */
export function tabsOf(workbook: WorkbookData): SelectedTab[] {
  return workbook.sheets.map((s) => ({ sheetId: s.id, name: s.name }));
}

/**
 * The tab a --tab NAME means: the exact name, else the one tab that matches when case and spacing
 * are ignored ("anc.b6  profile"); undefined when there is none.
 */
export function findTab<T extends { name: string }>(sheets: readonly T[], name: string): T | undefined {
  const exact = sheets.find((s) => s.name === name);
  if (exact) return exact;
  const key = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();
  const hits = sheets.filter((s) => key(s.name) === key(name));
  return hits.length === 1 ? hits[0] : undefined;
}

/** Picks the tabs named with --tab; an unknown name lists the tab names, so the fix is obvious. */
export function selectTabs(workbook: WorkbookData, names: readonly string[] | null, file: string): SelectedTab[] {
  const sheets = tabsOf(workbook);
  if (names === null) return sheets;
  const picked = names.map((name) => {
    const hit = findTab(sheets, name);
    if (!hit) throw new CliError(`no tab named ${JSON.stringify(name)} in ${file}; its tabs are: ${sheets.map((s) => JSON.stringify(s.name)).join(', ')}`);
    return hit;
  });
  return picked.filter((t, i) => picked.indexOf(t) === i);
}

/** A workbook in the emulator, with the built add-on ready to be called on it. */
export type OpenWorkbook = { file: string; workbook: WorkbookData; emulator: Emulator; call: ServerCall };

/** Checks the path, reads the .xlsx and starts the emulator on it with the manifest's scopes. */
export async function openWorkbook(file: string, built?: BuiltAddon): Promise<OpenWorkbook> {
  assertFile(file);
  const addon = built ?? locateBuild();
  const workbook = await loadWorkbook(file);
  const emulator = new Emulator({ workbook, scopes: addon.scopes });
  return { file, workbook, emulator, call: serverCaller(emulator, addon) };
}

export type Adoption = {
  /** What detectTab found on each selected tab, in the order given. */
  layouts: TabLayout[];
  /**
   * Only when `named`: why a selected tab could not be adopted (its detection findings) — the person
   * asked for it, so it must not pass silently.
   */
  unadopted: FindingView[];
  /** Only when `named`: the value-map tabs outside the selection registered for their lists. */
  listTabs: string[];
};

/**
 * Adopts tabs as "Use this tab as a mapping spec" would: detectTab on each selected tab, then
 * registerTab with the detected kind, header row and roles for every tab that has a recognisable
 * header. When the tabs were `named` (--tab), the value-map tabs elsewhere are registered too: a
 * mapping tab's list names refer to them, and without them every list would look unknown.
 */
export function adoptTabs(wb: OpenWorkbook, selected: readonly SelectedTab[], named: boolean, keyOptions: readonly string[] = []): Adoption {
  const { call } = wb;
  const layouts: TabLayout[] = [];
  const unadopted: FindingView[] = [];
  const keys = keyOptions.map((k) => parseKeyOption(k, wb));
  const register = (sheetId: number, d: Detection, about: string, key: TabLayout['key']) => {
    const { roles } = detectedChoice(d)!;
    call(
      'registerTab',
      {
        sheetId,
        kind: d.kind as RegisteredKind,
        headerRow: d.headerRow!,
        roles: [...roles],
        keyColumn: key?.column ?? null,
        // Never let the add-on fill in IDs: the command line reports, it does not change the spec.
        managedIds: false,
        keyConfirmed: key?.confirmed === true,
      },
      about,
    );
  };
  const adoptable = (d: Detection) => d.kind !== 'none' && d.headerRow !== null;

  for (const tab of selected) {
    const about = `on tab ${JSON.stringify(tab.name)}`;
    const d = call('detectTab', { sheetId: tab.sheetId }, about).detection;
    const key = keyOf(d, keys, tab.name);
    layouts.push({
      name: tab.name,
      sheetId: tab.sheetId,
      kind: d.kind,
      headerRow: d.headerRow,
      bandRow: d.bandRow,
      level: d.level,
      columns: d.columns.map((c) => ({ column: c.column, letter: c.letter, header: c.header, group: c.band, role: c.role, confidence: c.confidence })),
      key: adoptable(d) ? key : null,
    });
    if (adoptable(d)) register(tab.sheetId, d, about, key);
    else if (named) {
      unadopted.push(...d.findings.map((f) => ({ ...f, sheetId: tab.sheetId, columnIndex: f.column === null ? null : columnNumber(f.column) })));
    }
  }

  const chosen = new Set(selected.map((t) => t.sheetId));
  const listTabs: string[] = [];
  if (named) {
    for (const s of wb.workbook.sheets) {
      if (chosen.has(s.id)) continue;
      const about = `on tab ${JSON.stringify(s.name)}`;
      const d = call('detectTab', { sheetId: s.id }, about).detection;
      if (d.kind === 'value-map' && adoptable(d)) {
        register(s.id, d, about, keyOf(d, keys, s.name));
        listTabs.push(s.name);
      }
    }
  }
  return { layouts, unadopted, listTabs };
}

/** A --key value: the column (header text or letter) and, before the last "!", the tab it is for. */
type KeyOption = { tab: string | null; column: string; text: string };

function parseKeyOption(text: string, wb: OpenWorkbook): KeyOption {
  const bang = text.lastIndexOf('!');
  const column = text.slice(bang + 1).trim();
  if (bang < 0) return { tab: null, column, text };
  const name = text.slice(0, bang);
  const hit = findTab(tabsOf(wb.workbook), name);
  if (!hit) throw new CliError(`--key ${JSON.stringify(text)}: no tab named ${JSON.stringify(name)} in ${wb.file}`);
  return { tab: hit.name, column, text };
}

/**
 * A tab's key column: the one a --key names (header text first, as a person would write it, then a
 * column letter), confirmed; else the detected ID column, unconfirmed. A --key for this very tab that
 * names no column of it is an error; a --key for every tab applies where the column exists.
 */
function keyOf(d: Detection, keys: readonly KeyOption[], tabName: string): TabLayout['key'] {
  const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();
  for (const k of keys) {
    if (k.tab !== null && k.tab !== tabName) continue;
    const byHeader = d.columns.filter((c) => norm(c.header) === norm(k.column));
    const byLetter = /^[a-z]{1,3}$/i.test(k.column) ? d.columns.filter((c) => c.letter === k.column.toUpperCase()) : [];
    const hit = byHeader.length === 1 ? byHeader[0] : byHeader.length === 0 && byLetter.length === 1 ? byLetter[0] : null;
    if (hit) return { column: hit.column, letter: hit.letter, header: hit.header, confirmed: true };
    if (k.tab !== null) {
      const why = byHeader.length > 1 ? `${byHeader.length} columns are headed ${JSON.stringify(k.column)}; name it by its letter (${byHeader.map((c) => c.letter).join(', ')})` : `tab ${JSON.stringify(tabName)} has no column headed ${JSON.stringify(k.column)}`;
      throw new CliError(`--key ${JSON.stringify(k.text)}: ${why}`);
    }
  }
  const id = d.columns.find((c) => c.role === 'id');
  return id ? { column: id.column, letter: id.letter, header: id.header, confirmed: false } : null;
}
