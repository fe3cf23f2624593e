/**
 * The systems of the playground's demo spec (issue 12, D8): a small DHIS2 metadata export of the ANC
 * tracker program the Mapping tab writes to, and one CommCare "ANC client" case as the case API sends
 * it. Both are made up, shaped as the real exports are, and imported into the demo workbook's hidden
 * systems tab as the sidebar would import them — so a newcomer who adopts the Mapping tab and runs
 * the checks sees, in the first minute, a destination UID the metadata does not have (a typo, with
 * the UID meant), an option code DHIS2 does not accept, and case properties nobody mapped.
 */
import { readDhis2Metadata } from '../core/systems/dhis2-metadata';
import { flattenSample } from '../core/systems/sample';
import { storedSystemRows, SYSTEMS_SHEET, type StoredSystem } from '../core/systems/stored';
import type { SheetData } from '../emulator/state';
import { newSheet } from '../emulator/spreadsheet/model';

const attribute = (id: string, code: string, name: string, valueType: string, optionSet?: string) => ({ id, code, name, valueType, ...(optionSet ? { optionSet: { id: optionSet } } : {}) });

/** The DHIS2 metadata export (api/metadata, trimmed to what the program uses). */
export const DEMO_DHIS2_METADATA = {
  system: { version: '2.40.3' },
  trackedEntityAttributes: [
    attribute('Hq7yTb2sKcd', 'COMMCARE_CASE_ID', 'CommCare case ID', 'TEXT'),
    attribute('w75KJ2mc4zz', 'FIRST_NAME', 'First name', 'TEXT'),
    attribute('zDhUuAYrxNC', 'LAST_NAME', 'Last name', 'TEXT'),
    attribute('iESIqZ0R0R0', 'DOB', 'Date of birth', 'DATE'),
    attribute('cejWyOfXge6', 'SEX', 'Sex', 'TEXT', 'pC3N9N77UmT'),
    attribute('P2cwLGskgxn', 'PHONE', 'Phone number', 'PHONE_NUMBER'),
    attribute('Rv8WM2mTuS6', 'GUARDIAN_NAME', 'Guardian name', 'TEXT'),
    attribute('AuPLng5hLbE', 'NATIONAL_ID', 'National ID', 'TEXT'),
    attribute('Lp9vmQw1KtA', 'DISABILITY', 'Disability status', 'BOOLEAN'),
    attribute('bx6fsa0t90x', 'CONSENT', 'Consent to share', 'TRUE_ONLY'),
  ],
  dataElements: [
    attribute('qrur9Dvnyt5', 'ANC_PREG_STATUS', 'Pregnancy status', 'TEXT', 'Jq1kf7XWm2N'),
    attribute('BfNZcj99Sz5', 'ANC_EDD', 'Expected delivery date', 'DATE'),
    attribute('vANAXwtLwcT', 'ANC_HB', 'Haemoglobin (g/dL)', 'NUMBER'),
  ],
  optionSets: [
    { id: 'pC3N9N77UmT', name: 'Gender', options: [{ id: 'rBvjJYbMCVx', code: 'MALE', name: 'Male' }, { id: 'Mnp3oXrpAbK', code: 'FEMALE', name: 'Female' }, { id: 'wNmGj9oG1lp', code: 'UNKNOWN', name: 'Unknown' }] },
    {
      id: 'Jq1kf7XWm2N', name: 'Pregnancy status',
      options: [{ id: 'kQy5ZbW4c3d', code: 'PREGNANT', name: 'Pregnant' }, { id: 'Ux2bWq0LmNc', code: 'NOT_PREGNANT', name: 'Not pregnant' }, { id: 'Zp7dKq1sVbe', code: 'POSTPARTUM', name: 'Postpartum' }, { id: 'Tf4nLp8qRwd', code: 'UNKNOWN', name: 'Unknown' }],
    },
  ],
};

/** One case as CommCare's case API returns it (made-up values). */
export const DEMO_COMMCARE_CASE = {
  case_id: '3f2a9c1e-8b4d-4e0a-9a61-2c7d5e1f0b93',
  case_type: 'anc_client',
  date_opened: '2024-05-02T01:14:00Z',
  owner_id: 'a1b2c3d4e5',
  indices: { parent: { case_id: 'c91e77d0-4a3b-4f59-b1d2-6e0e2f8a5c44', case_type: 'household', relationship: 'child' } },
  properties: {
    full_name: 'Sokha Chan', dob: '1994-03-17', sex: 'female', village_code: 'KH-12-03-07', phone_number: '012 345 678', pregnancy_status: 'pregnant',
    guardian_name: '', national_id: '010203040', has_disability: 'no', edd: '2024-11-20', consent_given: 'yes', age: '30', lmp: '2024-02-14', anc_visit_count: '1',
  },
};

export const DEMO_METADATA_NAME = 'dhis2-anc-metadata.json';
export const DEMO_SAMPLE_NAME = 'commcare-anc-case.json';

/** The two imports as the sidebar stores them: the metadata for the destination, the case for the source. */
export function demoSystems(importedBy: string): StoredSystem[] {
  // They describe the demo's Mapping tab only: a template inserted beside it is another integration.
  const common = { tabs: ['Mapping'], importedAt: '2026-01-15T03:00:00.000Z', importedBy };
  return [
    { ...common, id: 'demo-dhis', name: DEMO_METADATA_NAME, side: 'destination', kind: 'metadata', meta: readDhis2Metadata(DEMO_DHIS2_METADATA) },
    { ...common, id: 'demo-case', name: DEMO_SAMPLE_NAME, side: 'source', kind: 'sample', record: flattenSample(DEMO_COMMCARE_CASE) },
  ];
}

/** The hidden systems tab holding them, as the add-on writes it (plain-text cells). */
export function demoSystemsSheet(id: number, importedBy: string): SheetData {
  const rows = storedSystemRows(demoSystems(importedBy));
  const s = newSheet(id, SYSTEMS_SHEET, Math.max(rows.length, 1000), Math.max(rows[0]?.length ?? 0, 26));
  s.hidden = true;
  s.rows = rows.map((r) => r.map((v) => ({ v, nf: '@' })));
  return s;
}
