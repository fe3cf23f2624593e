/**
 * The operations the benchmark measures, as one typed list (OPERATIONS): each entry names a
 * top-level function of the built Code.js, how the user reaches it (google.script.run, a trigger or
 * a menu), its payload and the workbook it runs on. An entry whose function is not in the build is
 * reported as "not built" with the issue that builds it, never faked — adding an operation is adding
 * an entry. The runner builds each size's workbooks once (setup, not measured) and keeps them
 * serialised, so each measured run starts from its own fresh copy and the process holds only the
 * workbook the execution runs on.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import type { Emulator } from '../../emulator/emulator';
import { loadScript, runFunction } from '../../emulator/sandbox';
import { measureExecution, median, peakRssBytes, type ExecutionMeasure, type Invocation } from './measure';
import { NAIVE_FUNCTION, writeNaiveScript } from './naive-script';
import { digestProblem, editedCells, importSystems, notificationEdits, prepareNotifications, REVIEW_APPROVERS, setApprovers } from './setups';
import { changeCells, generateSpec } from './spec-generator';
import { limitUsage, storedBytes, type LimitUsage, type StoredBytes } from './storage';
import { buildWorkbook, CODE_PATH, MAPPING_TAB, newEmulator, rewriteRows, VALUE_MAP_TAB } from './workbook';

export type OperationId = 'open-sidebar' | 'check-colour' | 'check-systems' | 'tag-version' | 'tag-next-version' | 'diff-versions' | 'diff-version-live' | 'notification-digest' | 'request-review' | 'naive-check-colour';

/**
 * The workbooks an operation can run on: the generated spec, or the same with versions v1 and v2
 * tagged and ~1% of the cells changed between them (the live sheets equal v2), or that versioned
 * workbook with notifications turned on, edits made after and a day passed (setups.ts).
 */
export type WorkbookKind = 'spec' | 'versioned' | 'notifying';

export interface OperationSpec {
  id: OperationId;
  label: string;
  /** The script's top-level function (as the build generates it from the registry). */
  functionName: string;
  /** google.script.run is one round trip; a trigger or a menu item is none. */
  via: 'script-run' | 'trigger' | 'menu';
  payload?: unknown;
  workbook: WorkbookKind;
  /** The built add-on (build/Code.js) or the naive hand-written script. */
  script: 'addon' | 'naive';
  /** Unmeasured setup on the run's own copy of the workbook, just before the measured execution. */
  setup?: (emulator: Emulator) => void;
  /** A problem with the function's result (or the workbook after it), or undefined when it is what the operation should give. */
  check?: (value: unknown, emulator: Emulator) => string | undefined;
  /** Shown when the function is not in the build: which issue builds it. */
  builtBy?: string;
}

const expectDiff = (value: unknown) => {
  const d = value as { diff?: { summary?: { changed?: number } } };
  return (d.diff?.summary?.changed ?? 0) > 0 ? undefined : 'the diff found no changed rows';
};

const expectReview = (value: unknown, emulator: Emulator) => {
  const p = value as { reviews?: { requests?: { seq: number; status: string; approvers: string[] }[]; notices?: string[] } };
  const request = p.reviews?.requests?.[0];
  if (!request || request.seq !== 2 || request.status !== 'in-review') return `no review of v2 in review (got ${JSON.stringify(request ?? null)})`;
  if (p.reviews!.notices?.length) return `the request left notices: ${p.reviews!.notices.join(' ')}`;
  if (!emulator.state.mail.sent.some((m) => REVIEW_APPROVERS.every((e) => [...m.to, ...m.bcc].includes(e)))) return 'no email went to the approvers';
  return undefined;
};

const expectCoverage = (value: unknown) => {
  const r = value as { coverage?: unknown[] };
  return (r.coverage?.length ?? 0) >= 2 ? undefined : `no coverage for the imported systems (got ${JSON.stringify(r.coverage ?? null)})`;
};

function ensureOk(name: string, r: { ok: boolean; error?: { message: string } }): void {
  if (!r.ok) throw new Error(`setup: ${name} failed: ${r.error?.message}`);
}

export const OPERATIONS: readonly OperationSpec[] = [
  { id: 'open-sidebar', label: 'Open the sidebar (getSidebarState)', functionName: 'getSidebarState', via: 'script-run', payload: {}, workbook: 'spec', script: 'addon' },
  { id: 'check-colour', label: 'Check + colour (runChecks)', functionName: 'runChecks', via: 'script-run', payload: {}, workbook: 'spec', script: 'addon' },
  // Issue 12: the same run with a 5,000-field destination metadata and a 1,000-field sample imported.
  { id: 'check-systems', label: 'Check against 5,000-field metadata + 1,000-field sample (runChecks)', functionName: 'runChecks', via: 'script-run', payload: {}, workbook: 'spec', script: 'addon', setup: importSystems, check: expectCoverage },
  // The first tag of a spec: the most work (every row is new) and the largest snapshot.
  { id: 'tag-version', label: 'Tag a version (tagVersion)', functionName: 'tagVersion', via: 'script-run', payload: { note: 'Benchmark' }, workbook: 'spec', script: 'addon' },
  // A tag on a history (v1, v2): the previous snapshot is unpacked, checked and counted against.
  { id: 'tag-next-version', label: 'Tag v3 after v1, v2 (tagVersion)', functionName: 'tagVersion', via: 'script-run', payload: { note: 'Benchmark' }, workbook: 'versioned', script: 'addon' },
  { id: 'diff-versions', label: 'Diff v1 → v2 (diffVersions)', functionName: 'diffVersions', via: 'script-run', payload: { from: 'v1', to: 'v2' }, workbook: 'versioned', script: 'addon', check: expectDiff },
  { id: 'diff-version-live', label: 'Diff v1 → live (diffVersions)', functionName: 'diffVersions', via: 'script-run', payload: { from: 'v1', to: 'live' }, workbook: 'versioned', script: 'addon', check: expectDiff },
  // Issue 7: the installable time trigger, run a day after notifications were turned on and the
  // spec edited (setups.ts): it builds the digest of each audience from the live sheets against the
  // snapshot last notified, queues it and sends it (the mail quota has room: the work is real).
  { id: 'notification-digest', label: 'Notification digest (time trigger)', functionName: 'notifyOnSchedule', via: 'trigger', workbook: 'notifying', script: 'addon', check: (_v, emulator) => digestProblem(emulator) },
  // Issue 6: the analyst requests a review of v2 (after v1, edits, v2) from approvers the analyst
  // put on the approver list through the settings call.
  { id: 'request-review', label: 'Request a review (requestReview)', functionName: 'requestReview', via: 'script-run', payload: { seq: 2, approvers: REVIEW_APPROVERS, message: 'Please review', due: null }, workbook: 'versioned', script: 'addon', setup: setApprovers, check: expectReview },
  { id: 'naive-check-colour', label: 'Naive check + colour (hand-written)', functionName: NAIVE_FUNCTION, via: 'menu', workbook: 'spec', script: 'naive' },
];

export function operationLabel(id: OperationId): string {
  return OPERATIONS.find((o) => o.id === id)?.label ?? id;
}

export interface OperationResult {
  operation: OperationId;
  label: string;
  rows: number;
  status: 'measured' | 'not built' | 'skipped' | 'failed';
  note?: string;
  /** Medians over the runs (calls are the same every run; CPU and memory vary). */
  spreadsheetCalls?: number;
  otherCalls?: number;
  roundTrips?: number;
  cpuMs?: number;
  cpuMsRuns?: number[];
  /** Highest over the runs: peak RSS during the execution − RSS before (see measure.ts). */
  execPeakMB?: number;
  /** Highest over the runs: the process's peak RSS during the execution. */
  peakRssMB?: number;
  /** Highest over the runs: sampled heap peak − heap before. */
  heapPeakMB?: number;
  peakSource?: ExecutionMeasure['peakSource'];
  byMethod?: Record<string, number>;
  storage?: StoredBytes;
  limits?: LimitUsage;
}

export interface SizeOptions {
  runs: number;
  /** Skip the naive script at this size (say why in the result). */
  skipNaive?: string;
  log?: (message: string) => void;
  /** Only these operations (default all). */
  only?: readonly OperationId[];
  /**
   * 'child' (default): memory from one extra execution in a fresh child process per operation
   * (exact; what `npm run bench` reports). 'in-process': from the measured runs themselves (fast,
   * but the process's RSS carries the harness's slack, so exec peak reads low).
   */
  memory?: 'child' | 'in-process';
}

const SPEC_TABS = [MAPPING_TAB, VALUE_MAP_TAB];

/** The top-level functions a script defines, read by loading it once in a throwaway execution. */
export function scriptFunctions(codePath: string): Set<string> {
  const { sandbox, execution } = loadScript(newEmulator(), { codePath });
  execution.end();
  return new Set(Object.keys(sandbox).filter((k) => typeof (sandbox as Record<string, unknown>)[k] === 'function'));
}

/** Measures one operation `runs` times, each on a fresh copy; storage and limits from the last run's workbook. */
function measureOperation(op: OperationSpec, rows: number, runs: number, fixture: Fixture, codePath: string, memory: 'child' | 'in-process'): OperationResult {
  const fresh = () => fixture.fresh();
  const head = { operation: op.id, label: op.label, rows };
  const call: Invocation = { codePath, functionName: op.functionName, viaScriptRun: op.via === 'script-run', ...(op.payload === undefined ? {} : { payload: op.payload }) };
  const measures: ExecutionMeasure[] = [];
  let last: Emulator | undefined;
  for (let i = 0; i < runs; i++) {
    last = undefined; // the previous run's workbook can go before the next is made
    last = fresh();
    op.setup?.(last);
    const { measure, value } = measureExecution(last, call);
    if (!measure.ok) return { ...head, status: 'failed', note: measure.error };
    const problem = op.check?.(value, last);
    if (problem) return { ...head, status: 'failed', note: problem };
    measures.push(measure);
  }
  const first = measures[0]!;
  const mem = memory === 'child' ? [measureMemoryInChild(op, fixture, codePath)] : measures;
  return {
    ...head,
    status: 'measured',
    spreadsheetCalls: median(measures.map((m) => m.spreadsheetCalls)),
    otherCalls: median(measures.map((m) => m.otherCalls)),
    roundTrips: first.roundTrips,
    cpuMs: median(measures.map((m) => m.cpuMs)),
    cpuMsRuns: measures.map((m) => m.cpuMs),
    execPeakMB: Math.max(...mem.map((m) => m.execPeakMB)),
    peakRssMB: Math.max(...mem.map((m) => m.peakRssMB)),
    heapPeakMB: Math.max(...mem.map((m) => m.heapPeakMB)),
    peakSource: mem.every((m) => m.peakSource === 'high-water mark') ? 'high-water mark' : 'sampled',
    byMethod: first.byMethod,
    storage: storedBytes(last!.state, SPEC_TABS),
    limits: limitUsage(last!.state),
  };
}

/** A workbook kept serialised (a few MB off the JS heap) and revived for each run. */
class Fixture {
  readonly bytes: Buffer;
  private file: string | undefined;
  constructor(emulator: Emulator) {
    this.bytes = v8.serialize(emulator.state);
  }
  fresh(): Emulator {
    return newEmulator(v8.deserialize(this.bytes) as Emulator['state']);
  }
  /** The serialised workbook in a temp file, for a child process to revive. */
  path(): string {
    if (!this.file) {
      this.file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mapspec-bench-')), 'workbook.v8');
      fs.writeFileSync(this.file, this.bytes);
    }
    return this.file;
  }
  dispose(): void {
    if (this.file) fs.rmSync(path.dirname(this.file), { recursive: true, force: true });
  }
}

/**
 * One more execution of the operation in a fresh child process that holds nothing but Node, the
 * emulator and this workbook: its RSS before the execution has no slack left by the harness
 * (generated rows, other workbooks, garbage), so peak − before is the execution's own memory.
 */
function measureMemoryInChild(op: OperationSpec, fixture: Fixture, codePath: string): ExecutionMeasure {
  const child = path.join(__dirname, 'exec-child.ts');
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', child, op.id, fixture.path(), codePath], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`memory run of ${op.id} failed (exit ${r.status ?? r.signal})`);
  return JSON.parse(r.stdout) as ExecutionMeasure;
}

/** Peak process RSS while building fixtures, for the run's summary (MB). */
export let setupPeakRssMB = 0;

/**
 * The size's workbooks, serialised: the generated spec; the same with v1 tagged, ~1% of the cells
 * changed and v2 tagged; and, when an operation needs it, that versioned workbook with
 * notifications on, edits made and a day passed (not measured). The generated rows go when this
 * returns.
 */
function buildFixtures(rows: number, kinds: ReadonlySet<WorkbookKind>): { fixtures: Partial<Record<WorkbookKind, Fixture>>; changed: number } {
  const spec = generateSpec(rows);
  const specFixture = new Fixture(buildWorkbook(spec));
  const versioned = specFixture.fresh();
  ensureOk('tagVersion v1', runFunction(versioned, 'tagVersion', { codePath: CODE_PATH, args: [{ label: 'v1', note: 'Before' }] }));
  const edited = spec.rows.map((r) => [...r]);
  const changed = changeCells(edited, 0.01);
  rewriteRows(versioned, edited);
  ensureOk('tagVersion v2', runFunction(versioned, 'tagVersion', { codePath: CODE_PATH, args: [{ label: 'v2', note: 'After' }] }));
  const versionedFixture = new Fixture(versioned);
  const fixtures: Partial<Record<WorkbookKind, Fixture>> = { spec: specFixture, versioned: versionedFixture };
  if (kinds.has('notifying')) {
    const notifying = versionedFixture.fresh();
    prepareNotifications(notifying, rows);
    fixtures.notifying = new Fixture(notifying);
  }
  return { fixtures, changed };
}

/** Runs every operation at one spec size. */
export function runSize(rows: number, options: SizeOptions, naivePath = writeNaiveScript()): OperationResult[] {
  const log = options.log ?? (() => undefined);
  const { runs } = options;
  const built = scriptFunctions(CODE_PATH);
  const selected = OPERATIONS.filter((op) => !options.only || options.only.includes(op.id));
  const { fixtures, changed } = buildFixtures(rows, new Set(selected.map((op) => op.workbook)));
  // Fixture building (generating, writing and tagging the spec) is the process's largest moment
  // outside the measured executions; its peak is kept before the executions reset the mark.
  const setupPeak = peakRssBytes();
  if (setupPeak !== undefined) setupPeakRssMB = Math.max(setupPeakRssMB, setupPeak / (1024 * 1024));

  const results: OperationResult[] = [];
  for (const op of OPERATIONS) {
    if (options.only && !options.only.includes(op.id)) continue;
    if (op.script === 'naive' && options.skipNaive) {
      results.push({ operation: op.id, label: op.label, rows, status: 'skipped', note: options.skipNaive });
      continue;
    }
    if (op.script === 'addon' && !built.has(op.functionName)) {
      results.push({ operation: op.id, label: op.label, rows, status: 'not built', note: `${op.functionName} is not in build/Code.js${op.builtBy ? ` (${op.builtBy})` : ''}` });
      continue;
    }
    log(`${rows} rows: ${op.label}`);
    const result = measureOperation(op, rows, runs, fixtures[op.workbook]!, op.script === 'naive' ? naivePath : CODE_PATH, options.memory ?? 'child');
    if (op.workbook === 'versioned' && result.status === 'measured') result.note = `${changed} cells (1%) changed between v1 and v2 (= live)`;
    if (op.workbook === 'notifying' && result.status === 'measured') result.note = `${editedCells(rows)} cells edited in ${notificationEdits(rows).length} edits (one a paste) since notifications were turned on, a day before`;
    results.push(result);
  }
  for (const f of Object.values(fixtures)) f?.dispose();
  return results;
}
