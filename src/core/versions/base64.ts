/**
 * Base64 on Uint8Array and strings. Written here because Apps Script's Utilities.base64Encode works
 * on signed byte arrays and Node's on Buffers; the core stays on plain bytes.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const CODES = Array.from(ALPHABET, (c) => c.charCodeAt(0));
const VALUES = (() => {
  const v = new Int16Array(128).fill(-1);
  CODES.forEach((code, i) => (v[code] = i));
  return v;
})();

/** Bytes per block: a multiple of 3 so padding only ever appears at the very end. */
const BLOCK_BYTES = 3 * 4096;

export function base64Encode(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let start = 0; start < bytes.length; start += BLOCK_BYTES) {
    const end = Math.min(start + BLOCK_BYTES, bytes.length);
    const out: number[] = [];
    for (let i = start; i < end; i += 3) {
      const b0 = bytes[i]!;
      const b1 = i + 1 < end ? bytes[i + 1]! : 0;
      const b2 = i + 2 < end ? bytes[i + 2]! : 0;
      out.push(CODES[b0 >> 2]!, CODES[((b0 & 3) << 4) | (b1 >> 4)]!);
      out.push(i + 1 < end ? CODES[((b1 & 15) << 2) | (b2 >> 6)]! : 61, i + 2 < end ? CODES[b2 & 63]! : 61);
    }
    parts.push(String.fromCharCode.apply(null, out));
  }
  return parts.join('');
}

/** Strict: any character outside the alphabet, or a wrong length or padding, throws. */
export function base64Decode(text: string): Uint8Array {
  if (text.length % 4 !== 0) throw new Error('Base64 text has a length that is not a multiple of 4');
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  let n = 0;
  for (let i = 0; i < text.length; i += 4) {
    const last = i + 4 === text.length;
    const v0 = value(text, i);
    const v1 = value(text, i + 1);
    const v2 = last && pad === 2 ? 0 : value(text, i + 2);
    const v3 = last && pad >= 1 ? 0 : value(text, i + 3);
    out[n++] = (v0 << 2) | (v1 >> 4);
    if (n < out.length) out[n++] = ((v1 & 15) << 4) | (v2 >> 2);
    if (n < out.length) out[n++] = ((v2 & 3) << 6) | v3;
  }
  return out;
}

function value(text: string, at: number): number {
  const code = text.charCodeAt(at);
  const v = code < 128 ? VALUES[code]! : -1;
  if (v < 0) throw new Error(`Invalid base64 character at ${at}`);
  return v;
}
