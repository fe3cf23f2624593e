/**
 * Whether a sample value fits its type: "abc" is no integer, "2024-13-45" no date. Lenient where
 * specs are: digits of any script (Arabic-Indic, Thai, Khmer), several samples in one cell
 * separated by line breaks or ";", an "e.g." in front, quotes around. Types with no fixed shape
 * (text, select_one, id…) accept anything.
 */
import { isDateValue } from './text';

const INTEGER = /^[+-]?\p{Nd}+$/u;
const GROUPED_INTEGER = /^[+-]?\p{Nd}{1,3}([, ]\p{Nd}{3})+$/u;
const NUMBER = /^[+-]?(\p{Nd}+([.,]\p{Nd}+)?|[.,]\p{Nd}+)([eE][+-]?\d+)?$/u;
const BOOLEAN_WORDS = new Set(['true', 'false', 'yes', 'no', 'y', 'n', '1', '0', 'oui', 'non', 'sí', 'si', 'sim', 'não', 'nao', 'ja', 'nein']);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[\d\s().-]{5,20}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const URL = /^(https?|ftp):\/\/\S+$/i;
const MONTHS = 'jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|september|october|november|december';
const TIME = /^([01]?\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(\s?[ap]\.?m\.?)?$/i;
const TIME_12 = /^(0?[1-9]|1[0-2])(:[0-5]\d)?\s?[ap]\.?m\.?$/i;
const ZONE = /(Z|[+-]\d{2}:?\d{2})$/i;
const DAY_MONTH_YEAR = new RegExp(`^(\\d{1,2})[\\s-]+(${MONTHS})\\.?[\\s,-]+(\\d{4})$`, 'i');
const MONTH_DAY_YEAR = new RegExp(`^(${MONTHS})\\.?\\s+(\\d{1,2}),?\\s+(\\d{4})$`, 'i');

function validYmd(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  return d <= days;
}

/** ISO (2024-01-31), day-first or month-first with / - . separators, or with a month name. */
export function isDateText(s: string): boolean {
  const t = s.trim();
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(t);
  if (m) return validYmd(+m[1], +m[2], +m[3]);
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})$/.exec(t);
  if (m) {
    const y = m[3].length === 2 ? 2000 + +m[3] : +m[3];
    return validYmd(y, +m[2], +m[1]) || validYmd(y, +m[1], +m[2]);
  }
  m = DAY_MONTH_YEAR.exec(t);
  if (m) return +m[1] >= 1 && +m[1] <= 31;
  m = MONTH_DAY_YEAR.exec(t);
  if (m) return +m[2] >= 1 && +m[2] <= 31;
  return /^\d{4}(-\d{2})?$/.test(t) && (t.length === 4 || validYmd(+t.slice(0, 4), +t.slice(5, 7), 1));
}

export function isDateTimeText(s: string): boolean {
  const t = s.trim();
  if (isDateText(t)) return true;
  const m = /^(.+?)[T\s]+(\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(\s?[ap]\.?m\.?)?)\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(t);
  if (!m) return false;
  return isDateText(m[1]) && TIME.test(m[2].replace(ZONE, ''));
}

function isGeopoint(s: string): boolean {
  const parts = s.trim().split(/[\s,;]+/).filter((p) => p !== '');
  if (parts.length < 2 || parts.length > 4) return false;
  const n = parts.map(Number);
  if (n.some((x) => !Number.isFinite(x))) return false;
  return Math.abs(n[0]) <= 90 && Math.abs(n[1]) <= 180;
}

const TEXT_CHECKS: { readonly [type: string]: (s: string) => boolean } = {
  integer: (s) => INTEGER.test(s) || GROUPED_INTEGER.test(s),
  number: (s) => NUMBER.test(s) || GROUPED_INTEGER.test(s),
  percentage: (s) => NUMBER.test(s.replace(/\s?%$/, '')),
  age: (s) => INTEGER.test(s) || isDateText(s) || /^\p{Nd}+\s*\p{L}+/u.test(s),
  boolean: (s) => BOOLEAN_WORDS.has(s.toLowerCase()),
  true_only: (s) => BOOLEAN_WORDS.has(s.toLowerCase()),
  date: isDateText,
  datetime: isDateTimeText,
  time: (s) => TIME.test(s) || TIME_12.test(s),
  email: (s) => EMAIL.test(s),
  phone: (s) => PHONE.test(s) && /\d{5}/.test(s.replace(/\D/g, '')),
  uuid: (s) => UUID.test(s),
  url: (s) => URL.test(s),
  geopoint: isGeopoint,
};

/** Types whose samples can be checked. */
export function hasSampleCheck(type: string): boolean {
  return type in TEXT_CHECKS;
}

/** The individual samples in a sample cell. */
export function splitSamples(text: string): string[] {
  return text
    .split(/\r?\n|;/)
    .map((s) =>
      s
        .trim()
        .replace(/^(e\.?\s?g\.?|ex\.?|example:?)\s*/i, '')
        .replace(/^["'“‘«](.*)["'”’»]$/, '$1')
        .trim(),
    )
    .filter((s) => s !== '');
}

/**
 * The first sample in the cell that does not fit the type, or null when all fit (or the type has
 * no fixed shape). `raw` is the cell's raw value: a real number, boolean or date is judged by kind.
 */
export function sampleMismatch(type: string, raw: unknown, text: string): string | null {
  const check = TEXT_CHECKS[type];
  if (!check) return null;
  if (typeof raw === 'number') {
    if (type === 'integer') return Number.isInteger(raw) ? null : text;
    if (type === 'number' || type === 'percentage' || type === 'age') return null;
    if (type === 'boolean' || type === 'true_only') return raw === 0 || raw === 1 ? null : text;
  }
  if (typeof raw === 'boolean') return type === 'boolean' || type === 'true_only' ? null : text;
  if (isDateValue(raw)) return type === 'date' || type === 'datetime' || type === 'time' || type === 'age' ? null : text;
  // No value of these shapes is that long; do not split 50,000 characters to find out.
  if (text.length > 500) return text;
  for (const s of splitSamples(text)) if (!check(s)) return s;
  return null;
}
