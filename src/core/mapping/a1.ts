/**
 * Column letters and A1 notation: findings name columns by letter ("K"), as people read them.
 */

/** 1 → "A", 27 → "AA". Throws on anything that is not a positive integer (a caller bug). */
export function columnLetter(column: number): string {
  if (!Number.isInteger(column) || column < 1) throw new RangeError(`Not a column number: ${column}`);
  let n = column;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** "A" → 1, "aa" → 27; null when the text is not a column letter. */
export function columnNumber(letters: string): number | null {
  const s = letters.trim().toUpperCase();
  if (!/^[A-Z]{1,4}$/.test(s)) return null;
  let n = 0;
  for (let i = 0; i < s.length; i++) n = n * 26 + (s.charCodeAt(i) - 64);
  return n;
}

/** (7, 11) → "K7". */
export function a1(row: number, column: number): string {
  return `${columnLetter(column)}${row}`;
}

/** (1, 3, 1, 8) → "C1:H1"; a single cell stays "C1". */
export function a1Range(r1: number, c1: number, r2: number, c2: number): string {
  return r1 === r2 && c1 === c2 ? a1(r1, c1) : `${a1(r1, c1)}:${a1(r2, c2)}`;
}
