/**
 * The values formulas compute with: numbers, text, booleans, empty (null), errors and dates (kept
 * as serial numbers, so date arithmetic works and results stay dates), plus the coercions Sheets
 * applies between them.
 */
import { generalNumber } from './number-format';

export class FErr {
  constructor(readonly code: string) {}
}

/** A date as Sheets computes with it: days since 1899-12-30 in the spreadsheet's time zone. */
export class FDate {
  constructor(readonly serial: number) {}
}

export type Scalar = number | string | boolean | null | FErr | FDate;
export type Grid = Scalar[][];
export type Value = Scalar | Grid;

export const isGrid = (v: Value): v is Grid => Array.isArray(v);

/** A range in a scalar position: a single cell reads as its value, larger ranges as #VALUE!. */
export function scalar(v: Value): Scalar {
  if (!isGrid(v)) return v;
  if (v.length === 1 && v[0].length === 1) return v[0][0];
  return new FErr('#VALUE!');
}

export function toNumber(v: Scalar): number | FErr {
  if (v instanceof FErr) return v;
  if (v instanceof FDate) return v.serial;
  if (v === null) return 0;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  const t = v.trim();
  if (t === '') return 0;
  const pct = /^([+-]?[\d.,]+(?:[eE][+-]?\d+)?)%$/.exec(t);
  const n = Number((pct ? pct[1] : t).replace(/,/g, ''));
  if (/\d/.test(t) && Number.isFinite(n)) return pct ? n / 100 : n;
  return new FErr('#VALUE!');
}

export function toText(v: Scalar): string | FErr {
  if (v instanceof FErr) return v;
  if (v instanceof FDate) return generalNumber(v.serial);
  if (v === null) return '';
  if (typeof v === 'number') return generalNumber(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return v;
}

export function toBool(v: Scalar): boolean | FErr {
  if (v instanceof FErr) return v;
  if (v instanceof FDate) return v.serial !== 0;
  if (v === null) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  const u = v.trim().toUpperCase();
  if (u === 'TRUE') return true;
  if (u === 'FALSE' || u === '') return false;
  return new FErr('#VALUE!');
}

/** Sheets' ordering across types: numbers < text < booleans; text compares without case. */
export function compare(a: Scalar, b: Scalar): number {
  const norm = (x: Scalar, other: Scalar): number | string | boolean => {
    if (x instanceof FDate) return x.serial;
    if (x === null) {
      if (typeof other === 'string') return '';
      if (typeof other === 'boolean') return false;
      return 0;
    }
    return x as number | string | boolean;
  };
  const x = norm(a, b);
  const y = norm(b, a);
  const rank = (v: number | string | boolean) => (typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : 2);
  if (rank(x) !== rank(y)) return rank(x) - rank(y);
  if (typeof x === 'string') {
    const s = x.toLowerCase();
    const t = (y as string).toLowerCase();
    return s < t ? -1 : s > t ? 1 : 0;
  }
  return Number(x) - Number(y);
}

/** Every scalar in the arguments, ranges flattened row by row. */
export function flatten(values: Value[]): { v: Scalar; fromRange: boolean }[] {
  const out: { v: Scalar; fromRange: boolean }[] = [];
  for (const v of values) {
    if (isGrid(v)) for (const row of v) for (const x of row) out.push({ v: x, fromRange: true });
    else out.push({ v, fromRange: false });
  }
  return out;
}
