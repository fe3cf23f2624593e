/**
 * CacheService: the script, document and per-user caches kept in state.cache, expiring on the
 * emulated clock.
 *
 * Limits, from the Cache reference and Justin Poehnelt's measurements ("Exploring Apps Script
 * CacheService Limits"): keys up to 250 characters, values up to 100 KB (102,400 bytes), at most
 * 1,000 entries per cache — past that the oldest entries by creation time are evicted, about 100
 * (10%) at once — expiration 600 s by default and at most 21,600 s. Values are coerced to strings.
 * Error texts "Argument too large: key" / "Argument too large: value" are the ones public reports
 * and emulators quote for the live service.
 *
 * Out-of-range expirations are not errors in Apps Script: above 21,600 s the maximum applies (as
 * gas-fakes notes). For zero or negative ones the measured behaviour is unclear ("ignored"); here
 * they count as the 1-second minimum.
 */
import type { ExecutionContext, MethodPolicy } from '../context';
import { instrument } from '../context';
import type { CacheEntry } from '../state';
import { requireArgs, scriptObject, utf8Bytes } from './util';

export const CACHE_KEY_MAX_CHARS = 250;
export const CACHE_VALUE_MAX_BYTES = 100 * 1024;
export const CACHE_DEFAULT_EXPIRATION_S = 600;
export const CACHE_MAX_EXPIRATION_S = 21600;
export const CACHE_MAX_ENTRIES = 1000;
/** How many of the oldest entries a full cache drops at once. */
export const CACHE_EVICTION_BATCH = 100;

// Needs no scope; works in simple triggers and (per the custom-functions guide) in custom
// functions, not in AuthMode.NONE (like the other storage services).
const POLICY: MethodPolicy = { minAuth: 'CUSTOM_FUNCTION' };

type CacheKind = 'script' | 'document' | 'user';

export function createCacheService(ctx: ExecutionContext): GoogleAppsScript.Cache.CacheService {
  const service: GoogleAppsScript.Cache.CacheService = {
    getScriptCache: () => createCache(ctx, 'script'),
    // Null only without a container document; the emulator always has one.
    getDocumentCache: () => createCache(ctx, 'document'),
    getUserCache: () => createCache(ctx, 'user'),
  };
  return instrument(ctx, 'CacheService', service, {}, POLICY);
}

function createCache(ctx: ExecutionContext, kind: CacheKind): GoogleAppsScript.Cache.Cache {
  const method = (name: string) => `CacheService.Cache.${name}`;

  /** The live store with expired entries dropped; created on demand for writes. */
  const store = (forWrite: boolean): Record<string, CacheEntry> => {
    let entries: Record<string, CacheEntry> | undefined;
    if (kind === 'user') {
      entries = ctx.state.cache.user[ctx.user];
      if (!entries) {
        if (!forWrite) return {};
        entries = ctx.state.cache.user[ctx.user] = {};
      }
    } else {
      entries = ctx.state.cache[kind];
    }
    const now = ctx.now();
    for (const [k, e] of Object.entries(entries)) if (e.expiresAt <= now) delete entries[k];
    return entries;
  };

  const checkedKey = (key: unknown): string => {
    const k = String(key);
    if (k.length > CACHE_KEY_MAX_CHARS) throw ctx.error('Argument too large: key');
    return k;
  };

  const checkedValue = (value: unknown): string => {
    const v = String(value);
    if (utf8Bytes(v) > CACHE_VALUE_MAX_BYTES) throw ctx.error('Argument too large: value');
    return v;
  };

  const expiresAt = (seconds: unknown): number => {
    let s = seconds === undefined || seconds === null ? CACHE_DEFAULT_EXPIRATION_S : Math.trunc(Number(seconds));
    if (!Number.isFinite(s)) s = CACHE_DEFAULT_EXPIRATION_S;
    s = Math.min(Math.max(s, 1), CACHE_MAX_EXPIRATION_S);
    return ctx.now() + s * 1000;
  };

  const write = (pairs: [string, string][], seconds: unknown): void => {
    const entries = store(true);
    const now = ctx.now();
    const until = expiresAt(seconds);
    for (const [k, v] of pairs) {
      delete entries[k]; // a re-put is a new entry: it moves to the back of the eviction order
      entries[k] = { value: v, expiresAt: until, createdAt: now };
    }
    const keys = Object.keys(entries);
    if (keys.length > CACHE_MAX_ENTRIES) {
      const oldest = keys.sort((a, b) => (entries[a].createdAt ?? 0) - (entries[b].createdAt ?? 0));
      for (const k of oldest.slice(0, Math.max(CACHE_EVICTION_BATCH, keys.length - CACHE_MAX_ENTRIES))) delete entries[k];
    }
  };

  const cache: GoogleAppsScript.Cache.Cache = {
    get(...args: unknown[]) {
      requireArgs(ctx, method('get'), args, 1);
      const entry = store(false)[checkedKey(args[0])];
      return entry ? entry.value : null;
    },
    getAll(keys: string[]) {
      requireArgs(ctx, method('getAll'), [keys], 1);
      const entries = store(false);
      const found: Record<string, string> = {};
      for (const key of Array.from(keys, checkedKey)) if (entries[key]) found[key] = entries[key].value;
      return scriptObject(ctx, found);
    },
    put(...args: unknown[]) {
      requireArgs(ctx, method('put'), args, 2);
      write([[checkedKey(args[0]), checkedValue(args[1])]], args[2]);
    },
    putAll(values: Record<string, unknown>, expirationInSeconds?: number) {
      requireArgs(ctx, method('putAll'), [values], 1);
      // Checked in full first: a refused batch stores nothing.
      const pairs = Object.entries(values).map(([k, v]): [string, string] => [checkedKey(k), checkedValue(v)]);
      write(pairs, expirationInSeconds);
    },
    remove(...args: unknown[]) {
      requireArgs(ctx, method('remove'), args, 1);
      delete store(false)[checkedKey(args[0])];
    },
    removeAll(keys: string[]) {
      requireArgs(ctx, method('removeAll'), [keys], 1);
      const entries = store(false);
      for (const key of Array.from(keys, checkedKey)) delete entries[key];
    },
  } as GoogleAppsScript.Cache.Cache;
  return instrument(ctx, 'Cache', cache, {}, POLICY);
}
