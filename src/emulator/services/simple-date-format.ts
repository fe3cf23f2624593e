/**
 * Java SimpleDateFormat patterns (what Utilities.formatDate takes), rendered with Node's Intl
 * time-zone data and the US English symbols Apps Script uses.
 *
 * Letters: G y Y M L w d D E u a H k K h m s S z Z X, quoted text ('...', '' for a quote). Week
 * fields (w, Y) use the US rules (weeks start on Sunday; week 1 contains January 1). Zone names
 * ("z") come from Intl, so they match Java for zones with common abbreviations (PST, EST, GMT, UTC)
 * but show "GMT+01:00" where Java would print e.g. "CET". Unknown time-zone ids fall back to GMT, as
 * Java's TimeZone.getTimeZone does. W, F and other rarely used letters throw "not emulated".
 */

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

interface Fields {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number; // 0-23
  minute: number;
  second: number;
  millisecond: number;
  weekday: number; // 0 = Sunday
  offsetMinutes: number;
  shortName: string;
  longName: string;
}

export class PatternError extends Error {}

/** Java accepts "GMT+h", "GMT+hh:mm", "GMT-hhmm" custom ids; Intl does not. */
function customOffset(timeZone: string): number | null {
  const m = /^GMT([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(timeZone);
  if (!m) return null;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
}

const formatterCache = new Map<string, Intl.DateTimeFormat | null>();

function formatter(timeZone: string): Intl.DateTimeFormat | null {
  if (!formatterCache.has(timeZone)) {
    let f: Intl.DateTimeFormat | null = null;
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
        timeZoneName: 'short',
      });
    } catch {
      f = null;
    }
    formatterCache.set(timeZone, f);
  }
  return formatterCache.get(timeZone) ?? null;
}

function pad(n: number, width: number): string {
  const s = String(Math.abs(n));
  return (n < 0 ? '-' : '') + (s.length >= width ? s : '0'.repeat(width - s.length) + s);
}

function offsetName(minutes: number, colon = true): string {
  const sign = minutes < 0 ? '-' : '+';
  const a = Math.abs(minutes);
  return `GMT${sign}${pad(Math.floor(a / 60), 2)}${colon ? ':' : ''}${pad(a % 60, 2)}`;
}

export function zoneFields(ms: number, timeZone: string): Fields {
  const fixed = customOffset(timeZone);
  const f = fixed === null ? formatter(timeZone) : null;
  if (fixed !== null || !f) {
    const offset = fixed ?? 0;
    const d = new Date(ms + offset * 60000);
    const name = fixed === null ? 'GMT' : offsetName(offset);
    return {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      second: d.getUTCSeconds(),
      millisecond: d.getUTCMilliseconds(),
      weekday: d.getUTCDay(),
      offsetMinutes: offset,
      shortName: name,
      longName: fixed === null ? 'Greenwich Mean Time' : name,
    };
  }
  const parts: Record<string, string> = {};
  for (const p of f.formatToParts(new Date(ms))) parts[p.type] = p.value;
  const year = Number(parts.year);
  const month = Number(parts.month);
  const day = Number(parts.day);
  const hour = Number(parts.hour);
  const minute = Number(parts.minute);
  const second = Number(parts.second);
  const millisecond = ((ms % 1000) + 1000) % 1000;
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
  const offsetMinutes = Math.round((asUtc - ms) / 60000);
  let shortName = parts.timeZoneName ?? 'GMT';
  // Intl says "GMT+1" where Java, lacking a name, would say "GMT+01:00".
  if (/^GMT[+-]/.test(shortName) || shortName === 'GMT' && offsetMinutes !== 0) shortName = offsetName(offsetMinutes);
  if (shortName === 'UTC' || timeZone === 'UTC' || timeZone === 'Etc/UTC') shortName = 'UTC';
  let longName = shortName;
  try {
    const lf = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'long' });
    longName = lf.formatToParts(new Date(ms)).find((p) => p.type === 'timeZoneName')?.value ?? shortName;
    if (/^GMT[+-]/.test(longName)) longName = offsetName(offsetMinutes);
  } catch {
    /* keep the short name */
  }
  return {
    year,
    month,
    day,
    hour,
    minute,
    second,
    millisecond,
    weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay(),
    offsetMinutes,
    shortName,
    longName,
  };
}

/** US week numbering: the week (Sunday-Saturday) containing January 1 is week 1 of its year. */
function usWeek(year: number, month: number, day: number): { weekYear: number; week: number } {
  const DAY = 86400000;
  const date = Date.UTC(year, month - 1, day);
  const weekStart = date - new Date(date).getUTCDay() * DAY;
  const weekEnd = weekStart + 6 * DAY;
  const weekYear = new Date(weekEnd).getUTCFullYear() > year ? year + 1 : year;
  const jan1 = Date.UTC(weekYear, 0, 1);
  const firstWeekStart = jan1 - new Date(jan1).getUTCDay() * DAY;
  return { weekYear, week: Math.floor((weekStart - firstWeekStart) / (7 * DAY)) + 1 };
}

function dayOfYear(year: number, month: number, day: number): number {
  return Math.round((Date.UTC(year, month - 1, day) - Date.UTC(year, 0, 1)) / 86400000) + 1;
}

function field(letter: string, count: number, t: Fields): string {
  switch (letter) {
    case 'G':
      return t.year > 0 ? 'AD' : 'BC';
    case 'y':
      return count === 2 ? pad(t.year % 100, 2) : pad(t.year, count);
    case 'Y': {
      const { weekYear } = usWeek(t.year, t.month, t.day);
      return count === 2 ? pad(weekYear % 100, 2) : pad(weekYear, count);
    }
    case 'M':
    case 'L':
      if (count >= 4) return MONTHS[t.month - 1];
      if (count === 3) return MONTHS[t.month - 1].slice(0, 3);
      return pad(t.month, count);
    case 'w':
      return pad(usWeek(t.year, t.month, t.day).week, count);
    case 'd':
      return pad(t.day, count);
    case 'D':
      return pad(dayOfYear(t.year, t.month, t.day), count);
    case 'E':
      return count >= 4 ? DAYS[t.weekday] : DAYS[t.weekday].slice(0, 3);
    case 'u':
      return pad(t.weekday === 0 ? 7 : t.weekday, count);
    case 'a':
      return t.hour < 12 ? 'AM' : 'PM';
    case 'H':
      return pad(t.hour, count);
    case 'k':
      return pad(t.hour === 0 ? 24 : t.hour, count);
    case 'K':
      return pad(t.hour % 12, count);
    case 'h':
      return pad(t.hour % 12 === 0 ? 12 : t.hour % 12, count);
    case 'm':
      return pad(t.minute, count);
    case 's':
      return pad(t.second, count);
    case 'S':
      // Java prints the millisecond number padded to the count, not a decimal fraction.
      return pad(t.millisecond, count);
    case 'z':
      return count >= 4 ? t.longName : t.shortName;
    case 'Z': {
      const a = Math.abs(t.offsetMinutes);
      return `${t.offsetMinutes < 0 ? '-' : '+'}${pad(Math.floor(a / 60), 2)}${pad(a % 60, 2)}`;
    }
    case 'X': {
      if (t.offsetMinutes === 0) return 'Z';
      const a = Math.abs(t.offsetMinutes);
      const sign = t.offsetMinutes < 0 ? '-' : '+';
      const hh = pad(Math.floor(a / 60), 2);
      if (count === 1) return sign + hh;
      return count === 2 ? `${sign}${hh}${pad(a % 60, 2)}` : `${sign}${hh}:${pad(a % 60, 2)}`;
    }
    default:
      throw new PatternError(letter);
  }
}

const KNOWN = new Set('GyYMLwdDEuaHkKhmsSzZX'.split(''));

/** Formats epoch milliseconds with a SimpleDateFormat pattern in a time zone. */
export function formatSimpleDate(ms: number, timeZone: string, pattern: string): string {
  const t = zoneFields(ms, timeZone);
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === "'") {
      if (pattern[i + 1] === "'") {
        out += "'";
        i += 2;
        continue;
      }
      const end = pattern.indexOf("'", i + 1);
      if (end < 0) throw new PatternError("'");
      // '' inside quoted text is a literal quote.
      let j = i + 1;
      let text = '';
      while (j < pattern.length) {
        if (pattern[j] === "'") {
          if (pattern[j + 1] === "'") {
            text += "'";
            j += 2;
            continue;
          }
          break;
        }
        text += pattern[j++];
      }
      if (j >= pattern.length) throw new PatternError("'");
      out += text;
      i = j + 1;
      continue;
    }
    if (/[A-Za-z]/.test(c)) {
      let n = 1;
      while (pattern[i + n] === c) n++;
      if (!KNOWN.has(c)) throw new PatternError(c);
      out += field(c, n, t);
      i += n;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}
