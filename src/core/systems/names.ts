/**
 * How a spec's path cell names a system's field, shared by the checks and the assists: the text
 * itself, an id in brackets (DHIS2 specs write `attributes[w75KJ2mc4zz]`,
 * `dataValues[dataElement=BuZ5LGNfGEU]`), the path without a note in brackets after it, and its last
 * segment.
 */
import { compareKey } from '../mapping/text';
import type { SystemField } from './metadata';

export function namesIn(text: string): string[] {
  const names = [text];
  for (const m of text.matchAll(/\[(?:[^\]=]*=)?([^\]]+)\]/g)) names.push(m[1]!.trim());
  // A note in brackets after the path is no part of it: "indices.parent (household case)".
  const bare = text.replace(/\s*\([^)]*\)\s*$/, '').trim();
  if (bare !== '' && bare !== text.trim()) names.push(bare);
  const last = bare.replace(/\[[^\]]*\]/g, '').split(/[./]/).pop()?.trim();
  if (last && last !== text) names.push(last);
  return names;
}

/** The first field any of a cell's names finds. */
export function lookup(index: ReadonlyMap<string, SystemField>, text: string): SystemField | undefined {
  for (const n of namesIn(text)) {
    const f = index.get(compareKey(n));
    if (f) return f;
  }
  return undefined;
}

/** One sample path's names a spec may write: the path and the id it was keyed by. */
export function sampleNames(p: { path: string; key: string | null }): string[] {
  return p.key ? [p.path, p.key] : [p.path];
}
