// The benchmark's operation runner at 500 rows only (fast): every operation is there, measured or
// listed as not built yet, and Mapspec's check + colour makes at least 100× fewer spreadsheet calls
// than the naive hand-written script (500 rows gives about 450×: 21,612 calls against 48).
import { runBench } from '../../src/tools/bench/run-bench';
import type { BenchResults } from '../../src/tools/bench/report';

describe('npm run bench, at 500 rows', () => {
  let bench: BenchResults;
  beforeAll(() => {
    bench = runBench({ sizes: [500], runs: 1 });
  }, 60_000);

  test('every operation is measured on the built bundle, or listed as not built yet', () => {
    expect(bench.results.map((r) => [r.operation, r.status])).toEqual([
      ['open-sidebar', 'measured'],
      ['check-colour', 'measured'],
      ['tag-version', 'measured'],
      ['diff-versions', 'measured'],
      ['diff-version-live', 'measured'],
      ['notification-digest', 'not built yet'],
      ['request-review', 'not built yet'],
      ['naive-check-colour', 'measured'],
    ]);
    for (const r of bench.results.filter((x) => x.status === 'measured')) {
      expect(r).toMatchObject({ rows: 500, spreadsheetCalls: expect.any(Number), otherCalls: expect.any(Number), cpuMs: expect.any(Number), peakRssMB: expect.any(Number), heapDeltaMB: expect.any(Number) });
      expect(r.spreadsheetCalls).toBeGreaterThan(0);
      expect(r.roundTrips).toBe(r.operation === 'naive-check-colour' ? 0 : 1);
      expect(r.limits!.exceeded).toEqual([]);
    }
    const tag = bench.results.find((r) => r.operation === 'tag-version')!;
    expect(tag.storage).toMatchObject({ versions: 1, snapshotChars: expect.any(Number), rawContentBytes: expect.any(Number) });
    expect(tag.storage!.snapshotChars).toBeGreaterThan(0);
    expect(bench.targets.length).toBeGreaterThan(0);
  });

  test('check + colour: at least 100× fewer spreadsheet calls than the naive script, and no flags at one size', () => {
    const [ratio] = bench.ratios;
    expect(ratio!.rows).toBe(500);
    expect(ratio!.spreadsheetCalls.ratio).toBeGreaterThanOrEqual(100);
    // One size only: nothing can be seen to grow, so no flags yet.
    expect(bench.flags).toEqual([]);
  });
});
