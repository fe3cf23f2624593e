/**
 * The spreadsheet functions the formula evaluator implements, and the names of real Sheets
 * functions it does not (a formula using one keeps its last computed value instead of showing a
 * #NAME? that Sheets would never show).
 */
import type { Node } from './formula-parser';
import { compare, FDate, FErr, flatten, isGrid, scalar, toBool, toNumber, toText, type Grid, type Scalar, type Value } from './formula-values';
import { displayValue } from './number-format';
import { toSerial } from './dates';

export interface FnEnv {
  ev(n: Node): Value;
  now(): number;
  timeZone: string;
  locale: string;
}

type Fn = (args: Node[], env: FnEnv) => Value;

const err = (code: string) => new FErr(code);
const firstErr = (vals: Scalar[]) => vals.find((v): v is FErr => v instanceof FErr);

function numbers(args: Node[], env: FnEnv): number[] | FErr {
  const out: number[] = [];
  for (const { v, fromRange } of flatten(args.map((a) => env.ev(a)))) {
    if (v instanceof FErr) return v;
    if (fromRange) {
      if (typeof v === 'number') out.push(v);
      else if (v instanceof FDate) out.push(v.serial);
      continue;
    }
    const n = toNumber(v);
    if (n instanceof FErr) return n;
    out.push(n);
  }
  return out;
}

function arity(args: Node[], min: number, max = min): FErr | null {
  return args.length < min || args.length > max ? err('#N/A') : null;
}

const one = (args: Node[], env: FnEnv, i = 0): Scalar => (args[i] ? scalar(env.ev(args[i])) : null);

function textFn(f: (s: string, args: Node[], env: FnEnv) => Scalar, min = 1, max = 1): Fn {
  return (args, env) => {
    const a = arity(args, min, max);
    if (a) return a;
    const t = toText(one(args, env));
    return t instanceof FErr ? t : f(t, args, env);
  };
}

function numFn(f: (n: number[]) => Scalar): Fn {
  return (args, env) => {
    const ns = numbers(args, env);
    return ns instanceof FErr ? ns : f(ns);
  };
}

/** Criteria of COUNTIF/SUMIF: "=x", ">5", "<>a", or a plain value (equality, text without case). */
function criterion(c: Scalar): (v: Scalar) => boolean {
  if (typeof c === 'string') {
    const m = /^(<=|>=|<>|<|>|=)(.*)$/.exec(c);
    if (m) {
      const rhsText = m[2];
      const n = Number(rhsText);
      const rhs: Scalar = rhsText !== '' && Number.isFinite(n) ? n : rhsText;
      return (v) => {
        if (v instanceof FErr) return false;
        if (m[1] === '=' && rhsText === '') return v === null || v === '';
        if (m[1] === '<>' && rhsText === '') return !(v === null || v === '');
        if (typeof rhs === 'number' && typeof v !== 'number' && !(v instanceof FDate)) return m[1] === '<>';
        const d = compare(v, rhs);
        return { '<=': d <= 0, '>=': d >= 0, '<>': d !== 0, '<': d < 0, '>': d > 0, '=': d === 0 }[m[1]]!;
      };
    }
  }
  return (v) => !(v instanceof FErr) && v !== null && compare(v, c) === 0 && typeof v === typeof c;
}

function cellsOf(v: Value): Scalar[] {
  return isGrid(v) ? v.flat() : [v];
}

function lookupIndex(key: Scalar, list: Scalar[], exact: boolean): number {
  if (exact) return list.findIndex((x) => x !== null && !(x instanceof FErr) && compare(x, key) === 0);
  let found = -1;
  for (let i = 0; i < list.length; i++) {
    if (list[i] === null) continue;
    if (compare(list[i], key) <= 0) found = i;
    else break;
  }
  return found;
}

export const FUNCTIONS: Record<string, Fn> = {
  SUM: numFn((ns) => ns.reduce((a, b) => a + b, 0)),
  MIN: numFn((ns) => (ns.length ? Math.min(...ns) : 0)),
  MAX: numFn((ns) => (ns.length ? Math.max(...ns) : 0)),
  AVERAGE: numFn((ns) => (ns.length ? ns.reduce((a, b) => a + b, 0) / ns.length : err('#DIV/0!'))),
  COUNT: (args, env) => flatten(args.map((a) => env.ev(a))).filter(({ v }) => typeof v === 'number' || v instanceof FDate).length,
  COUNTA: (args, env) => flatten(args.map((a) => env.ev(a))).filter(({ v, fromRange }) => !fromRange || (v !== null && v !== '')).length,
  COUNTBLANK: (args, env) => cellsOf(env.ev(args[0])).filter((v) => v === null || v === '').length,
  IF: (args, env) => {
    const a = arity(args, 1, 3);
    if (a) return a;
    const c = toBool(one(args, env));
    if (c instanceof FErr) return c;
    const branch = c ? args[1] : args[2];
    if (!branch) return c ? true : false;
    return branch.k === 'empty' ? 0 : env.ev(branch);
  },
  IFERROR: (args, env) => {
    const v = one(args, env);
    return v instanceof FErr ? (args[1] ? env.ev(args[1]) : null) : v;
  },
  IFNA: (args, env) => {
    const v = one(args, env);
    return v instanceof FErr && v.code === '#N/A' ? (args[1] ? env.ev(args[1]) : null) : v;
  },
  NA: () => err('#N/A'),
  AND: (args, env) => {
    const vs = flatten(args.map((a) => env.ev(a))).filter(({ v, fromRange }) => !fromRange || typeof v === 'boolean' || typeof v === 'number');
    const bs = vs.map(({ v }) => toBool(v));
    return firstErr(bs) ?? bs.every(Boolean);
  },
  OR: (args, env) => {
    const vs = flatten(args.map((a) => env.ev(a))).filter(({ v, fromRange }) => !fromRange || typeof v === 'boolean' || typeof v === 'number');
    const bs = vs.map(({ v }) => toBool(v));
    return firstErr(bs) ?? bs.some(Boolean);
  },
  NOT: (args, env) => {
    const b = toBool(one(args, env));
    return b instanceof FErr ? b : !b;
  },
  ISBLANK: (args, env) => one(args, env) === null,
  ISNUMBER: (args, env) => {
    const v = one(args, env);
    return typeof v === 'number' || v instanceof FDate;
  },
  ISTEXT: (args, env) => typeof one(args, env) === 'string',
  ISERROR: (args, env) => one(args, env) instanceof FErr,
  ISNA: (args, env) => {
    const v = one(args, env);
    return v instanceof FErr && v.code === '#N/A';
  },
  CONCATENATE: (args, env) => {
    const parts = flatten(args.map((a) => env.ev(a))).map(({ v }) => toText(v));
    return firstErr(parts) ?? parts.join('');
  },
  CONCAT: (args, env) => {
    const a = arity(args, 2);
    if (a) return a;
    const parts = [toText(one(args, env, 0)), toText(one(args, env, 1))];
    return firstErr(parts) ?? parts.join('');
  },
  LEN: textFn((s) => s.length),
  UPPER: textFn((s) => s.toUpperCase()),
  LOWER: textFn((s) => s.toLowerCase()),
  TRIM: textFn((s) => s.trim().replace(/ {2,}/g, ' ')),
  LEFT: textFn((s, args, env) => {
    const n = args[1] ? toNumber(one(args, env, 1)) : 1;
    return n instanceof FErr ? n : n < 0 ? err('#VALUE!') : s.slice(0, Math.floor(n));
  }, 1, 2),
  RIGHT: textFn((s, args, env) => {
    const n = args[1] ? toNumber(one(args, env, 1)) : 1;
    return n instanceof FErr ? n : n < 0 ? err('#VALUE!') : Math.floor(n) === 0 ? '' : s.slice(-Math.floor(n));
  }, 1, 2),
  MID: textFn((s, args, env) => {
    const start = toNumber(one(args, env, 1));
    const len = toNumber(one(args, env, 2));
    if (start instanceof FErr) return start;
    if (len instanceof FErr) return len;
    return start < 1 || len < 0 ? err('#VALUE!') : s.substr(Math.floor(start) - 1, Math.floor(len));
  }, 3, 3),
  SUBSTITUTE: textFn((s, args, env) => {
    const from = toText(one(args, env, 1));
    const to = toText(one(args, env, 2));
    if (from instanceof FErr) return from;
    if (to instanceof FErr) return to;
    return from === '' ? s : s.split(from).join(to);
  }, 3, 3),
  ROUND: (args, env) => {
    const n = toNumber(one(args, env));
    const d = args[1] ? toNumber(one(args, env, 1)) : 0;
    if (n instanceof FErr) return n;
    if (d instanceof FErr) return d;
    const f = 10 ** Math.trunc(d);
    return (Math.sign(n) * Math.round(Math.abs(n) * f + 1e-9)) / f;
  },
  ABS: (args, env) => {
    const n = toNumber(one(args, env));
    return n instanceof FErr ? n : Math.abs(n);
  },
  INT: (args, env) => {
    const n = toNumber(one(args, env));
    return n instanceof FErr ? n : Math.floor(n);
  },
  MOD: (args, env) => {
    const a = toNumber(one(args, env));
    const b = toNumber(one(args, env, 1));
    if (a instanceof FErr) return a;
    if (b instanceof FErr) return b;
    return b === 0 ? err('#DIV/0!') : a - b * Math.floor(a / b);
  },
  TODAY: (_args, env) => new FDate(Math.floor(toSerial(env.now(), env.timeZone))),
  NOW: (_args, env) => new FDate(toSerial(env.now(), env.timeZone)),
  TEXT: (args, env) => {
    const v = one(args, env);
    const f = toText(one(args, env, 1));
    if (v instanceof FErr) return v;
    if (f instanceof FErr) return f;
    if (typeof v === 'string' || typeof v === 'boolean' || v === null) return toText(v);
    const n = v instanceof FDate ? v.serial : v;
    return displayValue(n, f, env.locale, env.timeZone);
  },
  COUNTIF: (args, env) => {
    const test = criterion(one(args, env, 1));
    return cellsOf(env.ev(args[0])).filter(test).length;
  },
  SUMIF: (args, env) => {
    const range = env.ev(args[0]);
    const test = criterion(one(args, env, 1));
    const sums = args[2] ? cellsOf(env.ev(args[2])) : cellsOf(range);
    let total = 0;
    cellsOf(range).forEach((v, i) => {
      const s = sums[i];
      if (test(v) && typeof s === 'number') total += s;
    });
    return total;
  },
  VLOOKUP: (args, env) => {
    const a = arity(args, 3, 4);
    if (a) return a;
    const key = one(args, env);
    const table = env.ev(args[1]);
    const col = toNumber(one(args, env, 2));
    if (key instanceof FErr) return key;
    if (col instanceof FErr) return col;
    const grid: Grid = isGrid(table) ? table : [[table]];
    if (col < 1 || col > (grid[0]?.length ?? 0)) return err('#REF!');
    const sorted = args[3] ? toBool(one(args, env, 3)) : true;
    if (sorted instanceof FErr) return sorted;
    const i = lookupIndex(key, grid.map((row) => row[0]), !sorted);
    return i < 0 ? err('#N/A') : grid[i][Math.floor(col) - 1];
  },
  MATCH: (args, env) => {
    const key = one(args, env);
    const list = cellsOf(env.ev(args[1]));
    const type = args[2] ? toNumber(one(args, env, 2)) : 1;
    if (type instanceof FErr) return type;
    const i = lookupIndex(key, list, type === 0);
    return i < 0 ? err('#N/A') : i + 1;
  },
  INDEX: (args, env) => {
    const v = env.ev(args[0]);
    const grid: Grid = isGrid(v) ? v : [[v]];
    const r = args[1] ? toNumber(one(args, env, 1)) : 0;
    const c = args[2] ? toNumber(one(args, env, 2)) : 0;
    if (r instanceof FErr) return r;
    if (c instanceof FErr) return c;
    const rr = r === 0 ? 1 : r;
    const cc = c === 0 ? 1 : c;
    if (grid.length === 1 && args.length === 2) return grid[0][rr - 1] ?? err('#REF!');
    return grid[rr - 1]?.[cc - 1] ?? err('#REF!');
  },
  DATE: (args, env) => {
    const [y, m, d] = [0, 1, 2].map((i) => toNumber(one(args, env, i)));
    const bad = [y, m, d].find((x): x is FErr => x instanceof FErr);
    if (bad) return bad;
    const year = (y as number) < 1900 ? (y as number) + 1900 : (y as number);
    return new FDate(Date.UTC(year, (m as number) - 1, d as number) / 86400000 + 25569);
  },
  YEAR: (args, env) => datePart(one(args, env), (d) => d.getUTCFullYear()),
  MONTH: (args, env) => datePart(one(args, env), (d) => d.getUTCMonth() + 1),
  DAY: (args, env) => datePart(one(args, env), (d) => d.getUTCDate()),
  ROWS: (args, env) => {
    const v = env.ev(args[0]);
    return isGrid(v) ? v.length : 1;
  },
  COLUMNS: (args, env) => {
    const v = env.ev(args[0]);
    return isGrid(v) ? (v[0]?.length ?? 0) : 1;
  },
};

/** A serial is wall-clock time, so its parts read directly off a UTC date. */
function datePart(v: Scalar, f: (d: Date) => number): Scalar {
  const n = toNumber(v);
  if (n instanceof FErr) return n;
  return f(new Date(Math.round((n - 25569) * 86400000)));
}

/**
 * Real Sheets functions this evaluator does not compute. A formula using one keeps the value it
 * last had (e.g. cached from an xlsx file) rather than showing an error Sheets would not show.
 */
export const KNOWN_NOT_EMULATED = new Set(
  ('ARRAYFORMULA QUERY FILTER SORT UNIQUE IMPORTRANGE IMPORTDATA IMPORTHTML IMPORTXML REGEXMATCH REGEXREPLACE ' +
    'REGEXEXTRACT SPLIT JOIN TEXTJOIN FIND SEARCH REPLACE REPT PROPER EXACT VALUE CHAR CODE HLOOKUP XLOOKUP ' +
    'LOOKUP SUMIFS COUNTIFS AVERAGEIF AVERAGEIFS MINIFS MAXIFS SUMPRODUCT ROUNDUP ROUNDDOWN CEILING FLOOR POWER ' +
    'SQRT EXP LN LOG LOG10 PI RAND RANDBETWEEN MEDIAN MODE STDEV VAR RANK LARGE SMALL EDATE EOMONTH WEEKDAY ' +
    'WEEKNUM NETWORKDAYS WORKDAY DATEDIF DATEVALUE TIMEVALUE HOUR MINUTE SECOND TIME ROW COLUMN INDIRECT OFFSET ' +
    'ADDRESS HYPERLINK IMAGE SPARKLINE GOOGLEFINANCE GOOGLETRANSLATE DETECTLANGUAGE LET LAMBDA MAP REDUCE BYROW ' +
    'BYCOL SCAN MAKEARRAY SEQUENCE TRANSPOSE FLATTEN CHOOSE SWITCH IFS XOR ISEMAIL ISURL ISLOGICAL ISREF ' +
    'ISFORMULA FORMULATEXT N T TO_TEXT TO_DATE TO_DOLLARS TO_PERCENT TO_PURE_NUMBER CELL ERROR.TYPE ' +
    'SUBTOTAL AGGREGATE COUNTUNIQUE CLEAN DOLLAR FIXED LENB LEFTB RIGHTB MIDB ENCODEURL')
    .split(' '),
);
