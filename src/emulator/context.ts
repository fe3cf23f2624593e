/**
 * One emulated execution: the user it runs as, its auth mode, the calls it makes (counted per
 * service method), what it showed (menus, sidebar, alerts), its time limit, and the hooks tests use
 * to inject faults or interleave another execution at a chosen call. Every emulated service routes
 * its methods through `instrument`, so counting, auth-mode and scope checks, and fault injection
 * happen in one place.
 */
import type { EmulatorState } from './state';

export type AuthModeName = 'NONE' | 'CUSTOM_FUNCTION' | 'LIMITED' | 'FULL';

const AUTH_RANK: Record<AuthModeName, number> = { NONE: 0, CUSTOM_FUNCTION: 1, LIMITED: 2, FULL: 3 };

export const SCOPES = {
  spreadsheetsCurrentOnly: 'https://www.googleapis.com/auth/spreadsheets.currentonly',
  spreadsheets: 'https://www.googleapis.com/auth/spreadsheets',
  containerUi: 'https://www.googleapis.com/auth/script.container.ui',
  sendMail: 'https://www.googleapis.com/auth/script.send_mail',
  scriptApp: 'https://www.googleapis.com/auth/script.scriptapp',
  userinfoEmail: 'https://www.googleapis.com/auth/userinfo.email',
} as const;

/** What a method needs: the lowest auth mode that may call it and the scopes of which one suffices. */
export interface MethodPolicy {
  minAuth?: AuthModeName;
  /** Any one of these scopes grants the call. Empty or absent: no scope needed. */
  scopes?: readonly string[];
}

export interface MenuItemSpec {
  kind: 'item';
  caption: string;
  functionName: string;
}
export interface MenuSpec {
  title: string;
  /** createAddonMenu() menus live under Extensions > (add-on name). */
  addon: boolean;
  items: (MenuItemSpec | { kind: 'separator' } | { kind: 'submenu'; menu: MenuSpec })[];
}

export interface UiRequest {
  kind: 'alert' | 'prompt';
  title: string;
  prompt: string;
  buttons: string;
}
export interface UiResponse {
  button: 'OK' | 'CANCEL' | 'YES' | 'NO' | 'CLOSE';
  text?: string;
}

/** What an execution showed the user; the playground renders these, tests assert on them. */
export interface Effects {
  menus: MenuSpec[];
  sidebar: { title: string; html: string; width: number } | null;
  dialogs: { title: string; html: string; width: number; height: number; modal: boolean }[];
  alerts: (UiRequest & { response: UiResponse })[];
  toasts: { message: string; title: string; timeoutSeconds: number }[];
  logs: { level: 'log' | 'info' | 'warn' | 'error'; message: string }[];
}

export interface ExecutionOptions {
  /** Runs as this user (default: the state's active user). */
  user?: string;
  /**
   * Whose authority the script runs with (Session.getEffectiveUser, MailApp's sender and quota):
   * the trigger's owner when an installable trigger fires for another user. Default: `user`.
   */
  effectiveUser?: string;
  authMode?: AuthModeName;
  /** Simple triggers get 30 s; everything else 6 min. */
  timeLimitMs?: number;
  /**
   * Called before every counted call with its name ("Range.setValues") and 1-based index in this
   * execution. Throw to inject a fault; run another execution to interleave.
   */
  onCall?: (name: string, index: number) => void;
  /** Answers Ui.alert / Ui.prompt (default: OK / CANCEL for prompts). */
  uiResponder?: (request: UiRequest) => UiResponse;
  /** Receives console / Logger output as it happens (in addition to effects.logs). */
  console?: Pick<Console, 'log' | 'info' | 'warn' | 'error'>;
}

/** The realm of the sandbox the script runs in: values handed to the script are made there. */
export interface Realm {
  Date: DateConstructor;
  Error: ErrorConstructor;
}

export class CallCounter {
  readonly byMethod = new Map<string, number>();
  total = 0;

  add(name: string): void {
    this.total++;
    this.byMethod.set(name, (this.byMethod.get(name) ?? 0) + 1);
  }

  /** Calls whose name starts with one of the prefixes ("Range.", "SpreadsheetApp."). */
  count(...prefixes: string[]): number {
    let n = 0;
    for (const [name, c] of this.byMethod) if (prefixes.some((p) => name.startsWith(p))) n += c;
    return n;
  }

  toJSON(): Record<string, number> {
    return Object.fromEntries([...this.byMethod].sort(([a], [b]) => a.localeCompare(b)));
  }
}

/** Services of the spreadsheet family: what the benchmark and tests call "spreadsheet calls". */
export const SPREADSHEET_SERVICE_PREFIXES = [
  'SpreadsheetApp.',
  'Spreadsheet.',
  'Sheet.',
  'Range.',
  'RangeList.',
  'Protection.',
  'DataValidation.',
  'DataValidationBuilder.',
  'DeveloperMetadata.',
  'DeveloperMetadataFinder.',
  'TextFinder.',
];

export class ExecutionContext {
  readonly calls = new CallCounter();
  readonly effects: Effects = { menus: [], sidebar: null, dialogs: [], alerts: [], toasts: [], logs: [] };
  readonly user: string;
  readonly authMode: AuthModeName;
  readonly startedAt: number;
  readonly timeLimitMs: number;
  /** Set by the sandbox once the script's realm exists; until then Node's own constructors. */
  realm: Realm = { Date, Error };
  private readonly endHandlers: (() => void)[] = [];
  private ended = false;

  constructor(
    readonly id: number,
    readonly state: EmulatorState,
    private readonly clock: { now(): number; advance(ms: number): void },
    readonly options: ExecutionOptions,
  ) {
    this.user = options.user ?? state.users.active;
    this.authMode = options.authMode ?? 'FULL';
    this.startedAt = clock.now();
    this.timeLimitMs = options.timeLimitMs ?? 6 * 60 * 1000;
  }

  now(): number {
    return this.clock.now();
  }

  /** Emulated waiting (Utilities.sleep, waitLock): advances the clock instead of blocking. */
  sleep(ms: number): void {
    this.clock.advance(ms);
  }

  /**
   * Entry of every emulated method: counts it, then applies fault hooks, the time limit, the
   * auth mode and the manifest's scopes, throwing the error Apps Script throws.
   */
  enter(name: string, policy: MethodPolicy = {}): void {
    if (this.ended) throw this.error(`not emulated: ${name} called after its execution ended`);
    this.calls.add(name);
    this.options.onCall?.(name, this.calls.total);
    if (this.now() - this.startedAt > this.timeLimitMs) {
      throw this.error('Exceeded maximum execution time');
    }
    const minAuth = policy.minAuth ?? 'LIMITED';
    if (AUTH_RANK[this.authMode] < AUTH_RANK[minAuth]) {
      throw this.error(`You do not have permission to call ${name}. Required permissions: ${requiredPermissions(policy.scopes)}`);
    }
    if (policy.scopes && policy.scopes.length > 0 && !policy.scopes.some((s) => this.state.scopes.includes(s))) {
      throw this.error(`You do not have permission to call ${name}. Required permissions: ${requiredPermissions(policy.scopes)}`);
    }
  }

  /** An Apps Script service error: name "Exception", made in the script's realm. */
  error(message: string): Error {
    const e = new this.realm.Error(message);
    e.name = 'Exception';
    return e;
  }

  /** A TypeError-like error for bad arguments, as Apps Script's parameter checks throw them. */
  argumentError(method: string, detail?: string): Error {
    return this.error(
      `The parameters (${detail ?? '...'}) don't match the method signature for ${method}.`,
    );
  }

  makeDate(ms: number): Date {
    return new this.realm.Date(ms);
  }

  log(level: Effects['logs'][number]['level'], message: string): void {
    this.effects.logs.push({ level, message });
    this.options.console?.[level](message);
  }

  onEnd(handler: () => void): void {
    this.endHandlers.push(handler);
  }

  /** Ends the execution: releases what it held (locks), like Apps Script does when a script returns. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    for (const h of this.endHandlers.splice(0)) h();
  }

  get isEnded(): boolean {
    return this.ended;
  }
}

/**
 * How Apps Script lists the scopes a refused call needs: one scope alone, alternatives as
 * "(a || b)" (e.g. "(https://www.googleapis.com/auth/spreadsheets.currentonly ||
 * https://www.googleapis.com/auth/spreadsheets)" for SpreadsheetApp.getActiveSpreadsheet).
 */
function requiredPermissions(scopes: readonly string[] | undefined): string {
  if (!scopes || scopes.length === 0) return 'authorization';
  return scopes.length === 1 ? scopes[0] : `(${scopes.join(' || ')})`;
}

/** True for a Date from any realm (sandbox Dates fail `instanceof Date` here). */
export function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}

/** Property names that tooling probes on any object; they must stay undefined, not "not emulated". */
const PROBED = new Set(['then', 'toJSON', 'constructor', 'asymmetricMatch', 'nodeType', 'inspect', '$$typeof', 'prototype', 'length', 'name', 'toString', 'valueOf']);

/**
 * Wraps a service object so each method call goes through ctx.enter(`${typeName}.${method}`).
 * Methods that return the object itself return the wrapper (chaining keeps counting). A method the
 * emulator does not implement throws "not emulated: Type.method" instead of silently doing nothing.
 */
export function instrument<T extends object>(
  ctx: ExecutionContext,
  typeName: string,
  target: T,
  policies: Record<string, MethodPolicy> = {},
  defaultPolicy: MethodPolicy = {},
): T {
  const wrappers = new Map<PropertyKey, unknown>();
  const proxy: T = new Proxy(target, {
    get(obj, prop, receiver) {
      if (typeof prop === 'symbol') return Reflect.get(obj, prop, receiver);
      if (wrappers.has(prop)) return wrappers.get(prop);
      const value = Reflect.get(obj, prop, obj);
      if (typeof value === 'function' && !prop.startsWith('_')) {
        const name = `${typeName}.${prop}`;
        const policy = policies[prop] ?? defaultPolicy;
        const wrapped = function (this: unknown, ...args: unknown[]) {
          ctx.enter(name, policy);
          const out = (value as (...a: unknown[]) => unknown).apply(obj, args);
          return out === obj ? proxy : out;
        };
        wrappers.set(prop, wrapped);
        return wrapped;
      }
      if (value === undefined && !(prop in obj) && !PROBED.has(prop) && /^[a-z][A-Za-z0-9]*$/.test(prop)) {
        return () => {
          throw ctx.error(`not emulated: ${typeName}.${prop}`);
        };
      }
      return value;
    },
  });
  return proxy;
}
