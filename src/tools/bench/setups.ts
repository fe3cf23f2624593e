/**
 * Unmeasured setup for the benchmark's review and notification operations, done through the add-on's
 * own entry points as the people would do it: the analyst puts approvers on the list (saveApprovers)
 * before requesting a review; notifications are turned on with subscribers in both modes
 * (saveNotificationSettings, setNotifications), then people edit the spec across the sheet — single
 * cells and a pasted block, each firing the edit triggers Sheets fires — and a day passes, so the
 * time trigger has a digest to build and send for every audience. The edits are the same at every
 * size, so the digest's work differs only by what it must read and compare.
 */
import type { Emulator } from '../../emulator/emulator';
import { runFunction } from '../../emulator/sandbox';
import { userEdit } from '../../emulator/simulate';
import { CODE_PATH, FIRST_DATA_ROW, MAPPING_TAB, spreadsheet } from './workbook';

/** The approvers a review is requested from (on the settings' approver list). */
export const REVIEW_APPROVERS = ['approver@example.com', 'lead@client.example.org'];
/** Subscribers: every event (one message per run) and the daily digest; one turned off. */
export const EVERY_SUBSCRIBERS = ['lead@client.example.org', 'dev@integration.example.org', 'pm@example.org'];
export const DIGEST_SUBSCRIBERS = ['director@client.example.org', 'qa@example.org'];
const OFF_SUBSCRIBERS = ['former@example.org'];
/** Longer than the daily digest's 23.5 hours, so both audiences are due. */
const A_DAY_LATER_MS = 25 * 3600_000;

function call(emulator: Emulator, fn: string, payload: unknown): unknown {
  const r = runFunction(emulator, fn, { codePath: CODE_PATH, args: [payload] });
  if (!r.ok) throw new Error(`setup: ${fn} failed: ${r.error?.message}`);
  return r.value;
}

/** The analyst (the signed-in user) sets the approver list through the settings call. */
export function setApprovers(emulator: Emulator): void {
  call(emulator, 'saveApprovers', { approvers: REVIEW_APPROVERS });
}

/** The edits made after the last notified state: [data row index, column, values]. */
export function notificationEdits(rows: number): { row: number; column: number; values: string[][] }[] {
  const at = (fraction: number) => FIRST_DATA_ROW + Math.min(rows - 1, Math.floor(rows * fraction));
  return [
    { row: at(0), column: 3, values: [['Patient name (as on the ID card)']] },
    { row: at(0.25), column: 17, values: [['Confirm with the client: required for minors?']] },
    { row: at(1 / 3), column: 7, values: [['Asked at registration only', 'Data element (renamed)', 'dataValues.de_renamed_1'], ['', 'ឈ្មោះអ្នកជំងឺ (កែ)', 'dataValues.de_renamed_2'], ['Asked at every visit', 'วันเกิด (แก้ไข)', 'dataValues.de_renamed_3']] },
    { row: at(0.5), column: 9, values: [['dataValues.de_moved']] },
    { row: at(0.75), column: 15, values: [['trim(value)']] },
    { row: at(1), column: 8, values: [['تاريخ الزيارة (معدل)']] },
  ];
}

/** Cells the edits change (the pasted block counts each cell). */
export function editedCells(rows: number): number {
  return notificationEdits(rows).reduce((n, e) => n + e.values.length * e.values[0]!.length, 0);
}

/**
 * Notifications on (subscribers, triggers, snapshots taken), then the edits, each fired through the
 * simple onEdit and the installable notifyOnEdit as Sheets would, then a day passes (no trigger
 * runs meanwhile: the measured execution is the one that finds the changes).
 */
export function prepareNotifications(emulator: Emulator, rows: number): void {
  call(emulator, 'saveNotificationSettings', {
    subscribers: [...EVERY_SUBSCRIBERS.map((email) => ({ email, mode: 'every' })), ...DIGEST_SUBSCRIBERS.map((email) => ({ email, mode: 'digest' })), ...OFF_SUBSCRIBERS.map((email) => ({ email, mode: 'off' }))],
    schedule: 'hourly',
  });
  call(emulator, 'setNotifications', { on: true });
  const sheetId = spreadsheet(emulator).getSheetByName(MAPPING_TAB)!.getSheetId();
  for (const edit of notificationEdits(rows)) {
    const r = userEdit(emulator, { sheetId, ...edit }, { codePath: CODE_PATH });
    const failed = r.runs.find((x) => !x.ok);
    if (failed) throw new Error(`setup: ${failed.functionName} after the edit at ${r.a1} failed: ${failed.error?.message}`);
    if (!r.runs.some((x) => x.functionName === 'notifyOnEdit')) throw new Error('setup: the edit did not fire notifyOnEdit');
  }
  emulator.clock.advance(A_DAY_LATER_MS);
}

/** What the digest run should have sent: one message per audience, to its subscribers. */
export function digestProblem(emulator: Emulator): string | undefined {
  const sent = emulator.state.mail.sent;
  // Recipients are in bcc (the sender is the visible To), so they do not see one another.
  const to = (list: readonly string[]) => sent.find((m) => list.every((e) => [...m.to, ...m.bcc].includes(e)) && /change/.test(m.subject));
  if (!to(EVERY_SUBSCRIBERS)) return `no digest went to the every-event subscribers (sent: ${sent.map((m) => m.subject).join('; ') || 'nothing'})`;
  if (!to(DIGEST_SUBSCRIBERS)) return `no daily digest went to the digest subscribers (sent: ${sent.map((m) => m.subject).join('; ') || 'nothing'})`;
  return undefined;
}

/**
 * Issue 12: the destination's metadata (5,000 data elements, 10 option sets) and a source sample of
 * 1,000 fields, saved as the sidebar saves them (saveSystem, compact), so the measured runChecks
 * also checks every row against them.
 */
export function importSystems(emulator: Emulator): void {
  const fields = Array.from({ length: 5000 }, (_, i) => ({
    path: `de${String(i).padStart(9, '0')}`, aliases: [`dataValues.de_${i}`, `Data element ${i}`], type: i % 4 === 0 ? 'integer' : 'text',
    rawType: i % 4 === 0 ? 'INTEGER' : 'TEXT', label: `Data element ${i}`, list: i % 500 === 0 ? `os${i}` : null,
  }));
  const lists = Object.fromEntries(fields.filter((f) => f.list).map((f) => [f.list!, ['YES', 'NO', 'UNKNOWN']]));
  call(emulator, 'saveSystem', { name: 'DHIS2 (5,000 data elements)', side: 'destination', tabs: null, metadata: { format: 'dhis2', summary: 'DHIS2 metadata: 5,000 data elements', fields, lists } });
  const paths = Array.from({ length: 1000 }, (_, i) => ({ path: `form.group_${i % 20}.question_${i}`, key: null, type: 'text', example: 'A***', records: 1 }));
  call(emulator, 'saveSystem', { name: 'CommCare submission', side: 'source', tabs: null, sample: { summary: '1 record, 1,000 paths', paths, truncated: null } });
}
