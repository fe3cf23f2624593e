/**
 * Date arithmetic in the spreadsheet's time zone: wall-clock parts of an instant, the instant of
 * wall-clock parts, and Sheets' serial numbers (days since 1899-12-30 in the spreadsheet's zone),
 * which formulas compute with.
 */

export interface WallClock {
  y: number;
  /** 1-12 */
  m: number;
  d: number;
  h: number;
  mi: number;
  s: number;
  ms: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
        hour: 'numeric', minute: 'numeric', second: 'numeric',
      });
    } catch {
      // An unknown zone id reads as UTC rather than failing every date operation.
      f = formatter('Etc/UTC');
    }
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * Recent wall clocks by zone and instant. Intl's formatToParts costs ~10 µs, and a sheet repeats the
 * same dates in thousands of cells (every getDisplayValues of a 20,000-row spec formats each one);
 * bounded, so a long session does not grow it without end.
 */
const wallClocks = new Map<string, WallClock>();
const WALL_CLOCK_CACHE_MAX = 4096;

export function wallClock(ms: number, timeZone: string): WallClock {
  const key = `${timeZone}|${ms}`;
  const hit = wallClocks.get(key);
  if (hit) return { ...hit };
  const out = computeWallClock(ms, timeZone);
  if (wallClocks.size >= WALL_CLOCK_CACHE_MAX) wallClocks.clear();
  wallClocks.set(key, out);
  return { ...out };
}

function computeWallClock(ms: number, timeZone: string): WallClock {
  const out: WallClock = { y: 1970, m: 1, d: 1, h: 0, mi: 0, s: 0, ms: ((ms % 1000) + 1000) % 1000 };
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) {
    const n = Number(p.value);
    if (p.type === 'year') out.y = n;
    else if (p.type === 'month') out.m = n;
    else if (p.type === 'day') out.d = n;
    else if (p.type === 'hour') out.h = n;
    else if (p.type === 'minute') out.mi = n;
    else if (p.type === 'second') out.s = n;
  }
  return out;
}

/** Offset of the zone from UTC at an instant, in ms. */
function offsetAt(ms: number, timeZone: string): number {
  const w = wallClock(ms, timeZone);
  return Date.UTC(w.y, w.m - 1, w.d, w.h, w.mi, w.s, w.ms) - ms;
}

/** The instant at which the zone's clock shows the given parts. */
export function fromWallClock(w: Partial<WallClock> & { y: number; m: number; d: number }, timeZone: string): number {
  const asUtc = Date.UTC(w.y, w.m - 1, w.d, w.h ?? 0, w.mi ?? 0, w.s ?? 0, w.ms ?? 0);
  let guess = asUtc - offsetAt(asUtc, timeZone);
  guess = asUtc - offsetAt(guess, timeZone);
  return guess;
}

const DAY = 86400000;
/** 1899-12-30, Sheets' day zero, as a UTC epoch offset. */
const EPOCH_SERIAL = 25569;

export function toSerial(ms: number, timeZone: string): number {
  const w = wallClock(ms, timeZone);
  return Date.UTC(w.y, w.m - 1, w.d, w.h, w.mi, w.s, w.ms) / DAY + EPOCH_SERIAL;
}

export function fromSerial(serial: number, timeZone: string): number {
  const asUtc = Math.round((serial - EPOCH_SERIAL) * DAY);
  const d = new Date(asUtc);
  return fromWallClock(
    { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate(), h: d.getUTCHours(), mi: d.getUTCMinutes(), s: d.getUTCSeconds(), ms: d.getUTCMilliseconds() },
    timeZone,
  );
}

export function isMidnight(ms: number, timeZone: string): boolean {
  const w = wallClock(ms, timeZone);
  return w.h === 0 && w.mi === 0 && w.s === 0 && w.ms === 0;
}
