// Wall clocks in the spreadsheet's time zone are cached (a sheet repeats the same dates in thousands
// of cells): a cached answer must equal a fresh one, and a caller changing what it got must not
// change what the next caller gets.
import { fromWallClock, wallClock } from '../../src/emulator/spreadsheet/dates';

test('repeated instants give the same wall clock as the first time, in each zone', () => {
  const ms = Date.UTC(2024, 4, 17, 22, 30, 15, 250);
  const first = wallClock(ms, 'Asia/Phnom_Penh');
  expect(first).toEqual({ y: 2024, m: 5, d: 18, h: 5, mi: 30, s: 15, ms: 250 });
  expect(wallClock(ms, 'Asia/Phnom_Penh')).toEqual(first);
  expect(wallClock(ms, 'America/Los_Angeles')).toEqual({ y: 2024, m: 5, d: 17, h: 15, mi: 30, s: 15, ms: 250 });
});

test('a caller mutating its wall clock does not change the cached one', () => {
  const ms = Date.UTC(2023, 0, 1);
  const w = wallClock(ms, 'Etc/UTC');
  w.y = 1999;
  expect(wallClock(ms, 'Etc/UTC').y).toBe(2023);
});

test('past the cache size, answers stay right (the cache is cleared, not wrong)', () => {
  const base = Date.UTC(2020, 0, 1);
  for (let i = 0; i < 5000; i++) {
    const ms = base + i * 3_600_000;
    const w = wallClock(ms, 'Asia/Bangkok');
    expect(fromWallClock(w, 'Asia/Bangkok')).toBe(ms);
  }
});
