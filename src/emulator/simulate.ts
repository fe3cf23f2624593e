/**
 * What Google does around a script, for the playground and tests: opening the document (onOpen in
 * the right auth mode), running a menu item, a person's edit with the simple and installable onEdit
 * triggers it fires, time passing with the clock triggers that fall due, and google.script.run calls
 * from a sidebar (JSON in, JSON out, errors as messages). Each run is one fresh execution of
 * build/Code.js through sandbox.ts, exactly as the script is uploaded.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as vm from 'node:vm';
import type { Emulator } from './emulator';
import { jsonProblem } from '../core/json';
import type { AuthModeName, Effects, ExecutionContext, ExecutionOptions, MenuSpec } from './context';
import type { AppsScriptGlobals } from './globals';
import { DEFAULT_CODE_PATH, intoRealm, loadScript } from './sandbox';
import type { StoredValue } from './state';
import { applyUserEdit, makeEditEvent } from './spreadsheet/user-edit';
import { dueClockTriggers, editTriggers, markTriggerRun } from './services/triggers';

/** Options every simulated action accepts. */
export interface SimulateOptions {
  /** The built script (default build/Code.js). */
  codePath?: string;
  /** Receives the script's console output as it happens. */
  console?: ExecutionOptions['console'];
  /** Answers Ui.alert / Ui.prompt (default: OK, and CANCEL for prompts). */
  uiResponder?: ExecutionOptions['uiResponder'];
}

/** Why a function ran. */
export type RunKind = 'open' | 'menu' | 'simple-trigger' | 'installable-trigger' | 'clock-trigger' | 'server';

/** One execution the simulation started: what ran, as whom, and what it did. */
export interface RunReport {
  kind: RunKind;
  functionName: string;
  user: string;
  authMode: AuthModeName;
  ok: boolean;
  /** The thrown error's name and message (no stack: that is what a person sees). */
  error?: { name: string; message: string };
  effects: Effects;
  /** Spreadsheet-service calls the execution made. */
  calls: number;
  triggerId?: string;
}

interface RunSpec {
  kind: RunKind;
  functionName: string;
  authMode: AuthModeName;
  user?: string;
  effectiveUser?: string;
  timeLimitMs?: number;
  triggerId?: string;
  makeArgs?: (ctx: ExecutionContext, globals: AppsScriptGlobals, sandbox: vm.Context) => unknown[];
  /** Called with the function's return value while the execution is still open. */
  onValue?: (value: unknown, sandbox: vm.Context) => void;
}

const codeCache = new Map<string, { mtimeMs: number; names: Set<string> }>();

/**
 * The top-level function names of a built script (read from its text, so checking whether onEdit
 * exists costs no execution). Cached by modification time.
 */
export function topLevelFunctions(codePath = DEFAULT_CODE_PATH): Set<string> {
  const file = path.resolve(codePath);
  if (!fs.existsSync(file)) throw new Error(`${file} does not exist: run \`npm run build\` first`);
  const stat = fs.statSync(file);
  const hit = codeCache.get(file);
  if (hit && hit.mtimeMs === stat.mtimeMs) return hit.names;
  const names = new Set<string>();
  for (const m of fs.readFileSync(file, 'utf8').matchAll(/^(?:async\s+)?function\s*\*?\s*([A-Za-z_$][\w$]*)\s*\(/gm)) names.add(m[1]);
  codeCache.set(file, { mtimeMs: stat.mtimeMs, names });
  return names;
}

function run(emulator: Emulator, spec: RunSpec, options: SimulateOptions): RunReport {
  const { execution, sandbox, globals } = loadScript(emulator, {
    codePath: options.codePath,
    user: spec.user,
    effectiveUser: spec.effectiveUser,
    authMode: spec.authMode,
    timeLimitMs: spec.timeLimitMs,
    console: options.console,
    uiResponder: options.uiResponder,
  });
  const ctx = execution.ctx;
  const report = (ok: boolean, error?: unknown): RunReport => {
    const e = error as { name?: unknown; message?: unknown } | undefined;
    return {
      kind: spec.kind,
      functionName: spec.functionName,
      user: ctx.user,
      authMode: ctx.authMode,
      ok,
      ...(ok ? {} : { error: { name: String(e?.name ?? 'Error'), message: String(e?.message ?? error) } }),
      effects: ctx.effects,
      calls: ctx.calls.total,
      ...(spec.triggerId ? { triggerId: spec.triggerId } : {}),
    };
  };
  try {
    // Own properties only: Object.prototype's methods are not script functions.
    const fn = Object.prototype.hasOwnProperty.call(sandbox, spec.functionName) ? (sandbox as Record<string, unknown>)[spec.functionName] : undefined;
    // Apps Script's own message when a menu item or trigger names a missing function.
    if (typeof fn !== 'function') throw ctx.error(`Script function not found: ${spec.functionName}`);
    const args = spec.makeArgs ? spec.makeArgs(ctx, globals, sandbox) : [];
    const value = (fn as (...a: unknown[]) => unknown)(...args);
    spec.onValue?.(value, sandbox);
    return report(true);
  } catch (e) {
    return report(false, e);
  } finally {
    execution.end();
  }
}

/** ScriptApp.AuthMode[mode] of this execution's globals (the enum value the script compares with). */
function authModeValue(globals: AppsScriptGlobals, mode: AuthModeName): unknown {
  const modes = (globals.ScriptApp as unknown as { AuthMode?: Record<string, unknown> })?.AuthMode;
  return modes?.[mode] ?? mode;
}

/** A simple-trigger event object made in the script's realm, its `source` read only when used. */
function simpleEvent(ctx: ExecutionContext, globals: AppsScriptGlobals, sandbox: vm.Context, mode: AuthModeName, extra: Record<string, unknown> = {}): unknown {
  const e = intoRealm(sandbox, {}) as Record<string, unknown>;
  e.authMode = authModeValue(globals, mode);
  for (const [k, v] of Object.entries(extra)) e[k] = v;
  // In AuthMode.NONE the event has no source (the script may not read the document).
  if (mode !== 'NONE') {
    Object.defineProperty(e, 'source', { enumerable: true, configurable: true, get: () => globals.SpreadsheetApp.getActiveSpreadsheet() });
  }
  void ctx;
  return e;
}

export interface OpenDocumentOptions extends SimulateOptions {
  /** Whether the user has used the add-on in this document (then onOpen runs in LIMITED, else NONE). */
  addonEnabled: boolean;
}

/**
 * A person opens the spreadsheet: onOpen(e) runs with AuthMode.NONE until the add-on has been used
 * in this document, LIMITED after. Returns the menus it built.
 */
export function openDocument(emulator: Emulator, options: OpenDocumentOptions): { menus: MenuSpec[]; run: RunReport | null } {
  const codePath = options.codePath ?? DEFAULT_CODE_PATH;
  if (!topLevelFunctions(codePath).has('onOpen')) return { menus: [], run: null };
  const mode: AuthModeName = options.addonEnabled ? 'LIMITED' : 'NONE';
  const report = run(
    emulator,
    { kind: 'open', functionName: 'onOpen', authMode: mode, timeLimitMs: 30_000, makeArgs: (ctx, g, sb) => [simpleEvent(ctx, g, sb, mode)] },
    options,
  );
  return { menus: report.effects.menus, run: report };
}

/**
 * A person clicks a menu item: the function runs with full authorization (the user has authorized
 * the add-on by then), and the add-on counts as used in this document from now on — the caller
 * keeps that fact (it decides onOpen's auth mode next time).
 */
export function runMenuItem(emulator: Emulator, functionName: string, options: SimulateOptions = {}): RunReport & { addonEnabled: true } {
  const report = run(emulator, { kind: 'menu', functionName, authMode: 'FULL' }, options);
  return { ...report, addonEnabled: true };
}

/** A person's edit: values typed or pasted at (row, column), top-left of the block. */
export interface UserEditInput {
  sheetId: number;
  row: number;
  column: number;
  /** What the person entered: strings are parsed as typed text ("12" a number, "=A1" a formula). */
  values: (StoredValue | null)[][];
}

export interface UserEditResult {
  a1: string;
  oldValue?: StoredValue;
  /** Every trigger that ran, in order (the simple onEdit first, then installable ON_EDIT triggers). */
  runs: RunReport[];
}

/**
 * Applies a person's edit, then fires what Sheets fires: the simple onEdit(e) (LIMITED, 30 s) when
 * the script defines one, and every installable ON_EDIT trigger (FULL, with its owner's authority).
 */
export function userEdit(emulator: Emulator, edit: UserEditInput, options: SimulateOptions = {}): UserEditResult {
  // Throws (with Sheets' message) when the entry is refused, e.g. by a strict validation rule: nothing then fires.
  const applied = applyUserEdit(emulator.state.workbook, edit.sheetId, edit.row, edit.column, edit.values);
  const runs: RunReport[] = [];
  const editor = emulator.state.users.active;
  const codePath = options.codePath ?? DEFAULT_CODE_PATH;
  if (topLevelFunctions(codePath).has('onEdit')) {
    runs.push(
      run(
        emulator,
        {
          kind: 'simple-trigger',
          functionName: 'onEdit',
          authMode: 'LIMITED',
          timeLimitMs: 30_000,
          makeArgs: (ctx) => [makeEditEvent(ctx, applied, 'LIMITED')],
        },
        options,
      ),
    );
  }
  for (const trigger of editTriggers(emulator.state)) {
    runs.push(
      run(
        emulator,
        {
          kind: 'installable-trigger',
          functionName: trigger.handlerFunction,
          authMode: 'FULL',
          user: editor,
          effectiveUser: trigger.owner,
          triggerId: trigger.id,
          makeArgs: (ctx) => [makeEditEvent(ctx, applied, 'FULL', trigger.id)],
        },
        options,
      ),
    );
  }
  return { a1: applied.a1, ...(applied.oldValue !== undefined ? { oldValue: applied.oldValue } : {}), runs };
}

/**
 * Time passes: the clock moves on by `ms` and every CLOCK trigger that falls due runs (as its owner,
 * FULL), in time order, each at the moment it was due — an hourly trigger fires three times in three
 * hours. Returns the runs.
 */
export function advanceTime(emulator: Emulator, ms: number, options: SimulateOptions = {}): RunReport[] {
  const target = emulator.clock.now() + Math.max(0, ms);
  const runs: RunReport[] = [];
  // Bounded: a trigger whose next run does not move forward must not spin forever.
  for (let guard = 0; guard < 10_000; guard++) {
    const due = dueClockTriggers(emulator.state, target);
    if (due.length === 0) break;
    const next = [...due].sort((a, b) => (a.nextRunAt ?? 0) - (b.nextRunAt ?? 0))[0];
    const at = Math.max(emulator.clock.now(), next.nextRunAt ?? emulator.clock.now());
    emulator.clock.advance(at - emulator.clock.now());
    const now = emulator.clock.now();
    runs.push(
      run(
        emulator,
        {
          kind: 'clock-trigger',
          functionName: next.handlerFunction,
          authMode: 'FULL',
          user: next.owner,
          effectiveUser: next.owner,
          triggerId: next.id,
          makeArgs: (_ctx, globals, sandbox) => [clockEvent(globals, sandbox, now, next.id, emulator.state.workbook.timeZone)],
        },
        options,
      ),
    );
    markTriggerRun(emulator.state, next.id, now);
  }
  emulator.clock.advance(target - emulator.clock.now());
  return runs;
}

/** The event a time-driven trigger receives (fields as Apps Script documents them). */
function clockEvent(globals: AppsScriptGlobals, sandbox: vm.Context, now: number, triggerUid: string, timeZone: string): unknown {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', weekday: 'long', hourCycle: 'h23' })
      .formatToParts(new Date(now))
      .map((p) => [p.type, p.value]),
  );
  const e = intoRealm(sandbox, {
    'day-of-month': Number(parts.day),
    'day-of-week': ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'].indexOf(parts.weekday) || 7,
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    month: Number(parts.month),
    second: Number(parts.second),
    timezone: timeZone,
    triggerUid,
    'week-of-year': weekOfYear(now),
    year: Number(parts.year),
  }) as Record<string, unknown>;
  e.authMode = authModeValue(globals, 'FULL');
  return e;
}

function weekOfYear(ms: number): number {
  const d = new Date(ms);
  const start = Date.UTC(d.getUTCFullYear(), 0, 1);
  return Math.ceil(((ms - start) / 86400000 + new Date(start).getUTCDay() + 1) / 7);
}

/** What google.script.run hands the page: the value, or the error's message for the failure handler. */
export type ServerCallResult = { ok: true; value: unknown; effects: Effects; run: RunReport } | { ok: false; message: string; effects: Effects; run?: RunReport };

/**
 * google.script.run: calls a top-level function with one JSON payload in a fresh execution (FULL,
 * as the signed-in user). The payload is copied into the script's realm; the return value must be
 * JSON too. Errors come back as their message only, as the failure handler receives them.
 */
export function callServer(emulator: Emulator, functionName: string, payload: unknown, options: SimulateOptions = {}): ServerCallResult {
  return callServerWith(emulator, functionName, payload === undefined ? [] : [payload], options);
}

/** google.script.run with any number of JSON arguments (Apps Script allows several parameters). */
export function callServerWith(emulator: Emulator, functionName: string, args: readonly unknown[], options: SimulateOptions = {}): ServerCallResult {
  const noEffects = (): Effects => ({ menus: [], sidebar: null, dialogs: [], alerts: [], toasts: [], logs: [] });
  if (!/^[A-Za-z_$][\w$]*$/.test(functionName)) return { ok: false, message: `Invalid function name: ${JSON.stringify(functionName)}`, effects: noEffects() };
  // Apps Script hides functions whose names end in "_" from google.script.run.
  if (functionName.endsWith('_')) return { ok: false, message: `Script function not found: ${functionName} (private functions ending in "_" cannot be called from the client)`, effects: noEffects() };
  for (let i = 0; i < args.length; i++) {
    const problem = args[i] === undefined ? undefined : jsonProblem(args[i], args.length === 1 ? 'the payload' : `argument ${i + 1}`);
    if (problem) return { ok: false, message: `google.script.run: ${problem}; only JSON values can be sent to the server`, effects: noEffects() };
  }
  let value: unknown;
  let returnProblem: string | undefined;
  const report = run(
    emulator,
    {
      kind: 'server',
      functionName,
      authMode: 'FULL',
      makeArgs: (_ctx, _g, sandbox) => args.map((a) => intoRealm(sandbox, a)),
      onValue: (v) => {
        returnProblem = v === undefined ? undefined : jsonProblem(v, 'the return value');
        // Copy out of the script's realm while it is still open.
        value = v === undefined || returnProblem ? null : JSON.parse(JSON.stringify(v));
      },
    },
    options,
  );
  if (!report.ok) return { ok: false, message: report.error?.message ?? 'Unknown error', effects: report.effects, run: report };
  if (returnProblem) return { ok: false, message: `${functionName}: ${returnProblem}; google.script.run can only return JSON values`, effects: report.effects, run: report };
  return { ok: true, value, effects: report.effects, run: report };
}
