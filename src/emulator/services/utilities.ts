/**
 * Utilities: digests and HMACs (Java signed bytes), base64, blobs and gzip, SimpleDateFormat
 * date formatting, printf-style formatString, CSV parsing, UUIDs and sleep (which advances the
 * emulated clock instead of blocking). Works in every auth mode and needs no scope.
 *
 * Error texts: "Could not decode string." (invalid base64; Apps Script's decoder is strict about
 * padding) is quoted in public code working around the live error. The Utilities.sleep reference
 * gives 300000 ms as the maximum; the text of the error above it is not documented — "Invalid
 * argument: milliseconds" follows Apps Script's usual pattern and is our guess. "Illegal pattern
 * character 'q'" is Java's SimpleDateFormat text, assumed to pass through.
 */
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { ExecutionContext, MethodPolicy } from '../context';
import { instrument, isDate } from '../context';
import { blobBytes, blobName, createBlob, isBlobSource } from './blob';
import { PatternError, formatSimpleDate } from './simple-date-format';
import { charsetName, encodeString, enumOf, fromByteArray, requireArgs, scriptArray, toSignedBytes } from './util';

export const SLEEP_MAX_MS = 300000;

const POLICY: MethodPolicy = { minAuth: 'NONE' };

const DIGESTS: Record<string, string> = { MD5: 'md5', SHA_1: 'sha1', SHA_256: 'sha256', SHA_384: 'sha384', SHA_512: 'sha512' };
const MACS: Record<string, string> = {
  HMAC_MD5: 'md5',
  HMAC_SHA_1: 'sha1',
  HMAC_SHA_256: 'sha256',
  HMAC_SHA_384: 'sha384',
  HMAC_SHA_512: 'sha512',
};

export function createUtilities(ctx: ExecutionContext): GoogleAppsScript.Utilities.Utilities {
  /** A string (in a charset) or a Byte[] as bytes. */
  const toBytes = (value: unknown, charset?: unknown): Buffer =>
    Array.isArray(value) ? fromByteArray(value) : encodeString(String(value), charsetName(ctx, charset));

  const bytesOut = (buf: Uint8Array) => scriptArray(ctx, toSignedBytes(buf));

  const strictBase64 = (encoded: unknown, webSafe: boolean): Buffer => {
    const s = String(encoded).replace(/\s+/g, '');
    const alphabet = webSafe ? /^[A-Za-z0-9_-]*={0,2}$/ : /^[A-Za-z0-9+/]*={0,2}$/;
    if (!alphabet.test(s) || s.length % 4 !== 0) throw ctx.error('Could not decode string.');
    return Buffer.from(webSafe ? s.replace(/-/g, '+').replace(/_/g, '/') : s, 'base64');
  };

  const utilities = {
    Charset: enumOf(['US_ASCII', 'UTF_8'] as const),
    DigestAlgorithm: enumOf(['MD2', 'MD5', 'SHA_1', 'SHA_256', 'SHA_384', 'SHA_512'] as const),
    MacAlgorithm: enumOf(['HMAC_MD5', 'HMAC_SHA_1', 'HMAC_SHA_256', 'HMAC_SHA_384', 'HMAC_SHA_512'] as const),
    RsaAlgorithm: enumOf(['RSA_SHA_1', 'RSA_SHA_256'] as const),

    computeDigest(...args: unknown[]) {
      requireArgs(ctx, 'Utilities.computeDigest', args, 2);
      const algorithm = DIGESTS[String(args[0])];
      if (!algorithm) throw ctx.error(`not emulated: Utilities.computeDigest with ${String(args[0])}`);
      return bytesOut(createHash(algorithm).update(toBytes(args[1], args[2])).digest());
    },
    computeHmacSignature(...args: unknown[]) {
      requireArgs(ctx, 'Utilities.computeHmacSignature', args, 3);
      const algorithm = MACS[String(args[0])];
      if (!algorithm) throw ctx.error(`not emulated: Utilities.computeHmacSignature with ${String(args[0])}`);
      return bytesOut(createHmac(algorithm, toBytes(args[2], args[3])).update(toBytes(args[1], args[3])).digest());
    },
    computeHmacSha256Signature(...args: unknown[]) {
      requireArgs(ctx, 'Utilities.computeHmacSha256Signature', args, 2);
      return bytesOut(createHmac('sha256', toBytes(args[1], args[2])).update(toBytes(args[0], args[2])).digest());
    },

    base64Encode(...args: unknown[]) {
      requireArgs(ctx, 'Utilities.base64Encode', args, 1);
      return toBytes(args[0], args[1]).toString('base64');
    },
    // Web-safe alphabet, padding kept (Java's URL-safe encoder, unlike Node's "base64url").
    base64EncodeWebSafe(...args: unknown[]) {
      requireArgs(ctx, 'Utilities.base64EncodeWebSafe', args, 1);
      return toBytes(args[0], args[1]).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
    },
    base64Decode(...args: unknown[]) {
      requireArgs(ctx, 'Utilities.base64Decode', args, 1);
      return bytesOut(strictBase64(args[0], false));
    },
    base64DecodeWebSafe(...args: unknown[]) {
      requireArgs(ctx, 'Utilities.base64DecodeWebSafe', args, 1);
      return bytesOut(strictBase64(args[0], true));
    },

    newBlob(...args: unknown[]) {
      requireArgs(ctx, 'Utilities.newBlob', args, 1);
      const [data, contentType, name] = args;
      const isString = !Array.isArray(data);
      const type = contentType === undefined || contentType === null ? (isString ? 'text/plain' : null) : String(contentType);
      return createBlob(ctx, toBytes(data), type, name === undefined || name === null ? null : String(name));
    },
    gzip(...args: unknown[]) {
      requireArgs(ctx, 'Utilities.gzip', args, 1);
      const source = args[0];
      if (!isBlobSource(source)) throw ctx.argumentError('Utilities.gzip', 'String');
      const name = args[1] === undefined ? (blobName(source) ?? 'archive.gz') : String(args[1]);
      return createBlob(ctx, gzipSync(blobBytes(source)), 'application/x-gzip', name);
    },
    ungzip(...args: unknown[]) {
      requireArgs(ctx, 'Utilities.ungzip', args, 1);
      const source = args[0];
      if (!isBlobSource(source)) throw ctx.argumentError('Utilities.ungzip', 'String');
      let data: Buffer;
      try {
        data = gunzipSync(blobBytes(source));
      } catch {
        throw ctx.error('Could not decompress gzip.');
      }
      const name = blobName(source);
      return createBlob(ctx, data, null, name ? name.replace(/\.gz$/i, '') : null);
    },

    formatDate(...args: unknown[]) {
      const [date, timeZone, format] = args;
      if (!isDate(date) || typeof timeZone !== 'string' || typeof format !== 'string') {
        throw ctx.argumentError('Utilities.formatDate', args.map((a) => (isDate(a) ? 'Date' : a === null ? 'null' : typeof a === 'string' ? 'String' : typeof a)).join(','));
      }
      const ms = (date as Date).getTime();
      if (Number.isNaN(ms)) throw ctx.error('Invalid argument: date');
      try {
        return formatSimpleDate(ms, timeZone, format);
      } catch (e) {
        if (!(e instanceof PatternError)) throw e;
        if (e.message === 'W' || e.message === 'F') throw ctx.error(`not emulated: Utilities.formatDate pattern letter ${e.message}`);
        throw ctx.error(e.message === "'" ? 'Unterminated quote' : `Illegal pattern character '${e.message}'`);
      }
    },
    formatString(...args: unknown[]) {
      requireArgs(ctx, 'Utilities.formatString', args, 1);
      return formatJava(ctx, String(args[0]), args.slice(1));
    },
    parseCsv(...args: unknown[]) {
      requireArgs(ctx, 'Utilities.parseCsv', args, 1);
      const delimiter = args[1] === undefined ? ',' : String(args[1]);
      return scriptArray(ctx, parseCsv(String(args[0]), delimiter).map((row) => scriptArray(ctx, row)));
    },
    getUuid: () => randomUUID(),
    sleep(...args: unknown[]) {
      requireArgs(ctx, 'Utilities.sleep', args, 1);
      const ms = Math.trunc(Number(args[0]));
      if (!Number.isFinite(ms)) throw ctx.argumentError('Utilities.sleep', 'String');
      if (ms > SLEEP_MAX_MS) throw ctx.error('Invalid argument: milliseconds');
      ctx.sleep(Math.max(0, ms));
    },
  };
  return instrument(ctx, 'Utilities', utilities, {}, POLICY) as unknown as GoogleAppsScript.Utilities.Utilities;
}

/**
 * Java-style String.format, as Utilities.formatString and Logger.log(format, ...) use it:
 * %s %d %i %f %e %x %o %c %b %% and %n, with flags (-, 0, +, space, ','), width and precision.
 */
export function formatJava(ctx: ExecutionContext | null, template: string, values: unknown[]): string {
  let next = 0;
  return template.replace(/%(\d+\$)?([-#+ 0,(]*)(\d+)?(?:\.(\d+))?([a-zA-Z%])/g, (whole, index, flags: string, width, precision, conv: string) => {
    if (conv === '%') return '%';
    if (conv === 'n') return '\n';
    const value = index ? values[Number(index.slice(0, -1)) - 1] : values[next++];
    let out: string;
    const p = precision === undefined ? undefined : Number(precision);
    switch (conv) {
      case 's':
      case 'S':
        out = String(value);
        if (p !== undefined) out = out.slice(0, p);
        if (conv === 'S') out = out.toUpperCase();
        break;
      case 'd':
      case 'i': {
        const n = Math.trunc(Number(value));
        out = flags.includes(',') ? Math.abs(n).toLocaleString('en-US') : String(Math.abs(n));
        out = (n < 0 ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '') + out;
        break;
      }
      case 'f': {
        const n = Number(value);
        const digits = Math.abs(n).toFixed(p ?? 6);
        out = flags.includes(',') ? groupThousands(digits) : digits;
        out = (n < 0 ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '') + out;
        break;
      }
      case 'e':
      case 'E':
        out = Number(value).toExponential(p ?? 6).replace(/e([+-])(\d)$/, 'e$10$2');
        if (conv === 'E') out = out.toUpperCase();
        break;
      case 'x':
      case 'X':
        out = Math.trunc(Number(value)).toString(16);
        if (conv === 'X') out = out.toUpperCase();
        break;
      case 'o':
        out = Math.trunc(Number(value)).toString(8);
        break;
      case 'c':
        out = typeof value === 'number' ? String.fromCharCode(value) : String(value).charAt(0);
        break;
      case 'b':
      case 'B':
        out = String(value !== null && value !== undefined && value !== false);
        break;
      default:
        if (ctx) throw ctx.error(`not emulated: format conversion ${whole}`);
        return whole;
    }
    const w = width === undefined ? 0 : Number(width);
    if (out.length < w) {
      if (flags.includes('-')) out = out + ' '.repeat(w - out.length);
      else if (flags.includes('0') && /[dfieExXo]/.test(conv)) {
        const sign = /^[-+ ]/.test(out) ? out[0] : '';
        out = sign + '0'.repeat(w - out.length) + out.slice(sign.length);
      } else out = ' '.repeat(w - out.length) + out;
    }
    return out;
  });
}

function groupThousands(digits: string): string {
  const [int, frac] = digits.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}

/** RFC 4180 CSV: quoted fields may hold delimiters, newlines and "" for a quote. */
export function parseCsv(csv: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < csv.length) {
    const c = csv[i];
    if (quoted) {
      if (c === '"') {
        if (csv[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
    } else if (c === delimiter) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      if (c === '\r' && csv[i + 1] === '\n') i++;
    } else field += c;
    i++;
  }
  // A trailing newline ends the last row rather than starting an empty one.
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
