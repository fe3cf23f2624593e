/**
 * A1-notation helpers shared by the xlsx reader/writer and the playground (column letters, cell
 * and range addresses). 1-based rows and columns throughout.
 */
import type { RectData } from '../state';
import { lettersToColumn as columnNumber } from '../spreadsheet/a1-notation';

// The emulator's own A1 helpers, under the names the xlsx code and the playground use.
export { cellA1, columnToLetters as columnLetter, lettersToColumn as columnNumber, rectA1 as rangeA1 } from '../spreadsheet/a1-notation';

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
