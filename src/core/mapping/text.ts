/**
 * Text normalisation: how cell text is compared (spaces, NBSP, case, Unicode forms), which values
 * count as blank ("", NA, N/A, -, None) and how user text is quoted in messages.
 */

// Spaces people cannot see but that break API names: NBSP, the typographic spaces, ideographic space.
const ODD_SPACE = /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/;
const ODD_SPACE_G = /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g;
// Invisible format characters that only ever get in by copy-paste when they sit at an edge.
// Inside Khmer or Thai text a zero-width space is a legitimate word separator, so only edges count.
const EDGE_INVISIBLE = /^[\u200B\uFEFF]|[\u200B\uFEFF]$/;
const NON_ASCII = /[^\x00-\x7F]/;

/** Unicode-normalised (NFKC) only when needed: ASCII text is already normal, and this runs per cell. */
export function nfkc(s: string): string {
  return NON_ASCII.test(s) ? s.normalize('NFKC') : s;
}

/** Collapses every run of whitespace (NBSP and the odd spaces included) to one space and trims. */
export function collapseSpaces(s: string): string {
  return s.replace(ODD_SPACE_G, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * The key two texts are compared by: NFKC, spaces collapsed, case folded. "First  Name\u00A0" and
 * "first name" are the same key. Scripts without case (Khmer, Thai, Arabic) pass through unchanged.
 */
export function compareKey(s: string): string {
  // Fast path for the usual cell: plain ASCII with single spaces only (this runs per cell).
  if (!NON_ASCII.test(s) && !SPACE_RUN.test(s)) return s.trim().toLowerCase();
  return collapseSpaces(nfkc(s)).toLowerCase();
}
const SPACE_RUN = /\s\s|[\t\n\r\f\v]/;

export type BlankKind = 'empty' | 'marker' | null;

/** Blank markers ready for lookups (keys as compareKey makes them). */
export type BlankMarkers = { readonly keys: ReadonlySet<string>; readonly maxLength: number };

export function blankMarkerSet(markers: readonly string[]): BlankMarkers {
  const keys = new Set(markers.map(compareKey));
  let maxLength = 0;
  for (const k of keys) maxLength = Math.max(maxLength, k.length);
  return { keys, maxLength };
}

/**
 * 'empty' for an empty or whitespace-only cell, 'marker' for a written blank such as "N/A" (the
 * analyst said "nothing here" on purpose), null when the cell holds a value.
 */
export function blankKind(text: string, markers: BlankMarkers): BlankKind {
  if (text === '') return 'empty';
  // Fast path, no allocation: a long text that starts with a visible character is a value.
  if (text.length > markers.maxLength * 2 + 4 && !isSpaceCode(text.charCodeAt(0))) return null;
  // trim() removes NBSP and the other Unicode spaces too.
  const t = text.trim();
  if (t === '') return 'empty';
  // Fast path: most cells are longer than any marker (runs of spaces inside may still shrink).
  if (t.length > markers.maxLength * 2 + 4) return null;
  return markers.keys.has(compareKey(t)) ? 'marker' : null;
}

/** Whether a UTF-16 code unit is one of the characters String.prototype.trim removes. */
export function isSpaceCode(c: number): boolean {
  if (c > 32 && c < 160) return false;
  return (
    c === 32 || (c >= 9 && c <= 13) || c === 160 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** True for an empty or whitespace-only text; no allocation for the usual non-empty cell. */
export function isEmptyText(t: string): boolean {
  if (t === '') return true;
  if (!isSpaceCode(t.charCodeAt(0))) return false;
  return t.trim() === '';
}

export function isBlank(text: string, markers: BlankMarkers): boolean {
  return blankKind(text, markers) !== null;
}

export type WhitespaceProblem = 'leading' | 'trailing' | 'double' | 'nbsp' | 'line-break' | 'invisible';

/**
 * What is wrong with the spacing of an identifier-like value (API name, path, choice code), or null.
 * Letters of any script are fine; only spaces people cannot see are reported.
 */
export function whitespaceProblem(s: string): WhitespaceProblem | null {
  if (s === '') return null;
  if (EDGE_INVISIBLE.test(s)) return 'invisible';
  if (/[\r\n]/.test(s)) return 'line-break';
  if (ODD_SPACE.test(s)) return 'nbsp';
  if (/^\s/.test(s)) return 'leading';
  if (/\s$/.test(s)) return 'trailing';
  if (/\s\s/.test(s)) return 'double';
  return null;
}

export const WHITESPACE_WORDS: Record<WhitespaceProblem, string> = {
  leading: 'starts with a space',
  trailing: 'ends with a space',
  double: 'has two spaces in a row',
  nbsp: 'contains a non-breaking or other invisible space',
  'line-break': 'contains a line break',
  invisible: 'starts or ends with an invisible character (zero-width space or byte-order mark)',
};

/** Cuts long text for messages: user text is shown as is, but never 50,000 characters of it. */
export function truncate(s: string, max = 60): string {
  if (s.length <= max) return s;
  // Do not cut a surrogate pair in half.
  let end = max - 1;
  const code = s.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${s.slice(0, end)}…`;
}

/** User text in a message: quoted, truncated, otherwise as is (escaping is the renderer's job). */
export function quote(s: string, max = 60): string {
  return `"${truncate(s, max)}"`;
}

/** Objects from another realm (the Apps Script sandbox) fail instanceof, so ask the object's tag. */
export function isDateValue(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]' && !Number.isNaN((v as Date).getTime());
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/**
 * Text for a raw cell value when the adapter gave no display value: ISO dates (local time, as the
 * spreadsheet's time zone is the script's), TRUE/FALSE as Sheets shows them.
 */
export function rawToText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (isDateValue(v)) {
    const d = `${v.getFullYear()}-${pad(v.getMonth() + 1)}-${pad(v.getDate())}`;
    const h = v.getHours();
    const m = v.getMinutes();
    const s = v.getSeconds();
    return h || m || s ? `${d} ${pad(h)}:${pad(m)}:${pad(s)}` : d;
  }
  return '';
}

/**
 * A template placeholder standing where a value will be ("{{library}}", "{{cql}}" in WHO SMART
 * dictionaries): not an ID or a code of its own, so never a duplicate.
 */
export function isPlaceholder(text: string): boolean {
  return /^\s*\{\{[^{}]*\}\}\s*$/.test(text);
}
