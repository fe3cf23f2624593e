import type { SignOffEntry } from '../../src/core/approvals';
import { HOSTILE_TEXT } from '../support/hostile';
import { parseCsv, readCsvValues } from '../support/csv';
import {
  awaitingDecision,
  checkDecision,
  checkNewRequest,
  checklistSignOffDue,
  checkWithdraw,
  csvCell,
  currentApproval,
  lastApprovedBy,
  parseReviewRequest,
  protectionPlan,
  readmeApprovalBlock,
  reportMatches,
  reviewViews,
  signOffsRows,
  snapshotCsv,
  versionStatuses,
  type ReviewRequest,
} from '../../src/core/review';

const H1 = 'a'.repeat(64);
const H2 = 'b'.repeat(64);
const H3 = 'c'.repeat(64);
const A = 'ana@x.org';
const B = 'bo@x.org';
const R = 'analyst@x.org';
const LIST = { approvers: [A, B], history: [] };

function req(n: number, seq: number, hash: string, approvers: string[], policy: 'all' | 'any' = 'all'): ReviewRequest {
  return { id: `r${n}`, n, seq, label: `v${seq}`, contentHash: hash, approvers, policy, message: '', due: null, requester: R, requestedAt: `2026-11-0${n}T00:00:00.000Z`, protectedSheetIds: [] };
}

let n = 0;
function e(requestId: string, by: string, action: SignOffEntry['action'], contentHash: string, comment = ''): SignOffEntry {
  n += 1;
  return { n, subject: 'version:x', action, by, at: `2026-11-10T00:00:${String(n).padStart(2, '0')}.000Z`, comment, requestId, contentHash };
}

beforeEach(() => (n = 0));

describe('status', () => {
  test('all approvers: in review until every one approves; one change request ends it', () => {
    const r = req(1, 1, H1, [A, B]);
    expect(reviewViews([r], [])[0]).toMatchObject({ status: 'in-review', waitingOn: [A, B], decidedAt: null });
    const log = [e('r1', A, 'approve', H1)];
    expect(reviewViews([r], log)[0]).toMatchObject({ status: 'in-review', waitingOn: [B] });
    log.push(e('r1', B, 'approve', H1));
    const v = reviewViews([r], log)[0]!;
    expect(v).toMatchObject({ status: 'approved', approvedBy: [A, B], decidedAt: log[1]!.at, waitingOn: [] });
    const changes = reviewViews([r], [e('r1', A, 'approve', H1), e('r1', B, 'request-changes', H1, 'no'), e('r1', A, 'approve', H1)])[0]!;
    expect(changes).toMatchObject({ status: 'changes-requested' });
    expect(changes.decisions.map((d) => d.decision)).toEqual(['approve', 'request-changes']);
  });

  test('any one approver: the first approval approves', () => {
    expect(reviewViews([req(1, 1, H1, [A, B], 'any')], [e('r1', B, 'approve', H1)])[0]).toMatchObject({ status: 'approved', approvedBy: [B] });
  });

  test('entries by non-approvers, about other content, or a withdrawal by someone else do not count', () => {
    const r = req(1, 1, H1, [A], 'any');
    const log = [e('r1', B, 'approve', H1), e('r1', A, 'approve', H2), e('r1', A, 'withdraw', H1, 'x'), e('r2', A, 'approve', H1)];
    expect(reviewViews([r], log)[0]).toMatchObject({ status: 'in-review', decisions: [] });
    expect(reviewViews([r], [e('r1', R, 'withdraw', H1, 'wrong tab')])[0]).toMatchObject({ status: 'withdrawn', withdrawn: { by: R, reason: 'wrong tab' } });
  });

  test('a later approval supersedes the earlier one and older open reviews', () => {
    const reqs = [req(1, 1, H1, [A], 'any'), req(2, 2, H2, [B], 'any'), req(3, 3, H3, [A], 'any')];
    const log = [e('r1', A, 'approve', H1), e('r3', A, 'approve', H3)];
    const views = reviewViews(reqs, log);
    expect(views.map((v) => [v.id, v.status, v.supersededBy])).toEqual([
      ['r1', 'superseded', 'v3'],
      ['r2', 'superseded', 'v3'],
      ['r3', 'approved', null],
    ]);
    expect(currentApproval(views)!.id).toBe('r3');
    expect([...versionStatuses(views).entries()].map(([s, v]) => [s, v.status])).toEqual([
      [1, 'superseded'],
      [2, 'superseded'],
      [3, 'approved'],
    ]);
    expect(lastApprovedBy(views, A, 3)!.id).toBe('r1');
    expect(lastApprovedBy(views, B, 3)).toBeNull();
    expect(awaitingDecision(views, B)).toEqual([]);
  });
});

describe('checks', () => {
  test('decisions: approvers only, twice is idempotent, closed reviews, content hash, required comment', () => {
    const r = req(1, 1, H1, [A, B]);
    const open = reviewViews([r], [e('r1', A, 'approve', H1)])[0]!;
    expect(() => checkDecision(open, { user: R, decision: 'approve', comment: '', contentHash: H1, settings: LIST })).toThrow('You are not an approver of the review of v1: nothing was recorded.');
    expect(checkDecision(open, { user: A, decision: 'approve', comment: '', contentHash: H1, settings: LIST })).toBe('already');
    expect(checkDecision(open, { user: B, decision: 'approve', comment: '', contentHash: H1, settings: LIST })).toBe('record');
    expect(() => checkDecision(open, { user: B, decision: 'approve', comment: '', contentHash: H2, settings: LIST })).toThrow(/content hash differs/);
    expect(() => checkDecision(open, { user: B, decision: 'request-changes', comment: ' ', contentHash: H1, settings: LIST })).toThrow(/comment is required/);
    expect(() => checkDecision(undefined, { user: B, decision: 'approve', comment: '', contentHash: H1, settings: LIST })).toThrow('There is no such review request.');
    const closed = reviewViews([r], [e('r1', A, 'request-changes', H1, 'fix')])[0]!;
    expect(checkDecision(closed, { user: A, decision: 'request-changes', comment: 'fix', contentHash: H1, settings: LIST })).toBe('already');
    expect(() => checkDecision(closed, { user: B, decision: 'approve', comment: '', contentHash: H1, settings: LIST })).toThrow(/no longer open \(changes requested\)/);
  });

  test('someone removed from the approver list in the settings cannot decide, not even on a request naming them', () => {
    const open = reviewViews([req(1, 1, H1, [A, B])], [])[0]!;
    const withoutB = { approvers: [A], history: [] };
    expect(() => checkDecision(open, { user: B, decision: 'approve', comment: '', contentHash: H1, settings: withoutB })).toThrow('You are no longer in the approver list in the settings, so you cannot decide on the review of v1: nothing was recorded.');
    expect(() => checkDecision(open, { user: B, decision: 'request-changes', comment: 'x', contentHash: H1, settings: withoutB })).toThrow(/no longer in the approver list/);
    expect(checkDecision(open, { user: A, decision: 'approve', comment: '', contentHash: H1, settings: withoutB })).toBe('record');
  });

  test('new requests and withdrawals', () => {
    const views = reviewViews([req(1, 2, H2, [A])], []);
    const base = { seq: 3, label: 'v3', requester: R, allowed: [A, B] };
    expect(checkNewRequest(views, { ...base, approvers: [' Bo@X.org ', 'bo@x.org'] })).toEqual([B]);
    expect(() => checkNewRequest(views, { ...base, approvers: [] })).toThrow('Choose at least one approver for the review.');
    expect(() => checkNewRequest(views, { ...base, approvers: ['z@x.org'] })).toThrow(/Not in the approver list/);
    expect(() => checkNewRequest(views, { ...base, seq: 2, label: 'v2', approvers: [B] })).toThrow('v2 is already in review.');
    expect(() => checkWithdraw(views[0], A, 'x')).toThrow(/Only analyst@x.org/);
    expect(() => checkWithdraw(views[0], R, '')).toThrow(/reason/);
    expect(() => checkWithdraw(views[0], R, 'stale')).not.toThrow();
  });

  test('stored requests are parsed defensively', () => {
    expect(parseReviewRequest(req(1, 1, H1, [A]))).toEqual(req(1, 1, H1, [A]));
    expect(parseReviewRequest({ ...req(1, 1, H1, [A]), policy: 'most' })).toBeNull();
    expect(parseReviewRequest('x')).toBeNull();
  });
});

describe('reports and export', () => {
  test('Sign-offs rows, newest first, text kept as text; a differing tab is detected', () => {
    const views = reviewViews([req(1, 1, H1, [A])], []);
    const log = [e('r1', A, 'request-changes', H1, '=cmd()')];
    const rows = signOffsRows(reviewViews([req(1, 1, H1, [A])], log), log);
    expect(rows.map((r) => r[3])).toEqual(['Changes requested', 'Review requested (all approvers): ana@x.org']);
    // The comment as written: the adapter stores it as plain text (writeTextCells), so no apostrophe.
    expect(rows[0]![6]).toBe('=cmd()');
    expect(reportMatches([['a', 'b'], ['=x']], [['a', 'b', ''], ['=x'], ['', '']])).toBe(true);
    expect(reportMatches([['=x']], [["'=x"]])).toBe(false);
    expect(reportMatches([['a', 'b']], [['a', 'c']])).toBe(false);
    expect(signOffsRows(views, [])).toHaveLength(1);
  });

  test('README block: under the heading when there is one, else appended after a blank row', () => {
    expect(readmeApprovalBlock(['Title', '', 'Approval', 'old', 'old', 'More'], ['one', 'two'])).toEqual({ firstRow: 4, values: [['one'], ['two']] });
    expect(readmeApprovalBlock(['Title', 'x', '', ''], ['one', '2'])).toEqual({ firstRow: 4, values: [['Approval'], ['one'], ['2']] });
    expect(readmeApprovalBlock([], ['one', 'two']).firstRow).toBe(1);
  });

  test('CSV neutralises formula-looking text and quotes what needs it', () => {
    expect(['=1+1', '+1', '-1', '@x', 'a,b', 'say "hi"', 'plain', ' pad'].map(csvCell)).toEqual(["'=1+1", "'+1", "'-1", "'@x", '"a,b"', '"say ""hi"""', 'plain', '" pad"']);
    // Reversible: a value already starting with an apostrophe gets one more, so a reader drops one.
    expect(["'=1+1", "'quoted", "''"].map(csvCell)).toEqual(["''=1+1", "''quoted", "'''"]);
    const hostile = snapshotCsv({ tabs: [{ sheetId: 1, name: 'M', kind: 'mapping', header: ['ID', 'Rule'], keyColumn: 'ID', listColumn: null, rows: HOSTILE_TEXT.map((t, i) => ({ key: `M-${i}`, cells: { ID: `M-${i}`, Rule: t } })) }] }, 'v1');
    expect(parseCsv(hostile).flat().filter((f) => /^[=+\-@\t\r]/.test(f))).toEqual([]);
    expect(readCsvValues(hostile).filter((r) => /^M-\d+$/.test(r[0]!)).map((r) => r[2])).toEqual([...HOSTILE_TEXT]);
    const csv = snapshotCsv({ tabs: [{ sheetId: 1, name: 'M', kind: 'mapping', header: ['ID', 'Rule'], keyColumn: 'ID', listColumn: null, rows: [{ key: 'M-1', cells: { ID: 'M-1', Rule: '=IMPORTXML("x")' } }] }] }, 'v1');
    expect(csv).toBe('Mapspec version,v1\r\n\r\nTab,M,mapping\r\nRow key,ID,Rule\r\nM-1,M-1,"\'=IMPORTXML(""x"")"\r\n');
  });
});

describe('reconcile plan', () => {
  const prot = (r: ReviewRequest, ids: number[]): ReviewRequest => ({ ...r, protectedSheetIds: ids });

  test('ended requests lose their protection; open ones keep theirs while the setting is on', () => {
    const r1 = prot(req(1, 1, H1, [A]), [10, 11]);
    const r2 = prot(req(2, 2, H2, [A]), [11, 12]);
    const r3 = prot(req(3, 3, H3, [B]), [13]);
    const log = [e('r1', A, 'approve', H1), e('r3', R, 'withdraw', H3, 'stale')];
    const views = reviewViews([r1, r2, r3], log);
    expect(protectionPlan(views, true)).toEqual({ protect: [{ sheetIds: [11, 12], label: 'v2' }], unprotect: [10, 13] });
    // Setting off: nothing is protected, but an open request's tabs are not unprotected either.
    expect(protectionPlan(views, false)).toEqual({ protect: [], unprotect: [10, 13] });
    // A later approval supersedes the open older request: it ends, and all its tabs are freed.
    const all = reviewViews([r1, r2, r3], [...log, e('r2', A, 'approve', H2)]);
    expect(protectionPlan(all, true)).toEqual({ protect: [], unprotect: [10, 11, 12, 13] });
  });

  test('the checklist sign-off is due for the approval in force until a sign-off carries it, and not after a newer request', () => {
    const r1 = req(1, 1, H1, [A, B]);
    const log = [e('r1', A, 'approve', H1)];
    expect(checklistSignOffDue(reviewViews([r1], log), log)).toBeNull();
    log.push(e('r1', B, 'approve', H1));
    const due = checklistSignOffDue(reviewViews([r1], log), log);
    expect(due).toEqual({ approver: B, evidence: `Mapping spec v1 approved by ${A}, ${B} on 2026-11-10` });
    const signed = [...log, { n: 9, subject: 'task:t1', action: 'sign-off' as const, by: B, at: '2026-11-10T01:00:00.000Z', comment: '', evidence: due!.evidence }];
    expect(checklistSignOffDue(reviewViews([r1], signed), signed)).toBeNull();
    // A withdrawn sign-off stays withdrawn (the person's call): still not due.
    const withdrawn = [...signed, { n: 10, subject: 'task:t1', action: 'withdraw' as const, by: R, at: '2026-11-10T02:00:00.000Z', comment: 'no' }];
    expect(checklistSignOffDue(reviewViews([r1], withdrawn), withdrawn)).toBeNull();
    // A request made after the approval reopens the task: the older approval owes nothing.
    const r2 = { ...req(2, 2, H2, [A]), requestedAt: '2026-11-11T00:00:00.000Z' };
    expect(checklistSignOffDue(reviewViews([r1, r2], log), log)).toBeNull();
  });
});
