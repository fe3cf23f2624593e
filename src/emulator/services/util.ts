/**
 * Small helpers shared by the emulated services: handing arrays and objects to the script in its
 * own realm, describing arguments the way Apps Script's signature errors do, byte conversions
 * (Apps Script's Byte[] is Java's signed bytes), and Pacific-time days for daily quotas.
 */
import type { ExecutionContext } from '../context';
import { isDate } from '../context';

interface Intrinsics {
  Array: ArrayConstructor;
  Object: ObjectConstructor;
  Function: FunctionConstructor;
}

const intrinsicsByRealm = new WeakMap<object, Intrinsics>();

/**
 * The script realm's constructors. Reached through its Error's constructor (the realm's Function),
 * because values the script receives should pass its own `instanceof Array` and
 * `Object.getPrototypeOf(o) === Object.prototype` checks, as Apps Script values do.
 */
export function realmIntrinsics(ctx: ExecutionContext): Intrinsics {
  const key = ctx.realm.Error;
  let found = intrinsicsByRealm.get(key);
  if (!found) {
    const RealmFunction = key.constructor as FunctionConstructor;
    const [RealmArray, RealmObject] = RealmFunction('return [Array, Object]')() as [ArrayConstructor, ObjectConstructor];
    found = { Array: RealmArray, Object: RealmObject, Function: RealmFunction };
    intrinsicsByRealm.set(key, found);
  }
  return found;
}

/** A copy of `items` as an array of the script's realm. */
export function scriptArray<T>(ctx: ExecutionContext, items: readonly T[]): T[] {
  const out = new (realmIntrinsics(ctx).Array)() as T[];
  for (const item of items) out.push(item);
  return out;
}

/** A copy of `record` as a plain object of the script's realm. */
export function scriptObject<T>(ctx: ExecutionContext, record: Record<string, T>): Record<string, T> {
  const out = new (realmIntrinsics(ctx).Object)() as Record<string, T>;
  for (const [k, v] of Object.entries(record)) out[k] = v;
  return out;
}

/** An Apps Script enum as plain strings (ScriptApp.AuthMode.NONE === 'NONE'). */
export function enumOf<T extends string>(names: readonly T[]): Record<T, T> {
  return Object.freeze(Object.fromEntries(names.map((n) => [n, n]))) as Record<T, T>;
}

/** Apps Script's name for an argument's type in "The parameters (...) don't match" errors. */
export function describeArg(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (typeof v === 'string') return 'String';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'Boolean';
  if (Array.isArray(v)) return v.length > 0 && typeof v[0] !== 'object' ? `${describeArg(v[0])}[]` : 'Object[]';
  if (isDate(v)) return 'Date';
  if (typeof v === 'function') return 'Function';
  return 'Object';
}

/** Throws Apps Script's signature error unless the first `required` arguments are present. */
export function requireArgs(ctx: ExecutionContext, method: string, args: readonly unknown[], required: number): void {
  let n = args.length;
  while (n > 0 && args[n - 1] === undefined) n--;
  if (n < required) throw ctx.argumentError(method, args.slice(0, n).map(describeArg).join(','));
}

export function utf8Bytes(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/** Java bytes (-128..127), as Utilities and Blob hand them to scripts. */
export function toSignedBytes(buf: Uint8Array): number[] {
  const out = new Array<number>(buf.length);
  for (let i = 0; i < buf.length; i++) out[i] = buf[i] > 127 ? buf[i] - 256 : buf[i];
  return out;
}

/** Accepts signed or unsigned byte values (scripts pass either), like Java's (byte) cast. */
export function fromByteArray(bytes: readonly unknown[]): Buffer {
  const out = Buffer.alloc(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = Number(bytes[i]) & 0xff;
  return out;
}

export type CharsetName = 'UTF_8' | 'US_ASCII';

/** Encodes like Java's String.getBytes(charset): US-ASCII maps every non-ASCII char to '?'. */
export function encodeString(s: string, charset: CharsetName = 'UTF_8'): Buffer {
  if (charset === 'US_ASCII') {
    const chars = Array.from(s);
    const out = Buffer.alloc(chars.length);
    chars.forEach((c, i) => (out[i] = c.charCodeAt(0) < 128 ? c.charCodeAt(0) : 0x3f));
    return out;
  }
  return Buffer.from(s, 'utf8');
}

/** Decodes like Java's new String(bytes, charset): bytes above 127 become U+FFFD in US-ASCII. */
export function decodeBytes(buf: Uint8Array, charset: CharsetName = 'UTF_8'): string {
  if (charset === 'US_ASCII') return Array.from(buf, (b) => (b < 128 ? String.fromCharCode(b) : '\ufffd')).join('');
  return Buffer.from(buf).toString('utf8');
}

/** Apps Script's Charset values are enum names; scripts also pass Java names like "UTF-8". */
export function charsetName(ctx: ExecutionContext, charset: unknown): CharsetName {
  if (charset === undefined || charset === null) return 'UTF_8';
  const name = String(charset).toUpperCase().replace(/-/g, '_');
  if (name === 'UTF_8' || name === 'UTF8') return 'UTF_8';
  if (name === 'US_ASCII' || name === 'ASCII') return 'US_ASCII';
  throw ctx.error(`not emulated: charset ${String(charset)}`);
}

const PACIFIC_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'America/Los_Angeles',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar day (YYYY-MM-DD) in Pacific time, the day Google's daily mail quota counts. */
export function pacificDay(ms: number): string {
  return PACIFIC_DAY.format(new Date(ms));
}
