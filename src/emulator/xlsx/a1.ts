/**
 * A1-notation helpers shared by the xlsx reader/writer and the playground (column letters, cell
 * and range addresses). 1-based rows and columns throughout.
 */
import type { RectData } from '../state';

export function columnLetter(column: number): string {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** "B3" → { row: 3, column: 2 }; "$B$3" accepted. Undefined when it is not a cell address. */
export function parseCell(a1: string): { row: number; column: number } | undefined {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(a1.trim());
  if (!m) return undefined;
  return { row: Number(m[2]), column: columnNumber(m[1]) };
}

/** "B3:D9" or "B3" → a rectangle (corners normalised). */
export function parseRange(a1: string): RectData | undefined {
  const [a, b = a] = a1.split(':');
  const p = parseCell(a);
  const q = parseCell(b);
  if (!p || !q) return undefined;
  return { r1: Math.min(p.row, q.row), c1: Math.min(p.column, q.column), r2: Math.max(p.row, q.row), c2: Math.max(p.column, q.column) };
}

export function cellA1(row: number, column: number): string {
  return columnLetter(column) + row;
}

export function rangeA1(rect: RectData): string {
  const a = cellA1(rect.r1, rect.c1);
  return rect.r1 === rect.r2 && rect.c1 === rect.c2 ? a : `${a}:${cellA1(rect.r2, rect.c2)}`;
}
