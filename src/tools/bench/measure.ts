/**
 * Measures one execution of a script function as Apps Script runs it (a fresh sandbox per
 * execution): its service calls (spreadsheet family vs the rest), google.script.run round trips,
 * CPU time (process.cpuUsage, user + system, around loading the script and running the function),
 * peak RSS (sampled before, at every 256th service call and after) and the heap growth
 * (heapUsed after − before, with a forced GC before when available).
 */
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import type { Emulator } from '../../emulator/emulator';
import { SPREADSHEET_SERVICE_PREFIXES } from '../../emulator/context';
import { intoRealm, runFunction } from '../../emulator/sandbox';

export interface ExecutionMeasure {
  ok: boolean;
  error?: string;
  spreadsheetCalls: number;
  otherCalls: number;
  totalCalls: number;
  roundTrips: number;
  cpuMs: number;
  peakRssMB: number;
  heapDeltaMB: number;
  byMethod: Record<string, number>;
}

// A forced GC before each measure makes heap deltas comparable; `--expose-gc` set at run time.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as (() => void) | undefined;

const MB = 1024 * 1024;

export interface Invocation {
  codePath: string;
  functionName: string;
  /** JSON payload for a google.script.run call (one round trip); absent for a menu-run function. */
  payload?: unknown;
  viaScriptRun: boolean;
}

/** Runs one execution and measures it; the value is the function's result copied out as JSON. */
export function measureExecution(emulator: Emulator, call: Invocation): { measure: ExecutionMeasure; value: unknown } {
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let peakRss = process.memoryUsage.rss();
  const cpuBefore = process.cpuUsage();
  let value: unknown;
  const r = runFunction(emulator, call.functionName, {
    codePath: call.codePath,
    authMode: 'FULL',
    args: (_g, sandbox) => (call.payload === undefined ? [] : [intoRealm(sandbox, JSON.parse(JSON.stringify(call.payload)))]),
    onCall: (_name, index) => {
      if ((index & 255) === 0) peakRss = Math.max(peakRss, process.memoryUsage.rss());
    },
  });
  // google.script.run returns JSON: the copy is part of the round trip's cost.
  if (r.ok) value = r.value === undefined ? null : JSON.parse(JSON.stringify(r.value));
  const cpu = process.cpuUsage(cpuBefore);
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
  const heapAfter = process.memoryUsage().heapUsed;
  const spreadsheetCalls = r.calls.count(...SPREADSHEET_SERVICE_PREFIXES);
  return {
    value,
    measure: {
      ok: r.ok,
      ...(r.ok ? {} : { error: r.error?.message ?? 'unknown error' }),
      spreadsheetCalls,
      otherCalls: r.calls.total - spreadsheetCalls,
      totalCalls: r.calls.total,
      roundTrips: call.viaScriptRun ? 1 : 0,
      cpuMs: (cpu.user + cpu.system) / 1000,
      peakRssMB: peakRss / MB,
      heapDeltaMB: (heapAfter - heapBefore) / MB,
      byMethod: r.calls.toJSON(),
    },
  };
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
