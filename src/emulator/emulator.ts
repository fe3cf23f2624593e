/**
 * The emulated Google side of one spreadsheet and its script project: it owns the persistent state
 * (see state.ts) and the clock, and hands out executions — a fresh set of Apps Script globals bound
 * to one ExecutionContext, as Apps Script gives each run of a trigger, menu item or
 * google.script.run call.
 */
import { ExecutionContext, SCOPES, type ExecutionOptions } from './context';
import type { EmulatorState, WorkbookData } from './state';
import { createServices, type AppsScriptGlobals } from './globals';
import { newWorkbook } from './spreadsheet/model';

export interface EmulatorOptions {
  /** The spreadsheet (default: a new one with one empty "Sheet1"). */
  workbook?: WorkbookData;
  /** Whole saved state (the playground's file); wins over `workbook`. */
  state?: EmulatorState;
  /** Who is signed in (default "analyst@example.org"). */
  user?: string;
  /** The manifest's oauthScopes (default: every scope the emulator knows, i.e. no scope checks fail). */
  scopes?: string[];
  /** Project files for HtmlService.createHtmlOutputFromFile / createTemplateFromFile ("Sidebar" -> html). */
  readProjectFile?: (name: string) => string | undefined;
  /** Recipients per day for MailApp (default 100, a consumer account's quota). */
  dailyMailQuota?: number;
}

export interface Execution {
  ctx: ExecutionContext;
  /** The Apps Script globals for this execution: pass them (fresh) to the sandbox. */
  globals: AppsScriptGlobals;
  /** Ends the execution (releases its locks). */
  end(): void;
}

export const DEFAULT_USER = 'analyst@example.org';

export class Emulator {
  readonly state: EmulatorState;
  readonly readProjectFile: (name: string) => string | undefined;

  constructor(options: EmulatorOptions = {}) {
    this.readProjectFile = options.readProjectFile ?? (() => undefined);
    if (options.state) {
      this.state = options.state;
      return;
    }
    const user = options.user ?? DEFAULT_USER;
    this.state = {
      workbook: options.workbook ?? newWorkbook('Untitled spreadsheet'),
      properties: { script: {}, document: {}, user: {} },
      mail: { sent: [], used: {}, dailyQuota: options.dailyMailQuota ?? 100 },
      triggers: [],
      cache: { script: {}, document: {}, user: {} },
      locks: { script: null, document: null, user: {} },
      users: { active: user, known: [user] },
      clockOffsetMs: 0,
      scopes: options.scopes ?? ALL_SCOPES,
      nextExecutionId: 1,
    };
  }

  /** Emulated time: real time plus whatever sleeps, lock waits and `advance` added. */
  readonly clock = {
    now: (): number => Date.now() + this.state.clockOffsetMs,
    advance: (ms: number): void => {
      this.state.clockOffsetMs += Math.max(0, ms);
    },
  };

  /** Signs a user in: the next executions run as them (Session.getActiveUser). */
  setActiveUser(email: string): void {
    this.state.users.active = email;
    if (!this.state.users.known.includes(email)) this.state.users.known.push(email);
  }

  /** A fresh execution: new globals over the shared state. Call end() when the script returns. */
  execution(options: ExecutionOptions = {}): Execution {
    const ctx = new ExecutionContext(this.state.nextExecutionId++, this.state, this.clock, options);
    const globals = createServices(ctx, this);
    return { ctx, globals, end: () => ctx.end() };
  }

  /** JSON of the whole state, for saving (the playground's workbook file). */
  toJSON(): EmulatorState {
    return this.state;
  }
}

/** Every scope the emulator knows: the default, so no scope check fails unless a manifest is given. */
export const ALL_SCOPES: string[] = Object.values(SCOPES);
