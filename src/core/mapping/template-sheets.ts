/**
 * What "Insert the template" writes, as plain data: the README tab (how to use the spec, the
 * statuses, the colour legend generated from the actual settings), a mapping tab per workflow step
 * and the value-maps tab. The adapter only turns this into batched spreadsheet calls.
 */
import type { LegendItem } from './colours';
import type { MappingSettings } from './settings';
import { CANONICAL_TYPES } from './types';
import { LEGEND_HEADING } from './readme-legend';
import { MAPPING_TEMPLATE_BANDS, MAPPING_TEMPLATE_COLUMNS, VALUE_MAP_TEMPLATE_COLUMNS } from './template';
import type { Role } from './roles';

export type TemplateTab = {
  name: string;
  kind: 'mapping' | 'value-map';
  /** Rows above the data, top to bottom (band row then header row, or just the header row). */
  rows: string[][];
  /** Merged band cells: 1-based columns on row 1. */
  merges: { row: number; first: number; last: number }[];
  headerRow: number;
  frozenRows: number;
  widths: number[];
  /** Dropdowns on the data rows: column, values, whether other values are refused. */
  dropdowns: { column: number; values: string[]; strict: boolean }[];
  roles: { column: number; role: Role }[];
};

export type ReadmeTab = { name: string; rows: string[][]; legendRows: { row: number; colour: string }[]; headingRows: number[] };

const WIDTHS: Partial<Record<Role, number>> = {
  id: 70,
  status: 130,
  'source-path': 180,
  'destination-path': 180,
  'source-type': 110,
  'destination-type': 110,
  rule: 240,
  questions: 240,
  'value-map': 120,
  required: 80,
  'unique-identifier': 90,
};

/** A name not yet used by a tab: "Value maps", then "Value maps (2)", … */
export function uniqueName(wanted: string, taken: ReadonlySet<string>): string {
  const lower = new Set([...taken].map((t) => t.toLowerCase()));
  if (!lower.has(wanted.toLowerCase())) return wanted;
  for (let n = 2; ; n++) {
    const candidate = `${wanted} (${n})`;
    if (!lower.has(candidate.toLowerCase())) return candidate;
  }
}

export function mappingTab(name: string, settings: MappingSettings): TemplateTab {
  const band = MAPPING_TEMPLATE_COLUMNS.map(() => '');
  for (const b of MAPPING_TEMPLATE_BANDS) band[b.first - 1] = b.label;
  const types = CANONICAL_TYPES.map((t) => t.type);
  const dropdowns: TemplateTab['dropdowns'] = [];
  MAPPING_TEMPLATE_COLUMNS.forEach((c, i) => {
    const column = i + 1;
    if (c.role === 'status') dropdowns.push({ column, values: settings.statusValues, strict: true });
    // Types keep synonyms and system words (DHIS2 TEXT, "Select one"): a list to pick from, not a rule.
    if (c.role === 'source-type' || c.role === 'destination-type') dropdowns.push({ column, values: types, strict: false });
    if (c.role === 'required' || c.role === 'unique-identifier') dropdowns.push({ column, values: ['Yes', 'No'], strict: true });
  });
  return {
    name,
    kind: 'mapping',
    rows: [band, MAPPING_TEMPLATE_COLUMNS.map((c) => c.header)],
    merges: MAPPING_TEMPLATE_BANDS.map((b) => ({ row: 1, first: b.first, last: b.last })),
    headerRow: 2,
    frozenRows: 2,
    widths: MAPPING_TEMPLATE_COLUMNS.map((c) => WIDTHS[c.role] ?? 140),
    dropdowns,
    roles: MAPPING_TEMPLATE_COLUMNS.map((c, i) => ({ column: i + 1, role: c.role })),
  };
}

export function valueMapTab(name: string): TemplateTab {
  return {
    name,
    kind: 'value-map',
    rows: [VALUE_MAP_TEMPLATE_COLUMNS.map((c) => c.header)],
    merges: [],
    headerRow: 1,
    frozenRows: 1,
    widths: VALUE_MAP_TEMPLATE_COLUMNS.map(() => 160),
    dropdowns: [],
    roles: VALUE_MAP_TEMPLATE_COLUMNS.map((c, i) => ({ column: i + 1, role: c.role })),
  };
}

export function readmeTab(name: string, mappingTabs: readonly string[], valueMapTabName: string, settings: MappingSettings, legend: readonly LegendItem[]): ReadmeTab {
  const rows: string[][] = [
    ['Data element mapping specification', ''],
    ['This spreadsheet maps the data elements exchanged between two systems. Mapspec (Extensions › Mapspec) checks it, colours it and keeps it tidy.', ''],
    ['', ''],
    ['How to use it', ''],
    [`One mapping tab per workflow step (${mappingTabs.join(', ')}): one row per data element, source on the left, destination in the middle, the transformation rule on the right.`, ''],
    [`Multiple-choice answers: give the list name in "Value map" and list each answer in "${valueMapTabName}" (list name, source value → destination value).`, ''],
    ['Run the checks from the Mapspec sidebar; click a finding to go to its cell.', ''],
    ['', ''],
    ['Statuses', ''],
    ...settings.statusValues.map((s) => [s, STATUS_MEANINGS[s.toLowerCase()] ?? '']),
    ['', ''],
    [LEGEND_HEADING, ''],
  ];
  const headingRows = [1, 4, 9, 10 + settings.statusValues.length + 1];
  const legendRows: ReadmeTab['legendRows'] = [];
  for (const item of legend) {
    rows.push([item.label, item.meaning]);
    legendRows.push({ row: rows.length, colour: item.colour });
  }
  return { name, rows, legendRows, headingRows };
}

const STATUS_MEANINGS: Record<string, string> = {
  new: 'Just added; not yet discussed with the other side.',
  'needs discussion': 'An open question blocks agreement (see "Questions and comments").',
  agreed: 'Both sides agreed the mapping.',
  deprecated: 'No longer used; kept for the record. Checks skip it.',
};
