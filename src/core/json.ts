/**
 * JSON values: what google.script.run can carry between the sidebar and the server. Results of
 * sidebar calls are typed as Json so a Date or a function cannot slip into one unnoticed, and
 * checked at run time by jsonProblem (the server before returning, the playground's bridge both ways).
 */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/**
 * Why a value cannot cross google.script.run (JSON only: primitives, plain objects, arrays), or
 * undefined when it can. `where` names the offending path in the message.
 */
export function jsonProblem(value: unknown, where = 'value', inside = new Set<unknown>()): string | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : `${where} is ${value}, which is not JSON`;
  if (value === undefined) return `${where} is undefined`;
  if (typeof value === 'function') return `${where} is a function`;
  if (typeof value === 'bigint' || typeof value === 'symbol') return `${where} is a ${typeof value}`;
  const tag = Object.prototype.toString.call(value);
  if (tag === '[object Date]') return `${where} is a Date (send it as a string or a number of milliseconds)`;
  // Only a value inside itself is a cycle; the same value reached twice is plain JSON (copied twice).
  if (inside.has(value)) return `${where} is a circular reference`;
  const proto = Object.getPrototypeOf(value);
  if (!Array.isArray(value)) {
    // Plain objects of any realm: their prototype is some realm's Object.prototype (whose own prototype is null).
    if (proto !== null && Object.getPrototypeOf(proto) !== null) return `${where} is a ${(value as object).constructor?.name ?? tag.slice(8, -1)} object, not plain JSON`;
    if (proto !== null && tag !== '[object Object]') return `${where} is a ${tag.slice(8, -1)}, not plain JSON`;
  }
  inside.add(value);
  try {
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const p = jsonProblem(value[i] === undefined ? null : value[i], `${where}[${i}]`, inside);
        if (p) return p;
      }
      return undefined;
    }
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (v === undefined) continue; // JSON drops undefined properties, as google.script.run does
      const p = jsonProblem(v, `${where}.${k}`, inside);
      if (p) return p;
    }
    return undefined;
  } finally {
    inside.delete(value);
  }
}
