/**
 * Measures one execution of a script function as Apps Script runs it (a fresh sandbox per
 * execution): its service calls (spreadsheet family vs the rest), google.script.run round trips,
 * CPU time (process.cpuUsage, user + system, around loading the script and running the function)
 * and its memory:
 * - execution peak: the process's peak RSS during the execution (Linux's exact high-water mark,
 *   VmHWM, reset just before it through /proc/self/clear_refs) minus its RSS just before (after a
 *   forced GC). That is what running the add-on's code adds at its worst: the script realm with
 *   Code.js compiled, every value the services hand it, its own copies, and the emulated services'
 *   working buffers (which in Apps Script live on Google's side, so this errs high).
 * - process peak: that high-water mark itself, which also counts Node, the emulator and the one
 *   emulated workbook the execution runs on (in Apps Script the spreadsheet is not in the script's
 *   memory at all).
 * - heap peak: the largest V8 heapUsed sampled at service calls and after, minus heapUsed before.
 *   RSS can read lower than the heap when the execution reuses pages the process already had, so
 *   the operation's memory is the larger of the two (see report.ts).
 * Where /proc/self/clear_refs cannot be written, the peak falls back to RSS sampled at service calls
 * and after (it may then miss a peak between two calls), and the measure says so.
 */
import * as fs from 'node:fs';
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
  /** Peak RSS during the execution − RSS just before it (MB). */
  execPeakMB: number;
  /** Peak process RSS during the execution (MB). */
  peakRssMB: number;
  /** Highest sampled heapUsed during the execution − heapUsed before (MB). */
  heapPeakMB: number;
  /** How the peak RSS was taken: 'high-water mark' (exact) or 'sampled'. */
  peakSource: 'high-water mark' | 'sampled';
  byMethod: Record<string, number>;
}

// A forced GC before each measure makes the "before" figures comparable; `--expose-gc` set at run time.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as (() => void) | undefined;

const MB = 1024 * 1024;

/** Resets the kernel's peak-RSS mark for this process; false where it cannot (not Linux, no permission). */
export function resetPeakRss(): boolean {
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

/** The kernel's peak RSS of this process since the last reset (bytes), or undefined. */
export function peakRssBytes(): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

export interface Invocation {
  codePath: string;
  functionName: string;
  /** JSON payload for a google.script.run call (one round trip); absent for a menu-run function. */
  payload?: unknown;
  viaScriptRun: boolean;
}

/**
 * Runs one execution and measures it; the value is the function's result copied out as JSON.
 * `sampleEvery`: the heap is sampled every that many service calls (a power of two; 1 in the
 * memory runs, where the few µs each sample costs do not matter; 64 where CPU is measured).
 */
export function measureExecution(emulator: Emulator, call: Invocation, sampleEvery = 64): { measure: ExecutionMeasure; value: unknown } {
  const mask = sampleEvery - 1;
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const rssBefore = process.memoryUsage.rss();
  const exact = resetPeakRss();
  let sampledRss = rssBefore;
  let heapPeak = heapBefore;
  const cpuBefore = process.cpuUsage();
  let value: unknown;
  const r = runFunction(emulator, call.functionName, {
    codePath: call.codePath,
    authMode: 'FULL',
    args: (_g, sandbox) => (call.payload === undefined ? [] : [intoRealm(sandbox, JSON.parse(JSON.stringify(call.payload)))]),
    onCall: (_name, index) => {
      if ((index & mask) === 0) {
        heapPeak = Math.max(heapPeak, v8.getHeapStatistics().used_heap_size);
        if (!exact) sampledRss = Math.max(sampledRss, process.memoryUsage.rss());
      }
    },
  });
  // google.script.run returns JSON: the copy is part of the round trip's cost.
  if (r.ok) value = r.value === undefined ? null : JSON.parse(JSON.stringify(r.value));
  const cpu = process.cpuUsage(cpuBefore);
  heapPeak = Math.max(heapPeak, v8.getHeapStatistics().used_heap_size);
  sampledRss = Math.max(sampledRss, process.memoryUsage.rss());
  const hwm = exact ? peakRssBytes() : undefined;
  const peakRss = hwm ?? sampledRss;
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
      execPeakMB: Math.max(0, peakRss - rssBefore) / MB,
      peakRssMB: peakRss / MB,
      heapPeakMB: Math.max(0, heapPeak - heapBefore) / MB,
      peakSource: hwm !== undefined ? 'high-water mark' : 'sampled',
      byMethod: r.calls.toJSON(),
    },
  };
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
