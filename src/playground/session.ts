/**
 * The playground's document session: one emulator (the spreadsheet and everything Google keeps),
 * what the person currently sees of the add-on (menus, open sidebar or dialog, notifications), and
 * the state file it is saved to after every change (atomic: temp file + rename) so a restart loses
 * nothing.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Emulator } from '../emulator/emulator';
import type { Effects, MenuSpec } from '../emulator/context';
import type { EmulatorState } from '../emulator/state';
import { readXlsx } from '../emulator/xlsx';
import { advanceTime, callServerWith, openDocument, runMenuItem, userEdit, type RunReport, type ServerCallResult, type UserEditInput } from '../emulator/simulate';
import { demoWorkbook } from './demo-workbook';
import { manifestScopes, readProjectFile } from '../tools/build';

export const ANALYST = 'analyst@example.org';
export const APPROVER = 'approver@client.example.org';

/** An HTML panel the add-on opened (sidebar or dialog), served to an iframe with the bridge shim. */
export interface PanelData {
  /** Increments on each open so the page reloads the iframe. */
  serial: number;
  title: string;
  html: string;
  width: number;
  height?: number;
  modal?: boolean;
}

/** A message the page shows once: a toast, an alert the script raised, or a failed execution. */
export interface Notice {
  id: number;
  kind: 'toast' | 'alert' | 'error' | 'info';
  title: string;
  message: string;
}

/** One line of the execution log the page shows. */
export interface ActivityEntry {
  at: number;
  kind: RunReport['kind'];
  functionName: string;
  user: string;
  authMode: string;
  ok: boolean;
  error?: string;
  logs: string[];
}

export interface PlaygroundMeta {
  /** The add-on has been used in this document (onOpen then runs in LIMITED). */
  addonEnabled: boolean;
  /** Where the document came from, for "Reset". */
  source: { kind: 'demo' } | { kind: 'xlsx'; path: string };
  menus: MenuSpec[];
  sidebar: PanelData | null;
  dialog: PanelData | null;
  notices: Notice[];
  nextNoticeId: number;
  activity: ActivityEntry[];
  /** Increments on every change: the page refreshes when it moved. */
  version: number;
}

export interface PlaygroundFile {
  format: 'mapspec-playground';
  version: 1;
  state: EmulatorState;
  playground: PlaygroundMeta;
}

export interface SessionOptions {
  statePath: string;
  /** Start from this .xlsx instead of the demo (when the state file does not exist yet). */
  xlsxPath?: string;
  /** Folder holding the built Code.js and Sidebar.html (default build/). */
  buildDir: string;
  log?: (message: string) => void;
}

const MAX_ACTIVITY = 200;
const MAX_NOTICES = 20;

/** What a person does to a tab from the tab bar or a row header (rows added after `after`, else at the bottom). */
export type SheetAction = { kind: 'rename'; sheetId: number; name: string } | { kind: 'delete'; sheetId: number } | { kind: 'add-rows'; sheetId: number; count: number; after?: number };

export class PlaygroundSession {
  emulator!: Emulator;
  meta!: PlaygroundMeta;
  /** How the state was obtained at start: loaded from the file, or made new. */
  loadedFrom: 'state-file' | 'demo' | 'xlsx' = 'demo';

  private constructor(readonly options: SessionOptions) {}

  get codePath(): string {
    return path.join(this.options.buildDir, 'Code.js');
  }

  /** Loads the state file, or makes a new document from the xlsx or the demo. */
  static async create(options: SessionOptions): Promise<PlaygroundSession> {
    const session = new PlaygroundSession(options);
    if (fs.existsSync(options.statePath)) {
      const file = JSON.parse(fs.readFileSync(options.statePath, 'utf8')) as PlaygroundFile;
      if (file.format !== 'mapspec-playground' || !file.state?.workbook) throw new Error(`${options.statePath} is not a Mapspec playground state file`);
      session.install(file.state, file.playground);
      session.loadedFrom = 'state-file';
    } else {
      await session.reset();
      session.loadedFrom = options.xlsxPath ? 'xlsx' : 'demo';
    }
    return session;
  }

  private readProjectFile = (name: string): string | undefined => readProjectFile(this.options.buildDir, name);

  private install(state: EmulatorState, meta: PlaygroundMeta): void {
    // Scopes come from the built manifest at every start, as Google grants them: never from the saved file.
    state.scopes = manifestScopes(this.options.buildDir);
    this.emulator = new Emulator({ state, readProjectFile: this.readProjectFile });
    this.meta = meta;
  }

  /** Back to the starting document (the demo, or the xlsx given at start); everything else forgotten. */
  async reset(): Promise<void> {
    const xlsx = this.options.xlsxPath;
    const workbook = xlsx ? await readXlsx(xlsx) : demoWorkbook();
    const emulator = new Emulator({ workbook, user: ANALYST, readProjectFile: this.readProjectFile });
    emulator.setActiveUser(APPROVER);
    emulator.setActiveUser(ANALYST);
    const version = (this.meta?.version ?? 0) + 1;
    this.install(emulator.state, {
      addonEnabled: false,
      source: xlsx ? { kind: 'xlsx', path: path.resolve(xlsx) } : { kind: 'demo' },
      menus: [],
      sidebar: null,
      dialog: null,
      notices: [],
      nextNoticeId: 1,
      activity: [],
      version,
    });
    this.save();
  }

  /** Saves everything: write a temp file, then rename over the state file (never a half-written file). */
  save(): void {
    const file: PlaygroundFile = { format: 'mapspec-playground', version: 1, state: this.emulator.state, playground: this.meta };
    fs.mkdirSync(path.dirname(this.options.statePath), { recursive: true });
    const tmp = `${this.options.statePath}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(file));
    fs.renameSync(tmp, this.options.statePath);
  }

  private changed(): void {
    this.meta.version++;
    this.save();
  }

  notice(kind: Notice['kind'], title: string, message: string): void {
    this.meta.notices.push({ id: this.meta.nextNoticeId++, kind, title, message });
    if (this.meta.notices.length > MAX_NOTICES) this.meta.notices.splice(0, this.meta.notices.length - MAX_NOTICES);
  }

  /** Records a run and turns what it showed into what the page shows (sidebar, dialog, toasts, errors). */
  private absorb(report: RunReport | null | undefined, options: { quietErrors?: boolean } = {}): void {
    if (!report) return;
    this.meta.activity.push({
      at: this.emulator.clock.now(),
      kind: report.kind,
      functionName: report.functionName,
      user: report.user,
      authMode: report.authMode,
      ok: report.ok,
      ...(report.error ? { error: `${report.error.name}: ${report.error.message}` } : {}),
      logs: report.effects.logs.map((l) => `${l.level}: ${l.message}`),
    });
    if (this.meta.activity.length > MAX_ACTIVITY) this.meta.activity.splice(0, this.meta.activity.length - MAX_ACTIVITY);
    this.absorbEffects(report.effects);
    if (!report.ok && !options.quietErrors) {
      this.notice('error', `${report.functionName} failed`, report.error?.message ?? 'Unknown error');
    }
  }

  private absorbEffects(effects: Effects): void {
    if (effects.sidebar) {
      this.meta.sidebar = { serial: (this.meta.sidebar?.serial ?? 0) + 1, title: effects.sidebar.title, html: effects.sidebar.html, width: effects.sidebar.width };
    }
    const dialog = effects.dialogs[effects.dialogs.length - 1];
    if (dialog) this.meta.dialog = { serial: (this.meta.dialog?.serial ?? 0) + 1, ...dialog };
    for (const a of effects.alerts) this.notice('alert', a.title || 'Alert', a.prompt);
    for (const t of effects.toasts) this.notice('toast', t.title, t.message);
  }

  /** The document is (re)opened: onOpen builds the menus. */
  open(): RunReport | null {
    const { menus, run } = openDocument(this.emulator, { codePath: this.codePath, addonEnabled: this.meta.addonEnabled });
    this.meta.menus = menus;
    this.absorb(run);
    this.changed();
    return run;
  }

  /** Every function the current menus name (the only ones a menu click may run). */
  menuFunctions(): Set<string> {
    const names = new Set<string>();
    const walk = (menu: MenuSpec): void => {
      for (const item of menu.items) {
        if (item.kind === 'item') names.add(item.functionName);
        else if (item.kind === 'submenu') walk(item.menu);
      }
    };
    this.meta.menus.forEach(walk);
    return names;
  }

  menuItem(functionName: string): RunReport {
    const report = runMenuItem(this.emulator, functionName, { codePath: this.codePath });
    this.meta.addonEnabled = true;
    this.absorb(report);
    this.changed();
    return report;
  }

  edit(edit: UserEditInput): RunReport[] {
    const result = userEdit(this.emulator, edit, { codePath: this.codePath });
    for (const r of result.runs) this.absorb(r);
    this.changed();
    return result.runs;
  }

  /**
   * What a person does to a tab from the tab bar or below the grid: rename it, delete it, or add rows
   * at the bottom. Done through the emulated SpreadsheetApp, so Sheets' own rules and messages apply
   * (a name taken or too long, the last visible sheet, the cell limit); the message is thrown.
   */
  sheetAction(action: SheetAction): void {
    const ss = this.emulator.execution().globals.SpreadsheetApp.getActiveSpreadsheet();
    const sheet = ss.getSheets().find((sh: GoogleAppsScript.Spreadsheet.Sheet) => sh.getSheetId() === action.sheetId);
    if (!sheet) throw new Error('That sheet no longer exists.');
    if (action.kind === 'rename') sheet.setName(action.name.trim());
    else if (action.kind === 'delete') ss.deleteSheet(sheet);
    else sheet.insertRowsAfter(action.after ?? sheet.getMaxRows(), action.count);
    this.changed();
  }

  server(functionName: string, args: readonly unknown[]): ServerCallResult {
    const result = callServerWith(this.emulator, functionName, args, { codePath: this.codePath });
    // Its failure goes to the sidebar's failure handler; the page does not also pop up an error.
    if (result.run) this.absorb(result.run, { quietErrors: true });
    else this.absorbEffects(result.effects);
    this.changed();
    return result;
  }

  passTime(ms: number): RunReport[] {
    const runs = advanceTime(this.emulator, ms, { codePath: this.codePath });
    for (const r of runs) this.absorb(r);
    this.notice('info', 'Time passed', `${Math.round(ms / 60000)} minutes passed; ${runs.length} time-driven trigger run${runs.length === 1 ? '' : 's'}.`);
    this.changed();
    return runs;
  }

  setUser(email: string): void {
    this.emulator.setActiveUser(email);
    // Another person opens the document: they don't see the previous person's sidebar or dialog.
    this.meta.sidebar = null;
    this.meta.dialog = null;
    this.changed();
  }

  select(sheetId: number, a1: string): void {
    this.emulator.state.workbook.active = { sheetId, a1 };
    // The page already shows its own selection: save it, but do not make the page refresh.
    this.save();
  }

  closePanel(which: 'sidebar' | 'dialog'): void {
    this.meta[which] = null;
    this.changed();
  }

  /** Notices are shown once: the page takes them. */
  takeNotices(): Notice[] {
    const out = this.meta.notices;
    if (out.length === 0) return out;
    this.meta.notices = [];
    this.save();
    return out;
  }
}
