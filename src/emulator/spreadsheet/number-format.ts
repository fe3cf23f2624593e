/**
 * Display formatting: what a cell shows (Range.getDisplayValues) for a value and its number format,
 * and the locale's default date formats. Covers the formats scripts commonly set: "0", "0.00",
 * "#,##0", "0%", currency prefixes, "@" (plain text) and date/time patterns like "yyyy-mm-dd".
 */
import type { StoredValue } from '../state';
import { fromSerial, isMidnight, toSerial, wallClock } from './dates';

/** The format Range.getNumberFormat reports for a cell nobody formatted. */
export const DEFAULT_NUMBER_FORMAT = '0.###############';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Default date pattern of a locale (Sheets' "Date" format there). */
export function localeDatePattern(locale: string): string {
  const l = locale.replace('-', '_');
  if (/^en_US|^en$|^en_PH|^es_US/.test(l)) return 'M/d/yyyy';
  if (/^(de|fi|nb|no|ru|pl|cs|tr|da|sk|uk)/.test(l)) return 'dd.MM.yyyy';
  if (/^(ja|zh|ko|hu|lt|sv|en_CA|fr_CA)/.test(l)) return 'yyyy-MM-dd';
  if (/^nl/.test(l)) return 'd-M-yyyy';
  return 'dd/MM/yyyy';
}

/** Whether the locale reads "1/5/2024" month first (en_US) rather than day first. */
export function monthFirst(locale: string): boolean {
  return localeDatePattern(locale) === 'M/d/yyyy';
}

/** Sheets' automatic number display: integers as is, else about 10 significant digits. */
export function generalNumber(n: number): string {
  if (!Number.isFinite(n)) return n > 0 ? '#NUM!' : '#NUM!';
  if (n === 0) return '0';
  const abs = Math.abs(n);
  if (abs >= 1e15 || abs < 1e-9) {
    const [mant, exp] = n.toExponential(5).split('e');
    const m = mant.replace(/\.?0+$/, '');
    const e = Number(exp);
    return `${m}E${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  if (Number.isInteger(n)) return String(n);
  const s = n.toPrecision(10);
  return s.includes('e') ? String(Number(s)) : s.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
}

const DATE_TOKEN = /(?:yyyy|yy|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s|am\/pm|a\/p)/i;

export function isDatePattern(format: string): boolean {
  const bare = format.replace(/"[^"]*"/g, '').replace(/\\./g, '').replace(/\[[^\]]*\]/g, '');
  return /[ydhs]/i.test(bare) || (/m/i.test(bare) && !/[0#]/.test(bare));
}

function formatDatePattern(ms: number, pattern: string, timeZone: string): string {
  const w = wallClock(ms, timeZone);
  const tokens: { t: string; lit?: boolean }[] = [];
  for (let i = 0; i < pattern.length; ) {
    const ch = pattern[i];
    if (ch === '"') {
      const end = pattern.indexOf('"', i + 1);
      tokens.push({ t: pattern.slice(i + 1, end < 0 ? undefined : end), lit: true });
      i = end < 0 ? pattern.length : end + 1;
      continue;
    }
    if (ch === '\\') {
      tokens.push({ t: pattern[i + 1] ?? '', lit: true });
      i += 2;
      continue;
    }
    const m = DATE_TOKEN.exec(pattern.slice(i));
    if (m && m.index === 0) {
      tokens.push({ t: m[0] });
      i += m[0].length;
    } else {
      tokens.push({ t: ch, lit: true });
      i++;
    }
  }
  const hasAmPm = tokens.some((t) => !t.lit && /^(am\/pm|a\/p)$/i.test(t.t));
  const isTime = (t: string | undefined) => t !== undefined && /^(h|hh|s|ss)$/i.test(t);
  const pad = (n: number, len = 2) => String(n).padStart(len, '0');
  return tokens
    .map((tok, i) => {
      if (tok.lit) return tok.t;
      const t = tok.t.toLowerCase();
      if (t === 'm' || t === 'mm') {
        // "m" is minutes right after an hour or right before seconds, else the month.
        const prev = tokens.slice(0, i).reverse().find((x) => !x.lit);
        const next = tokens.slice(i + 1).find((x) => !x.lit);
        const minutes = (prev && /^h/i.test(prev.t)) || (next && /^s/i.test(next.t));
        const v = minutes ? w.mi : w.m;
        return t === 'mm' ? pad(v) : String(v);
      }
      switch (t) {
        case 'yyyy': return String(w.y);
        case 'yy': return pad(w.y % 100);
        case 'mmmm': return MONTHS[w.m - 1];
        case 'mmm': return MONTHS[w.m - 1].slice(0, 3);
        case 'dddd': return DAYS[new Date(Date.UTC(w.y, w.m - 1, w.d)).getUTCDay()];
        case 'ddd': return DAYS[new Date(Date.UTC(w.y, w.m - 1, w.d)).getUTCDay()].slice(0, 3);
        case 'dd': return pad(w.d);
        case 'd': return String(w.d);
        case 'hh': case 'h': {
          const h = hasAmPm ? ((w.h + 11) % 12) + 1 : w.h;
          return t === 'hh' ? pad(h) : String(h);
        }
        case 'ss': return pad(w.s);
        case 's': return String(w.s);
        case 'am/pm': return w.h < 12 ? (tok.t[0] === 'a' ? 'am' : 'AM') : tok.t[0] === 'a' ? 'pm' : 'PM';
        case 'a/p': return w.h < 12 ? 'A' : 'P';
        default: return isTime(t) ? '' : tok.t;
      }
    })
    .join('');
}

function groupThousands(int: string): string {
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function formatNumberPattern(n: number, format: string): string {
  const sections = format.split(';');
  let section = sections[0];
  let value = n;
  if (n < 0 && sections.length > 1 && sections[1]) {
    section = sections[1];
    value = -n;
  } else if (n === 0 && sections.length > 2 && sections[2]) {
    section = sections[2];
  }
  // Literal text: "..." and \x, and [$€] currency markers.
  const cleaned = section.replace(/\[\$([^\]-]*)[^\]]*\]/g, '"$1"').replace(/\[[^\]]*\]/g, '');
  const core = /[#0?][#0?,]*(?:\.[#0?]*)?|\.[#0?]+/.exec(cleaned.replace(/"[^"]*"/g, (m) => ' '.repeat(m.length)));
  if (!core) return cleaned.replace(/"([^"]*)"/g, '$1').replace(/\\(.)/g, '$1');
  const literal = (s: string) => s.replace(/"([^"]*)"/g, '$1').replace(/\\(.)/g, '$1');
  const prefix = literal(cleaned.slice(0, core.index));
  const suffix = literal(cleaned.slice(core.index + core[0].length));
  if (/%/.test(prefix + suffix)) value *= 100;
  const [intPart, decPart = ''] = core[0].split('.');
  const maxDec = decPart.length;
  const minDec = (decPart.match(/0/g) ?? []).length;
  const minInt = (intPart.match(/0/g) ?? []).length;
  let text = Math.abs(value).toFixed(maxDec);
  let [i, d = ''] = text.split('.');
  while (d.length > minDec && d.endsWith('0')) d = d.slice(0, -1);
  if (minInt === 0 && i === '0') i = '';
  i = i.padStart(minInt, '0');
  if (intPart.includes(',')) i = groupThousands(i);
  text = d ? `${i}.${d}` : i;
  const sign = value < 0 && sections.length < 2 && Number(text.replace(/,/g, '')) !== 0 ? '-' : '';
  return sign + prefix + text + suffix;
}

/** Default display of a date value: the locale's date, plus the time when it is not midnight. */
function defaultDate(ms: number, locale: string, timeZone: string): string {
  const w = wallClock(ms, timeZone);
  if (w.y === 1899 && w.m === 12 && w.d === 30) return formatDatePattern(ms, 'H:mm:ss', timeZone);
  const date = formatDatePattern(ms, localeDatePattern(locale), timeZone);
  return isMidnight(ms, timeZone) ? date : `${date} ${formatDatePattern(ms, 'H:mm:ss', timeZone)}`;
}

/** What a cell shows for a value, its number format, the locale and time zone. */
export function displayValue(v: StoredValue | undefined, nf: string | undefined, locale: string, timeZone: string): string {
  if (v === undefined || v === '') return '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'string') return v;
  const format = nf && nf !== DEFAULT_NUMBER_FORMAT && nf.toLowerCase() !== 'general' ? nf : undefined;
  if (typeof v === 'object') {
    if (format === '@') return defaultDate(v.d, locale, timeZone);
    if (format && isDatePattern(format)) return formatDatePattern(v.d, format, timeZone);
    if (format) return formatNumberPattern(toSerial(v.d, timeZone), format);
    return defaultDate(v.d, locale, timeZone);
  }
  if (!format || format === '@') return generalNumber(v);
  if (isDatePattern(format)) return formatDatePattern(fromSerial(v, timeZone), format, timeZone);
  return formatNumberPattern(v, format);
}

/** The format Range.getNumberFormat reports: the one set, else the one Sheets picked for dates. */
export function reportedNumberFormat(v: StoredValue | undefined, nf: string | undefined, timeZone: string): string {
  if (nf) return nf;
  if (v !== undefined && typeof v === 'object') return isMidnight(v.d, timeZone) ? 'M/d/yyyy' : 'M/d/yyyy H:mm:ss';
  return DEFAULT_NUMBER_FORMAT;
}
