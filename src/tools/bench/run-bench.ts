/**
 * The whole benchmark as a function: every size in turn (largest last), the naive script skipped at
 * a size whose estimated run time (4× the previous size's, per run) would pass ~60 s, then flags,
 * ratios and targets. `npm run bench` (main.ts) runs each size in its own child process
 * (size-child.ts), so one size's workbooks and garbage never count in another's memory;
 * test/tools/bench.test.ts runs in-process.
 */
import { spawnSync } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { runSize, setupPeakRssMB, type OperationResult } from './operations';
import { writeNaiveScript } from './naive-script';
import { computeFlags, computeRatios, computeTargets, type BenchResults } from './report';

export interface BenchOptions {
  sizes?: number[];
  runs?: number;
  /** Estimated naive wall time (ms, all runs) above which the naive script is skipped at a size. */
  naiveBudgetMs?: number;
  log?: (message: string) => void;
  /** Each size in its own child process (what `npm run bench` does). */
  isolate?: boolean;
  /** Where memory is measured (see SizeOptions.memory); default 'child'. */
  memory?: 'child' | 'in-process';
}

export const DEFAULT_SIZES = [500, 5000, 20000];

/** What one size's run hands back (from a child process as JSON on stdout). */
export interface SizeRun {
  results: OperationResult[];
  /** The process's highest RSS: while building the fixtures, or during any measured execution (MB). */
  processPeakRssMB: number;
}

export function runSizeHere(rows: number, runs: number, skipNaive: string | undefined, log?: (m: string) => void, naivePath = writeNaiveScript(), memory: 'child' | 'in-process' = 'child'): SizeRun {
  const results = runSize(rows, { runs, skipNaive, log, memory }, naivePath);
  const peaks = results.map((r) => r.peakRssMB ?? 0);
  return { results, processPeakRssMB: Math.max(setupPeakRssMB, ...peaks) };
}

function runSizeInChild(rows: number, runs: number, skipNaive: string | undefined): SizeRun {
  const child = path.join(__dirname, 'size-child.ts');
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', child, String(rows), String(runs), skipNaive ?? ''], {
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`the ${rows}-row run failed (exit ${r.status ?? r.signal})`);
  return JSON.parse(r.stdout) as SizeRun;
}

export function runBench(options: BenchOptions = {}): BenchResults {
  const started = Date.now();
  const sizes = [...(options.sizes ?? DEFAULT_SIZES)].sort((a, b) => a - b);
  const runs = options.runs ?? 3;
  const budget = options.naiveBudgetMs ?? 60_000;
  const naivePath = writeNaiveScript();
  const results: OperationResult[] = [];
  const notes: string[] = [];
  const processPeakRssMB: Record<string, number> = {};
  let previousNaive: { rows: number; ms: number } | undefined;
  for (const rows of sizes) {
    const estimate = previousNaive ? (previousNaive.ms * rows) / previousNaive.rows : 0;
    const skipNaive = estimate > budget ? `not run: estimated ${(estimate / 1000).toFixed(0)} s for ${runs} runs (over the ~${budget / 1000} s budget)` : undefined;
    if (skipNaive) notes.push(`The naive script was not run at ${rows} rows (${skipNaive}).`);
    const t = Date.now();
    const sized = options.isolate ? runSizeInChild(rows, runs, skipNaive) : runSizeHere(rows, runs, skipNaive, options.log, naivePath, options.memory);
    processPeakRssMB[String(rows)] = sized.processPeakRssMB;
    const naive = sized.results.find((r) => r.operation === 'naive-check-colour' && r.status === 'measured');
    if (naive) previousNaive = { rows, ms: naive.cpuMsRuns!.reduce((a, b) => a + b, 0) };
    options.log?.(`${rows} rows done in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    results.push(...sized.results);
  }
  const flags = computeFlags(results);
  const ratios = computeRatios(results);
  const targets = computeTargets(results, ratios, flags);
  notes.push(...benchNotes(results, sizes, !!options.isolate, options.memory ?? 'child'));
  return {
    generatedAt: new Date().toISOString(),
    sizes,
    runs,
    machine: { cpus: os.cpus().length, node: process.version },
    measures: {
      spreadsheetCalls: 'calls to the spreadsheet-family services (SPREADSHEET_SERVICE_PREFIXES)',
      otherCalls: 'all other emulated service calls',
      roundTrips: 'google.script.run calls from the sidebar (0 for a menu-run script or a trigger)',
      cpuMs: 'process.cpuUsage user+system around loading the script and running the function; median of runs',
      execPeakMB: 'peak RSS during the execution (VmHWM, reset before) − RSS just before (forced GC), in a fresh child process per operation',
      heapPeakMB: 'highest heapUsed sampled at every service call and after − heapUsed before (forced GC), same child execution',
      peakRssMB: 'the child process’s peak RSS during the execution (Node, emulator and the emulated workbook included)',
    },
    results,
    ratios,
    flags,
    targets,
    notes,
    processPeakRssMB,
    wallSeconds: (Date.now() - started) / 1000,
  };
}

/** The notes printed under the tables: how each figure was taken. */
export function benchNotes(results: OperationResult[], sizes: number[], isolate: boolean, memory: 'child' | 'in-process'): string[] {
  const notBuilt = results.filter((r) => r.status === 'not built' && r.rows === sizes[0]);
  return [
    'Each operation runs the built build/Code.js in a fresh sandbox per execution (script load included in its CPU), with the manifest’s scopes, on its own fresh copy of the workbook; setup (template, data, versions to diff, the approver list, notifications turned on with edits made after) is not measured.',
    `Memory (${memory === 'child' ? 'one more execution per operation in a fresh child process holding only Node, the emulator and its workbook' : 'from the measured runs themselves, in the benchmark’s process: exec peak reads low'}): “exec peak” is the process’s peak RSS during the execution (Linux’s exact high-water mark, reset just before it) minus its RSS just before (after a forced GC) — the script realm with Code.js compiled, every value the services hand the script, its own copies, and the emulated services’ working buffers (in Apps Script those live on Google’s side, so this errs high). “Heap peak” is the highest V8 heapUsed sampled at every service call and after, minus before. An operation’s memory, checked against the 300 MB target, is the larger of the two. “Process RSS” is the whole process at the execution’s peak: Node, tsx, the emulator and the emulated workbook, which in Apps Script is not in the script’s memory at all. ${isolate ? 'Each size runs in its own child process.' : 'All sizes ran in one process.'}`,
    'Spreadsheet calls: SpreadsheetApp, Spreadsheet, Sheet, Range and the other spreadsheet-family services; other calls: everything else (properties, lock, session, utilities…). Calls are the same each run; CPU is the median of the runs.',
    'Stored / raw: characters of the snapshot chunks in the hidden _mapspec_versions sheet plus the bytes of the version index property, per version, against the UTF-8 bytes of the spec tabs’ cell values.',
    'The emulator runs each service call in microseconds; in Apps Script each spreadsheet call is a round trip of tens of milliseconds, so the naive script’s real cost is dominated by its call count, not the CPU shown here.',
    ...notBuilt.map((r) => `${r.label}: not built — ${r.note}; nothing is measured for it.`),
  ];
}
