/**
 * Formula evaluation and recalculation. Cells with `f` keep a computed `v`; after every write the
 * whole workbook's formula cells are recomputed (in dependency order, on demand), which is simple
 * and fast enough for add-on sized workbooks. Workbooks without formulas skip this entirely: the
 * positions of formula cells are indexed per workbook and the index is rebuilt only when a write
 * adds or removes a formula, or rows and sheets move.
 */
import type { CellData, SheetData, StoredValue, WorkbookData } from '../state';
import { FormulaParseError, parseFormula, type Node, type RefPart } from './formula-parser';
import { FDate, FErr, isGrid, scalar, compare, toNumber, toText, type Grid, type Scalar, type Value } from './formula-values';
import { FUNCTIONS, KNOWN_NOT_EMULATED, type FnEnv } from './formula-functions';
import { cellAt, rowAt, sheetByName } from './model';
import { fromSerial, toSerial } from './dates';
import { ERROR_VALUES } from './values';

type FormulaCell = [sheet: SheetData, row: number, column: number];

const index = new WeakMap<WorkbookData, FormulaCell[]>();
const parsed = new Map<string, Node | FormulaParseError>();

/** Tells the evaluator formula cells were added, removed or moved (the index is rebuilt lazily). */
export function markFormulasChanged(book: WorkbookData): void {
  index.delete(book);
}

function formulaCells(book: WorkbookData): FormulaCell[] {
  let cells = index.get(book);
  if (!cells) {
    cells = [];
    for (const sheet of book.sheets) {
      for (let r0 = 0; r0 < sheet.rows.length; r0++) {
        const line = rowAt(sheet, r0);
        if (!line) continue;
        for (let c0 = 0; c0 < line.length; c0++) if (line[c0]?.f !== undefined) cells.push([sheet, r0 + 1, c0 + 1]);
      }
    }
    index.set(book, cells);
  }
  return cells;
}

export function hasFormulas(book: WorkbookData): boolean {
  return formulaCells(book).length > 0;
}

function parse(formula: string): Node | FormulaParseError {
  let node = parsed.get(formula);
  if (!node) {
    try {
      node = parseFormula(formula);
    } catch (e) {
      node = e instanceof FormulaParseError ? e : new FormulaParseError(String(e));
    }
    if (parsed.size > 20000) parsed.clear();
    parsed.set(formula, node);
  }
  return node;
}

/** Thrown inside evaluation when a real Sheets function we don't compute is reached. */
class NotEmulated {}

function storedToScalar(v: StoredValue | undefined, timeZone: string): Scalar {
  if (v === undefined || v === '') return null;
  if (typeof v === 'object') return new FDate(toSerial(v.d, timeZone));
  if (typeof v === 'string' && ERROR_VALUES.has(v)) return new FErr(v);
  return v;
}

function scalarToStored(v: Scalar, timeZone: string): StoredValue | undefined {
  if (v === null) return '';
  if (v instanceof FErr) return v.code;
  if (v instanceof FDate) return { d: fromSerial(v.serial, timeZone) };
  if (typeof v === 'number' && !Number.isFinite(v)) return '#NUM!';
  return v;
}

/** Recomputes every formula cell of the workbook. `now` feeds NOW() and TODAY(). */
export function recalculate(book: WorkbookData, now: number = Date.now()): void {
  const cells = formulaCells(book);
  if (cells.length === 0) return;
  const tz = book.timeZone;
  // 1 = being computed (a reference back to it is circular), 2 = done.
  const state = new Map<CellData, 1 | 2>();

  const evalCell = (sheet: SheetData, cell: CellData): void => {
    if (state.get(cell) === 2) return;
    state.set(cell, 1);
    const node = parse(cell.f!);
    let out: StoredValue | undefined;
    if (node instanceof FormulaParseError) out = '#ERROR!';
    else {
      try {
        const v = evaluate(node, sheet);
        out = scalarToStored(isGrid(v) ? (v[0]?.[0] ?? null) : v, tz);
      } catch (e) {
        if (e instanceof NotEmulated) out = cell.v;
        else if (e instanceof RangeError) out = '#REF!';
        else throw e;
      }
    }
    if (out === undefined || out === '') delete cell.v;
    else cell.v = out;
    state.set(cell, 2);
  };

  const cellValue = (sheet: SheetData, row: number, column: number): Scalar => {
    const cell = cellAt(sheet, row, column);
    if (!cell) return null;
    if (cell.f !== undefined) {
      const s = state.get(cell);
      if (s === 1) return new FErr('#REF!');
      if (s === undefined) evalCell(sheet, cell);
    }
    return storedToScalar(cell.v, tz);
  };

  const resolve = (node: { sheet?: string; a: RefPart; b?: RefPart }, own: SheetData): Value => {
    const sheet = node.sheet === undefined ? own : sheetByName(book, node.sheet);
    if (!sheet) return new FErr('#REF!');
    const b = node.b ?? node.a;
    const r1 = node.a.r ?? 1;
    const c1 = node.a.c ?? 1;
    const r2 = b.r ?? sheet.maxRows;
    const c2 = b.c ?? sheet.maxColumns;
    if (Math.max(r1, r2) > sheet.maxRows || Math.max(c1, c2) > sheet.maxColumns) return new FErr('#REF!');
    if (!node.b) return cellValue(sheet, r1, c1);
    const grid: Grid = [];
    for (let r = Math.min(r1, r2); r <= Math.max(r1, r2); r++) {
      const row: Scalar[] = [];
      for (let c = Math.min(c1, c2); c <= Math.max(c1, c2); c++) row.push(cellValue(sheet, r, c));
      grid.push(row);
    }
    return grid;
  };

  const evaluate = (node: Node, own: SheetData): Value => {
    const env: FnEnv = { ev: (n) => evaluate(n, own), now: () => now, timeZone: tz, locale: book.locale };
    switch (node.k) {
      case 'num': case 'str': case 'bool':
        return node.v;
      case 'err':
        return new FErr(node.v);
      case 'empty':
        return null;
      case 'name':
        return new FErr('#NAME?');
      case 'ref':
        return resolve(node, own);
      case 'neg': {
        const v = scalar(evaluate(node.e, own));
        const n = toNumber(v);
        return n instanceof FErr ? n : -n;
      }
      case 'pct': {
        const n = toNumber(scalar(evaluate(node.e, own)));
        return n instanceof FErr ? n : n / 100;
      }
      case 'func': {
        const fn = FUNCTIONS[node.name];
        if (fn) return fn(node.args, env);
        if (KNOWN_NOT_EMULATED.has(node.name)) throw new NotEmulated();
        return new FErr('#NAME?');
      }
      case 'bin':
        return binary(node.op, scalar(evaluate(node.l, own)), scalar(evaluate(node.r, own)));
    }
  };

  for (const [sheet, row, column] of cells) {
    const cell = cellAt(sheet, row, column);
    if (cell?.f !== undefined) evalCell(sheet, cell);
  }
}

function binary(op: string, l: Scalar, r: Scalar): Scalar {
  if (l instanceof FErr) return l;
  if (r instanceof FErr) return r;
  if (op === '&') {
    const a = toText(l);
    const b = toText(r);
    return a instanceof FErr ? a : b instanceof FErr ? b : a + b;
  }
  if (['=', '<>', '<', '>', '<=', '>='].includes(op)) {
    const d = compare(l, r);
    return { '=': d === 0, '<>': d !== 0, '<': d < 0, '>': d > 0, '<=': d <= 0, '>=': d >= 0 }[op]!;
  }
  const a = toNumber(l);
  const b = toNumber(r);
  if (a instanceof FErr) return a;
  if (b instanceof FErr) return b;
  switch (op) {
    case '+': {
      // A date plus days stays a date; two dates add as numbers.
      const dated = (l instanceof FDate) !== (r instanceof FDate);
      return dated ? new FDate(a + b) : a + b;
    }
    case '-':
      return l instanceof FDate && !(r instanceof FDate) ? new FDate(a - b) : a - b;
    case '*':
      return a * b;
    case '/':
      return b === 0 ? new FErr('#DIV/0!') : a / b;
    case '^':
      return a ** b;
  }
  return new FErr('#ERROR!');
}
