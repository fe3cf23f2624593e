/**
 * JSON values: what google.script.run can carry between the sidebar and the server. Results of
 * sidebar calls are typed as Json so a Date or a function cannot slip into one unnoticed.
 */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/**
 * Returns the path of the first value google.script.run could not carry (a Date, a function,
 * undefined inside an array, NaN, a class instance), or null when the value is plain JSON.
 */
export function findNonJson(value: unknown, path = '$'): string | null {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return null;
  if (typeof value === 'number') return Number.isFinite(value) ? null : path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = findNonJson(value[i], `${path}[${i}]`);
      if (bad) return bad;
    }
    return null;
  }
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value);
    // Plain objects only; prototypes are compared by shape because the sandbox has its own realm.
    if (proto !== null && Object.getPrototypeOf(proto) !== null) return path;
    if (Object.prototype.toString.call(value) !== '[object Object]') return path;
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (v === undefined) continue;
      const bad = findNonJson(v, `${path}.${k}`);
      if (bad) return bad;
    }
    return null;
  }
  return path;
}
