/**
 * The Mapspec template: the band row and header row a new mapping tab or value-map tab starts
 * with. Detection reads it back with full confidence (a test holds it to that), so inserting the
 * template and adopting it agree.
 */
import type { Role } from './roles';

export type TemplateColumn = { header: string; role: Role };
export type TemplateBand = { label: string; first: number; last: number };

/** Band labels over the header (1-based columns, inclusive): merged cells in the inserted tab. */
export const MAPPING_TEMPLATE_BANDS: readonly TemplateBand[] = [
  { label: 'SOURCE', first: 3, last: 7 },
  { label: 'DESTINATION', first: 8, last: 14 },
  { label: 'OPENFN', first: 15, last: 17 },
];

export const MAPPING_TEMPLATE_COLUMNS: readonly TemplateColumn[] = [
  { header: 'ID', role: 'id' },
  { header: 'Status', role: 'status' },
  { header: 'Label', role: 'source-label' },
  { header: 'API name / path', role: 'source-path' },
  { header: 'Type', role: 'source-type' },
  { header: 'Sample', role: 'source-sample' },
  { header: 'Comments', role: 'source-comments' },
  { header: 'Label', role: 'destination-label' },
  { header: 'API name / path', role: 'destination-path' },
  { header: 'Type', role: 'destination-type' },
  { header: 'Sample', role: 'destination-sample' },
  { header: 'Comments', role: 'destination-comments' },
  { header: 'Required', role: 'required' },
  { header: 'Unique identifier', role: 'unique-identifier' },
  { header: 'Transformation / rule', role: 'rule' },
  { header: 'Value map', role: 'value-map' },
  { header: 'Questions and comments', role: 'questions' },
];

export const VALUE_MAP_TEMPLATE_COLUMNS: readonly TemplateColumn[] = [
  { header: 'List name', role: 'value-map' },
  { header: 'Source value', role: 'source-value' },
  { header: 'Source label', role: 'source-label' },
  { header: 'Destination value', role: 'destination-value' },
  { header: 'Destination label', role: 'destination-label' },
];
