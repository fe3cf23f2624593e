/**
 * console and Logger: what a script logs goes to ctx.log (the execution's effects and the
 * playground's console). Both work in every auth mode.
 *
 * console formats like the browser / Node console Apps Script's V8 runtime mirrors (%s %d %i %f %o
 * %O %j and objects inspected). Logger.log(format, ...values) formats Java-style (%s, %d, %.2f...)
 * as the Logger reference describes; Logger.log(object) prints JSON here (Apps Script prints a
 * Java-like rendering such as {a=1.0}, not reproduced). getLog() returns this execution's Logger
 * messages joined by newlines, without Apps Script's timestamp prefixes.
 */
import { format } from 'node:util';
import type { ExecutionContext, MethodPolicy } from '../context';
import { instrument, isDate } from '../context';
import { formatJava } from './utilities';

const POLICY: MethodPolicy = { minAuth: 'NONE' };

export function createConsole(ctx: ExecutionContext): Pick<Console, 'log' | 'info' | 'warn' | 'error'> {
  const timers = new Map<string, number>();
  const con = {
    log: (...args: unknown[]) => ctx.log('log', format(...args)),
    info: (...args: unknown[]) => ctx.log('info', format(...args)),
    warn: (...args: unknown[]) => ctx.log('warn', format(...args)),
    error: (...args: unknown[]) => ctx.log('error', format(...args)),
    time: (label = 'default') => void timers.set(String(label), ctx.now()),
    timeEnd: (label = 'default') => {
      const started = timers.get(String(label));
      if (started === undefined) return;
      timers.delete(String(label));
      ctx.log('log', `${String(label)}: ${ctx.now() - started}ms`);
    },
  };
  return instrument(ctx, 'console', con, {}, POLICY);
}

function loggable(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined || typeof v !== 'object') return String(v);
  if (isDate(v)) return String(v);
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}

export function createLogger(ctx: ExecutionContext): GoogleAppsScript.Base.Logger {
  let lines: string[] = [];
  const logger: GoogleAppsScript.Base.Logger = {
    log(...args: unknown[]) {
      const message =
        args.length > 1 && typeof args[0] === 'string' ? formatJava(null, args[0], args.slice(1).map(loggableArg)) : loggable(args[0]);
      lines.push(message);
      ctx.log('log', message);
      return logger;
    },
    getLog: () => lines.join('\n'),
    clear: () => {
      lines = [];
    },
  } as GoogleAppsScript.Base.Logger;
  return instrument(ctx, 'Logger', logger, {}, POLICY);
}

/** Objects passed to a Logger format print as JSON; numbers and strings stay as they are. */
function loggableArg(v: unknown): unknown {
  return typeof v === 'object' && v !== null && !isDate(v) ? loggable(v) : v;
}
