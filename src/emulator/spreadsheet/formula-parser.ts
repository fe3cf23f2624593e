/**
 * Formula text: tokenizing and parsing Sheets formulas into a small syntax tree, and rewriting the
 * references in a formula's text (what Sheets does when rows move, a sheet is renamed, or a formula
 * is filled across a range), keeping everything else byte for byte.
 */
import { columnToLetters, lettersToColumn, quoteSheetName } from './a1-notation';

export interface RefPart {
  r?: number;
  c?: number;
  rAbs: boolean;
  cAbs: boolean;
}

export interface RefToken {
  k: 'ref';
  /** Sheet name as written, unquoted. */
  sheet?: string;
  a: RefPart;
  b?: RefPart;
  start: number;
  end: number;
}

type Token =
  | { k: 'num'; v: number }
  | { k: 'str'; v: string }
  | { k: 'bool'; v: boolean }
  | { k: 'err'; v: string }
  | RefToken
  | { k: 'func'; name: string }
  | { k: 'name'; name: string }
  | { k: 'op'; v: string }
  | { k: '(' | ')' | ',' };

export type Node =
  | { k: 'num'; v: number }
  | { k: 'str'; v: string }
  | { k: 'bool'; v: boolean }
  | { k: 'err'; v: string }
  | { k: 'ref'; sheet?: string; a: RefPart; b?: RefPart }
  | { k: 'func'; name: string; args: Node[] }
  | { k: 'name'; name: string }
  | { k: 'bin'; op: string; l: Node; r: Node }
  | { k: 'neg'; e: Node }
  | { k: 'pct'; e: Node }
  | { k: 'empty' };

export class FormulaParseError extends Error {}

const SHEET = String.raw`(?:'((?:[^']|'')+)'|([A-Za-z_][A-Za-z0-9_.]*))!`;
const CELL = String.raw`\$?[A-Za-z]{1,3}\$?\d+`;
const COL = String.raw`\$?[A-Za-z]{1,3}`;
const ROW = String.raw`\$?\d+`;
const REF = new RegExp(
  String.raw`(?:${SHEET})?(${CELL}(?::(?:${CELL}|${COL}))?|${COL}:${COL}|${ROW}:${ROW})(?![A-Za-z0-9_.(!])`,
  'y',
);
const ERRORS = ['#N/A', '#REF!', '#DIV/0!', '#NAME?', '#VALUE!', '#NUM!', '#NULL!', '#ERROR!'];

function refPart(text: string): RefPart {
  const m = /^(\$?)([A-Za-z]*)(\$?)(\d*)$/.exec(text)!;
  const hasCol = m[2] !== '';
  return {
    c: hasCol ? lettersToColumn(m[2]) : undefined,
    cAbs: hasCol && m[1] === '$',
    r: m[4] ? Number(m[4]) : undefined,
    rAbs: hasCol ? m[3] === '$' : m[1] === '$' || m[3] === '$',
  };
}

export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = src.startsWith('=') ? 1 : 0;
  while (i < src.length) {
    const ch = src[i];
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '"') {
      let j = i + 1;
      let s = '';
      for (;;) {
        if (j >= src.length) throw new FormulaParseError('unterminated string');
        if (src[j] === '"') {
          if (src[j + 1] === '"') {
            s += '"';
            j += 2;
            continue;
          }
          break;
        }
        s += src[j++];
      }
      out.push({ k: 'str', v: s });
      i = j + 1;
      continue;
    }
    if (ch === '#') {
      const e = ERRORS.find((x) => src.slice(i, i + x.length).toUpperCase() === x);
      if (!e) throw new FormulaParseError('bad error literal');
      out.push({ k: 'err', v: e });
      i += e.length;
      continue;
    }
    REF.lastIndex = i;
    const m = REF.exec(src);
    if (m) {
      const sheet = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2];
      const [a, b] = m[3].split(':');
      out.push({ k: 'ref', sheet, a: refPart(a), b: b !== undefined ? refPart(b) : undefined, start: i, end: i + m[0].length });
      i += m[0].length;
      continue;
    }
    const num = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(src.slice(i));
    if (num) {
      out.push({ k: 'num', v: Number(num[0]) });
      i += num[0].length;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(src.slice(i));
    if (id) {
      i += id[0].length;
      let j = i;
      while (j < src.length && /\s/.test(src[j])) j++;
      if (src[j] === '(') out.push({ k: 'func', name: id[0].toUpperCase() });
      else if (/^(TRUE|FALSE)$/i.test(id[0])) out.push({ k: 'bool', v: id[0].toUpperCase() === 'TRUE' });
      else out.push({ k: 'name', name: id[0] });
      continue;
    }
    const two = src.slice(i, i + 2);
    if (two === '<>' || two === '<=' || two === '>=') {
      out.push({ k: 'op', v: two });
      i += 2;
      continue;
    }
    if ('+-*/^&=<>%'.includes(ch)) {
      out.push({ k: 'op', v: ch });
      i++;
      continue;
    }
    if (ch === '(' || ch === ')' || ch === ',') {
      out.push({ k: ch });
      i++;
      continue;
    }
    throw new FormulaParseError(`unexpected ${ch}`);
  }
  return out;
}

const COMPARE = new Set(['=', '<>', '<', '>', '<=', '>=']);

export function parseFormula(src: string): Node {
  const toks = tokenize(src);
  let p = 0;
  const peek = () => toks[p];
  const isOp = (...ops: string[]) => {
    const t = toks[p];
    return t?.k === 'op' && ops.includes(t.v);
  };
  const binary = (next: () => Node, test: () => boolean): Node => {
    let l = next();
    while (test()) {
      const op = (toks[p++] as { v: string }).v;
      l = { k: 'bin', op, l, r: next() };
    }
    return l;
  };
  const comparison = (): Node => binary(concat, () => peek()?.k === 'op' && COMPARE.has((peek() as { v: string }).v));
  const concat = (): Node => binary(additive, () => isOp('&'));
  const additive = (): Node => binary(multiplicative, () => isOp('+', '-'));
  const multiplicative = (): Node => binary(power, () => isOp('*', '/'));
  const power = (): Node => binary(unary, () => isOp('^'));
  const unary = (): Node => {
    if (isOp('-')) {
      p++;
      return { k: 'neg', e: unary() };
    }
    if (isOp('+')) {
      p++;
      return unary();
    }
    let e = primary();
    while (isOp('%')) {
      p++;
      e = { k: 'pct', e };
    }
    return e;
  };
  const primary = (): Node => {
    const t = toks[p++];
    if (!t) throw new FormulaParseError('unexpected end');
    switch (t.k) {
      case 'num': case 'str': case 'bool': case 'err':
        return t;
      case 'ref':
        return { k: 'ref', sheet: t.sheet, a: t.a, b: t.b };
      case 'name':
        return t;
      case '(': {
        const e = comparison();
        if (toks[p++]?.k !== ')') throw new FormulaParseError('missing )');
        return e;
      }
      case 'func': {
        p++; // "("
        const args: Node[] = [];
        if (peek()?.k === ')') {
          p++;
          return { k: 'func', name: t.name, args };
        }
        for (;;) {
          const n = peek();
          args.push(n?.k === ',' || n?.k === ')' ? { k: 'empty' } : comparison());
          const sep = toks[p++];
          if (sep?.k === ')') break;
          if (sep?.k !== ',') throw new FormulaParseError('expected , or )');
        }
        return { k: 'func', name: t.name, args };
      }
      default:
        throw new FormulaParseError('unexpected token');
    }
  };
  const root = comparison();
  if (p !== toks.length) throw new FormulaParseError('trailing tokens');
  return root;
}

/** Writes a reference part back: "$A$1", "B3", "C", "4". */
export function partText(p: RefPart): string {
  return (p.c !== undefined ? (p.cAbs ? '$' : '') + columnToLetters(p.c) : '') + (p.r !== undefined ? (p.rAbs ? '$' : '') + p.r : '');
}

/**
 * Rewrites each reference of a formula: `fn` returns the new reference (parts and sheet), 'REF'
 * for a reference that no longer exists (written "#REF!"), or undefined to keep it. Text that fails
 * to tokenize is returned unchanged.
 */
export function rewriteRefs(
  formula: string,
  fn: (ref: RefToken) => { sheet?: string; a: RefPart; b?: RefPart } | 'REF' | undefined,
): string {
  let toks: Token[];
  try {
    toks = tokenize(formula);
  } catch {
    return formula;
  }
  let out = '';
  let last = 0;
  for (const t of toks) {
    if (t.k !== 'ref') continue;
    const next = fn(t);
    if (next === undefined) continue;
    out += formula.slice(last, t.start);
    if (next === 'REF') out += '#REF!';
    else {
      const prefix = next.sheet !== undefined ? quoteSheetName(next.sheet) + '!' : '';
      out += prefix + partText(next.a) + (next.b ? ':' + partText(next.b) : '');
    }
    last = t.end;
  }
  return last === 0 ? formula : out + formula.slice(last);
}

/** The formula as it reads filled `dr` rows down and `dc` columns right ($-anchored parts stay). */
export function translateFormula(formula: string, dr: number, dc: number): string {
  if (dr === 0 && dc === 0) return formula;
  return rewriteRefs(formula, (ref) => {
    const move = (p: RefPart): RefPart | null => {
      const r = p.r !== undefined && !p.rAbs ? p.r + dr : p.r;
      const c = p.c !== undefined && !p.cAbs ? p.c + dc : p.c;
      if ((r !== undefined && r < 1) || (c !== undefined && c < 1)) return null;
      return { ...p, r, c };
    };
    const a = move(ref.a);
    const b = ref.b ? move(ref.b) : undefined;
    if (!a || b === null) return 'REF';
    return { sheet: ref.sheet, a, b: b ?? undefined };
  });
}
