/**
 * The whole benchmark as a function: every size in turn (largest last), the naive script skipped at
 * a size whose estimated run time (4× the previous size's, per run) would pass ~60 s, then flags,
 * ratios and targets. `npm run bench` (main.ts) and test/tools/bench.test.ts both call it.
 */
import * as os from 'node:os';
import { runSize, type OperationResult } from './operations';
import { writeNaiveScript } from './naive-script';
import { computeFlags, computeRatios, computeTargets, type BenchResults } from './report';

export interface BenchOptions {
  sizes?: number[];
  runs?: number;
  /** Estimated naive wall time (ms, all runs) above which the naive script is skipped at a size. */
  naiveBudgetMs?: number;
  log?: (message: string) => void;
}

export const DEFAULT_SIZES = [500, 5000, 20000];

export function runBench(options: BenchOptions = {}): BenchResults {
  const started = Date.now();
  const sizes = [...(options.sizes ?? DEFAULT_SIZES)].sort((a, b) => a - b);
  const runs = options.runs ?? 3;
  const budget = options.naiveBudgetMs ?? 60_000;
  const naivePath = writeNaiveScript();
  const results: OperationResult[] = [];
  const notes: string[] = [];
  let previousNaive: { rows: number; ms: number } | undefined;
  for (const rows of sizes) {
    const estimate = previousNaive ? (previousNaive.ms * rows) / previousNaive.rows : 0;
    const skipNaive = estimate > budget ? `not run: estimated ${(estimate / 1000).toFixed(0)} s for ${runs} runs (over the ~${budget / 1000} s budget)` : undefined;
    if (skipNaive) notes.push(`The naive script was not run at ${rows} rows (${skipNaive}).`);
    const t = Date.now();
    const sized = runSize(rows, { runs, skipNaive, log: options.log }, naivePath);
    const naive = sized.find((r) => r.operation === 'naive-check-colour' && r.status === 'measured');
    if (naive) previousNaive = { rows, ms: naive.cpuMsRuns!.reduce((a, b) => a + b, 0) };
    options.log?.(`${rows} rows done in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    results.push(...sized);
  }
  const processMaxRssMB = process.resourceUsage().maxRSS / 1024;
  const flags = computeFlags(results);
  const ratios = computeRatios(results);
  const targets = computeTargets(results, ratios, flags, processMaxRssMB);
  notes.push(
    'Each operation runs the built build/Code.js in a fresh sandbox per execution (script load included in its CPU), with the manifest’s scopes; setup (template, data, versions to diff) is not measured.',
    'Spreadsheet calls: SpreadsheetApp, Spreadsheet, Sheet, Range and the other spreadsheet-family services; other calls: everything else (properties, lock, session, utilities…). Calls are the same each run; CPU is the median of the runs; peak RSS is the highest process RSS sampled before, every 256 service calls, and after (it includes the benchmark’s own copies of the workbook); heap Δ is heapUsed after − before, after a forced GC.',
    'Stored / raw: characters of the snapshot chunks in the hidden _mapspec_versions sheet plus the bytes of the version index property, per version, against the UTF-8 bytes of the spec tabs’ cell values.',
    'The emulator runs each service call in microseconds; in Apps Script each spreadsheet call is a round trip of tens of milliseconds, so the naive script’s real cost is dominated by its call count, not the CPU shown here.',
    'The notification digest (issue 7) and request review (issue 6) are not built yet: nothing is measured for them.',
  );
  return {
    generatedAt: new Date().toISOString(),
    sizes,
    runs,
    machine: { cpus: os.cpus().length, node: process.version },
    measures: {
      spreadsheetCalls: 'calls to the spreadsheet-family services (SPREADSHEET_SERVICE_PREFIXES)',
      otherCalls: 'all other emulated service calls',
      roundTrips: 'google.script.run calls from the sidebar (0 for a menu-run script)',
      cpuMs: 'process.cpuUsage user+system around loading the script and running the function; median of runs',
      peakRssMB: 'max process RSS sampled before, every 256 service calls, and after',
      heapDeltaMB: 'heapUsed after − before (forced GC before); median of runs',
    },
    results,
    ratios,
    flags,
    targets,
    notes,
    processMaxRssMB,
    wallSeconds: (Date.now() - started) / 1000,
  };
}
