/**
 * The role vocabulary: what a column of a mapping spec, data dictionary or value-map tab means, the
 * words people use for it, and which roles each kind of tab needs. Header detection matches column
 * names against these synonyms; the group label above a column (SOURCE / DESTINATION / a system
 * name) turns a generic role ("Type") into a sided one ("destination-type").
 */

export const ROLES = [
  { role: 'id', label: 'ID' },
  { role: 'status', label: 'Status' },
  { role: 'source-label', label: 'Source label' },
  { role: 'source-path', label: 'Source API name / path' },
  { role: 'source-type', label: 'Source type' },
  { role: 'source-sample', label: 'Source sample' },
  { role: 'source-comments', label: 'Source comments' },
  { role: 'source-choices', label: 'Source choices' },
  { role: 'source-value', label: 'Source value' },
  { role: 'destination-label', label: 'Destination label' },
  { role: 'destination-path', label: 'Destination API name / path' },
  { role: 'destination-type', label: 'Destination type' },
  { role: 'destination-sample', label: 'Destination sample' },
  { role: 'destination-comments', label: 'Destination comments' },
  { role: 'destination-choices', label: 'Destination choices' },
  { role: 'destination-value', label: 'Destination value' },
  { role: 'required', label: 'Required' },
  { role: 'unique-identifier', label: 'Unique identifier' },
  { role: 'rule', label: 'Transformation / rule' },
  { role: 'value-map', label: 'Value map (list name)' },
  { role: 'questions', label: 'Questions and comments' },
  // Generic roles, for data dictionaries with no source/destination split.
  { role: 'label', label: 'Label' },
  { role: 'path', label: 'API name / path' },
  { role: 'type', label: 'Type' },
  { role: 'sample', label: 'Sample' },
  { role: 'comments', label: 'Comments' },
  { role: 'choices', label: 'Choices (input options)' },
  { role: 'value', label: 'Value (choice code)' },
  { role: 'description', label: 'Description' },
  { role: 'choice-type', label: 'Multiple-choice type' },
] as const;

export type Role = (typeof ROLES)[number]['role'];

const ROLE_LABELS = new Map<string, string>(ROLES.map((r) => [r.role, r.label]));

export function isRole(s: unknown): s is Role {
  return typeof s === 'string' && ROLE_LABELS.has(s);
}

export function roleLabel(role: Role): string {
  return ROLE_LABELS.get(role) ?? role;
}

/** Roles a column name can mean before its side is known. */
export type BaseRole =
  | 'id' | 'status' | 'required' | 'unique-identifier' | 'rule' | 'value-map' | 'questions' | 'description' | 'choice-type'
  | 'label' | 'path' | 'type' | 'sample' | 'comments' | 'choices' | 'value';

export type Side = 'source' | 'destination' | 'rules';

/** Base roles that take a side: "Type" under DESTINATION is the destination type. */
const SIDED: { readonly [k: string]: { source: Role; destination: Role } } = {
  label: { source: 'source-label', destination: 'destination-label' },
  path: { source: 'source-path', destination: 'destination-path' },
  type: { source: 'source-type', destination: 'destination-type' },
  sample: { source: 'source-sample', destination: 'destination-sample' },
  comments: { source: 'source-comments', destination: 'destination-comments' },
  choices: { source: 'source-choices', destination: 'destination-choices' },
  value: { source: 'source-value', destination: 'destination-value' },
};

export function isSideable(base: BaseRole): boolean {
  return base in SIDED;
}

/** The role a base role takes in a column on the given side. */
export function sidedRole(base: BaseRole, side: Side | null): Role {
  if (side === 'source' || side === 'destination') {
    const s = SIDED[base];
    if (s) return s[side];
  }
  // Comments in the OpenFn / rules group are the questions-and-comments column.
  if (side === 'rules' && base === 'comments') return 'questions';
  return base;
}

/** For a role, [generic role, side] ("destination-type" → ["type", "destination"]). */
export function splitRole(role: Role): [BaseRole, 'source' | 'destination' | null] {
  for (const [base, s] of Object.entries(SIDED)) {
    if (s.source === role) return [base as BaseRole, 'source'];
    if (s.destination === role) return [base as BaseRole, 'destination'];
  }
  return [role as BaseRole, null];
}

/**
 * Column names per base role, written as header keys are compared: lower case, punctuation and
 * line breaks as single spaces, bracketed prefixes ("[ANC]") and parentheticals ("(if applicable)")
 * dropped. Side words ("Source type") and system names ("DHIS2 type") are stripped before matching.
 */
export const ROLE_SYNONYMS: { readonly [K in BaseRole]: readonly string[] } = {
  id: ['id', 'row id', 'mapping id', 'mapspec id', 'spec id', 'data element id', 'element id', 'item id', 'id no', 'ref', 'ref no', 'reference id', 'line id'],
  status: ['status', 'mapping status', 'row status', 'review status', 'approval status', 'state'],
  required: ['required', 'mandatory', 'required field', 'is required', 'compulsory', 'required optional', 'required yes no', 'requirement'],
  'unique-identifier': ['unique identifier', 'is unique identifier', 'unique id field', 'unique', 'primary key', 'is key', 'key field', 'is identifier', 'identifier'],
  rule: [
    'transformation', 'transformations', 'format via', 'transformation rule', 'transformation rules', 'transformation logic', 'transform', 'rule', 'rules',
    'mapping rule', 'mapping rules', 'mapping logic', 'business rule', 'business rules', 'conversion', 'conversion rule', 'data transformation',
    'openfn transformation', 'transformation notes', 'transformation calculation', 'calculation transformation', 'logic rule',
  ],
  'value-map': [
    'value map', 'value maps', 'value mapping', 'value mappings', 'value map list', 'value map list name', 'value map name', 'list name',
    'choice list', 'choice list name', 'choices list', 'answer list', 'code list', 'codelist', 'lookup', 'lookup table', 'mapping table', 'list',
    'choice mapping', 'option mapping', 'list_name', 'value set', 'valueset', 'option set name', 'optionset name', 'mapping name', 'category',
    'option set id', 'option set uid',
  ],
  questions: ['questions', 'question and comments', 'questions and comments', 'questions comments', 'open questions', 'discussion', 'questions notes', 'issues', 'openfn comments', 'openfn notes', 'questions for client'],
  description: ['description', 'definition', 'description and definition', 'field description', 'hint', 'help text', 'meaning', 'purpose'],
  'choice-type': ['multiple choice type', 'multiple choice', 'choice type', 'select type', 'selection type'],
  label: [
    'label', 'data element label', 'question label', 'field label', 'display name', 'display label', 'question', 'question text', 'data element',
    'data element name', 'caption', 'prompt', 'field title', 'label english', 'element label', 'friendly name', 'form label', 'display',
    'de name', 'variable label',
  ],
  path: [
    'path', 'api name', 'api name path', 'api path', 'api field', 'api field name', 'field path', 'json path', 'jsonpath', 'xpath', 'field',
    'field name', 'field id', 'question id', 'question path', 'property', 'property name', 'case property', 'attribute', 'attribute name',
    'attribute id', 'variable', 'variable name', 'column', 'column name', 'key', 'name', 'uid', 'data element uid', 'data element id', 'element id',
    'data value path', 'value path', 'de uid', 'external id', 'concept uuid', 'uuid', 'attribute uid',
    'form path', 'fhir path', 'api key', 'system name', 'internal name', 'technical name', 'variable code',
  ],
  type: [
    'type', 'data type', 'datatype', 'field type', 'question type', 'value type', 'format', 'data format', 'variable type', 'element type',
    'data element type', 'type of data', 'input type', 'attribute type', 'property type',
  ],
  sample: ['sample', 'samples', 'sample value', 'sample values', 'sample data', 'example', 'examples', 'example value', 'example values', 'e g'],
  comments: ['comments', 'comment', 'notes', 'note', 'remarks', 'remark'],
  choices: [
    'choices', 'options', 'input options', 'answer options', 'response options', 'answer choices', 'allowed values', 'permissible values',
    'possible values', 'valid values', 'option set', 'option set name', 'optionset', 'value set', 'valueset', 'options list', 'choice options',
    'answers', 'values', 'categories', 'enumeration', 'picklist values', 'answer values', 'category options',
  ],
  value: ['value', 'code', 'option code', 'choice value', 'choice code', 'option value', 'answer value', 'answer code', 'codes', 'choice name'],
};

/**
 * One-word synonyms too vague to count when they are only part of a longer name ("ICD-11 Code" is
 * not the choice code, "OpenMRS entity ID" is not the row ID); they still count when they are the
 * whole name.
 */
export const WEAK_WORDS: ReadonlySet<string> = new Set([
  'id', 'code', 'codes', 'value', 'values', 'name', 'key', 'field', 'column', 'property', 'attribute', 'variable', 'list', 'question', 'format',
  'answers', 'state', 'ref', 'unique', 'identifier', 'hint', 'meaning', 'purpose', 'transform', 'conversion', 'lookup', 'note', 'remark',
  'issues', 'discussion', 'uid', 'caption', 'prompt', 'categories', 'example', 'examples',
]);

/** Words that put a column or a band on the source side. */
export const SOURCE_WORDS: ReadonlySet<string> = new Set(['source', 'sources', 'src', 'from', 'origin', 'origine', 'fuente']);
/** Words that put a column or a band on the destination side. */
export const DESTINATION_WORDS: ReadonlySet<string> = new Set(['destination', 'destinations', 'dest', 'target', 'targets', 'to', 'destino', 'cible']);
/** Words of a band that groups the rule / integration columns (OPENFN in the template). */
export const RULE_BAND_WORDS: ReadonlySet<string> = new Set([
  'openfn', 'rule', 'rules', 'transformation', 'transformations', 'transform', 'mapping', 'mappings', 'logic', 'integration', 'notes', 'comments',
  'questions', 'discussion', 'review', 'job', 'jobs', 'workflow',
]);
/**
 * Words of a band that groups reference columns — a terminology or a concept server (CIEL, ICD-10,
 * SNOMED, LOINC, OCL) — which are neither the source nor the destination of the integration.
 */
export const REFERENCE_BAND_WORDS: ReadonlySet<string> = new Set([
  'ciel', 'icd', 'icd10', 'icd11', 'snomed', 'snomedct', 'loinc', 'ocl', 'openconceptlab', 'rxnorm', 'atc', 'ichi', 'umls', 'pih', 'ampath',
  'terminology', 'terminologies', 'concept', 'concepts', 'reference', 'references', 'coding', 'codes', 'dictionary', 'vocabulary',
]);

/**
 * System names stripped from the front of a column name ("DHIS2 type" → "type", "CommCare question
 * ID" → "question id"). Band labels are stripped too, so a system missing here still works under a
 * band that names it.
 */
export const SYSTEM_WORDS: ReadonlySet<string> = new Set([
  'commcare', 'dhis2', 'dhis', 'primero', 'kobo', 'kobotoolbox', 'openmrs', 'omrs', 'odk', 'xlsform', 'salesforce', 'openfn', 'godata', 'fhir', 'hl7',
  'openlmis', 'sormas', 'redcap', 'surveycto', 'ona', 'mssql', 'postgres', 'postgresql', 'mysql', 'openhim', 'opencrvs', 'openspp', 'mosip',
  'airtable', 'sharepoint', 'excel', 'msf', 'unhcr', 'progres', 'bahmni', 'openimis', 'opensrp', 'senaite', 'lims', 'emr', 'ehr', 'hmis',
]);

export type LayoutKind = 'mapping' | 'dictionary' | 'value-map' | 'none';

/**
 * Roles each kind of tab needs; each entry is a list of alternatives (any one satisfies it).
 * A mapping needs both API names/paths; a dictionary a label or a name; a value map a list name and
 * both values.
 */
export const REQUIRED_ROLES: { readonly [K in LayoutKind]: readonly (readonly Role[])[] } = {
  mapping: [['source-path'], ['destination-path']],
  dictionary: [['label', 'path']],
  // One system's option set (list, code, label) is a value-map tab too: no destination column needed.
  'value-map': [['value-map'], ['source-value', 'value', 'destination-value']],
  none: [],
};
