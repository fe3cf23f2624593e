/**
 * Canonical snapshots: one text per content, so the same spec always hashes the same. Format in
 * snapshot-format.md (format "mapspec-snapshot", version 1).
 */
import { sha256Hex } from './hash';
import { canonicalText, canonicalTexts, utf8Encode } from './text';
import type { Snapshot, SnapshotRow, SnapshotTab, VersionServices } from './types';

export const SNAPSHOT_FORMAT = 'mapspec-snapshot';
export const SNAPSHOT_FORMAT_VERSION = 1;

/**
 * Canonical text everywhere, blank cells dropped, cells in header order, fully blank rows dropped.
 * Tab and row order are kept. Throws (an adapter bug, not the user's) on blank or repeated column
 * names, a key or list column missing from the header, a cell outside the header, or a repeated sheetId.
 */
export function normalizeSnapshot(snapshot: Snapshot): Snapshot {
  const seen = new Set<number>();
  const tabs = snapshot.tabs.map((tab) => {
    if (seen.has(tab.sheetId)) throw new Error(`Snapshot has two tabs with sheetId ${tab.sheetId}`);
    seen.add(tab.sheetId);
    return normalizeTab(tab);
  });
  return { tabs };
}

/** A tab's canonical name and header, checked; shared by normalizeTab and the diff. */
export type TabShape = {
  where: string;
  name: string;
  header: string[];
  position: Map<string, number>;
  keyColumn: string;
  listColumn: string | null;
  /** Header position of a cell's column name as given (canonicalised once per distinct name); -1 if absent. */
  columnOf: (raw: string) => number;
};

export function tabShape(tab: SnapshotTab): TabShape {
  const name = canonicalText(tab.name);
  const where = `Snapshot tab "${name}" (sheet ${tab.sheetId})`;
  if (!Number.isSafeInteger(tab.sheetId)) throw new Error(`${where}: sheetId is not an integer`);
  if (tab.kind !== 'mapping' && tab.kind !== 'value-map') throw new Error(`${where}: unknown kind ${String(tab.kind)}`);
  const header = tab.header.map(canonicalText);
  const position = new Map<string, number>();
  header.forEach((column, i) => {
    if (!column) throw new Error(`${where}: column ${i + 1} has a blank name`);
    if (position.has(column)) throw new Error(`${where}: two columns are named "${column}"`);
    position.set(column, i);
  });
  const keyColumn = canonicalText(tab.keyColumn);
  if (!position.has(keyColumn)) throw new Error(`${where}: key column "${keyColumn}" is not in the header`);
  const listColumn = tab.listColumn === null ? null : canonicalText(tab.listColumn);
  if (listColumn !== null && !position.has(listColumn)) throw new Error(`${where}: list column "${listColumn}" is not in the header`);
  const cache = new Map<string, number>();
  const columnOf = (raw: string): number => {
    let i = cache.get(raw);
    if (i === undefined) {
      i = position.get(canonicalText(raw)) ?? -1;
      cache.set(raw, i);
    }
    return i;
  };
  return { where, name, header, position, keyColumn, listColumn, columnOf };
}

export function strayCell(shape: TabShape, key: string, raw: string): Error {
  return new Error(`${shape.where}: row "${key}" has a cell in column "${raw}", which is not in the header`);
}

export function normalizeTab(tab: SnapshotTab): SnapshotTab {
  const shape = tabShape(tab);
  const { name, header, keyColumn, listColumn } = shape;

  // All of the tab's text is canonicalised in one batch (see canonicalTexts): keys and values in
  // one flat list, with each value's column name beside it.
  const flat: string[] = [];
  const names: string[] = [];
  const starts: number[] = [];
  for (const row of tab.rows) {
    starts.push(flat.length);
    flat.push(row.key);
    names.push('');
    for (const raw of Object.keys(row.cells)) {
      const value = row.cells[raw];
      if (value === '' || value === undefined || value === null) continue;
      flat.push(String(value));
      names.push(raw);
    }
  }
  starts.push(flat.length);
  const text = canonicalTexts(flat);

  const rows: SnapshotRow[] = [];
  for (let r = 0; r < tab.rows.length; r++) {
    const key = text[starts[r]!]!;
    const values: string[] = [];
    let any = false;
    for (let k = starts[r]! + 1; k < starts[r + 1]!; k++) {
      if (!text[k]) continue;
      const i = shape.columnOf(names[k]!);
      if (i < 0) throw strayCell(shape, key, names[k]!);
      values[i] = text[k]!;
      any = true;
    }
    if (!key && !any) continue; // a blank separator row is layout, not content
    rows.push({ key, cells: cellsOf(header, values) });
  }
  return { sheetId: tab.sheetId, name, kind: tab.kind, header, keyColumn, listColumn, rows };
}

/** Builds a row's cells in header order from values aligned to it (holes and '' are blanks). */
export function cellsOf(header: readonly string[], values: readonly (string | undefined)[]): Record<string, string> {
  const cells: Record<string, string> = {};
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v) setCell(cells, header[i]!, v);
  }
  return cells;
}

/**
 * Plain objects keep V8 fast (cells of one tab share a shape); a column named "__proto__" must
 * still be an ordinary cell, not the object's prototype.
 */
export function setCell(cells: Record<string, string>, column: string, value: string): void {
  if (column === '__proto__') Object.defineProperty(cells, column, { value, enumerable: true, writable: true, configurable: true });
  else cells[column] = value;
}

/** The canonical JSON of a snapshot: what is hashed and stored. */
export function canonicalSnapshotJson(snapshot: Snapshot): string {
  return serializeNormalized(normalizeSnapshot(snapshot));
}

/** canonicalSnapshotJson of a snapshot already through normalizeSnapshot (saves a second pass). */
export function serializeNormalized(normalized: Snapshot): string {
  const tabs = normalized.tabs.slice().sort((a, b) => a.sheetId - b.sheetId);
  // JSON.stringify keeps insertion order for non-numeric keys and adds no whitespace: the literal
  // below fixes the key order.
  return JSON.stringify({
    format: SNAPSHOT_FORMAT,
    formatVersion: SNAPSHOT_FORMAT_VERSION,
    tabs: tabs.map((t) => ({
      sheetId: t.sheetId,
      name: t.name,
      kind: t.kind,
      keyColumn: t.keyColumn,
      listColumn: t.listColumn,
      header: t.header,
      rows: t.rows.map((r) => rowArray(t.header, r)),
    })),
  });
}

/** [key, ...cells aligned to the header], blanks as '', trailing blanks dropped. */
function rowArray(header: readonly string[], row: SnapshotRow): string[] {
  const out = [row.key];
  let last = 0;
  for (let i = 0; i < header.length; i++) {
    const v = row.cells[header[i]!] ?? '';
    out.push(v);
    if (v) last = i + 1;
  }
  out.length = last + 1;
  return out;
}

export type HashedSnapshot = { json: string; bytes: Uint8Array; contentHash: string };

export function hashSnapshot(snapshot: Snapshot, sha256: VersionServices['sha256']): HashedSnapshot {
  return hashNormalized(normalizeSnapshot(snapshot), sha256);
}

export function hashNormalized(normalized: Snapshot, sha256: VersionServices['sha256']): HashedSnapshot {
  const json = serializeNormalized(normalized);
  const bytes = utf8Encode(json);
  return { json, bytes, contentHash: sha256Hex(sha256, bytes) };
}

/** Reads canonical JSON back into a (normalised) snapshot; throws on anything malformed. */
export function parseSnapshotJson(json: string): Snapshot {
  const data: unknown = JSON.parse(json);
  const fail = (what: string): never => {
    throw new Error(`Stored snapshot is malformed: ${what}`);
  };
  if (!isObject(data) || data.format !== SNAPSHOT_FORMAT) return fail('not a Mapspec snapshot');
  if (typeof data.formatVersion !== 'number' || data.formatVersion > SNAPSHOT_FORMAT_VERSION) {
    return fail(`format version ${String(data.formatVersion)} is newer than this Mapspec reads (${SNAPSHOT_FORMAT_VERSION})`);
  }
  if (!Array.isArray(data.tabs)) return fail('no tabs');
  const tabs = data.tabs.map((t: unknown, ti: number): SnapshotTab => {
    if (!isObject(t)) return fail(`tab ${ti}`);
    const { sheetId, name, kind, keyColumn, listColumn, header, rows } = t;
    if (typeof sheetId !== 'number' || typeof name !== 'string' || (kind !== 'mapping' && kind !== 'value-map')) return fail(`tab ${ti}`);
    if (typeof keyColumn !== 'string' || (listColumn !== null && typeof listColumn !== 'string')) return fail(`tab ${ti} key`);
    if (!isStringArray(header) || !Array.isArray(rows)) return fail(`tab ${ti} header or rows`);
    return {
      sheetId,
      name,
      kind,
      header,
      keyColumn,
      listColumn,
      rows: rows.map((r: unknown, ri: number) => {
        if (!isStringArray(r) || r.length < 1 || r.length > header.length + 1) return fail(`tab ${ti} row ${ri}`);
        return { key: r[0]!, cells: cellsOf(header, r.slice(1)) };
      }),
    };
  });
  return { tabs };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}
