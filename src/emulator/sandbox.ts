/**
 * Runs a built Apps Script file (build/Code.js) the way Apps Script does: in a fresh realm whose
 * only globals are the emulated services of one execution (gas-local's vm sandbox), calling a
 * top-level function by name. Tests, the playground and the command line all run the add-on through
 * here, so they exercise exactly what `clasp push` uploads.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import type { Emulator } from './emulator';
import type { Effects, ExecutionContext, ExecutionOptions } from './context';
import type { AppsScriptGlobals } from './globals';

// gas-local has no type declarations; its require(folder, globals, { filter }) loads .js files.
interface GasLocal {
  require(dir: string, globals: object, options?: { filter?: (file: string) => boolean }): vm.Context;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const gasLocal: GasLocal = require('gas-local');

export const DEFAULT_CODE_PATH = path.resolve(__dirname, '../../build/Code.js');

export interface RunOptions extends ExecutionOptions {
  /** The built script (default build/Code.js). */
  codePath?: string;
  /** Arguments, or a function that makes them from this execution's globals (event objects). */
  args?: unknown[] | ((globals: AppsScriptGlobals, sandbox: vm.Context) => unknown[]);
}

export interface RunResult<T = unknown> {
  ok: boolean;
  /** The function's return value (objects from the sandbox realm). */
  value?: T;
  /** The thrown error, when not ok. */
  error?: { name: string; message: string; stack?: string };
  effects: Effects;
  calls: ExecutionContext['calls'];
  ctx: ExecutionContext;
}

/**
 * Loads the script into a fresh sandbox for one execution. The sandbox's globals object is made new
 * each time (gas-local mutates it), and values the services hand the script are made in its realm.
 */
export function loadScript(emulator: Emulator, options: RunOptions = {}) {
  const codePath = path.resolve(options.codePath ?? DEFAULT_CODE_PATH);
  if (!fs.existsSync(codePath)) throw new Error(`${codePath} does not exist: run \`npm run build\` first`);
  const execution = emulator.execution(options);
  const globals: Record<string, unknown> = { ...execution.globals };
  const sandbox = gasLocal.require(path.dirname(codePath), globals, {
    filter: (file) => path.resolve(file) === codePath,
  });
  useEmulatorClock(sandbox, emulator.state.clockOffsetMs);
  execution.ctx.realm = {
    Date: vm.runInContext('Date', sandbox) as DateConstructor,
    Error: vm.runInContext('Error', sandbox) as ErrorConstructor,
  };
  return { execution, sandbox, globals: execution.globals };
}

/**
 * The script's clock is the emulator's: once time has been advanced (advanceTime, "An hour passes"),
 * `new Date()` and `Date.now()` in the script say the simulated time, as they would in Apps Script
 * when the trigger really fires an hour later. Dates built from arguments are unchanged.
 */
function useEmulatorClock(sandbox: vm.Context, offsetMs: number): void {
  if (!offsetMs) return;
  vm.runInContext(
    `(function (offset) {
      var RealDate = Date;
      var ClockDate = function Date(a, b, c, d, e, f, g) {
        if (!new.target) return new RealDate(RealDate.now() + offset).toString();
        var n = arguments.length;
        return n === 0 ? new RealDate(RealDate.now() + offset)
          : n === 1 ? new RealDate(a) : new RealDate(a, b, n > 2 ? c : 1, n > 3 ? d : 0, n > 4 ? e : 0, n > 5 ? f : 0, n > 6 ? g : 0);
      };
      ClockDate.prototype = RealDate.prototype;
      ClockDate.now = function () { return RealDate.now() + offset; };
      ClockDate.parse = RealDate.parse;
      ClockDate.UTC = RealDate.UTC;
      Object.defineProperty(RealDate.prototype, 'constructor', { value: ClockDate, writable: true, configurable: true });
      Date = ClockDate;
    })`,
    sandbox,
  )(offsetMs);
}

/** Runs one top-level function in a fresh execution and ends it (locks released), as Apps Script does. */
export function runFunction<T = unknown>(emulator: Emulator, functionName: string, options: RunOptions = {}): RunResult<T> {
  const { execution, sandbox, globals } = loadScript(emulator, options);
  const ctx = execution.ctx;
  try {
    // Own properties only: Object.prototype's methods are not script functions.
    const fn = Object.prototype.hasOwnProperty.call(sandbox, functionName) ? (sandbox as Record<string, unknown>)[functionName] : undefined;
    if (typeof fn !== 'function') {
      // Apps Script's own message when a menu item or trigger names a missing function.
      throw ctx.error(`Script function not found: ${functionName}`);
    }
    const args = typeof options.args === 'function' ? options.args(globals, sandbox) : (options.args ?? []);
    const value = (fn as (...a: unknown[]) => T)(...args);
    return { ok: true, value, effects: ctx.effects, calls: ctx.calls, ctx };
  } catch (e) {
    const err = e as { name?: string; message?: string; stack?: string };
    return {
      ok: false,
      error: { name: String(err?.name ?? 'Error'), message: String(err?.message ?? e), stack: err?.stack },
      effects: ctx.effects,
      calls: ctx.calls,
      ctx,
    };
  } finally {
    execution.end();
  }
}

/** Copies plain JSON data into the sandbox's realm (arrays and objects there pass its instanceof). */
export function intoRealm(sandbox: vm.Context, value: unknown): unknown {
  if (value === undefined) return undefined;
  return (vm.runInContext('JSON.parse', sandbox) as (s: string) => unknown)(JSON.stringify(value));
}
