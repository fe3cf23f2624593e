/**
 * The type vocabulary: canonical types and the words specs use for them (XLSForm/Kobo, CommCare,
 * DHIS2 value types, FHIR, Salesforce, SQL, WHO SMART data dictionaries). Settings can add words or
 * whole new types. Which pairs of types convert without a rule lives in type-compat.ts.
 */
import { nfkc } from './text';

export const CANONICAL_TYPES = [
  { type: 'text', description: 'Short text' },
  { type: 'long_text', description: 'Long or multi-line text' },
  { type: 'integer', description: 'Whole number' },
  { type: 'number', description: 'Decimal number (also quantities)' },
  { type: 'percentage', description: 'Percentage' },
  { type: 'boolean', description: 'Yes/no, true/false' },
  { type: 'true_only', description: 'Only "yes" or blank (DHIS2 TRUE_ONLY)' },
  { type: 'date', description: 'Calendar date' },
  { type: 'datetime', description: 'Date and time' },
  { type: 'time', description: 'Time of day' },
  { type: 'select_one', description: 'One choice from a list' },
  { type: 'select_multiple', description: 'Several choices from a list' },
  { type: 'option', description: 'An answer option of the multiple-choice row above it (WHO "Codes" / "Input Option")' },
  { type: 'id', description: 'Identifier' },
  { type: 'uuid', description: 'UUID / GUID' },
  { type: 'phone', description: 'Phone number' },
  { type: 'email', description: 'E-mail address' },
  { type: 'url', description: 'URL / URI' },
  { type: 'geopoint', description: 'Coordinate (latitude, longitude)' },
  { type: 'geoshape', description: 'Polygon or line' },
  { type: 'org_unit', description: 'Organisation unit / facility' },
  { type: 'age', description: 'Age (DHIS2 AGE)' },
  { type: 'file', description: 'File, attachment, audio or video' },
  { type: 'image', description: 'Image / photo' },
  { type: 'signature', description: 'Signature' },
  { type: 'username', description: 'User name' },
  { type: 'reference', description: 'Reference to another record (lookup, tracker association)' },
  { type: 'calculated', description: 'Calculated / hidden value (its type comes from its formula)' },
  { type: 'structure', description: 'Not a data field: a group, repeat, note or question set (XLSForm begin group, OpenMRS N/A)' },
] as const;

export type CanonicalType = (typeof CANONICAL_TYPES)[number]['type'];

/** Words for each canonical type, written loosely: case, "_", "-", "/" and spaces do not matter. */
export const TYPE_SYNONYMS: { readonly [K in CanonicalType]: readonly string[] } = {
  text: ['text', 'freetext', 'letter text', 'deviceid', 'subscriberid', 'simserial', 'email text', 'string', 'str', 'free text', 'short text', 'varchar', 'nvarchar', 'char', 'character', 'alphanumeric', 'letter', 'open text', 'textbox', 'text box', 'barcode', 'markdown short', 'code text', 'free-text', 'alpha numeric'],
  long_text: ['long text', 'multiline', 'long_text', 'paragraph', 'memo', 'textarea', 'text area', 'long text area', 'rich text area', 'multiline text', 'multi line text', 'markdown', 'clob'],
  integer: ['integer', 'int', 'whole number', 'integer positive', 'integer negative', 'integer zero or positive', 'positive integer', 'positiveint', 'unsignedint', 'long', 'bigint', 'smallint', 'int32', 'int64', 'count', 'integer quantity', 'number integer', 'auto number', 'autonumber'],
  number: ['number', 'structured numeric', 'numeric', 'decimal', 'float', 'double', 'real', 'quantity', 'decimal quantity', 'unit interval', 'currency', 'money', 'range', 'decimal number', 'float number'],
  percentage: ['percentage', 'percent', '%'],
  boolean: ['boolean', 'trigger', 'select boolean', 'bool', 'yes no', 'yes/no', 'true false', 'true/false', 'y n', 'binary', 'yesno', 'yes no question', 'acknowledge', 'toggle', 'toggle button', 'switch'],
  true_only: ['true only', 'true_only', 'yes only'],
  date: ['date', 'today', 'calendar date', 'date only', 'date yyyy mm dd'],
  datetime: ['datetime', 'start', 'end', 'date time picker', 'date time', 'date/time', 'date and time', 'timestamp', 'timestamptz', 'instant', 'date time stamp'],
  time: ['time', 'time of day'],
  select_one: ['select one', 'single choice answer', 'select one from file', 'select_one', 'single select', 'single choice', 'single answer', 'dropdown', 'drop down', 'radio', 'radio button', 'coded', 'coding', 'codeableconcept', 'code', 'option set', 'optionset', 'select one from list', 'categorical', 'enum', 'picklist', 'choice', 'multiple choice', 'list', 'lookup list', 'select', 'single select list'],
  select_multiple: ['select multiple', 'multiple answers', 'select multiple from file', 'rank', 'multi text', 'select_multiple', 'select all that apply', 'multi select', 'multiselect', 'multiple select', 'multiple answer', 'multi select picklist', 'picklist multi select', 'multi-select', 'checkbox', 'checkboxes', 'check all that apply', 'multiple choice multiple answers'],
  option: ['input option', 'codes', 'answer option', 'choice option', 'option'],
  id: ['id', 'identifier', 'unique id', 'key', 'primary key', 'external id', 'tracked entity attribute id'],
  uuid: ['uuid', 'guid'],
  phone: ['phone', 'phonenumber', 'phone number', 'telephone', 'tel', 'mobile', 'mobile number', 'msisdn'],
  email: ['email', 'e mail', 'email address'],
  url: ['url', 'uri', 'link', 'website', 'web address', 'hyperlink'],
  geopoint: ['geopoint', 'start geopoint', 'coordinate', 'coordinates', 'gps', 'geolocation', 'location', 'lat long', 'latlong', 'lat lon', 'geo point', 'point'],
  geoshape: ['geoshape', 'geotrace', 'polygon', 'geojson', 'line', 'shape'],
  org_unit: ['organisation unit', 'organization unit', 'org unit', 'orgunit', 'facility', 'organisationunit'],
  age: ['age'],
  file: ['file', 'complex', 'audit', 'background audio', 'image capture', 'audio capture', 'video capture', 'file resource', 'attachment', 'document', 'upload', 'audio', 'video', 'binary file'],
  image: ['image', 'photo', 'picture'],
  signature: ['signature'],
  username: ['username', 'user name', 'user'],
  structure: ['begin group', 'end group', 'begin repeat', 'end repeat', 'group', 'repeat', 'repeat group', 'question list', 'field list', 'note', 'label', 'section', 'xml external', 'csv external', 'markup', 'convset', 'question set', 'display', 'questionnaire', 'mapping'],
  // EmCare's select_condition picks among the client's recorded conditions: a lookup, not a list.
  reference: ['select condition', 'reference', 'lookup', 'relationship', 'foreign key', 'tracker associate', 'case reference', 'parent case'],
  calculated: ['calculated', 'rule', 'cql', '{{cql}}', 'variable', 'calculate', 'calculation', 'hidden', 'hidden value', 'derived', 'formula'],
};

/** "PHONE_NUMBER", "Phone-number", "phone number" → "phone number". */
export function typeKey(raw: string): string {
  return nfkc(raw)
    .toLowerCase()
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[\s_\-/.:,;]+/g, ' ')
    .trim();
}

export type TypeVocabulary = {
  /** typeKey(word) → canonical type name. */
  readonly words: ReadonlyMap<string, string>;
  readonly canonical: ReadonlySet<string>;
};

/** The built-in vocabulary plus the words of the settings (which win over built-in words). */
export function buildVocabulary(extra: { readonly [word: string]: string } = {}): TypeVocabulary {
  const words = new Map<string, string>();
  const canonical = new Set<string>();
  for (const [type, list] of Object.entries(TYPE_SYNONYMS)) {
    canonical.add(type);
    words.set(typeKey(type), type);
    for (const w of list) words.set(typeKey(w), type);
  }
  for (const [word, type] of Object.entries(extra)) {
    const t = typeKey(type).replace(/ /g, '_');
    canonical.add(t);
    words.set(typeKey(word), t);
    words.set(typeKey(t), t);
  }
  return { words, canonical };
}

export type ParsedType = {
  /** Canonical type, or null when the word is not in the vocabulary. */
  type: string | null;
  /** For XLSForm "select_one yes_no": the list it names. */
  list: string | null;
};

/**
 * Reads a type cell: its first line, without parentheticals ("varchar(255)", "Integer\n(0-120)").
 * XLSForm's "select_one list_name" gives the type and the list.
 */
export function parseType(raw: string, vocab: TypeVocabulary): ParsedType {
  const firstLine = raw.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  const key = typeKey(firstLine);
  if (key === '') return { type: null, list: null };
  const direct = vocab.words.get(key);
  if (direct) return { type: direct, list: null };
  // XLSForm's select_one_from_file names a file of choices instead of a list: the list is the file.
  const m = /^(select[ _]?one(?:[ _]from[ _]file)?|select[ _]?multiple(?:[ _]from[ _]file)?)\s+(\S+)$/i.exec(firstLine.trim().replace(/\s+/g, ' '));
  if (m) return { type: /one/i.test(m[1]) ? 'select_one' : 'select_multiple', list: m[2] };
  // "Text - free text", "Integer, positive": the first word alone, if it is a type.
  const head = key.split(' ')[0];
  const byHead = vocab.words.get(head);
  if (byHead && key.split(' ').length <= 3) return { type: byHead, list: null };
  return { type: null, list: null };
}

export function isChoiceType(t: string | null): boolean {
  return t === 'select_one' || t === 'select_multiple';
}
