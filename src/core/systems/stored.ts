/**
 * One imported system as the spreadsheet keeps it: a system's metadata or a sample record, its name,
 * the side and the tabs it describes, who imported it and when. Re-importing the same kind and name
 * replaces the entry and says what changed (for metadata).
 */
import type { MetadataChange, SystemMetadata } from './metadata';
import { diffMetadata } from './metadata';
import type { SampleRecord } from './sample';
import type { SampleInput, SystemInput, SystemSide } from './system-checks';
import { compareKey } from '../mapping/text';
import { chunkText } from '../mapping/paint-codec';

/** The hidden tab that keeps the imports, one row each. */
export const SYSTEMS_SHEET = '_mapspec_systems';
/** A cell holds 50,000 characters; a 2.5 MB DHIS2 package keeps about 100,000 in a few cells. */
const CELL_CHARS = 45_000;

/** The rows of the hidden tab: each entry's JSON in cells of at most 45,000 characters, rows padded to one width. */
export function storedSystemRows(systems: readonly StoredSystem[]): string[][] {
  const rows = systems.map((s) => chunkText(JSON.stringify(s), CELL_CHARS));
  const width = Math.max(0, ...rows.map((r) => r.length));
  return rows.map((r) => [...r, ...Array<string>(width - r.length).fill('')]);
}

type Common = { id: string; name: string; side: SystemSide; tabs: string[] | null; importedAt: string; importedBy: string | null };
export type StoredSystem = (Common & { kind: 'metadata'; meta: SystemMetadata }) | (Common & { kind: 'sample'; record: SampleRecord });

/** What the sidebar and the command line show of an entry. */
export type SystemSummary = Common & { kind: 'metadata' | 'sample'; summary: string };

export function summaryOf(s: StoredSystem): SystemSummary {
  const { id, name, side, tabs, importedAt, importedBy, kind } = s;
  return { id, name, side, tabs, importedAt, importedBy, kind, summary: s.kind === 'metadata' ? s.meta.summary : s.record.summary };
}

/** A stored entry read back, or null when the text is not one (a hand-edited cell). */
export function parseStoredSystem(text: string): StoredSystem | null {
  try {
    const o = JSON.parse(text) as StoredSystem;
    if (typeof o !== 'object' || o === null || typeof o.id !== 'string' || typeof o.name !== 'string') return null;
    if (o.kind === 'metadata' && typeof o.meta === 'object' && Array.isArray(o.meta?.fields)) return o;
    if (o.kind === 'sample' && typeof o.record === 'object' && Array.isArray(o.record?.paths)) return o;
    return null;
  } catch {
    return null;
  }
}

/**
 * The entries after importing one: an entry of the same kind and name (ignoring case) is replaced, and
 * for metadata what changed is returned.
 */
export function withImported(all: readonly StoredSystem[], entry: StoredSystem): { systems: StoredSystem[]; replaced: StoredSystem | null; change: MetadataChange | null } {
  const same = (s: StoredSystem) => s.kind === entry.kind && compareKey(s.name) === compareKey(entry.name);
  const replaced = all.find(same) ?? null;
  const change = replaced && replaced.kind === 'metadata' && entry.kind === 'metadata' ? diffMetadata(replaced.meta, entry.meta) : null;
  const systems = replaced ? all.map((s) => (same(s) ? { ...entry, id: replaced.id } : s)) : [...all, entry];
  return { systems, replaced, change };
}

/** The stored entries as the checks take them. */
export function checkInputs(all: readonly StoredSystem[]): { systems: SystemInput[]; samples: SampleInput[] } {
  const systems: SystemInput[] = [];
  const samples: SampleInput[] = [];
  for (const s of all) {
    if (s.kind === 'metadata') systems.push({ name: s.name, side: s.side, tabs: s.tabs, meta: s.meta });
    else samples.push({ name: s.name, side: s.side, tabs: s.tabs, record: s.record });
  }
  return { systems, samples };
}
