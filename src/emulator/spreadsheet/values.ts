/**
 * Cell values crossing the API: what a script's value (or a person's typed text) becomes in a cell,
 * and what getValues hands back. Strings are parsed the way Sheets parses entered text: "123" is a
 * number, "2024-01-05" a date, "TRUE" a boolean, "=..." a formula, "'123" the text "123".
 */
import { isDate } from '../context';
import type { StoredValue } from '../state';
import { fromWallClock } from './dates';
import { monthFirst } from './number-format';

/** The values Sheets shows for error cells; getValues returns them as these strings. */
export const ERROR_VALUES = new Set(['#N/A', '#REF!', '#DIV/0!', '#NAME?', '#VALUE!', '#NUM!', '#NULL!', '#ERROR!']);

export const MAX_CELL_CHARS = 50000;

/** What an entry puts in a cell: a value, a formula, and a number format Sheets picks for it. */
export interface CellInput {
  v?: StoredValue;
  f?: string;
  nf?: string;
}

const NUMBER = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?\s*([ap]\.?m\.?)?$/i;

function daysIn(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function parseTime(text: string): { h: number; mi: number; s: number; ms: number } | null {
  const m = TIME.exec(text.trim());
  if (!m) return null;
  let h = Number(m[1]);
  const mi = Number(m[2]);
  const s = m[3] ? Number(m[3]) : 0;
  if (m[5]) {
    if (h < 1 || h > 12) return null;
    const pm = m[5][0].toLowerCase() === 'p';
    h = (h % 12) + (pm ? 12 : 0);
  }
  if (h > 23 || mi > 59 || s > 59) return null;
  return { h, mi, s, ms: m[4] ? Number(m[4].padEnd(3, '0')) : 0 };
}

function parseNumber(text: string): number | null {
  const t = text.trim();
  if (!t || !/\d/.test(t) || !NUMBER.test(t)) return null;
  const n = Number(t.replace(/,/g, ''));
  return Number.isFinite(n) ? n : null;
}

/** A date or date-time typed in the locale's order or ISO order, as an instant in the zone. */
function parseDate(text: string, locale: string, timeZone: string): { ms: number; iso: boolean; time: boolean } | null {
  const t = text.trim();
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:(?:\s+|T)(.+))?$/.exec(t);
  let y: number, mo: number, d: number, rest: string | undefined, iso = false;
  if (m) {
    [y, mo, d, rest, iso] = [Number(m[1]), Number(m[2]), Number(m[3]), m[4], true];
  } else {
    m = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?:\s+(.+))?$/.exec(t);
    if (!m) return null;
    const a = Number(m[1]);
    const b = Number(m[3]);
    [mo, d] = monthFirst(locale) ? [a, b] : [b, a];
    y = Number(m[4]);
    if (m[4].length === 2) y += y < 30 ? 2000 : 1900;
    rest = m[5];
  }
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) return null;
  let time = { h: 0, mi: 0, s: 0, ms: 0 };
  if (rest !== undefined) {
    const parsed = parseTime(rest.replace(/Z$/, ''));
    if (!parsed) return null;
    time = parsed;
  }
  return { ms: fromWallClock({ y, m: mo, d, ...time }, timeZone), iso, time: rest !== undefined };
}

/** Parses text as Sheets does when it is typed (or written by setValue) into a cell. */
export function parseEntered(text: string, locale: string, timeZone: string): CellInput {
  if (text === '') return {};
  if (text.startsWith("'")) return { v: text.slice(1) };
  if (text.startsWith('=') && text.length > 1) return { f: text };
  // Fast path for ordinary text: only digits, signs, "$", "." or TRUE/FALSE/#ERR can start a non-text entry.
  if (/^[A-Za-z]/.test(text) && !/^(true|false)\s*$/i.test(text)) return { v: text };
  const upper = text.trim().toUpperCase();
  if (upper === 'TRUE' || upper === 'FALSE') return { v: upper === 'TRUE' };
  if (ERROR_VALUES.has(upper)) return { v: upper };
  const n = parseNumber(text);
  if (n !== null) return { v: n };
  const pct = /^\s*([^%]+)%\s*$/.exec(text);
  if (pct) {
    const p = parseNumber(pct[1]);
    if (p !== null) return { v: p / 100, nf: pct[1].includes('.') ? '0.00%' : '0%' };
  }
  const cur = /^\s*([+-]?)\$\s*([\d,.]+)\s*$/.exec(text);
  if (cur) {
    const c = parseNumber(cur[2]);
    if (c !== null) return { v: cur[1] === '-' ? -c : c, nf: '$#,##0.00' };
  }
  const date = parseDate(text, locale, timeZone);
  if (date) return { v: { d: date.ms }, nf: date.iso ? (date.time ? 'yyyy-mm-dd h:mm:ss' : 'yyyy-mm-dd') : undefined };
  const time = parseTime(text);
  if (time) return { v: { d: fromWallClock({ y: 1899, m: 12, d: 30, ...time }, timeZone) } };
  return { v: text };
}

/**
 * What a script's value becomes in a cell (Range.setValue/setValues/appendRow). Strings are parsed
 * like typed text (the Sheets API's USER_ENTERED: "=1+2" a formula, "$100.15" currency, "'123" the
 * text "123") unless the cell is formatted as plain text ("@"): then the string is stored as it is,
 * "=1+1" and a leading apostrophe included — Sheets' documented ways to keep an entry as text are
 * the apostrophe prefix and the Plain text format (Format > Number > Plain text), which is what
 * `setNumberFormat('@')` sets. See https://developers.google.com/sheets/api/reference/rest/v4/ValueInputOption
 * and https://support.google.com/docs/answer/56470 (number formats).
 */
export function fromScript(value: unknown, locale: string, timeZone: string, plainText = false): CellInput {
  if (value === null || value === undefined || value === '') return {};
  if (typeof value === 'number') return Number.isFinite(value) ? { v: value } : { v: '#NUM!' };
  if (typeof value === 'boolean') return { v: value };
  if (isDate(value)) {
    const ms = value.getTime();
    return Number.isNaN(ms) ? { v: String(value) } : { v: { d: ms } };
  }
  const text = typeof value === 'string' ? value : String(value);
  if (plainText) return { v: text };
  return parseEntered(text, locale, timeZone);
}

/** Length a cell's content counts against the 50,000-character limit. */
export function inputLength(input: CellInput): number {
  if (input.f !== undefined) return input.f.length;
  return typeof input.v === 'string' ? input.v.length : 0;
}

/** A stored value as getValues returns it: '' for empty, Dates made in the script's realm. */
export function toScript(v: StoredValue | undefined, makeDate: (ms: number) => Date): unknown {
  if (v === undefined) return '';
  if (typeof v === 'object') return makeDate(v.d);
  return v;
}
