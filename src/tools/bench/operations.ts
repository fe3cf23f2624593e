/**
 * The operation runner: for each spec size, builds the workbook once (setup, not measured), then
 * runs each operation the add-on offers on the built bundle, each in a fresh execution and, where the
 * operation writes, on a fresh copy of the workbook — median CPU of `runs` runs — plus the naive
 * hand-written "check + colour" on the same workbook. Operations the add-on does not have yet are
 * listed as "not built yet", never faked.
 */
import type { Emulator } from '../../emulator/emulator';
import { runFunction } from '../../emulator/sandbox';
import { measureExecution, median, type ExecutionMeasure, type Invocation } from './measure';
import { NAIVE_FUNCTION, writeNaiveScript } from './naive-script';
import { changeCells, generateSpec } from './spec-generator';
import { limitUsage, storedBytes, type LimitUsage, type StoredBytes } from './storage';
import { buildWorkbook, cloneEmulator, CODE_PATH, MAPPING_TAB, rewriteRows, VALUE_MAP_TAB } from './workbook';

export type OperationId = 'open-sidebar' | 'check-colour' | 'tag-version' | 'diff-versions' | 'diff-version-live' | 'notification-digest' | 'request-review' | 'naive-check-colour';

export const OPERATION_LABELS: Record<OperationId, string> = {
  'open-sidebar': 'Open the sidebar (getSidebarState)',
  'check-colour': 'Check + colour (runChecks)',
  'tag-version': 'Tag a version (tagVersion)',
  'diff-versions': 'Diff v1 → v2 (diffVersions)',
  'diff-version-live': 'Diff v1 → live (diffVersions)',
  'notification-digest': 'Notification digest (issue 7)',
  'request-review': 'Request review (issue 6)',
  'naive-check-colour': 'Naive check + colour (hand-written)',
};

export interface OperationResult {
  operation: OperationId;
  label: string;
  rows: number;
  status: 'measured' | 'not built yet' | 'skipped' | 'failed';
  note?: string;
  /** Medians over the runs (calls are the same every run; CPU and memory vary). */
  spreadsheetCalls?: number;
  otherCalls?: number;
  roundTrips?: number;
  cpuMs?: number;
  cpuMsRuns?: number[];
  peakRssMB?: number;
  heapDeltaMB?: number;
  byMethod?: Record<string, number>;
  storage?: StoredBytes;
  limits?: LimitUsage;
}

export interface SizeOptions {
  runs: number;
  /** Skip the naive script at this size (say why in the result). */
  skipNaive?: string;
  log?: (message: string) => void;
}

const SPEC_TABS = [MAPPING_TAB, VALUE_MAP_TAB];

function ensureOk(name: string, r: { ok: boolean; error?: { message: string } }): void {
  if (!r.ok) throw new Error(`setup: ${name} failed: ${r.error?.message}`);
}

/**
 * Measures one operation `runs` times. `fresh` makes the workbook for each run (a copy when the
 * operation writes); the result's storage and limits are read from the last run's workbook.
 */
function measureOperation(operation: OperationId, rows: number, runs: number, fresh: () => Emulator, call: Invocation, check?: (value: unknown) => string | undefined): OperationResult {
  const measures: ExecutionMeasure[] = [];
  let last: Emulator | undefined;
  for (let i = 0; i < runs; i++) {
    last = fresh();
    const { measure, value } = measureExecution(last, call);
    if (!measure.ok) return { operation, label: OPERATION_LABELS[operation], rows, status: 'failed', note: measure.error };
    const problem = check?.(value);
    if (problem) return { operation, label: OPERATION_LABELS[operation], rows, status: 'failed', note: problem };
    measures.push(measure);
  }
  const first = measures[0]!;
  return {
    operation,
    label: OPERATION_LABELS[operation],
    rows,
    status: 'measured',
    spreadsheetCalls: median(measures.map((m) => m.spreadsheetCalls)),
    otherCalls: median(measures.map((m) => m.otherCalls)),
    roundTrips: first.roundTrips,
    cpuMs: median(measures.map((m) => m.cpuMs)),
    cpuMsRuns: measures.map((m) => m.cpuMs),
    peakRssMB: Math.max(...measures.map((m) => m.peakRssMB)),
    heapDeltaMB: median(measures.map((m) => m.heapDeltaMB)),
    byMethod: first.byMethod,
    storage: storedBytes(last!.state, SPEC_TABS),
    limits: limitUsage(last!.state),
  };
}

const server = (functionName: string, payload: unknown): Invocation => ({ codePath: CODE_PATH, functionName, payload, viaScriptRun: true });

/** Runs every operation at one spec size. */
export function runSize(rows: number, options: SizeOptions, naivePath = writeNaiveScript()): OperationResult[] {
  const log = options.log ?? (() => undefined);
  const { runs } = options;
  const spec = generateSpec(rows);
  const base = buildWorkbook(spec);
  const results: OperationResult[] = [];

  log(`${rows} rows: open the sidebar`);
  results.push(measureOperation('open-sidebar', rows, runs, () => base, server('getSidebarState', {})));
  log(`${rows} rows: check + colour`);
  results.push(measureOperation('check-colour', rows, runs, () => cloneEmulator(base), server('runChecks', {})));
  log(`${rows} rows: tag a version`);
  results.push(measureOperation('tag-version', rows, runs, () => cloneEmulator(base), server('tagVersion', { note: 'Benchmark' })));

  // Setup for the diffs (not measured): tag v1, change ~1% of the cells, [live diff here], tag v2.
  const versioned = cloneEmulator(base);
  ensureOk('tagVersion v1', runFunction(versioned, 'tagVersion', { codePath: CODE_PATH, args: [{ label: 'v1', note: 'Before' }] }));
  const edited = spec.rows.map((r) => [...r]);
  const changed = changeCells(edited, 0.01);
  rewriteRows(versioned, edited);
  const expectDiff = (value: unknown) => {
    const d = value as { diff?: { summary?: { changed?: number } } };
    return (d.diff?.summary?.changed ?? 0) > 0 ? undefined : 'the diff found no changed rows';
  };
  log(`${rows} rows: diff v1 → live (${changed} cells changed)`);
  const live = measureOperation('diff-version-live', rows, runs, () => versioned, server('diffVersions', { from: 'v1', to: 'live' }), expectDiff);
  ensureOk('tagVersion v2', runFunction(versioned, 'tagVersion', { codePath: CODE_PATH, args: [{ label: 'v2', note: 'After' }] }));
  log(`${rows} rows: diff v1 → v2`);
  results.push(measureOperation('diff-versions', rows, runs, () => versioned, server('diffVersions', { from: 'v1', to: 'v2' }), expectDiff));
  results.push(live);
  for (const r of results.slice(-2)) r.note = `${changed} cells (1%) changed between v1 and v2 / live`;

  results.push({ operation: 'notification-digest', label: OPERATION_LABELS['notification-digest'], rows, status: 'not built yet' });
  results.push({ operation: 'request-review', label: OPERATION_LABELS['request-review'], rows, status: 'not built yet' });

  if (options.skipNaive) {
    results.push({ operation: 'naive-check-colour', label: OPERATION_LABELS['naive-check-colour'], rows, status: 'skipped', note: options.skipNaive });
  } else {
    log(`${rows} rows: naive check + colour`);
    results.push(measureOperation('naive-check-colour', rows, runs, () => cloneEmulator(base), { codePath: naivePath, functionName: NAIVE_FUNCTION, viaScriptRun: false }));
  }
  return results;
}
