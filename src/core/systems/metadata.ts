/**
 * A system's metadata as Mapspec keeps it to check a spec against (issue 12): the fields it has —
 * each addressed by a path or id, with the other names a spec may use for it (a DHIS2 data element's
 * code and name), its type in the canonical vocabulary and the option list it takes — and its option
 * lists as codes. Compact and JSON-safe: made from a DHIS2 export, an XLSForm or a flat field list,
 * stored per system, compared with the next import of the same system (diffMetadata).
 */
import { UserError } from '../errors';
import { compareKey } from '../mapping/text';

export type MetadataFormat = 'dhis2' | 'xlsform' | 'fields';

/** Fields one system may have here (the API's limit): a whole DHIS2 instance is more than a spec maps. */
export const MAX_SYSTEM_FIELDS = 20_000;

/** Throws a message for the person when the metadata is more than Mapspec keeps for one system. */
export function assertStorable(meta: { fields: readonly unknown[] }, file: string): void {
  if (meta.fields.length > MAX_SYSTEM_FIELDS) {
    throw new UserError(`${file} has ${meta.fields.length.toLocaleString('en')} fields; Mapspec keeps at most ${MAX_SYSTEM_FIELDS.toLocaleString('en')} per system: export only the programs or forms the spec maps (with their dependencies).`);
  }
}

export type SystemField = {
  /** How the system addresses the field: a DHIS2 UID, an XLSForm path (group/field), a JSON path. */
  path: string;
  /** Other names a spec may write for it (a DHIS2 code or name), without the path. */
  aliases: string[];
  /** Canonical type (types.ts), or null when the source gave none or one Mapspec does not know. */
  type: string | null;
  /** The type as the source wrote it (DHIS2 valueType, XLSForm type). */
  rawType: string | null;
  label: string | null;
  /** Name of the option list it takes, or null. */
  list: string | null;
};

export type SystemMetadata = {
  format: MetadataFormat;
  /** A short description of what was read ("DHIS2 metadata: 378 data elements, 35 attributes"). */
  summary: string;
  fields: SystemField[];
  /** Option lists: name or id → codes, in order. */
  lists: { [name: string]: string[] };
};

/** A field of the metadata by any of its names (path or alias), compared ignoring case and spaces. */
export function fieldIndex(meta: SystemMetadata): Map<string, SystemField> {
  const index = new Map<string, SystemField>();
  for (const f of meta.fields) {
    for (const name of [f.path, ...f.aliases]) {
      const key = compareKey(name);
      if (key !== '' && !index.has(key)) index.set(key, f);
    }
  }
  return index;
}

export type MetadataChange = {
  added: string[];
  removed: string[];
  /** Fields whose type changed: path, before, after. */
  typeChanged: { path: string; before: string | null; after: string | null }[];
  listsAdded: string[];
  listsRemoved: string[];
};

/** What a newer import of the same system changed: fields added, removed, type changed; lists added and removed. */
export function diffMetadata(before: SystemMetadata, after: SystemMetadata): MetadataChange {
  const old = new Map(before.fields.map((f) => [f.path, f]));
  const now = new Map(after.fields.map((f) => [f.path, f]));
  const typeOf = (f: SystemField) => f.type ?? f.rawType;
  return {
    added: after.fields.filter((f) => !old.has(f.path)).map((f) => f.path),
    removed: before.fields.filter((f) => !now.has(f.path)).map((f) => f.path),
    typeChanged: after.fields
      .filter((f) => old.has(f.path) && typeOf(old.get(f.path)!) !== typeOf(f))
      .map((f) => ({ path: f.path, before: typeOf(old.get(f.path)!), after: typeOf(f) })),
    listsAdded: Object.keys(after.lists).filter((l) => !(l in before.lists)),
    listsRemoved: Object.keys(before.lists).filter((l) => !(l in after.lists)),
  };
}
