/**
 * Text helpers: canonical cell text, UTF-8 without TextEncoder (Apps Script has none, and the core
 * compiles without DOM types), and truncation that never splits a character.
 */

/** Spaces that look like a plain space in a cell; pasting from web pages and Word brings them in. */
const LOOKALIKE_SPACES = /[\u00A0\u2007\u202F]/g;

const PLAIN_ASCII = /^(?:[\x21-\x7e]|[\x21-\x7e][\x20-\x7e]*[\x21-\x7e])$/;

/**
 * The canonical form of a cell, header or key: NFC, line breaks as \n, look-alike spaces as plain
 * spaces, no leading or trailing whitespace. Inner spacing is kept (it can be meaningful in samples),
 * and so are zero-width characters (Khmer separates words with U+200B).
 */
export function canonicalText(value: string): string {
  // Most cells are printable ASCII with no space at either end: already canonical.
  if (PLAIN_ASCII.test(value)) return value;
  return value.normalize('NFC').replace(/\r\n?/g, '\n').replace(LOOKALIKE_SPACES, ' ').trim();
}

/**
 * canonicalText of many values at once, much faster than one by one for non-ASCII text: the values
 * are joined with U+0000 and normalised in one call. That gives the same result as one call each,
 * because U+0000 is a starter that composes with nothing, so NFC cannot act across it.
 */
export function canonicalTexts(values: readonly string[]): string[] {
  const out: string[] = new Array(values.length);
  const pending: number[] = [];
  const parts: string[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v === '' || PLAIN_ASCII.test(v)) out[i] = v;
    else if (v.includes('\u0000')) out[i] = canonicalText(v);
    else {
      pending.push(i);
      parts.push(v);
    }
  }
  if (pending.length === 0) return out;
  const done = parts.join('\u0000').normalize('NFC').replace(/\r\n?/g, '\n').replace(LOOKALIKE_SPACES, ' ').split('\u0000');
  for (let k = 0; k < pending.length; k++) out[pending[k]!] = done[k]!.trim();
  return out;
}

/** Cuts to at most `max` code points, ending with an ellipsis when it cut. */
export function truncateText(value: string, max: number): string {
  if (value.length <= max) return value;
  const points = Array.from(value);
  if (points.length <= max) return value;
  return points.slice(0, Math.max(0, max - 1)).join('').trimEnd() + '…';
}

export function utf8Encode(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 3);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      out[n++] = c;
    } else if (c < 0x800) {
      out[n++] = 0xc0 | (c >> 6);
      out[n++] = 0x80 | (c & 0x3f);
    } else if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      const cp = 0x10000 + ((c - 0xd800) << 10) + (text.charCodeAt(++i) - 0xdc00);
      out[n++] = 0xf0 | (cp >> 18);
      out[n++] = 0x80 | ((cp >> 12) & 0x3f);
      out[n++] = 0x80 | ((cp >> 6) & 0x3f);
      out[n++] = 0x80 | (cp & 0x3f);
    } else {
      if (c >= 0xd800 && c < 0xe000) c = 0xfffd; // a lone surrogate has no UTF-8 form
      out[n++] = 0xe0 | (c >> 12);
      out[n++] = 0x80 | ((c >> 6) & 0x3f);
      out[n++] = 0x80 | (c & 0x3f);
    }
  }
  return out.slice(0, n);
}

/** Length of utf8Encode(text) without making the bytes (a lone surrogate counts as U+FFFD's 3). */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Strict UTF-8 decoding: malformed input throws rather than turning into U+FFFD silently. */
export function utf8Decode(bytes: Uint8Array): string {
  const parts: string[] = [];
  let units: number[] = [];
  const bad = (at: number): never => {
    throw new Error(`Invalid UTF-8 at byte ${at}`);
  };
  const cont = (at: number): number => {
    if (at >= bytes.length) bad(at);
    const b = bytes[at]!;
    if ((b & 0xc0) !== 0x80) bad(at);
    return b & 0x3f;
  };
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    let cp: number;
    if (b < 0x80) {
      cp = b;
      i += 1;
    } else if (b >= 0xc2 && b < 0xe0) {
      cp = ((b & 0x1f) << 6) | cont(i + 1);
      i += 2;
    } else if (b >= 0xe0 && b < 0xf0) {
      cp = ((b & 0x0f) << 12) | (cont(i + 1) << 6) | cont(i + 2);
      if (cp < 0x800 || (cp >= 0xd800 && cp < 0xe000)) bad(i);
      i += 3;
    } else if (b >= 0xf0 && b < 0xf5) {
      cp = ((b & 0x07) << 18) | (cont(i + 1) << 12) | (cont(i + 2) << 6) | cont(i + 3);
      if (cp < 0x10000 || cp > 0x10ffff) bad(i);
      i += 4;
    } else {
      return bad(i);
    }
    if (cp < 0x10000) units.push(cp);
    else units.push(0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + ((cp - 0x10000) & 0x3ff));
    // fromCharCode.apply has an argument limit; flush in blocks.
    if (units.length >= 8192) {
      parts.push(String.fromCharCode.apply(null, units));
      units = [];
    }
  }
  parts.push(String.fromCharCode.apply(null, units));
  return parts.join('');
}
