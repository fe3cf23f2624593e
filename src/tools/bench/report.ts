/**
 * Turns the measured operations into the benchmark's verdicts and output: flags (spreadsheet calls
 * that grow with rows, emulated storage over an Apps Script limit), the naive / Mapspec ratios, the
 * issue's targets met or missed, and the Markdown table printed on stdout.
 */
import type { OperationId, OperationResult } from './operations';

export interface Flag {
  operation: OperationId;
  kind: 'calls-grow-with-rows' | 'limit-exceeded';
  /** The size a limit was exceeded at (absent: every size, for calls that grow). */
  rows?: number;
  message: string;
}

export interface Ratio {
  rows: number;
  spreadsheetCalls: { naive: number; mapspec: number; ratio: number };
  cpuMs: { naive: number; mapspec: number; ratio: number };
}

export interface Target {
  target: string;
  met: boolean;
  detail: string;
}

export interface BenchResults {
  generatedAt: string;
  sizes: number[];
  runs: number;
  machine: { cpus: number; node: string };
  measures: Record<string, string>;
  results: OperationResult[];
  ratios: Ratio[];
  flags: Flag[];
  targets: Target[];
  notes: string[];
  /** Highest process RSS of each size's run (its own child process under `npm run bench`), MB. */
  processPeakRssMB: Record<string, number>;
  wallSeconds: number;
}

export function computeFlags(results: OperationResult[]): Flag[] {
  const flags: Flag[] = [];
  const ops = [...new Set(results.map((r) => r.operation))];
  for (const op of ops) {
    const measured = results.filter((r) => r.operation === op && r.status === 'measured').sort((a, b) => a.rows - b.rows);
    if (measured.length > 1 && measured.some((r) => r.spreadsheetCalls! > measured[0]!.spreadsheetCalls!)) {
      flags.push({ operation: op, kind: 'calls-grow-with-rows', message: `${op}: spreadsheet calls grow with rows (${measured.map((r) => `${r.rows}: ${r.spreadsheetCalls}`).join(', ')})` });
    }
    for (const r of measured) {
      for (const e of r.limits?.exceeded ?? []) flags.push({ operation: op, kind: 'limit-exceeded', rows: r.rows, message: `${op} at ${r.rows} rows: ${e}` });
    }
  }
  return flags;
}

export function computeRatios(results: OperationResult[]): Ratio[] {
  const out: Ratio[] = [];
  for (const naive of results.filter((r) => r.operation === 'naive-check-colour' && r.status === 'measured')) {
    const ours = results.find((r) => r.operation === 'check-colour' && r.rows === naive.rows && r.status === 'measured');
    if (!ours) continue;
    out.push({
      rows: naive.rows,
      spreadsheetCalls: { naive: naive.spreadsheetCalls!, mapspec: ours.spreadsheetCalls!, ratio: naive.spreadsheetCalls! / ours.spreadsheetCalls! },
      cpuMs: { naive: naive.cpuMs!, mapspec: ours.cpuMs!, ratio: naive.cpuMs! / ours.cpuMs! },
    });
  }
  return out;
}

const find = (results: OperationResult[], op: OperationId, rows: number) => results.find((r) => r.operation === op && r.rows === rows && r.status === 'measured');

/** The issue's targets, checked against what was measured (a target with no measure is not met). */
/** An operation's memory: the larger of its RSS growth at peak and its sampled heap growth. */
export function operationMemoryMB(r: OperationResult): number {
  return Math.max(r.execPeakMB ?? 0, r.heapPeakMB ?? 0);
}

export function computeTargets(results: OperationResult[], ratios: Ratio[], flags: Flag[]): Target[] {
  const largest = Math.max(...results.map((r) => r.rows));
  const ours = results.filter((r) => r.status === 'measured' && r.operation !== 'naive-check-colour');
  const targets: Target[] = [];
  const grow = flags.filter((f) => f.kind === 'calls-grow-with-rows' && f.operation !== 'naive-check-colour');
  targets.push({ target: 'Spreadsheet calls per operation do not grow with rows', met: grow.length === 0, detail: grow.length ? grow.map((f) => f.message).join('; ') : 'same count at every size' });
  const r5000 = ratios.find((r) => r.rows === 5000);
  targets.push({ target: '≥100× fewer spreadsheet calls than the naive script at 5,000 rows', met: !!r5000 && r5000.spreadsheetCalls.ratio >= 100, detail: r5000 ? `${r5000.spreadsheetCalls.ratio.toFixed(0)}×` : 'not measured at 5,000 rows' });
  const trips = ours.filter((r) => r.roundTrips !== 1 && r.operation !== 'notification-digest');
  targets.push({ target: 'One google.script.run round trip per user action', met: trips.length === 0, detail: trips.length ? trips.map((r) => `${r.operation}: ${r.roundTrips}`).join(', ') : 'by construction: each action is one server call (the digest is a time trigger: none)' });
  const check = find(results, 'check-colour', largest);
  targets.push({ target: `Check + colour of ${fmt(largest)} rows under 3 s of CPU`, met: !!check && check.cpuMs! < 3000, detail: check ? `${(check.cpuMs! / 1000).toFixed(2)} s` : 'not measured' });
  // The dearer of the two tags (first tag of the spec, or a tag on a history) with the diff.
  const tags = [find(results, 'tag-version', largest), find(results, 'tag-next-version', largest)].filter((r): r is OperationResult => !!r);
  const tag = tags.sort((a, b) => b.cpuMs! - a.cpuMs!)[0];
  const diff = find(results, 'diff-versions', largest);
  const tagDiff = tag && diff ? tag.cpuMs! + diff.cpuMs! : undefined;
  targets.push({ target: `Tag + diff of ${fmt(largest)} rows under 5 s of CPU`, met: tagDiff !== undefined && tagDiff < 5000, detail: tagDiff !== undefined ? `${(tagDiff / 1000).toFixed(2)} s (${tag!.operation} ${(tag!.cpuMs! / 1000).toFixed(2)} + diff ${(diff!.cpuMs! / 1000).toFixed(2)})` : 'not measured' });
  const atLargest = ours.filter((r) => r.rows === largest);
  const worst = atLargest.sort((a, b) => operationMemoryMB(b) - operationMemoryMB(a))[0];
  const processPeak = Math.max(...atLargest.map((r) => r.peakRssMB ?? 0));
  targets.push({
    target: 'Peak memory of an operation under 300 MB',
    met: !!worst && operationMemoryMB(worst) < 300,
    detail: worst
      ? `largest at ${fmt(largest)} rows: ${operationMemoryMB(worst).toFixed(0)} MB (${worst.operation}: exec peak ${worst.execPeakMB!.toFixed(0)} MB, ${worst.peakSource}; heap peak ${worst.heapPeakMB!.toFixed(0)} MB); the whole process (Node, emulator and the emulated workbook included) peaked at ${processPeak.toFixed(0)} MB during a Mapspec operation`
      : 'not measured',
  });
  const ratio = find(results, 'tag-version', largest)?.storage?.ratioPerVersion;
  targets.push({ target: 'Stored snapshot ≤ ¼ of the raw content size', met: ratio !== undefined && ratio <= 0.25, detail: ratio !== undefined ? `${(ratio * 100).toFixed(1)}% at ${fmt(largest)} rows` : 'not measured' });
  const over = flags.filter((f) => f.kind === 'limit-exceeded' && f.rows === largest);
  targets.push({ target: `A ${fmt(largest)}-row spec stays within every emulated Apps Script limit`, met: over.length === 0, detail: over.length ? over.map((f) => f.message).join('; ') : 'within all limits' });
  return targets;
}

const fmt = (n: number | undefined, digits = 0) => (n === undefined ? '—' : n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }));

export function markdown(b: BenchResults): string {
  const lines: string[] = [];
  lines.push('| operation | rows | spreadsheet calls | other calls | round trips | CPU ms (median) | exec peak MB | heap peak MB | process RSS MB | stored / raw | ⚠ |');
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
  const ops = [...new Set(b.results.map((r) => r.operation))];
  for (const op of ops) {
    for (const r of b.results.filter((x) => x.operation === op)) {
      const flags = b.flags.filter((f) => f.operation === op && (f.rows === undefined || f.rows === r.rows));
      const mark = flags.map((f) => (f.kind === 'calls-grow-with-rows' ? '⚠ calls grow' : '⚠ limit')).join(', ');
      if (r.status !== 'measured') {
        lines.push(`| ${r.label} | ${fmt(r.rows)} | ${r.status}${r.note ? `: ${r.note}` : ''} | | | | | | | | |`);
        continue;
      }
      const stored = r.operation === 'tag-version' && r.storage ? `${(r.storage.ratioPerVersion * 100).toFixed(1)}%` : '';
      lines.push(`| ${r.label} | ${fmt(r.rows)} | ${fmt(r.spreadsheetCalls)} | ${fmt(r.otherCalls)} | ${r.roundTrips} | ${fmt(r.cpuMs)} | ${fmt(r.execPeakMB)} | ${fmt(r.heapPeakMB)} | ${fmt(r.peakRssMB)} | ${stored} | ${mark} |`);
    }
  }
  lines.push('');
  lines.push('| rows | naive spreadsheet calls | Mapspec spreadsheet calls | ratio | naive CPU ms | Mapspec CPU ms | ratio |');
  lines.push('|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of b.ratios) {
    lines.push(`| ${fmt(r.rows)} | ${fmt(r.spreadsheetCalls.naive)} | ${fmt(r.spreadsheetCalls.mapspec)} | ${fmt(r.spreadsheetCalls.ratio)}× | ${fmt(r.cpuMs.naive)} | ${fmt(r.cpuMs.mapspec)} | ${fmt(r.cpuMs.ratio, 2)}× |`);
  }
  lines.push('');
  lines.push('Targets (issue 8):');
  lines.push('');
  for (const t of b.targets) lines.push(`- ${t.met ? '✓' : '✗ MISSED'} ${t.target}: ${t.detail}`);
  lines.push('');
  lines.push(b.flags.length ? 'Flags:' : 'Flags: none');
  for (const f of b.flags) lines.push(`- ⚠ ${f.message}`);
  lines.push('');
  for (const n of b.notes) lines.push(`- ${n}`);
  return lines.join('\n');
}
