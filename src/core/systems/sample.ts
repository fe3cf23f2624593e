/**
 * A sample record (a CommCare form or case, a Kobo or ODK submission, a DHIS2 tracker or event
 * payload) flattened to the paths a spec names, each with the type its values have and a masked
 * example. Arrays of elements that carry an id (`dataValues[]` by dataElement, `attributes[]` by
 * attribute, OpenMRS `obs[]` by concept) are keyed by it — `dataValues[dataElement=abc].value` — since
 * that id is what a spec writes. Samples hold personal data: by default only paths, types and masked
 * examples are kept ("A***", numbers as they are, dates as their format); raw values only when asked.
 */
import { UserError } from '../errors';

export type SampleType = 'text' | 'integer' | 'number' | 'boolean' | 'date' | 'datetime' | 'null';

export type SamplePath = {
  /** The path from the record's root: `form.child.age`, `group/question`, `dataValues[dataElement=abc].value`. */
  path: string;
  /** The id the path was keyed by (a DHIS2 data element or attribute UID, a concept UUID), or null. */
  key: string | null;
  type: SampleType;
  /** A masked example (or the raw value when keeping values was asked for), or null for null values. */
  example: string | null;
  /** In how many records the path has a value. */
  records: number;
};

export type SampleRecord = {
  summary: string;
  paths: SamplePath[];
  /** Set when the record was cut short: why (too many fields, nesting too deep). */
  truncated: string | null;
};

export type FlattenOptions = { keepValues?: boolean; maxFields?: number; maxDepth?: number };

/** Wrappers whose array holds the records (ODK's OData `value`, DHIS2's `trackedEntities`, `events`…). */
const RECORD_ARRAYS = ['value', 'results', 'data', 'records', 'submissions', 'trackedEntities', 'trackedEntityInstances', 'events', 'instances'];
/** Fields that identify an array element, in the order they are tried. */
const ID_FIELDS = ['dataElement', 'attribute', 'trackedEntityAttribute', 'concept', 'conceptUuid', 'formFieldPath'];

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

function typeOf(v: unknown): SampleType {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  const s = String(v).trim();
  if (ISO_DATE.test(s)) return 'date';
  if (ISO_DATETIME.test(s)) return 'datetime';
  return 'text';
}

/** "Amina" → "A***"; numbers and booleans as they are; a date as its format (2024-03-01 → YYYY-MM-DD). */
export function maskValue(v: unknown): string | null {
  const t = typeOf(v);
  if (t === 'null') return null;
  if (t === 'boolean' || t === 'integer' || t === 'number') return String(v);
  const s = String(v).trim();
  if (t === 'date') return 'YYYY-MM-DD';
  if (t === 'datetime') return s.replace(/^\d{4}-\d{2}-\d{2}/, 'YYYY-MM-DD').replace(/\d/g, '0');
  if (s === '') return '';
  return `${Array.from(s)[0]}***`;
}

/** A key as a path segment: plain when it is a name, quoted when it holds dots, brackets or spaces. */
function segment(key: string): string {
  return /^[^.[\]\s"]+$/.test(key) ? key : `[${JSON.stringify(key)}]`;
}

function join(parent: string, key: string): string {
  if (parent === '') return segment(key);
  // Kobo names a repeat's questions by their full slash path even inside the repeat.
  if (key.includes('/') && key.startsWith(`${parent.replace(/\[\]$/, '')}/`)) return segment(key);
  const seg = segment(key);
  return seg.startsWith('[') ? `${parent}${seg}` : `${parent}.${seg}`;
}

function elementId(el: { [k: string]: unknown }): { field: string; id: string } | null {
  for (const f of ID_FIELDS) {
    const v = el[f];
    if (typeof v === 'string' && v.trim() !== '') return { field: f, id: v.trim() };
    if (typeof v === 'object' && v !== null && typeof (v as { uuid?: unknown }).uuid === 'string') return { field: `${f}.uuid`, id: (v as { uuid: string }).uuid };
  }
  return null;
}

/** The records of a sample file: the elements of a known wrapper array, else the JSON itself. */
function recordsOf(json: unknown, depth = 0): unknown[] {
  if (Array.isArray(json)) return json;
  if (typeof json === 'object' && json !== null) {
    const o = json as { [k: string]: unknown };
    // A wrapper carries little besides its array (a pager, "@odata.context"); a record carries its fields.
    const scalars = Object.values(o).filter((v) => typeof v !== 'object' || v === null).length;
    if (scalars > 3) return [json];
    for (const k of RECORD_ARRAYS) {
      const v = o[k];
      if (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'object' && x !== null)) return v;
    }
    // One wrapper more ({ "submissions": { "value": [...] } }, as a saved API response).
    const inner = Object.keys(o).filter((k) => RECORD_ARRAYS.includes(k) && typeof o[k] === 'object' && o[k] !== null);
    if (depth === 0 && inner.length === 1) {
      const found = recordsOf(o[inner[0]!], 1);
      if (found.length !== 1 || found[0] !== o[inner[0]!]) return found;
    }
    return [json];
  }
  throw new UserError('A sample record must be a JSON object (or an array of them), not a single value.');
}

export function flattenSample(json: unknown, options: FlattenOptions = {}): SampleRecord {
  const maxFields = options.maxFields ?? 10_000;
  const maxDepth = options.maxDepth ?? 32;
  const paths = new Map<string, SamplePath & { seenIn: number }>();
  let truncated: string | null = null;
  let record = 0;

  const put = (path: string, key: string | null, v: unknown) => {
    let p = paths.get(path);
    if (!p) {
      if (paths.size >= maxFields) {
        truncated ??= `more than ${maxFields.toLocaleString('en')} fields: the first ${maxFields.toLocaleString('en')} are kept`;
        return;
      }
      p = { path, key, type: typeOf(v), example: options.keepValues ? (v === null || v === undefined ? null : String(v)) : maskValue(v), records: 0, seenIn: -1 };
      paths.set(path, p);
    } else if (p.type === 'null' && typeOf(v) !== 'null') {
      p.type = typeOf(v);
      p.example = options.keepValues ? String(v) : maskValue(v);
    }
    if (p.seenIn !== record && v !== null && v !== undefined && v !== '') {
      p.records++;
      p.seenIn = record;
    }
  };

  const walk = (v: unknown, path: string, key: string | null, depth: number): void => {
    if (depth > maxDepth) {
      truncated ??= `nested deeper than ${maxDepth} levels at ${path}: deeper levels are left out`;
      return;
    }
    if (Array.isArray(v)) {
      for (const el of v) {
        if (typeof el === 'object' && el !== null && !Array.isArray(el)) {
          const id = elementId(el as { [k: string]: unknown });
          const at = id ? `${path}[${id.field}=${id.id}]` : `${path}[]`;
          for (const [k, x] of Object.entries(el)) if (!(id && k === id.field.split('.')[0])) walk(x, join(at, k), id ? id.id : key, depth + 1);
        } else walk(el, `${path}[]`, key, depth + 1);
      }
      return;
    }
    if (typeof v === 'object' && v !== null) {
      for (const [k, x] of Object.entries(v)) walk(x, join(path, k), key, depth + 1);
      return;
    }
    if (path !== '') put(path, key, v);
  };

  const records = recordsOf(json);
  records.forEach((r, i) => {
    record = i;
    walk(r, '', null, 0);
  });
  const list = [...paths.values()].map(({ seenIn: _seen, ...p }) => p);
  return { summary: `${records.length} record${records.length === 1 ? '' : 's'}, ${list.length} path${list.length === 1 ? '' : 's'}`, paths: list, truncated };
}
