// The benchmark's operation runner at 500 rows only: every operation of the ops list is measured
// (the digest and the review request on their own setups), with its memory taken in a child process; Mapspec's
// check + colour makes at least 100× fewer spreadsheet calls than the naive hand-written script
// (500 rows gives about 450×: 21,612 calls against 48). Flags (calls that grow with rows, an Apps
// Script limit exceeded) are checked on made-up results and must show in the Markdown table.
import { runBench } from '../../src/tools/bench/run-bench';
import { OPERATIONS, type OperationResult } from '../../src/tools/bench/operations';
import { computeFlags, computeTargets, markdown, type BenchResults } from '../../src/tools/bench/report';

describe('npm run bench, at 500 rows', () => {
  let bench: BenchResults;
  beforeAll(() => {
    bench = runBench({ sizes: [500], runs: 1 });
  }, 120_000);

  test('every operation of the list is measured on the built bundle, the digest and the review request included', () => {
    expect(bench.results.map((r) => r.operation)).toEqual(OPERATIONS.map((o) => o.id));
    const byId = Object.fromEntries(bench.results.map((r) => [r.operation, r]));
    for (const id of OPERATIONS.map((o) => o.id)) {
      expect([id, byId[id]!.status, byId[id]!.note]).toEqual([id, 'measured', byId[id]!.note]);
    }
    expect(markdown(bench)).not.toContain('not built');
    // The digest is a time trigger that did the work (setup: subscribers, triggers, edits, a day
    // passed; its check failed the operation had no digest gone to each audience).
    expect(byId['notification-digest']!).toMatchObject({ roundTrips: 0, note: expect.stringMatching(/^14 cells edited in 6 edits/) });
    expect(byId['notification-digest']!.byMethod!['MailApp.sendEmail']).toBe(2);
    // The review request: one round trip, one email to its approvers.
    expect(byId['request-review']!).toMatchObject({ roundTrips: 1 });
    expect(byId['request-review']!.byMethod!['MailApp.sendEmail']).toBe(1);
    for (const r of bench.results.filter((x) => x.status === 'measured')) {
      expect(r).toMatchObject({ rows: 500, spreadsheetCalls: expect.any(Number), otherCalls: expect.any(Number), cpuMs: expect.any(Number), execPeakMB: expect.any(Number), heapPeakMB: expect.any(Number), peakRssMB: expect.any(Number) });
      expect(r.spreadsheetCalls).toBeGreaterThan(0);
      expect(r.roundTrips).toBe(r.operation === 'naive-check-colour' || r.operation === 'notification-digest' ? 0 : 1);
      expect(r.limits!.exceeded).toEqual([]);
      // The process holds Node, the emulator and a 500-row workbook: far more than the execution adds.
      expect(r.peakRssMB!).toBeGreaterThan(r.execPeakMB!);
    }
    const tag = bench.results.find((r) => r.operation === 'tag-version')!;
    expect(tag.storage).toMatchObject({ versions: 1, snapshotChars: expect.any(Number), rawContentBytes: expect.any(Number) });
    expect(tag.storage!.snapshotChars).toBeGreaterThan(0);
    expect(bench.results.find((r) => r.operation === 'tag-next-version')!.storage!.versions).toBe(3);
    expect(bench.targets.length).toBeGreaterThan(0);
  });

  test('check + colour: at least 100× fewer spreadsheet calls than the naive script, and no flags at one size', () => {
    const [ratio] = bench.ratios;
    expect(ratio!.rows).toBe(500);
    expect(ratio!.spreadsheetCalls.ratio).toBeGreaterThanOrEqual(100);
    // One size only: nothing can be seen to grow, so no flags yet.
    expect(bench.flags).toEqual([]);
  });

  test('flags: calls that grow with rows and an exceeded limit are flagged, fail their targets and show in the table', () => {
    const limits = (exceeded: string[]) => ({ maxPropertyValueBytes: 0, maxPropertyStoreBytes: 0, maxCellChars: 0, workbookCells: 0, limits: { propertyValueBytes: 9216, propertyStoreBytes: 512000, cellChars: 50000, workbookCells: 10000000 }, exceeded });
    const row = (operation: OperationResult['operation'], rows: number, calls: number, exceeded: string[] = []): OperationResult => ({
      operation, label: operation, rows, status: 'measured', spreadsheetCalls: calls, otherCalls: 1, roundTrips: 1, cpuMs: 10, execPeakMB: 1, heapPeakMB: 1, peakRssMB: 100, peakSource: 'high-water mark', limits: limits(exceeded),
    });
    const results = [
      row('check-colour', 500, 48), row('check-colour', 5000, 48), row('check-colour', 20000, 48),
      row('tag-version', 500, 57), row('tag-version', 5000, 60), row('tag-version', 20000, 66, ['a cell of 60000 characters (limit 50,000)']),
    ];
    const flags = computeFlags(results);
    expect(flags.map((f) => [f.operation, f.kind, f.rows])).toEqual([['tag-version', 'calls-grow-with-rows', undefined], ['tag-version', 'limit-exceeded', 20000]]);
    const targets = computeTargets(results, [], flags);
    expect(targets.find((t) => t.target.startsWith('Spreadsheet calls'))!.met).toBe(false);
    expect(targets.find((t) => t.target.includes('emulated Apps Script limit'))!.met).toBe(false);
    const table = markdown({ ...bench, results, flags, targets, ratios: [] });
    expect(table).toContain('| tag-version | 20,000 | 66 |');
    expect(table.split('\n').find((l) => l.startsWith('| tag-version | 20,000 |'))).toMatch(/⚠ calls grow, ⚠ limit \|$/);
    expect(table.split('\n').find((l) => l.startsWith('| tag-version | 500 |'))).toMatch(/⚠ calls grow \|$/);
    expect(table.split('\n').find((l) => l.startsWith('| check-colour | 500 |'))!.endsWith('|  |')).toBe(true);
    expect(table).toContain('✗ MISSED Spreadsheet calls per operation do not grow with rows');
  });
});
