// The WHO antenatal-care data dictionary fixture: its path, and which of its tabs hold data elements.
import * as path from 'node:path';
import { FIXTURES } from './paths';

export const WHO_PATH = path.join(FIXTURES, 'who-anc-data-dictionary.xlsx');

export const WHO_DATA_TABS = [
  'Dev',
  'ANC.A. Registration',
  'ANC.B5 Quick check',
  'ANC.B6 Profile',
  'ANC.B7 Symptoms & Follow-up',
  'ANC.B8 Physical exam',
  'ANC.B9 Lab tests & imaging',
  'ANC.B10 Counselling & treatment',
  'ANC.C. Referral',
  'ANC.Configuration',
  'ANC.End End',
];

/** Tabs that are not tables of data elements (cover, notes, references). */
export const WHO_OTHER_TABS = ['Overview', 'READ ME', 'COVER', 'References'];
