/**
 * A DHIS2 metadata export (the API's /api/metadata or the metadata export app: JSON) read as a
 * system's metadata: data elements and tracked entity attributes are the fields (their UID the path;
 * code, form name and name the other names a spec may use), option sets the lists (their options'
 * codes, whether the options are nested or listed apart and referenced by id).
 */
import { UserError } from '../errors';
import { buildVocabulary, parseType } from '../mapping/types';
import type { SystemField, SystemMetadata } from './metadata';

type Obj = { [key: string]: unknown };

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v.trim() !== '' ? v : null;
}

function objects(v: unknown): Obj[] {
  return Array.isArray(v) ? v.filter(isObj) : [];
}

/** True when the JSON looks like a DHIS2 metadata export. */
export function isDhis2Metadata(json: unknown): boolean {
  return isObj(json) && ['dataElements', 'trackedEntityAttributes', 'optionSets'].some((k) => Array.isArray(json[k]));
}

export function readDhis2Metadata(json: unknown): SystemMetadata {
  if (!isDhis2Metadata(json)) {
    throw new UserError('This is not a DHIS2 metadata export: it has none of dataElements, trackedEntityAttributes or optionSets.');
  }
  const root = json as Obj;
  const vocab = buildVocabulary();

  // Options listed apart (top-level "options", each with optionSet.id) or nested in their option set.
  const codeOfOption = new Map<string, string>();
  for (const o of objects(root.options)) {
    const id = str(o.id);
    const code = str(o.code) ?? str(o.name);
    if (id && code) codeOfOption.set(id, code);
  }
  const lists: SystemMetadata['lists'] = {};
  for (const set of objects(root.optionSets)) {
    const id = str(set.id);
    if (!id) continue;
    lists[id] = objects(set.options)
      .map((o) => str(o.code) ?? codeOfOption.get(str(o.id) ?? '') ?? null)
      .filter((c): c is string => c !== null);
  }
  // Options whose set lists none of them (an export of options alone): gathered by their set's id.
  for (const o of objects(root.options)) {
    const setId = isObj(o.optionSet) ? str(o.optionSet.id) : null;
    const code = str(o.code) ?? str(o.name);
    if (!setId || !code) continue;
    const list = (lists[setId] ??= []);
    if (!list.includes(code)) list.push(code);
  }

  const fields: SystemField[] = [];
  const seen = new Set<string>();
  const add = (o: Obj) => {
    const id = str(o.id);
    if (!id || seen.has(id)) return;
    seen.add(id);
    const rawType = str(o.valueType);
    const aliases = [str(o.code), str(o.formName), str(o.name), str(o.shortName)].filter((a, i, all): a is string => a !== null && a !== id && all.indexOf(a) === i);
    fields.push({
      path: id,
      aliases,
      type: rawType ? parseType(rawType, vocab).type : null,
      rawType,
      label: str(o.formName) ?? str(o.name),
      list: isObj(o.optionSet) ? str(o.optionSet.id) : null,
    });
  };
  const elements = objects(root.dataElements);
  const attributes = objects(root.trackedEntityAttributes);
  elements.forEach(add);
  attributes.forEach(add);
  const parts = [
    `${elements.length} data element${elements.length === 1 ? '' : 's'}`,
    `${attributes.length} tracked entity attribute${attributes.length === 1 ? '' : 's'}`,
    `${Object.keys(lists).length} option set${Object.keys(lists).length === 1 ? '' : 's'}`,
  ];
  return { format: 'dhis2', summary: `DHIS2 metadata: ${parts.join(', ')}`, fields, lists };
}

/**
 * Fields of DHIS2's tracker and event payloads that no metadata export lists, since they are the API's
 * own (the 2.36– names and the 2.38+ ones): a spec mapping to `orgUnit` or `enrollmentDate` maps to
 * DHIS2, not to a field its metadata lacks.
 */
const PAYLOAD_FIELDS = new Set(
  [
    'trackedEntity', 'trackedEntityInstance', 'trackedEntityType', 'orgUnit', 'program', 'programStage', 'enrollment', 'enrollments',
    'enrollmentDate', 'enrolledAt', 'incidentDate', 'occurredAt', 'event', 'events', 'eventDate', 'dueDate', 'scheduledAt', 'status',
    'storedBy', 'completedDate', 'completedAt', 'completedBy', 'coordinate', 'geometry', 'relationships', 'relationship', 'relationshipType',
    'from', 'to', 'notes', 'followup', 'followUp', 'createdAt', 'updatedAt', 'created', 'lastUpdated', 'attributeOptionCombo', 'attributeCategoryOptions',
    'period', 'dataSet', 'completeDate', 'inactive', 'deleted', 'potentialDuplicate',
  ].map((f) => f.toLowerCase()),
);

/** True when a destination cell names one of DHIS2's own payload fields (and no id in brackets): "orgUnit (enrollment and TEI)". */
export function isDhis2PayloadField(text: string): boolean {
  if (/\[[^\]]+\]/.test(text)) return false;
  // The field's name alone, or followed by a path (".from", "[]") or a note in brackets: not prose.
  const first = /^\s*([A-Za-z]+)\s*(?:$|[.[(])/.exec(text)?.[1];
  return first !== undefined && PAYLOAD_FIELDS.has(first.toLowerCase());
}
