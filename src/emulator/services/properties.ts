/**
 * PropertiesService: the script, document and per-user key/value stores kept in
 * state.properties, with Apps Script's size limits (9 KB per value, 500 KB per store).
 *
 * Error texts: "You have exceeded the property storage quota. Please remove some properties and
 * try again." is quoted in many public reports of the real failure. "Argument too large: value"
 * (a single value over 9 KB) comes from public emulators and Apps Script's pattern for other size
 * limits ("Argument too large: key" in CacheService, "...: subject" in MailApp); not confirmed by
 * a Google page. "Invalid argument: key" for an empty key is our guess at the real text.
 */
import type { ExecutionContext, MethodPolicy } from '../context';
import { instrument } from '../context';
import { requireArgs, scriptArray, scriptObject, utf8Bytes } from './util';

/** Quotas page: "Properties value size 9 KB / val". Counted in UTF-8 bytes. */
export const PROPERTY_VALUE_MAX_BYTES = 9 * 1024;
/** Quotas page: "Properties total storage 500 KB / property store" (keys and values, UTF-8). */
export const PROPERTY_STORE_MAX_BYTES = 500 * 1024;

export const PROPERTY_QUOTA_ERROR = 'You have exceeded the property storage quota. Please remove some properties and try again.';

// The auth-mode reference's own example: reading document properties "doesn't work in
// AuthMode.NONE". In LIMITED (simple triggers, a bound script's onOpen) all three stores work, and
// the custom-functions guide lists Properties as usable in custom functions (CUSTOM_FUNCTION), where
// getUserProperties() reads the spreadsheet owner's store.
const POLICY: MethodPolicy = { minAuth: 'CUSTOM_FUNCTION' };

type StoreKind = 'script' | 'document' | 'user';

export function createPropertiesService(ctx: ExecutionContext): GoogleAppsScript.Properties.PropertiesService {
  const service: GoogleAppsScript.Properties.PropertiesService = {
    getScriptProperties: () => createProperties(ctx, 'script'),
    getDocumentProperties: () => createProperties(ctx, 'document'),
    getUserProperties: () => createProperties(ctx, 'user'),
  };
  return instrument(ctx, 'PropertiesService', service, {}, POLICY);
}

function createProperties(ctx: ExecutionContext, kind: StoreKind): GoogleAppsScript.Properties.Properties {
  const method = (name: string) => `PropertiesService.Properties.${name}`;

  const userKey = ctx.authMode === 'CUSTOM_FUNCTION' ? (ctx.state.users.known[0] ?? ctx.user) : ctx.user;
  // Read fresh from the shared state on every call: another execution may have written since.
  const read = (): Record<string, string> =>
    kind === 'user' ? (ctx.state.properties.user[userKey] ?? {}) : ctx.state.properties[kind];

  /** Replaces the whole store, or throws and leaves it as it was (writes are all-or-nothing). */
  const commit = (next: Record<string, string>): void => {
    let total = 0;
    for (const [k, v] of Object.entries(next)) total += utf8Bytes(k) + utf8Bytes(v);
    if (total > PROPERTY_STORE_MAX_BYTES) throw ctx.error(PROPERTY_QUOTA_ERROR);
    if (kind === 'user') ctx.state.properties.user[userKey] = next;
    else ctx.state.properties[kind] = next;
  };

  const checkedKey = (key: unknown): string => {
    const k = String(key);
    if (k === '') throw ctx.error('Invalid argument: key');
    return k;
  };

  // The Properties guide: "Data types that are not already strings are automatically converted".
  const checkedValue = (value: unknown): string => {
    const v = String(value);
    if (utf8Bytes(v) > PROPERTY_VALUE_MAX_BYTES) throw ctx.error('Argument too large: value');
    return v;
  };

  const props: GoogleAppsScript.Properties.Properties = {
    getProperty(...args: unknown[]) {
      requireArgs(ctx, method('getProperty'), args, 1);
      const value = read()[String(args[0])];
      return value === undefined ? null : value;
    },
    setProperty(...args: unknown[]) {
      requireArgs(ctx, method('setProperty'), args, 2);
      const key = checkedKey(args[0]);
      const value = checkedValue(args[1]);
      commit({ ...read(), [key]: value });
      return props;
    },
    setProperties(...args: unknown[]) {
      requireArgs(ctx, method('setProperties'), args, 1);
      const input = args[0];
      if (typeof input !== 'object' || input === null) throw ctx.argumentError(method('setProperties'), 'String');
      // Validate everything before touching the store, so a refused batch writes nothing.
      const incoming: Record<string, string> = {};
      for (const [k, v] of Object.entries(input as Record<string, unknown>)) incoming[checkedKey(k)] = checkedValue(v);
      commit(args[1] === true ? incoming : { ...read(), ...incoming });
      return props;
    },
    getProperties: () => scriptObject(ctx, { ...read() }),
    getKeys: () => scriptArray(ctx, Object.keys(read())),
    deleteProperty(...args: unknown[]) {
      requireArgs(ctx, method('deleteProperty'), args, 1);
      const key = String(args[0]);
      const current = read();
      if (key in current) {
        const next = { ...current };
        delete next[key];
        commit(next);
      }
      return props;
    },
    deleteAllProperties() {
      if (kind === 'user') delete ctx.state.properties.user[userKey];
      else ctx.state.properties[kind] = {};
      return props;
    },
  } as GoogleAppsScript.Properties.Properties;
  return instrument(ctx, 'Properties', props, {}, POLICY);
}
