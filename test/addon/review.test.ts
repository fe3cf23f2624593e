// Version reviews through the shipped bundle (build/Code.js in the emulator): request, decide,
// withdraw, supersede; every refusal of the acceptance (non-approver, approver of another request,
// a crafted payload naming another identity, a tampered snapshot) records nothing; the Sign-offs tab
// is a report; the README and sidebar say what is approved and how far the live sheets moved; tabs
// are protected (warning-only) while in review; the exported JSON re-hashes to the recorded hash.
import { readableTime } from '../../src/core/time';
import { createHash } from 'node:crypto';
import { Emulator } from '../../src/emulator/emulator';
import { SPREADSHEET_SERVICE_PREFIXES } from '../../src/emulator/context';
import type { ChecklistView, SidebarState, VersionList, VersionSummary } from '../../src/core/api';
import type { ExportedFile, ReviewPanel } from '../../src/core/review/api-contract';
import { hashSnapshot, parseSnapshotJson } from '../../src/core/versions';
import { callServer, newEmulator, ok, run, sheets, templateRow, tamperWithVersion } from '../support/addon';

const MAPPING = 'Mapping – Case registration';
const WIDTH = 17;
const ANALYST = 'analyst@example.org';
const ANA = 'ana@client.example.org';
const BO = 'bo@client.example.org';
const CY = 'cy@other.example.org';
type Tagged = { version: VersionSummary; list: VersionList };

function refused(r: { ok: boolean; message?: string }): string {
  expect(r.ok).toBe(false);
  return (r as { message: string }).message;
}

const sha256 = (bytes: Uint8Array) => new Uint8Array(createHash('sha256').update(bytes).digest());

const row = templateRow;

/** The template with four mapping rows, the approver list seeded as the settings UI stores it. */
function withSpec(approvers = [ANA, BO, CY]): Emulator {
  const emulator = newEmulator({ user: ANALYST });
  ok(callServer(emulator, 'insertTemplate', {}));
  const tab = sheets(emulator).getSheetByName(MAPPING)!;
  tab.getRange(3, 1, 4, WIDTH).setValues(Array.from({ length: 4 }, (_, i) => row(`M-${i + 1}`, `src_${i + 1}`, `dst_${i + 1}`)));
  emulator.state.properties.document['mapspec.approvers'] = JSON.stringify({ approvers, history: [{ at: '2026-11-01T00:00:00.000Z', by: ANALYST, added: approvers, removed: [] }] });
  for (const u of [ANA, BO, CY]) emulator.setActiveUser(u);
  emulator.setActiveUser(ANALYST);
  return emulator;
}

function as<T>(emulator: Emulator, user: string, fn: string, payload: unknown) {
  emulator.setActiveUser(user);
  try {
    return callServer<T>(emulator, fn, payload);
  } finally {
    emulator.setActiveUser(ANALYST);
  }
}

function tag(emulator: Emulator, note: string): VersionSummary {
  return ok(as<Tagged>(emulator, ANALYST, 'tagVersion', { note })).version;
}

function request(emulator: Emulator, seq: number, approvers: string[], extra: object = {}): ReviewPanel {
  return ok(as<ReviewPanel>(emulator, ANALYST, 'requestReview', { seq, approvers, message: 'Please review', due: null, ...extra }));
}

function decide(emulator: Emulator, user: string, requestId: string, decision: 'approve' | 'request-changes', contentHash: string, comment = '') {
  return as<ReviewPanel>(emulator, user, 'decideReview', { requestId, decision, comment, contentHash });
}

/** Every document property, and the Sign-offs tab's values: what "nothing recorded" compares. */
function records(emulator: Emulator): string {
  const tab = sheets(emulator).getSheetByName('Sign-offs');
  return JSON.stringify({ props: emulator.state.properties.document, tab: tab ? tab.getDataRange().getValues() : null });
}

function signOffKeys(emulator: Emulator): string[] {
  return Object.keys(emulator.state.properties.document).filter((k) => k.startsWith('mapspec.signoff.'));
}

function statusOf(p: ReviewPanel, seq: number): string | undefined {
  return p.reviews.versionStatus.find((s) => s.seq === seq)?.status;
}

function readmeColumnA(emulator: Emulator): string[] {
  const readme = sheets(emulator).getSheetByName('README')!;
  return readme.getRange(1, 1, readme.getLastRow(), 1).getValues().map((r) => String(r[0]));
}

describe('the acceptance flow on the server', () => {
  test('v1: one approves, one requests changes; v2: both approve; sign-offs, README, status, supersede', () => {
    const emulator = withSpec();
    const v1 = tag(emulator, 'first batch');
    let p = request(emulator, 1, [ANA, BO]);
    expect(p.reviews.requests[0]).toMatchObject({ id: 'r1', label: 'v1', status: 'in-review', policy: 'all', requester: ANALYST, approvers: [ANA, BO], waitingOn: [ANA, BO], canWithdraw: true, canDecide: false });
    expect(statusOf(p, 1)).toBe('in-review');
    // The approver opens the sidebar on the review; the analyst does not.
    expect(ok(as<SidebarState>(emulator, ANA, 'getSidebarState', {})).awaitingReview).toEqual({ requestId: 'r1', label: 'v1' });
    expect(ok(as<SidebarState>(emulator, ANALYST, 'getSidebarState', {})).awaitingReview).toBeNull();
    // Ana sees her review with the whole spec (she approved nothing before), and only her reviews.
    const anaView = ok(as<ReviewPanel>(emulator, ANA, 'listReviews', {})).reviews;
    expect(anaView.isApprover).toBe(true);
    expect(anaView.approverChoices).toEqual([]);
    expect(anaView.forYou).toHaveLength(1);
    expect(anaView.forYou[0]!.base).toBeNull();
    expect(anaView.forYou[0]!.diff.summary.added).toBe(v1.counts.added);
    expect(anaView.forYou[0]!.request.canDecide).toBe(true);

    p = ok(decide(emulator, ANA, 'r1', 'approve', v1.contentHash));
    expect(p.reviews.requests[0]).toMatchObject({ status: 'in-review', waitingOn: [BO] });
    // Deciding twice is idempotent: nothing new is recorded.
    const before = records(emulator);
    ok(decide(emulator, ANA, 'r1', 'approve', v1.contentHash));
    expect(records(emulator)).toBe(before);
    // A change request needs a comment.
    expect(refused(decide(emulator, BO, 'r1', 'request-changes', v1.contentHash, '  '))).toBe('Say what should change: a comment is required to request changes.');
    expect(records(emulator)).toBe(before);
    p = ok(decide(emulator, BO, 'r1', 'request-changes', v1.contentHash, 'M-2 must map to an integer'));
    expect(p.reviews.requests[0]).toMatchObject({ status: 'changes-requested', statusText: 'Changes requested' });
    expect(p.reviews.approval).toBeNull();
    // The review is closed: Ana cannot change her mind on it any more.
    expect(refused(decide(emulator, ANA, 'r1', 'request-changes', v1.contentHash, 'late'))).toMatch(/no longer open \(changes requested\): nothing was recorded/);

    // The analyst edits and tags v2, then requests a review from both.
    sheets(emulator).getSheetByName(MAPPING)!.getRange(4, 10).setValue('integer');
    const v2 = tag(emulator, 'M-2 as integer');
    request(emulator, 2, [ANA, BO]);
    // Ana approved v1 herself: her diff starts from v1 (one changed row); Bo's from nothing.
    const anaV2 = ok(as<ReviewPanel>(emulator, ANA, 'listReviews', {})).reviews.forYou[0]!;
    expect(anaV2.base).toBe('v1');
    expect(anaV2.diff.summary).toMatchObject({ added: 0, changed: 1, removed: 0 });
    expect(ok(as<ReviewPanel>(emulator, BO, 'listReviews', {})).reviews.forYou[0]!.base).toBeNull();
    ok(decide(emulator, ANA, 'r2', 'approve', v2.contentHash));
    p = ok(decide(emulator, BO, 'r2', 'approve', v2.contentHash));
    const r2 = p.reviews.requests.find((r) => r.id === 'r2')!;
    expect(r2).toMatchObject({ status: 'approved', approvers: [ANA, BO] });
    expect(r2.decisions.map((d) => [d.approver, d.decision])).toEqual([
      [ANA, 'approve'],
      [BO, 'approve'],
    ]);
    // The decision's time, readable, in the spreadsheet's zone (the emulator's new spreadsheet: UTC).
    const today = readableTime(r2.decidedAt!, 'Etc/UTC');
    expect(p.reviews.approval).toMatchObject({ label: 'v2', hash: v2.hash, by: [ANA, BO], changes: 0, text: `Approved: v2 (${v2.hash}) by ${ANA}, ${BO} on ${today}`, differsText: 'The live sheets match v2' });

    // Every decision is an entry of the shared sign-off log, about version:<seq>, with its hash.
    const log = signOffKeys(emulator).map((k) => JSON.parse(emulator.state.properties.document[k]!));
    expect(log.map((e) => [e.subject, e.action, e.by, e.requestId, e.contentHash.slice(0, 8)])).toEqual([
      ['version:1', 'approve', ANA, 'r1', v1.hash],
      ['version:1', 'request-changes', BO, 'r1', v1.hash],
      ['version:2', 'approve', ANA, 'r2', v2.hash],
      ['version:2', 'approve', BO, 'r2', v2.hash],
    ]);

    // The Sign-offs tab mirrors the records, newest first.
    const tab = sheets(emulator).getSheetByName('Sign-offs')!.getDataRange().getValues();
    expect(tab[0]).toEqual(['Version', 'Hash', 'Request', 'Decision', 'Who', 'When', 'Comment', 'Request status']);
    expect(tab.slice(1).map((r) => [r[0], r[3], r[4], r[7]])).toEqual([
      ['v2', 'Approved', BO, 'Approved'],
      ['v2', 'Approved', ANA, 'Approved'],
      ['v2', `Review requested (all approvers): ${ANA}, ${BO}`, ANALYST, 'Approved'],
      ['v1', 'Changes requested', BO, 'Changes requested'],
      ['v1', 'Approved', ANA, 'Changes requested'],
      ['v1', `Review requested (all approvers): ${ANA}, ${BO}`, ANALYST, 'Changes requested'],
    ]);
    expect(tab[4]![6]).toBe('M-2 must map to an integer');
    // When: a readable date-time in the spreadsheet's zone, never raw ISO.
    expect(tab.slice(1).every((r) => /^\d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d (UTC|GMT[+-]\d+)$/.test(String(r[5])))).toBe(true);

    // README: what is approved and whether the live sheets still match.
    let readme = readmeColumnA(emulator);
    expect(readme).toContain(`Approved: v2 (${v2.hash}) by ${ANA}, ${BO} on ${today}`);
    expect(readme).toContain('The live sheets match v2.');
    // An edit afterwards: one change, in the sidebar and the README.
    sheets(emulator).getSheetByName(MAPPING)!.getRange(5, 15).setValue('upper()');
    p = ok(as<ReviewPanel>(emulator, ANALYST, 'listReviews', {}));
    expect(p.reviews.approval).toMatchObject({ changes: 1, differsText: 'The live sheets differ from v2 by 1 change' });
    // Opening the panel is a read: the README keeps its lines until the next locked action (a tag here).
    expect(readmeColumnA(emulator)).toContain('The live sheets match v2.');
    const v3 = tag(emulator, 'rule');
    readme = readmeColumnA(emulator);
    expect(readme).toContain('The live sheets differ from v2 by 1 change.');
    expect(readme.filter((l) => l === 'Approval')).toHaveLength(1);

    // v3 approved by one (policy any) supersedes v2.
    p = request(emulator, 3, [CY], { policy: 'any' });
    p = ok(decide(emulator, CY, 'r3', 'approve', v3.contentHash));
    // Cy sees only the review he may act on; the analyst sees them all.
    expect(p.reviews.requests.map((r) => r.id)).toEqual(['r3']);
    p = ok(as<ReviewPanel>(emulator, ANALYST, 'listReviews', {}));
    expect(statusOf(p, 3)).toBe('approved');
    expect(statusOf(p, 2)).toBe('superseded');
    expect(p.reviews.requests.find((r) => r.id === 'r2')).toMatchObject({ status: 'superseded', supersededBy: 'v3' });
    expect(p.reviews.approval).toMatchObject({ label: 'v3', changes: 0 });
    // An older version can no longer be put in review.
    expect(refused(as(emulator, ANALYST, 'requestReview', { seq: 1, approvers: [ANA], message: '', due: null }))).toBe('v1 is older than the approved v3: request a review of a newer version.');
  });
});

describe('reading writes nothing', () => {
  test('listReviews makes no write call, even when the README and Sign-offs tab are out of date', () => {
    const emulator = withSpec();
    const v1 = tag(emulator, 'one');
    request(emulator, 1, [ANA]);
    ok(decide(emulator, ANA, 'r1', 'approve', v1.contentHash));
    // The live sheets move away from v1 and someone edits the Sign-offs tab: both are now stale.
    sheets(emulator).getSheetByName(MAPPING)!.getRange(3, 15).setValue('trim()');
    sheets(emulator).getSheetByName('Sign-offs')!.getRange(2, 4).setValue('edited');
    const readme = readmeColumnA(emulator);
    for (const user of [ANALYST, ANA]) {
      emulator.setActiveUser(user);
      const r = run<ReviewPanel>(emulator, 'listReviews', { args: [{}] });
      expect(r.ok).toBe(true);
      expect(r.value!.reviews.approval).toMatchObject({ changes: 1 });
      // Calls per method name ("Range.setValues" → "setValues"): none of them may change anything.
      const writes = Object.keys(r.calls.toJSON()).filter((name) => /^(set|insert|clear|delete|protect|remove|append|copy|hide|show|add)/.test(name.split('.').pop()!));
      expect(writes).toEqual([]);
      expect(r.calls.count('Range.')).toBeGreaterThan(0);
    }
    emulator.setActiveUser(ANALYST);
    expect(readmeColumnA(emulator)).toEqual(readme);
  });
});

describe('the sidebar state', () => {
  test('reads the document properties once and the user once, and names the review awaiting an approver', () => {
    const emulator = withSpec();
    tag(emulator, 'one');
    request(emulator, 1, [ANA]);
    emulator.setActiveUser(ANA);
    const r = run<SidebarState>(emulator, 'getSidebarState', { args: [{}] });
    emulator.setActiveUser(ANALYST);
    expect(r.ok).toBe(true);
    expect(r.value!.awaitingReview).toEqual({ requestId: 'r1', label: 'v1' });
    expect(r.value!.approvers.isApprover).toBe(true);
    expect(r.calls.count('Properties.getProperties')).toBe(1);
    expect(r.calls.count('User.getEmail')).toBe(1);
  });
});

describe('the checklist link', () => {
  test("an approved version signs off the checklist's mapping-spec task with its evidence; a new request reopens it", () => {
    const emulator = withSpec();
    const inserted = ok(callServer<ChecklistView>(emulator, 'insertChecklist', {}));
    const task = inserted.signOffs.find((s) => /mapping spec/i.test(s.task))!;
    expect(task.signedOff).toBeNull();
    const sheet = sheets(emulator).getSheetByName(inserted.tab!.name)!;
    const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0]!.map(String);
    const cell = (name: string) => sheet.getRange(task.row!, header.indexOf(name) + 1).getValue();
    const v1 = tag(emulator, 'one');
    request(emulator, 1, [ANA]);
    ok(decide(emulator, ANA, 'r1', 'approve', v1.contentHash));
    const evidence = `Mapping spec v1 approved by ${ANA} on `;
    expect(String(cell('Evidence (link)'))).toMatch(new RegExp(`^${evidence.replace(/[.]/g, '\\.')}\\d{4}-\\d{2}-\\d{2}$`));
    expect(cell('Signed off by')).toBe(ANA);
    const after = ok(callServer<ChecklistView>(emulator, 'getChecklist', {})).signOffs.find((s) => s.id === task.id)!;
    expect(after.signedOff).toMatchObject({ by: ANA });
    expect(after.signedOff!.evidence).toMatch(/^Mapping spec v1 approved by /);
    // A new request reopens the task: the sign-off is withdrawn (kept in the history), the cells cleared.
    sheets(emulator).getSheetByName(MAPPING)!.getRange(3, 15).setValue('trim()');
    tag(emulator, 'two');
    request(emulator, 2, [ANA]);
    const reopened = ok(callServer<ChecklistView>(emulator, 'getChecklist', {})).signOffs.find((s) => s.id === task.id)!;
    expect(reopened.signedOff).toBeNull();
    expect(reopened.history.length).toBe(2);
    expect(cell('Signed off by')).toBe('');
    expect(cell('Evidence (link)')).toBe('');
  });

  test("when the checklist's cells cannot be written, the approval and the task's sign-off stand and the reviewer is told", () => {
    const emulator = withSpec();
    const inserted = ok(callServer<ChecklistView>(emulator, 'insertChecklist', {}));
    const task = inserted.signOffs.find((s) => /mapping spec/i.test(s.task))!;
    const sheet = sheets(emulator).getSheetByName(inserted.tab!.name)!;
    // The analyst (owner) protects the task's sign-off cells against everyone else.
    const protection = sheet.getRange(task.row!, 7, 1, 3).protect();
    protection.removeEditors(protection.getEditors());
    const v1 = tag(emulator, 'one');
    request(emulator, 1, [ANA]);
    const p = ok(decide(emulator, ANA, 'r1', 'approve', v1.contentHash));
    expect(statusOf(p, 1)).toBe('approved');
    expect(p.reviews.notices.join(' ')).toMatch(/^Signed off and recorded; Mapspec could not write .+ row \d+/);
    const after = ok(callServer<ChecklistView>(emulator, 'getChecklist', {})).signOffs.find((s) => s.id === task.id)!;
    expect(after.signedOff).toMatchObject({ by: ANA });
  });

  test('evidence the person wrote in the cell is left alone (the record keeps the approval)', () => {
    const emulator = withSpec();
    const inserted = ok(callServer<ChecklistView>(emulator, 'insertChecklist', {}));
    const task = inserted.signOffs.find((s) => /mapping spec/i.test(s.task))!;
    const sheet = sheets(emulator).getSheetByName(inserted.tab!.name)!;
    const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0]!.map(String);
    const evidenceCell = sheet.getRange(task.row!, header.indexOf('Evidence (link)') + 1);
    evidenceCell.setValue('https://example.org/signed.pdf');
    const v1 = tag(emulator, 'one');
    request(emulator, 1, [ANA]);
    ok(decide(emulator, ANA, 'r1', 'approve', v1.contentHash));
    expect(evidenceCell.getValue()).toBe('https://example.org/signed.pdf');
    const after = ok(callServer<ChecklistView>(emulator, 'getChecklist', {})).signOffs.find((s) => s.id === task.id)!;
    expect(after.signedOff!.evidence).toMatch(/^Mapping spec v1 approved by /);
  });
});

describe('refusals record nothing', () => {
  function twoRequests() {
    const emulator = withSpec();
    const v1 = tag(emulator, 'one');
    sheets(emulator).getSheetByName(MAPPING)!.getRange(3, 15).setValue('trim()');
    const v2 = tag(emulator, 'two');
    request(emulator, 1, [ANA]);
    request(emulator, 2, [BO]);
    return { emulator, v1, v2 };
  }

  test('a non-approver (the analyst, or someone not on the list) cannot decide', () => {
    const { emulator, v1 } = twoRequests();
    const before = records(emulator);
    expect(refused(decide(emulator, ANALYST, 'r1', 'approve', v1.contentHash))).toBe('You are not an approver of the review of v1: nothing was recorded.');
    expect(refused(decide(emulator, 'stranger@example.org', 'r1', 'approve', v1.contentHash))).toBe('You are not an approver of the review of v1: nothing was recorded.');
    expect(records(emulator)).toBe(before);
  });

  test('an approver removed from the settings list cannot decide on a request that names them', () => {
    const { emulator, v1 } = twoRequests();
    ok(as(emulator, ANALYST, 'saveApprovers', { approvers: [BO, CY] }));
    const before = records(emulator);
    expect(refused(decide(emulator, ANA, 'r1', 'approve', v1.contentHash))).toBe('You are no longer in the approver list in the settings, so you cannot decide on the review of v1: nothing was recorded.');
    expect(records(emulator)).toBe(before);
    expect(ok(as<ReviewPanel>(emulator, ANA, 'listReviews', {})).reviews.requests.every((r) => !r.canDecide)).toBe(true);
  });

  test('an approver of another request cannot decide on this one', () => {
    const { emulator, v2 } = twoRequests();
    const before = records(emulator);
    expect(refused(decide(emulator, ANA, 'r2', 'approve', v2.contentHash))).toBe('You are not an approver of the review of v2: nothing was recorded.');
    expect(refused(decide(emulator, ANA, 'r2', 'request-changes', v2.contentHash, 'no'))).toMatch(/not an approver/);
    expect(records(emulator)).toBe(before);
  });

  test('a crafted payload naming another identity is refused by the strict schema', () => {
    const { emulator, v1 } = twoRequests();
    const before = records(emulator);
    for (const extra of [{ by: ANA }, { email: ANA }, { approver: ANA }]) {
      const r = as(emulator, ANALYST, 'decideReview', { requestId: 'r1', decision: 'approve', comment: '', contentHash: v1.contentHash, ...extra });
      expect(refused(r)).toMatch(/^Mapspec could not read the request to decideReview: Unrecognized key/);
    }
    expect(refused(as(emulator, ANALYST, 'requestReview', { seq: 1, approvers: [ANA], message: '', due: null, requester: ANA }))).toMatch(/could not read the request to requestReview/);
    expect(records(emulator)).toBe(before);
  });

  test('an approval of a tampered snapshot is refused', () => {
    const { emulator, v1 } = twoRequests();
    tamperWithVersion(emulator, 'v1');
    const before = records(emulator);
    expect(refused(decide(emulator, ANA, 'r1', 'approve', v1.contentHash))).toMatch(/^Version v1's stored snapshot was changed outside Mapspec \(hash mismatch.*It cannot be reviewed: nothing was recorded\.$/);
    expect(records(emulator)).toBe(before);
    // Nor can a review of it be requested.
    expect(refused(as(emulator, ANALYST, 'requestReview', { seq: 1, approvers: [BO], message: '', due: null }))).toMatch(/changed outside Mapspec.*nothing was recorded/);
    expect(records(emulator)).toBe(before);
  });

  test('a decision about other content than the request (stale sidebar) is refused', () => {
    const { emulator, v2 } = twoRequests();
    const before = records(emulator);
    expect(refused(decide(emulator, ANA, 'r1', 'approve', v2.contentHash))).toMatch(/content hash differs\): nothing was recorded/);
    expect(records(emulator)).toBe(before);
  });

  test('requests name approvers of the settings list, never the requester, one open review per version', () => {
    const emulator = withSpec([ANA, BO, ANALYST]);
    tag(emulator, 'one');
    const before = records(emulator);
    expect(refused(as(emulator, ANALYST, 'requestReview', { seq: 1, approvers: ['x@example.org'], message: '', due: null }))).toBe('Not in the approver list in the settings: x@example.org. Add them there first.');
    expect(refused(as(emulator, ANALYST, 'requestReview', { seq: 1, approvers: [ANALYST], message: '', due: null }))).toBe('You cannot approve your own review request: choose other approvers.');
    expect(refused(as(emulator, ANALYST, 'requestReview', { seq: 7, approvers: [ANA], message: '', due: null }))).toMatch(/^There is no version number 7/);
    expect(records(emulator)).toBe(before);
    request(emulator, 1, [ANA]);
    expect(refused(as(emulator, ANALYST, 'requestReview', { seq: 1, approvers: [BO], message: '', due: null }))).toBe('v1 is already in review.');
  });
});

describe('withdraw', () => {
  test('the requester withdraws with a reason; decisions after it are refused; a new request is possible', () => {
    const emulator = withSpec();
    const v1 = tag(emulator, 'one');
    request(emulator, 1, [ANA, BO]);
    ok(decide(emulator, ANA, 'r1', 'approve', v1.contentHash));
    const before = records(emulator);
    expect(refused(as(emulator, ANA, 'withdrawReview', { requestId: 'r1', reason: 'mine' }))).toBe(`Only ${ANALYST}, who requested the review of v1, can withdraw it.`);
    expect(refused(as(emulator, ANALYST, 'withdrawReview', { requestId: 'r1', reason: ' ' }))).toBe('Give a reason for withdrawing the review request.');
    expect(records(emulator)).toBe(before);
    const p = ok(as<ReviewPanel>(emulator, ANALYST, 'withdrawReview', { requestId: 'r1', reason: 'Wrong tab included' }));
    expect(p.reviews.requests[0]).toMatchObject({ status: 'withdrawn', withdrawn: { by: ANALYST, reason: 'Wrong tab included' } });
    expect(statusOf(p, 1)).toBeUndefined();
    expect(refused(decide(emulator, BO, 'r1', 'approve', v1.contentHash))).toMatch(/no longer open \(withdrawn\)/);
    expect(ok(as<SidebarState>(emulator, BO, 'getSidebarState', {})).awaitingReview).toBeNull();
    expect(request(emulator, 1, [BO]).reviews.requests[0]).toMatchObject({ id: 'r2', status: 'in-review' });
  });
});

describe('protection while in review', () => {
  test('with the setting on, registered tabs are protected (warning-only) until the decision', () => {
    const emulator = withSpec();
    const v1 = tag(emulator, 'one');
    ok(as(emulator, ANALYST, 'saveReviewSettings', { policy: 'any', protectDuringReview: true }));
    expect(refused(as(emulator, ANA, 'saveReviewSettings', { policy: 'all', protectDuringReview: false }))).toMatch(/^Approvers cannot change the review settings/);
    const ss = sheets(emulator);
    const SHEET = emulator.execution().globals.SpreadsheetApp.ProtectionType.SHEET;
    // A tab the person protected themselves is left alone.
    const valueMaps = ss.getSheets().find((s) => s.getName().startsWith('Value maps'))!;
    valueMaps.protect().setDescription('mine');
    const p = request(emulator, 1, [ANA]);
    expect(p.reviews.requests[0]!.policy).toBe('any');
    const mapping = ss.getSheetByName(MAPPING)!;
    const prot = mapping.getProtections(SHEET);
    expect(prot).toHaveLength(1);
    expect(prot[0]!.isWarningOnly()).toBe(true);
    expect(prot[0]!.getDescription()).toMatch(/^Mapspec review: v1 is in review/);
    expect(valueMaps.getProtections(SHEET).map((x) => x.getDescription())).toEqual(['mine']);
    ok(decide(emulator, ANA, 'r1', 'approve', v1.contentHash));
    expect(mapping.getProtections(SHEET)).toHaveLength(0);
    expect(valueMaps.getProtections(SHEET).map((x) => x.getDescription())).toEqual(['mine']);
  });
});

describe('reconcile: every locked action derives the reports, protection and checklist link from the records', () => {
  test('a part left wrong (by a failure or an edit) is put right by the next action, also a decision made twice', () => {
    const emulator = withSpec();
    const ss = sheets(emulator);
    const SHEET = emulator.execution().globals.SpreadsheetApp.ProtectionType.SHEET;
    const mapping = ss.getSheetByName(MAPPING)!;
    const v1 = tag(emulator, 'one');
    ok(as(emulator, ANALYST, 'saveReviewSettings', { policy: 'all', protectDuringReview: true }));
    request(emulator, 1, [ANA, BO]);
    expect(mapping.getProtections(SHEET)).toHaveLength(1);
    // Open request, protection lost (removed by hand or a failed write): the next action puts it back.
    mapping.getProtections(SHEET)[0]!.remove();
    ok(decide(emulator, ANA, 'r1', 'approve', v1.contentHash));
    expect(mapping.getProtections(SHEET).map((x) => x.getDescription())).toEqual([expect.stringMatching(/^Mapspec review: v1 is in review/)]);
    ok(decide(emulator, BO, 'r1', 'approve', v1.contentHash));
    expect(mapping.getProtections(SHEET)).toHaveLength(0);
    // After the approval: the protection is back (as if its removal had failed), the Sign-offs tab
    // was edited, and the checklist was adopted only now (so its task was never signed off).
    mapping.protect().setDescription('Mapspec review: v1 is in review; left behind').setWarningOnly(true);
    ss.getSheetByName('Sign-offs')!.getRange(2, 4).setValue('edited');
    const inserted = ok(callServer<ChecklistView>(emulator, 'insertChecklist', {}));
    const task = inserted.signOffs.find((s) => /mapping spec/i.test(s.task))!;
    expect(task.signedOff).toBeNull();
    const before = signOffKeys(emulator).length;
    // Bo approves again: nothing new about the version is recorded, but everything derived is put right.
    const p = ok(decide(emulator, BO, 'r1', 'approve', v1.contentHash));
    expect(p.reviews.notices).toEqual([]);
    expect(mapping.getProtections(SHEET)).toHaveLength(0);
    expect(p.reviews.signOffsMismatch).toBe(false);
    const after = ok(callServer<ChecklistView>(emulator, 'getChecklist', {})).signOffs.find((s) => s.id === task.id)!;
    expect(after.signedOff).toMatchObject({ by: BO, evidence: expect.stringMatching(/^Mapping spec v1 approved by ana@client\.example\.org, bo@client\.example\.org on /) });
    // Only the task's sign-off was added to the log; a further action does not sign it off twice.
    expect(signOffKeys(emulator).length).toBe(before + 1);
    ok(decide(emulator, BO, 'r1', 'approve', v1.contentHash));
    expect(signOffKeys(emulator).length).toBe(before + 1);
  });
});

describe('the Sign-offs tab is a report', () => {
  test('editing it changes nothing in the records; the mismatch is shown, and the next regeneration puts it right', () => {
    const emulator = withSpec();
    const v1 = tag(emulator, 'one');
    request(emulator, 1, [ANA, BO]);
    ok(decide(emulator, ANA, 'r1', 'approve', v1.contentHash));
    expect(ok(as<ReviewPanel>(emulator, ANALYST, 'listReviews', {})).reviews.signOffsMismatch).toBe(false);
    const tab = sheets(emulator).getSheetByName('Sign-offs')!;
    const props = JSON.stringify(emulator.state.properties.document);
    tab.getRange(2, 4).setValue('Changes requested');
    const p = ok(as<ReviewPanel>(emulator, ANALYST, 'listReviews', {}));
    expect(p.reviews.signOffsMismatch).toBe(true);
    expect(p.reviews.requests[0]).toMatchObject({ status: 'in-review', waitingOn: [BO] });
    expect(JSON.stringify(emulator.state.properties.document)).toBe(props);
    ok(decide(emulator, BO, 'r1', 'approve', v1.contentHash));
    expect(ok(as<ReviewPanel>(emulator, ANALYST, 'listReviews', {})).reviews.signOffsMismatch).toBe(false);
    expect(tab.getRange(3, 4).getValue()).toBe('Approved');
  });
});

describe('export', () => {
  test('the exported JSON of an approved version re-hashes to its recorded content hash; CSV neutralises formulas', () => {
    const emulator = withSpec();
    sheets(emulator).getSheetByName(MAPPING)!.getRange(3, 15, 2, 1).setValues([['-2+3 cmd'], ['@SUM(1)']]);
    const v1 = tag(emulator, 'one');
    request(emulator, 1, [ANA]);
    expect(refused(as(emulator, ANALYST, 'exportVersion', { seq: 1, format: 'json' }))).toBe('Version v1 has not been approved: only an approved version is exported.');
    ok(decide(emulator, ANA, 'r1', 'approve', v1.contentHash));
    const file = ok(as<ExportedFile>(emulator, ANALYST, 'exportVersion', { seq: 1, format: 'json' }));
    expect(file).toMatchObject({ filename: `mapspec-v1-${v1.hash}.json`, mimeType: 'application/json' });
    const data = JSON.parse(file.content);
    const text = JSON.stringify(data.snapshot);
    expect(createHash('sha256').update(text, 'utf8').digest('hex')).toBe(v1.contentHash);
    expect(hashSnapshot(parseSnapshotJson(text), sha256).contentHash).toBe(v1.contentHash);
    expect(data.version).toMatchObject({ label: 'v1', contentHash: v1.contentHash, chainHash: v1.chainHash });
    expect(data.chain).toEqual([{ seq: 1, label: 'v1', contentHash: v1.contentHash, previousChainHash: '0'.repeat(64), chainHash: v1.chainHash }]);
    expect(data.review.decisions).toEqual([{ approver: ANA, decision: 'approve', comment: '', at: expect.any(String) }]);
    expect(data.snapshot.tabs.map((t: { kind: string }) => t.kind)).toContain('value-map');

    const csv = ok(as<ExportedFile>(emulator, ANALYST, 'exportVersion', { seq: 1, format: 'csv' }));
    expect(csv.filename).toBe(`mapspec-v1-${v1.hash}.csv`);
    expect(csv.content).toContain(`,'-2+3 cmd,`);
    expect(csv.content).toContain(`'@SUM(1)`);
    expect(csv.content.split('\r\n').some((l) => /(^|,)[=+@-]/.test(l))).toBe(false);
    // Headers as people read them: the band in front of a repeated name, never "Sample#2".
    const header = csv.content.split('\r\n').find((l) => l.startsWith('Row key,') && l.includes('Transformation'))!;
    expect(header).toContain('DESTINATION › API name / path');
    expect(header).not.toMatch(/#\d/);
  });
});

describe('cost', () => {
  test('deciding takes the same number of spreadsheet calls for 10 and 1,000 rows', () => {
    const counts = [10, 1000].map((n) => {
      const emulator = withSpec();
      const tab = sheets(emulator).getSheetByName(MAPPING)!;
      if (tab.getMaxRows() < n + 2) tab.insertRowsAfter(tab.getMaxRows(), n + 2 - tab.getMaxRows());
      tab.getRange(3, 1, n, WIDTH).setValues(Array.from({ length: n }, (_, i) => row(`M-${i + 1}`, `src_${i}`, `dst_${i}`)));
      const v1 = tag(emulator, 'one');
      request(emulator, 1, [ANA]);
      emulator.setActiveUser(ANA);
      const r = run(emulator, 'decideReview', { args: [{ requestId: 'r1', decision: 'approve', comment: '', contentHash: v1.contentHash }] });
      emulator.setActiveUser(ANALYST);
      expect(r.ok).toBe(true);
      return r.calls.count(...SPREADSHEET_SERVICE_PREFIXES);
    });
    expect(counts[1]).toBe(counts[0]);
  });
});

describe('atomic', () => {
  function clone(emulator: Emulator): Emulator {
    const copy = newEmulator({ state: structuredClone(emulator.state) });
    return copy;
  }

  // The version each action is about (null: it unpacks none); the other of v1, v2 is "another version".
  test.each([
    ['decideReview', ANA, 1, (hash: string) => ({ requestId: 'r1', decision: 'approve', comment: '', contentHash: hash })],
    ['requestReview', ANALYST, 2, () => ({ seq: 2, approvers: [BO], message: 'again', due: null })],
    ['withdrawReview', ANALYST, null, () => ({ requestId: 'r1', reason: 'stale' })],
  ] as const)('a fault at each call of %s up to its record (and a sample after) leaves either nothing or the whole record', (fn, user, seq, payload) => {
    const base = withSpec();
    ok(as(base, ANALYST, 'saveReviewSettings', { policy: 'any', protectDuringReview: true }));
    const v1 = tag(base, 'one');
    sheets(base).getSheetByName(MAPPING)!.getRange(3, 15).setValue('trim()');
    tag(base, 'two');
    request(base, 1, [ANA]);
    const recordKeys = (e: Emulator) => Object.keys(e.state.properties.document).filter((k) => /^mapspec\.(signoff|review)\.\d+$/.test(k)).sort();
    const before = recordKeys(base);
    const probe = clone(base);
    probe.setActiveUser(user);
    const names: string[] = [];
    const clean = run(probe, fn, { args: [payload(v1.contentHash)], onCall: (name) => names.push(name) });
    expect(clean.ok).toBe(true);
    const count = clean.calls.total;
    // The record is the action's first property write; every call up to it is tried, then a sample.
    const record = names.indexOf('Properties.setProperties') + 1;
    expect(record).toBeGreaterThan(0);
    // Which calls before the record unpack which version: the integrity check unpacks every version
    // in seq order, each as newBlob, ungzip, getDataAsString, computeDigest, so the k-th ungzip is
    // version k's. A fault there for ANOTHER version than the one acted on may only mark that version
    // as damaged, which the action does not depend on: the whole record may then stand.
    const otherVersion = new Set<number>();
    let unpacked = 0;
    names.slice(0, record).forEach((name, i) => {
      if (name !== 'Utilities.ungzip') return;
      unpacked += 1;
      expect(names.slice(i - 1, i + 3)).toEqual(['Utilities.newBlob', 'Utilities.ungzip', 'Blob.getDataAsString', 'Utilities.computeDigest']);
      if (unpacked !== seq) for (let j = i; j < i + 4; j++) otherVersion.add(j); // 1-based positions i-1+1 … i+2+1
    });
    expect(unpacked).toBe(seq === null ? 0 : 2);
    expect(otherVersion.size).toBe(seq === null ? 0 : 4);
    const at = Array.from({ length: count }, (_, i) => i + 1).filter((n) => n <= record + 3 || n % 15 === 0);
    const outcomes: Record<string, number> = {};
    for (const n of at) {
      const e = clone(base);
      e.setActiveUser(user);
      const r = run(e, fn, {
        args: [payload(v1.contentHash)],
        onCall: (_name, index) => {
          if (index === n) throw new Error(`injected failure at call ${n}`);
        },
      });
      const after = recordKeys(e);
      // Nothing recorded, or exactly the one record of the action.
      expect(after.length === before.length || after.length === before.length + 1).toBe(true);
      const outcome = after.length === before.length ? (r.ok ? 'ok, nothing' : 'failed, nothing') : r.ok ? 'recorded' : 'failed after the record';
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
      // Up to the record a fault fails the action with nothing recorded; only a fault while unpacking
      // another version may instead leave the whole record with a success. Never a half.
      if (n <= record) expect([n, outcome]).toEqual([n, otherVersion.has(n) ? expect.stringMatching(/^(failed, nothing|recorded)$/) : 'failed, nothing']);
      // The store reads back and the next action puts every derived part right.
      e.setActiveUser(ANALYST);
      const p = ok(callServer<ReviewPanel>(e, 'listReviews', {}));
      expect(p.reviews.requests.length).toBeGreaterThan(0);
      if (fn === 'decideReview' && after.length > before.length) {
        expect(p.reviews.requests.find((x) => x.id === 'r1')!.status).toBe('approved');
      }
    }
    console.log(`${fn}: ${count} calls, the record at call ${record}; faults injected at ${at.length} of them: ${JSON.stringify(outcomes)}`);
    expect(outcomes['ok, nothing'] ?? 0).toBe(0);
    // Most faults before the record fail the action; after it, the record stands.
    expect(outcomes['failed, nothing']).toBeGreaterThanOrEqual(record - otherVersion.size);
  });
});
