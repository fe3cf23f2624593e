/**
 * Structural changes to a workbook: inserting and deleting rows and columns (cells, merges,
 * protections, sizes, row/column developer metadata and formula references all move with them,
 * as in Sheets), and renaming or deleting sheets as formulas see it.
 */
import type { RectData, SheetData, WorkbookData } from '../state';
import { rewriteRefs, type RefPart } from './formula-parser';
import { markFormulasChanged } from './formula';
import { rowAt, sheetByName } from './model';

type Dim = 'row' | 'column';

/** Where a 1-based index goes: shifted, or null when its row/column is deleted. */
function mover(at: number, count: number, insert: boolean): (x: number) => number | null {
  if (insert) return (x) => (x >= at ? x + count : x);
  const end = at + count - 1;
  return (x) => (x < at ? x : x > end ? x - count : null);
}

/** An inclusive span after the change, or null when all of it was deleted. */
function moveSpan(a: number, b: number, at: number, count: number, insert: boolean): [number, number] | null {
  if (insert) {
    const m = mover(at, count, true);
    return [m(a)!, m(b)!];
  }
  const end = at + count - 1;
  const na = a < at ? a : a > end ? a - count : at;
  const nb = b < at ? b : b > end ? b - count : at - 1;
  return nb < na ? null : [na, nb];
}

function moveRect(rect: RectData, dim: Dim, at: number, count: number, insert: boolean): RectData | null {
  const [a, b] = dim === 'row' ? [rect.r1, rect.r2] : [rect.c1, rect.c2];
  const span = moveSpan(a, b, at, count, insert);
  if (!span) return null;
  return dim === 'row' ? { ...rect, r1: span[0], r2: span[1] } : { ...rect, c1: span[0], c2: span[1] };
}

function moveSizes(sizes: Record<number, number>, at: number, count: number, insert: boolean): Record<number, number> {
  const m = mover(at, count, insert);
  const out: Record<number, number> = {};
  for (const [k, v] of Object.entries(sizes)) {
    const n = m(Number(k));
    if (n !== null) out[n] = v;
  }
  return out;
}

/** Moves every formula reference into the changed sheet, in all sheets' formulas. */
function moveFormulaRefs(book: WorkbookData, target: SheetData, dim: Dim, at: number, count: number, insert: boolean): void {
  const key = dim === 'row' ? 'r' : 'c';
  forEachFormula(book, (own, formula) =>
    rewriteRefs(formula, (ref) => {
      const sheet = ref.sheet === undefined ? own : sheetByName(book, ref.sheet);
      if (sheet !== target) return undefined;
      const a = ref.a[key];
      const b = ref.b ? ref.b[key] : a;
      if (a === undefined || b === undefined) return undefined;
      const lo = Math.min(a, b);
      const hi = Math.max(a, b);
      const span = ref.b ? moveSpan(lo, hi, at, count, insert) : ((n) => (n === null ? null : [n, n]))(mover(at, count, insert)(a));
      if (!span) return 'REF';
      if (span[0] === lo && span[1] === hi) return undefined;
      const na: RefPart = { ...ref.a, [key]: a <= b ? span[0] : span[1] };
      const nb: RefPart | undefined = ref.b ? { ...ref.b, [key]: a <= b ? span[1] : span[0] } : undefined;
      return { sheet: ref.sheet, a: na, b: nb };
    }),
  );
}

/** Runs `fn` over each formula cell's text and stores what it returns. */
export function forEachFormula(book: WorkbookData, fn: (own: SheetData, formula: string) => string): void {
  let changed = false;
  for (const sheet of book.sheets) {
    for (let r0 = 0; r0 < sheet.rows.length; r0++) {
      const line = rowAt(sheet, r0);
      if (!line) continue;
      for (const cell of line) {
        if (cell?.f === undefined) continue;
        const next = fn(sheet, cell.f);
        if (next !== cell.f) {
          cell.f = next;
          changed = true;
        }
      }
    }
  }
  if (changed) markFormulasChanged(book);
}

function change(book: WorkbookData, sheet: SheetData, dim: Dim, at: number, count: number, insert: boolean): void {
  if (dim === 'row') {
    if (at - 1 < sheet.rows.length) {
      if (insert) sheet.rows.splice(at - 1, 0, ...new Array(count).fill(null));
      else sheet.rows.splice(at - 1, count);
    }
    sheet.maxRows += insert ? count : -count;
    sheet.rowHeights = moveSizes(sheet.rowHeights, at, count, insert);
    if (insert && at <= sheet.frozenRows) sheet.frozenRows += count;
    else if (!insert) sheet.frozenRows = Math.min(sheet.frozenRows, sheet.maxRows - 1);
  } else {
    for (let r0 = 0; r0 < sheet.rows.length; r0++) {
      const line = rowAt(sheet, r0);
      if (!line || at - 1 >= line.length) continue;
      if (insert) line.splice(at - 1, 0, ...new Array(count).fill(null));
      else line.splice(at - 1, count);
    }
    sheet.maxColumns += insert ? count : -count;
    sheet.columnWidths = moveSizes(sheet.columnWidths, at, count, insert);
    if (insert && at <= sheet.frozenColumns) sheet.frozenColumns += count;
    else if (!insert) sheet.frozenColumns = Math.min(sheet.frozenColumns, sheet.maxColumns - 1);
  }
  sheet.merges = sheet.merges.flatMap((m) => {
    const next = moveRect(m, dim, at, count, insert);
    return next && (next.r1 !== next.r2 || next.c1 !== next.c2) ? [next] : [];
  });
  sheet.protections = sheet.protections.flatMap((p) => {
    if (!p.range) return [p];
    const range = moveRect(p.range, dim, at, count, insert);
    return range ? [{ ...p, range }] : [];
  });
  const type = dim === 'row' ? 'ROW' : 'COLUMN';
  const m = mover(at, count, insert);
  book.developerMetadata = book.developerMetadata.flatMap((md) => {
    const loc = md.location;
    if (loc.type !== type || loc.sheetId !== sheet.id) return [md];
    const index = m(loc.index);
    return index === null ? [] : [{ ...md, location: { ...loc, index } }];
  });
  moveFormulaRefs(book, sheet, dim, at, count, insert);
  markFormulasChanged(book);
}

export const insertRows = (book: WorkbookData, sheet: SheetData, before: number, count: number) =>
  change(book, sheet, 'row', before, count, true);
export const deleteRows = (book: WorkbookData, sheet: SheetData, at: number, count: number) =>
  change(book, sheet, 'row', at, count, false);
export const insertColumns = (book: WorkbookData, sheet: SheetData, before: number, count: number) =>
  change(book, sheet, 'column', before, count, true);
export const deleteColumns = (book: WorkbookData, sheet: SheetData, at: number, count: number) =>
  change(book, sheet, 'column', at, count, false);

/** Sheets rewrites references to a renamed sheet in every formula. */
export function renameSheetRefs(book: WorkbookData, sheet: SheetData, newName: string): void {
  forEachFormula(book, (own, formula) =>
    rewriteRefs(formula, (ref) => {
      if (ref.sheet === undefined || sheetByName(book, ref.sheet) !== sheet) return undefined;
      return { sheet: newName, a: ref.a, b: ref.b };
    }),
  );
}
