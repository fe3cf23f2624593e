/**
 * The playground's demo spreadsheet: a realistic Data Element Mapping Specification for a CommCare →
 * DHIS2 case registration integration (README, mapping tab, value maps, implementation checklist
 * from OpenFn's template), built as plain WorkbookData so it needs no xlsx file — with the DHIS2
 * metadata and a CommCare case already imported for the checks against the systems (demo-systems.ts).
 */
import type { CellData, SheetData, StoredValue, ValidationData, WorkbookData } from '../emulator/state';
import { newSheet } from '../emulator/spreadsheet/model';
import { demoSystemsSheet } from './demo-systems';

/** Who imported the demo's systems: the playground's analyst. */
const DEMO_ANALYST = 'analyst@example.org';

export const DEMO_SPREADSHEET_NAME = 'CommCare → DHIS2 case registration — mapping spec';

/** Status colours as OpenFn's mapping-spec template uses them. */
export const STATUS_COLORS: Record<string, string | undefined> = {
  New: '#ead1dc',
  'Needs discussion': '#fff2cc',
  Agreed: undefined,
  Deprecated: '#efefef',
};
export const MAPPING_STATUSES = ['New', 'Needs discussion', 'Agreed', 'Deprecated'];
export const TASK_STATUSES = ['Not started', 'In progress', 'Done', 'Blocked', 'N/A'];

const HEADER_BG = '#f3f3f3';
const BAND = { id: '#d9d9d9', source: '#cfe2f3', destination: '#d9ead3', rules: '#fce5cd' };

function setCell(sheet: SheetData, row: number, column: number, cell: CellData): void {
  const r = (sheet.rows[row - 1] ??= []);
  while (r.length < column - 1) r.push(null);
  r[column - 1] = { ...(r[column - 1] ?? {}), ...cell };
}

function setRow(sheet: SheetData, row: number, values: (StoredValue | null | undefined)[], style: CellData = {}): void {
  values.forEach((v, i) => {
    const cell: CellData = { ...style };
    if (v !== null && v !== undefined && v !== '') cell.v = v;
    if (Object.keys(cell).length > 0) setCell(sheet, row, i + 1, cell);
  });
}

function styleRange(sheet: SheetData, row: number, c1: number, c2: number, style: CellData): void {
  for (let c = c1; c <= c2; c++) setCell(sheet, row, c, style);
}

function validate(sheet: SheetData, r1: number, r2: number, column: number, dv: ValidationData): void {
  for (let r = r1; r <= r2; r++) setCell(sheet, r, column, { dv });
}

/** Dense rows (holes → null) so the state is identical after a JSON round trip. */
function densify(sheet: SheetData): SheetData {
  sheet.rows = Array.from(sheet.rows, (row) => Array.from(row ?? [], (c) => c ?? null));
  return sheet;
}

function readme(id: number): SheetData {
  const s = newSheet(id, 'README', 1000, 26);
  s.columnWidths = { 1: 760 };
  s.tabColor = '#9e9e9e';
  const lines: [string, CellData?][] = [
    ['Data Element Mapping Specification — CommCare → DHIS2 case registration', { bold: true, bg: '#cfe2f3' }],
    ['Client: Ministry of Health (demo). Prepared by the integration analyst; reviewed and signed off by the client approver.'],
    [''],
    ['What this spreadsheet is', { bold: true }],
    ['Every data element that moves from the CommCare "ANC registration" case to a DHIS2 Tracker tracked entity and enrollment, one row per element: where it comes from, where it goes, its type and a sample on both sides, and the rule that turns one into the other.'],
    [''],
    ['How to use it', { bold: true }],
    ['1. Add or edit rows on the "Mapping" tab. Give every row an ID (MAP-###) and a Status.'],
    ['2. Put coded answers (select_one, yes/no) on the "Value maps" tab and name the list in the Value map column.'],
    ['3. Raise anything unclear in "Questions & comments" and set the row to "Needs discussion".'],
    ['4. Track the project on the "Implementation checklist" tab; the client signs off the mapping specs in phase (2).'],
    [''],
    ['Status colours', { bold: true }],
    ['New — added since the last review', { bg: STATUS_COLORS.New }],
    ['Needs discussion — an open question blocks agreement', { bg: STATUS_COLORS['Needs discussion'] }],
    ['Agreed — reviewed with the client; build against it'],
    ['Deprecated — kept for the record, not mapped', { bg: STATUS_COLORS.Deprecated, strike: true }],
    [''],
    ['Checked against the systems', { bold: true }],
    ["The DHIS2 program's metadata and a sample CommCare case are imported (Mapspec › Spec › Systems): run the checks to see the spec against what the systems really have."],
  ];
  lines.forEach(([text, style], i) => setRow(s, i + 1, [text], { wrap: true, ...(style ?? {}) }));
  setCell(s, 1, 1, { note: 'Demo data: every name, ID and phone number here is made up.' });
  return densify(s);
}

type MappingRow = [
  id: string,
  status: string,
  sourceLabel: string,
  sourcePath: string,
  sourceType: string,
  sourceSample: string,
  sourceComments: string,
  destLabel: string,
  destPath: string,
  destType: string,
  destSample: string,
  destComments: string,
  required: boolean,
  unique: boolean,
  rule: string,
  valueMap: string,
  questions: string,
];

export const MAPPING_HEADERS = [
  'ID', 'Status',
  'Source label', 'Source API name/path', 'Source type', 'Source sample', 'Source comments',
  'Destination label', 'Destination API name/path', 'Destination type', 'Destination sample', 'Destination comments',
  'Required', 'Unique identifier', 'Transformation / rule', 'Value map', 'Questions & comments',
];

const MAPPING_ROWS: MappingRow[] = [
  ['MAP-001', 'Agreed', 'Case ID', 'case_id', 'string (UUID)', '3f2a9c1e-8b4d-4e0a-9a61-2c7d5e1f0b93', 'Generated by CommCare when the case is opened.',
    'Tracked entity instance', 'trackedEntityInstance', 'UID (11 chars)', 'Kx3mP9qLw2T', 'Generated by DHIS2 on create.',
    true, true, 'Store case_id in the "CommCare case ID" attribute (attributes[Hq7yTb2sKcd]). Search TEIs by that attribute: update when found, else create and let DHIS2 assign the UID.', '', ''],
  ['MAP-002', 'Needs discussion', 'Full name', 'properties.full_name', 'text', 'Sokha Chan', 'One free-text field on the form.',
    'First name; Last name', 'attributes[w75KJ2mc4zz]; attributes[zDhUuAYrxNC]', 'TEXT', 'Sokha; Chan', 'Two separate attributes.',
    true, false, 'Split on the last space: everything before it → first name, the last word → last name. A single word → first name only.', '',
    'Khmer names are written family name first. Does the form collect them in that order? Confirm with MoH before the split is built.'],
  ['MAP-003', 'Agreed', 'Date of birth', 'properties.dob', 'date (YYYY-MM-DD)', '1994-03-17', '',
    'Date of birth', 'attributes[iESIqZ0R0R0]', 'DATE', '1994-03-17', '',
    true, false, 'Pass through. Reject dates in the future or before 1900 (log and skip the case).', '', ''],
  ['MAP-004', 'Agreed', 'Sex', 'properties.sex', 'select_one', 'female', 'Choices: male, female, other.',
    'Sex', 'attributes[cejWyOfXge6]', 'TEXT (option set "Gender")', 'FEMALE', 'Option codes, not names.',
    true, false, 'Translate with the value map.', 'sex', ''],
  ['MAP-005', 'Needs discussion', 'Village', 'properties.village_code', 'select_one (lookup table)', 'KH-12-03-07', 'Village codes from the CommCare lookup table "villages".',
    'Organisation unit', 'orgUnit (enrollment and TEI)', 'UID of an org unit', 'DiszpKrYNg8', 'Health-centre level.',
    true, false, 'Look the village code up in the org unit crosswalk and send the health centre UID.', '',
    'MoH has not shared the crosswalk for 212 villages yet. What do we do with a village missing from it: hold the case or send to the district?'],
  ['MAP-006', 'Agreed', 'Phone number', 'properties.phone_number', 'phone', '012 345 678', 'Local format, often with spaces.',
    'Phone number', 'attributes[P2cwLGskgxn]', 'PHONE_NUMBER', '+85512345678', '',
    false, false, 'Normalise to E.164: strip spaces and dashes, drop a leading 0, prefix +855. Leave empty when fewer than 8 digits remain.', '', ''],
  ['MAP-007', 'New', 'Pregnancy status', 'properties.pregnancy_status', 'select_one', 'pregnant', 'Asked at every visit.',
    'Pregnancy status', 'dataValues[qrur9Dvnyt5] (ANC first visit stage)', 'TEXT (option set "Pregnancy status")', 'PREGNANT', '',
    true, false, 'Translate with the value map; send on the first ANC event.', 'pregnancy_status', ''],
  ['MAP-008', 'New', 'ឈ្មោះអាណាព្យាបាល (Guardian name)', 'properties.guardian_name', 'text', 'ចាន់ សុភា', 'Khmer script; label shown in Khmer on the form.',
    'Guardian name', 'attributes[Rv8WM2mTuS5]', 'TEXT', 'ចាន់ សុភា', 'UTF-8; DHIS2 stores Khmer as is.',
    false, false, 'Pass through unchanged (no transliteration).', '', 'Only for clients under 18?'],
  ['MAP-009', 'Agreed', 'Registration date', 'date_opened', 'datetime (UTC)', '2024-05-02T01:14:00Z', '',
    'Enrollment date', 'enrollmentDate', 'DATE', '2024-05-02', '',
    true, false, 'Take the date part in Asia/Phnom_Penh time (UTC+7).', '', ''],
  ['MAP-010', 'Agreed', 'National ID', 'properties.national_id', 'text', '010203040', 'Optional on the form.',
    'National ID', 'attributes[AuPLng5hLbE]', 'TEXT (unique)', '010203040', 'Unique in DHIS2.',
    false, true, 'Trim spaces. Empty → omit the attribute (DHIS2 rejects an empty unique value).', '', ''],
  ['MAP-011', 'Agreed', 'Has a disability', 'properties.has_disability', 'select_one (yes/no)', 'no', '',
    'Disability status', 'attributes[Lp9vmQw1KtA]', 'BOOLEAN', 'false', '',
    false, false, 'Translate with the value map.', 'yes_no', ''],
  ['MAP-012', 'Needs discussion', 'Expected delivery date', 'properties.edd', 'date', '2024-11-20', 'Calculated on the form from LMP.',
    'EDD', 'dataValues[BfNZcj99Sz5]', 'DATE', '2024-11-20', '',
    false, false, 'Send only when pregnancy_status = pregnant.', '', 'Should DHIS2 recompute EDD from LMP instead of trusting the form?'],
  ['MAP-013', 'New', 'Consent to share data', 'properties.consent_given', 'select_one (yes/no)', 'yes', 'Asked before registration.',
    'Consent to share', 'attributes[bx6fsa0t90x]', 'TRUE_ONLY', 'true', '',
    true, false, 'If not "yes", do not send the case at all (log it as skipped).', 'yes_no', ''],
  ['MAP-014', 'Agreed', 'Household', 'indices.parent (household case)', 'case index', 'c91e77d0-4a3b-4f59-b1d2-6e0e2f8a5c44', 'Parent case of type "household".',
    'Relationship "Member of household"', 'relationships[] (type Fa2Lbd6Qw3R)', 'relationship', 'TEI → household TEI', '',
    false, false, 'Create the household TEI first (same matching rule as MAP-001), then the relationship.', '', ''],
  ['MAP-015', 'Deprecated', 'Age in years', 'properties.age', 'integer (calculated)', '30', 'Derived from dob on the form.',
    '—', '—', '—', '', 'DHIS2 derives age from date of birth.',
    false, false, 'Not mapped.', '', ''],
  ['MAP-016', 'Deprecated', 'Case owner', 'owner_id', 'string (user ID)', 'a1b2c3d4e5', '',
    'Stored by', 'storedBy', 'TEXT', 'commcare-sync', '',
    false, false, 'Not mapped: the sync user is recorded instead.', '', ''],
];

function mapping(id: number): SheetData {
  const s = newSheet(id, 'Mapping', 1000, 26);
  s.tabColor = '#4285f4';
  s.frozenRows = 2;
  s.frozenColumns = 2;
  s.columnWidths = { 1: 80, 2: 130, 3: 170, 4: 200, 5: 140, 6: 150, 7: 200, 8: 170, 9: 230, 10: 160, 11: 130, 12: 190, 13: 80, 14: 90, 15: 300, 16: 110, 17: 280 };
  s.rowHeights = { 2: 42 };
  // Band row over the header.
  setRow(s, 1, ['', '', 'SOURCE (CommCare)', '', '', '', '', 'DESTINATION (DHIS2)', '', '', '', '', 'RULES'], { bold: true, halign: 'center' });
  styleRange(s, 1, 1, 2, { bg: BAND.id });
  styleRange(s, 1, 3, 7, { bg: BAND.source });
  styleRange(s, 1, 8, 12, { bg: BAND.destination });
  styleRange(s, 1, 13, 17, { bg: BAND.rules });
  s.merges.push({ r1: 1, c1: 1, r2: 1, c2: 2 }, { r1: 1, c1: 3, r2: 1, c2: 7 }, { r1: 1, c1: 8, r2: 1, c2: 12 }, { r1: 1, c1: 13, r2: 1, c2: 17 });
  setRow(s, 2, MAPPING_HEADERS, { bold: true, bg: HEADER_BG, wrap: true });
  setCell(s, 2, 15, { note: 'Write the rule so a developer can build it without asking: inputs, output, and what happens to bad or missing values.' });
  setCell(s, 2, 16, { note: 'Name of a list on the "Value maps" tab.' });
  MAPPING_ROWS.forEach((row, i) => {
    const r = i + 3;
    const status = row[1];
    const bg = STATUS_COLORS[status];
    const style: CellData = { wrap: true, ...(bg ? { bg } : {}), ...(status === 'Deprecated' ? { strike: true } : {}) };
    setRow(s, r, row.map((v) => (typeof v === 'boolean' ? null : v)), style);
    setCell(s, r, 13, { v: row[12], dv: { kind: 'checkbox' }, halign: 'center' });
    setCell(s, r, 14, { v: row[13], dv: { kind: 'checkbox' }, halign: 'center' });
  });
  const last = MAPPING_ROWS.length + 2;
  validate(s, 3, last + 20, 2, { kind: 'list', values: MAPPING_STATUSES, showDropdown: true, strict: true, helpText: 'New, Needs discussion, Agreed or Deprecated' });
  setCell(s, 4, 6, { note: 'Real sample from the pilot site, name changed.' });
  return densify(s);
}

const VALUE_MAPS: [string, string, string, string, string][] = [
  ['sex', 'male', 'Male', 'MALE', 'Male'],
  ['sex', 'female', 'Female', 'FEMALE', 'Female'],
  ['sex', 'other', 'Other', 'OTHER', 'Other'],
  ['yes_no', 'yes', 'Yes', 'true', 'Yes'],
  ['yes_no', 'no', 'No', 'false', 'No'],
  ['pregnancy_status', 'pregnant', 'Pregnant', 'PREGNANT', 'Pregnant'],
  ['pregnancy_status', 'not_pregnant', 'Not pregnant', 'NOT_PREGNANT', 'Not pregnant'],
  ['pregnancy_status', 'postpartum', 'Postpartum (up to 6 weeks)', 'POSTPARTUM', 'Postpartum'],
  ['pregnancy_status', 'unknown', "Don't know", 'UNKNOWN', 'Unknown'],
];

function valueMaps(id: number): SheetData {
  const s = newSheet(id, 'Value maps', 1000, 26);
  s.tabColor = '#fbbc04';
  s.frozenRows = 1;
  s.columnWidths = { 1: 150, 2: 130, 3: 200, 4: 150, 5: 200 };
  setRow(s, 1, ['List name', 'Source value', 'Source label', 'Destination value', 'Destination label'], { bold: true, bg: HEADER_BG });
  VALUE_MAPS.forEach((row, i) => setRow(s, i + 2, row));
  return densify(s);
}

/** OpenFn's Implementation Checklist (docs seed), phase by phase. */
export const CHECKLIST_PHASES: { phase: string; tasks: (string | [string, string])[] }[] = [
  {
    phase: '(1) Preparing for the Implementation',
    tasks: [
      'Point of contacts identified for each target system (incl. system administrators, folks who can speak to the functional and technical requirements)',
      'Data sharing agreement finalized (if required; common for cross-organization workflows)',
      'Business value assessed & documented',
      'High-level workflow requirements gathered & documented (in diagram)',
      'Technical feasibility assessment completed to verify integration approach, available connection points, and OpenFn deployment option and adaptors',
      'Capacity assessment completed',
    ],
  },
  {
    phase: '(2) Discovery & Design - Functional Workflow Requirements',
    tasks: [
      ['User stories documented to capture business value & desired outcomes', 'Learn more about user stories in the design quickstart.'],
      ['Workflow BPMN diagram capturing functional steps of the business process finalized', 'Learn more about diagrams & BPMN notation in the design quickstart.'],
      ['Request list of data elements from administrators of target systems', 'Read about mapping specs in the design quickstart.'],
      'Data element mapping specifications finalized (functional/business-friendly version)',
      'Client sign-offs on workflow diagram & mapping specs',
      'Workflow assumptions documented (e.g., what human, manual steps does the workflow rely on; what are the unique identifiers)',
      'Testing scenarios drafted',
    ],
  },
  {
    phase: '(3) Discovery & Design - Technical Specifications',
    tasks: [
      'Documentation on APIs or target connection points secured',
      'Connection points & authentication methods confirmed',
      'Access secured to developer/sandbox environments for testing',
      'Authentication and authorization methods & credentials tested',
      'Target API endpoints determined based on functional specifications & review of API docs',
      'Target API endpoints tested to validate the functional data element specifications can be delivered',
      'Workflow BPMN diagram capturing the technical steps of the workflow finalized',
      'Technical version of data element mapping specifications created',
      'Workflow assumptions updated to include any technical considerations',
      'Test scenarios updated to include any technical considerations',
      'Project Security Configuration Checklist drafted to capture data security & compliance considerations',
      'Github repository created',
      'Job specifications written for developers',
    ],
  },
  {
    phase: '(4) Build',
    tasks: [
      'OpenFn platform: project space created & relevant users invited',
      'OpenFn platform: Jobs, triggers, and credentials configured',
      'OpenFn platform: Version control configured to connect Github repo',
      'Jobs written & pushed to branch on Github',
      'Job code review complete and merged to main branch on Github',
      'OpenFn platform: Github paths updated on each job to link to source file',
      'Test data created (if needed)',
      'Engineer updates mapping specifications (if needed)',
    ],
  },
  {
    phase: '(5) Testing',
    tasks: [
      'Testing Round 1: Developers run jobs locally with sample data provided',
      'Testing Round 2: Analysts complete Test Scenarios & run jobs on platform',
      'Iteration: Analysts submit feedback to developers & re-test',
      'UAT Round 1: Client completes Test Scenarios',
      'Iteration: Analysts submit feedback to developers & re-test',
      'UAT Round 2 (if needed): Client completes Test Scenarios',
      'Iteration: Analysts submit feedback to developers & re-test',
    ],
  },
  {
    phase: '(6) Training & Prep for Go-Live',
    tasks: [
      'Training materials drafted for client administrators',
      'Documentation drafted, and all project artefacts/docs linked',
      'Project Security Configuration Checklist reviewed to determine if any configuration changes or settings need to be implemented post-testing',
      'Confirm that production system(s) have been configured',
      'Production credentials secured & tested (authentication & authorization)',
      'OpenFn platform: "production" project created (cloned from "staging" project), job configuration migrated, & jobs connected to production credentials',
      'OpenFn administrator users & access levels confirmed and granted?',
      'Support POCs identified for each target system?',
      'Establish support structures & governance model for change management',
      'Training session delivered to designated OpenFn and target system administrators and any other ToTs',
    ],
  },
  {
    phase: 'Rollout & Support',
    tasks: [
      'Go Live: Turn "on" OpenFn jobs in production platform project so that the workflow is now live in production systems',
      'Confirm administrators have OpenFn notifications turned on to "Each Time" so that they will receive failure notifications (see OpenFn Account Settings)',
      'Communicate to end users as needed about the go-live and its implications',
    ],
  },
];

export const CHECKLIST_HEADERS = ['Phase', 'Task', 'Owner', 'Due date', 'Status', 'Sign-off required', 'Signed off by', 'Signed off at', 'Evidence', 'Notes'];
export const SIGN_OFF_TASK = 'Client sign-offs on workflow diagram & mapping specs';

function checklist(id: number): SheetData {
  const s = newSheet(id, 'Implementation checklist', 1000, 26);
  s.tabColor = '#34a853';
  s.frozenRows = 1;
  s.columnWidths = { 1: 220, 2: 420, 3: 120, 4: 100, 5: 110, 6: 90, 7: 190, 8: 130, 9: 200, 10: 260 };
  setRow(s, 1, CHECKLIST_HEADERS, { bold: true, bg: HEADER_BG, wrap: true });
  const owners = ['Integration analyst', 'Client project manager', 'Developer', 'Client system administrator'];
  let r = 2;
  // Midnight in the spreadsheet's time zone, as Sheets stores a date typed into a cell.
  let dueDay = Date.parse('2026-01-12T00:00:00+07:00');
  CHECKLIST_PHASES.forEach((phase, p) => {
    setRow(s, r, [phase.phase], { bold: true, bg: '#d9ead3' });
    styleRange(s, r, 1, CHECKLIST_HEADERS.length, { bg: '#d9ead3' });
    r++;
    phase.tasks.forEach((t, i) => {
      const [task, note] = typeof t === 'string' ? [t, ''] : t;
      // The first phase is done, the second under way: the demo shows a project in flight.
      const status = p === 0 ? 'Done' : p === 1 && i < 3 ? 'Done' : p === 1 && i < 5 ? 'In progress' : 'Not started';
      const owner = /client|uat/i.test(task) ? owners[1] : /job|github|openfn platform|developer|engineer/i.test(task) ? owners[2] : owners[(p + i) % 2 === 0 ? 0 : 3];
      dueDay += 3 * 86400000;
      setRow(s, r, [phase.phase, task, owner, { d: dueDay }, status, null, '', '', p === 0 && i === 1 ? 'DSA signed 2026-01-09 (shared drive)' : '', note], { wrap: true });
      setCell(s, r, 4, { nf: 'yyyy-mm-dd' });
      setCell(s, r, 6, { v: task === SIGN_OFF_TASK, dv: { kind: 'checkbox' }, halign: 'center' });
      setCell(s, r, 5, { dv: { kind: 'list', values: TASK_STATUSES, showDropdown: true, strict: true } });
      if (task === SIGN_OFF_TASK) setCell(s, r, 10, { v: 'The client approver signs off the mapping specs and the workflow diagram.', note: 'Sign-off by the client approver (approver@client.example.org).' });
      r++;
    });
  });
  setCell(s, 2, 1, { note: 'From OpenFn\'s Implementation Checklist template: tailor it to the project.' });
  return densify(s);
}

/** A hidden helper tab, as real specs keep their dropdown lists out of sight. */
function lists(id: number): SheetData {
  const s = newSheet(id, 'Lists', 1000, 26);
  s.hidden = true;
  setRow(s, 1, ['Mapping status', 'Task status'], { bold: true });
  for (let i = 0; i < Math.max(MAPPING_STATUSES.length, TASK_STATUSES.length); i++) setRow(s, i + 2, [MAPPING_STATUSES[i] ?? null, TASK_STATUSES[i] ?? null]);
  return densify(s);
}

/** A fresh copy of the demo workbook (callers may mutate it). */
export function demoWorkbook(): WorkbookData {
  const sheets = [readme(0), mapping(1), valueMaps(2), checklist(3), lists(4), demoSystemsSheet(5, DEMO_ANALYST)];
  return {
    id: 'demo-mapping-spec',
    name: DEMO_SPREADSHEET_NAME,
    locale: 'en_US',
    timeZone: 'Asia/Phnom_Penh',
    sheets,
    nextSheetId: sheets.length,
    active: { sheetId: 1, a1: 'A3' },
    developerMetadata: [],
    nextMetadataId: 1,
  };
}
