/**
 * Row keys made unique within one tab. A spec with two rows keyed "customer_id" must still diff,
 * so the second becomes "customer_id#2" (the third "#3"), by order of appearance: deterministic, and
 * stable as long as the duplicates keep their order. The duplicates are reported, not hidden.
 */
export type DuplicateCount = { key: string; count: number };

export function disambiguateKeys(raw: readonly string[]): { keys: string[]; duplicates: DuplicateCount[] } {
  const existing = new Set(raw);
  const occurrences = new Map<string, number>();
  const used = new Set<string>();
  const keys = raw.map((key) => {
    const n = (occurrences.get(key) ?? 0) + 1;
    occurrences.set(key, n);
    if (n === 1) return key;
    // Skip a suffix that is itself a real key elsewhere in the tab ("id#2" typed by someone).
    let k = n;
    let candidate = `${key}#${k}`;
    while (existing.has(candidate) || used.has(candidate)) candidate = `${key}#${++k}`;
    used.add(candidate);
    return candidate;
  });
  const duplicates: DuplicateCount[] = [];
  for (const [key, count] of occurrences) if (count > 1) duplicates.push({ key, count });
  return { keys, duplicates };
}
