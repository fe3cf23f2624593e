/**
 * A1 notation: column letters, parsing "Sheet1!A1:B2" / "'My tab'!A:A" / "3:5" into 1-based
 * rectangles, and writing rectangles and sheet names back the way Sheets prints them.
 */
import type { RectData } from '../state';

export function columnToLetters(column: number): string {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function lettersToColumn(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function cellA1(row: number, column: number): string {
  return columnToLetters(column) + row;
}

/** "A1" for one cell, else "A1:B2", as Range.getA1Notation prints it. */
export function rectA1(rect: RectData): string {
  const a = cellA1(rect.r1, rect.c1);
  return rect.r1 === rect.r2 && rect.c1 === rect.c2 ? a : `${a}:${cellA1(rect.r2, rect.c2)}`;
}

/** Sheet names are quoted in references unless they are plain identifiers that can't read as a cell. */
export function quoteSheetName(name: string): string {
  if (/^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) && !/^R\d*C\d*$/i.test(name)) return name;
  return `'${name.replace(/'/g, "''")}'`;
}

export interface ParsedA1 {
  sheetName?: string;
  /** Absent bounds are open ("A:A" has no rows, "3:3" no columns, "A2:B" no end row). */
  r1?: number;
  c1?: number;
  r2?: number;
  c2?: number;
}

const PART = /^\$?([A-Za-z]{0,3})\$?(\d*)$/;

function part(text: string): { c?: number; r?: number } | null {
  const m = PART.exec(text);
  if (!m || (!m[1] && !m[2])) return null;
  return { c: m[1] ? lettersToColumn(m[1]) : undefined, r: m[2] ? Number(m[2]) : undefined };
}

/** Parses A1 notation with an optional sheet prefix; null when it is not a reference. */
export function parseA1(input: string): ParsedA1 | null {
  let text = input.trim();
  let sheetName: string | undefined;
  const bang = text.lastIndexOf('!');
  if (bang >= 0) {
    const raw = text.slice(0, bang);
    text = text.slice(bang + 1);
    sheetName = raw.startsWith("'") && raw.endsWith("'") && raw.length >= 2 ? raw.slice(1, -1).replace(/''/g, "'") : raw;
    if (!sheetName) return null;
  }
  const pieces = text.split(':');
  if (pieces.length > 2 || !pieces[0]) return null;
  const a = part(pieces[0]);
  if (!a) return null;
  if (pieces.length === 1) {
    if (a.c === undefined || a.r === undefined || a.r < 1) return null;
    return { sheetName, r1: a.r, c1: a.c, r2: a.r, c2: a.c };
  }
  const b = part(pieces[1]);
  if (!b) return null;
  // Whole columns "A:B", whole rows "2:3", or a start cell with an open end "A2:B".
  if (a.r === undefined && a.c !== undefined && b.r === undefined && b.c !== undefined) {
    return { sheetName, c1: Math.min(a.c, b.c), c2: Math.max(a.c, b.c) };
  }
  if (a.c === undefined && a.r !== undefined && b.c === undefined && b.r !== undefined) {
    if (a.r < 1 || b.r < 1) return null;
    return { sheetName, r1: Math.min(a.r, b.r), r2: Math.max(a.r, b.r) };
  }
  if (a.c !== undefined && a.r !== undefined && b.c !== undefined) {
    if (a.r < 1 || (b.r !== undefined && b.r < 1)) return null;
    if (b.r === undefined) return { sheetName, r1: a.r, c1: Math.min(a.c, b.c), c2: Math.max(a.c, b.c) };
    return { sheetName, r1: Math.min(a.r, b.r), c1: Math.min(a.c, b.c), r2: Math.max(a.r, b.r), c2: Math.max(a.c, b.c) };
  }
  return null;
}

/** Closes the open bounds of a parsed reference against a grid. */
export function closeRect(p: ParsedA1, maxRows: number, maxColumns: number): RectData {
  return { r1: p.r1 ?? 1, c1: p.c1 ?? 1, r2: p.r2 ?? maxRows, c2: p.c2 ?? maxColumns };
}

export function rectsIntersect(a: RectData, b: RectData): boolean {
  return a.r1 <= b.r2 && b.r1 <= a.r2 && a.c1 <= b.c2 && b.c1 <= a.c2;
}

export function rectContains(outer: RectData, inner: RectData): boolean {
  return outer.r1 <= inner.r1 && outer.c1 <= inner.c1 && outer.r2 >= inner.r2 && outer.c2 >= inner.c2;
}
