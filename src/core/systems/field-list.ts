/**
 * A flat list of a system's fields, for any system Mapspec has no reader for: CSV with a header row
 * naming `path` and `type` (and optionally `label`, `list`), or JSON — an array of { path, type,
 * label?, list? } objects. Types are read through the type vocabulary, like a spec's own.
 */
import { UserError } from '../errors';
import { buildVocabulary, parseType } from '../mapping/types';
import type { SystemField, SystemMetadata } from './metadata';

/** Splits CSV text into rows (RFC 4180: quoted fields, doubled quotes, CRLF or LF). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows.filter((r) => r.some((c) => c.trim() !== ''));
}

function field(path: string, rawType: string | null, label: string | null, list: string | null): SystemField {
  const vocab = buildVocabulary();
  const t = rawType && rawType.trim() !== '' ? rawType.trim() : null;
  return { path, aliases: [], type: t ? parseType(t, vocab).type : null, rawType: t, label: label && label.trim() !== '' ? label.trim() : null, list: list && list.trim() !== '' ? list.trim() : null };
}

export function readFieldCsv(text: string, file: string): SystemMetadata {
  const rows = parseCsv(text.replace(/^\uFEFF/, ''));
  const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
  const col = (name: string) => header.indexOf(name);
  if (col('path') < 0) throw new UserError(`${file}: the first row must name the columns, with at least "path" (and "type", "label", "list"); it is ${JSON.stringify((rows[0] ?? []).join(','))}.`);
  const fields = rows.slice(1).flatMap((r, i) => {
    const p = (r[col('path')] ?? '').trim();
    if (p === '') return [];
    if (p.length > 500) throw new UserError(`${file}, line ${i + 2}: the path is longer than 500 characters.`);
    const at = (name: string) => (col(name) >= 0 ? (r[col(name)] ?? null) : null);
    return [field(p, at('type'), at('label'), at('list'))];
  });
  return { format: 'fields', summary: `field list (${file}): ${fields.length} field${fields.length === 1 ? '' : 's'}`, fields, lists: {} };
}

/** True when the JSON is an array of objects with a `path`. */
export function isFieldListJson(json: unknown): boolean {
  return Array.isArray(json) && json.length > 0 && json.every((x) => typeof x === 'object' && x !== null && typeof (x as { path?: unknown }).path === 'string');
}

export function readFieldListJson(json: unknown, file: string): SystemMetadata {
  if (!isFieldListJson(json)) throw new UserError(`${file} is not a field list: it must be an array of objects, each with a "path" (and "type", "label", "list").`);
  const s = (v: unknown) => (typeof v === 'string' ? v : null);
  const fields = (json as { path: string; type?: unknown; label?: unknown; list?: unknown }[]).map((o) => field(o.path.trim(), s(o.type), s(o.label), s(o.list)));
  return { format: 'fields', summary: `field list (${file}): ${fields.length} field${fields.length === 1 ? '' : 's'}`, fields, lists: {} };
}
