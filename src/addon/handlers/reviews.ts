/**
 * Version reviews: request a review of a tagged version, approve or request changes, withdraw, and
 * export an approved version. Who acts comes from Session only; listReviews only reads. Each action runs under the document
 * lock, checks everything first, then writes its ONE record (a request property, or one entry of the
 * shared sign-off log), then runs `reconcile`: the Sign-offs tab, the README lines, tab protection
 * and the checklist sign-off are derived from the records alone, so the next action redoes any that
 * failed. The notification (and a request's reopening of the checklist task) is an event of the
 * action: sent once, after the record, never redone.
 */
import type { ApiParsedInput, ApiResults } from '../../core/api';
import type { MapspecEvent } from '../../core/events';
import { changeRowsFromDiff, diffTitles, EVENT_MAX_ROWS, specWords } from '../../core/notify';
import { UserError } from '../../core/errors';
import { isApprover, normaliseEmail, versionSubject, type SignOffEntry } from '../../core/approvals';
import {
  approvalSummary,
  checklistSignOffDue,
  approvedVersionExport,
  awaitingDecision,
  checkDecision,
  checkNewRequest,
  checkWithdraw,
  currentApproval,
  differsText,
  lastApprovedBy,
  protectionPlan,
  requestId,
  reviewViews,
  signOffsRows,
  snapshotCsv,
  STATUS_TEXT,
  versionStatuses,
  type ReviewRequest,
  type ReviewView,
} from '../../core/review';
import type { ReviewForYou, ReviewPanel, ReviewRequestView, ReviewSettings, ReviewState } from '../../core/review/api-contract';
import { countChangesSince, decodeVersion, diffSnapshots, verifyChain, type Snapshot, type VersionIndexEntry } from '../../core/versions';
import type { VersionList } from '../../core/api';
import { appendSignOffs, readApprovals, requireUserEmail, type Approvals } from '../approvals/approvals-store';
import { reopenMappingSpecTasks, signOffMappingSpecTasks } from '../checklist/mapping-spec-link';
import { notifyEvent } from '../notify/notify-event';
import { withDocumentLock } from '../adapters/lock';
import { readAllDocumentProperties, writeDocumentProperties } from '../adapters/properties';
import { currentUserEmail } from '../adapters/session';
import { activeSpreadsheet } from '../adapters/spreadsheet';
import { appsScriptVersionServices } from '../adapters/version-services';
import { readChunkRows, readVersionIndex, versionsSheet, type StoredRows } from '../adapters/version-store';
import { registeredTabs } from '../spec/registered-tabs';
import { liveSnapshot } from '../spec/spec-snapshot';
import { loadSpec } from '../spec/spec-store';
import { readReviewRequests, readReviewSettings, requestProperty, settingsProperty } from '../review/review-store';
import { applyProtectionPlan, signOffsTabMatches, writeReadmeApproval, writeSignOffsTab } from '../review/review-reports';
import { DIFF_MAX_ROWS_PER_TAB, listVersions } from './versions';

type Ss = GoogleAppsScript.Spreadsheet.Spreadsheet;
const EMPTY: Snapshot = { tabs: [] };

/** What every action reads first: one getProperties call. */
type Loaded = { props: Record<string, string>; approvals: Approvals; requests: ReviewRequest[]; views: ReviewView[]; entries: VersionIndexEntry[] };

function load(): Loaded {
  const props = readAllDocumentProperties();
  const approvals = readApprovals(props);
  const requests = readReviewRequests(props);
  return { props, approvals, requests, views: reviewViews(requests, approvals.log), entries: readVersionIndex(props) };
}

/** Decodes versions from the hidden sheet read once; a tampered version is a UserError naming it. */
function versionReader(ss: Ss) {
  let rows: StoredRows | null = null;
  const services = appsScriptVersionServices();
  const chunkRows = () => (rows ??= readChunkRows(versionsSheet(ss)));
  return {
    services,
    chunkRows,
    snapshot(entry: VersionIndexEntry): Snapshot {
      try {
        return decodeVersion(entry, chunkRows(), services).snapshot;
      } catch (e) {
        services.rethrowServiceFailure();
        throw e;
      }
    },
  };
}

/**
 * The version of a request, only if it exists as requested and passes the versions' integrity check
 * (its stored snapshot matches its hash and its link in the chain holds); otherwise a UserError.
 */
function verifiedVersion(ss: Ss, entries: readonly VersionIndexEntry[], seq: number, contentHash: string | null, what: string): { entry: VersionIndexEntry; reader: ReturnType<typeof versionReader> } {
  const entry = entries.find((e) => e.seq === seq);
  if (!entry) throw new UserError(`There is no version number ${seq}: ${what}`);
  if (contentHash !== null && entry.contentHash !== contentHash) throw new UserError(`Version ${entry.label} is no longer the content that was requested for review: ${what}`);
  const reader = versionReader(ss);
  const report = verifyChain(entries, () => reader.chunkRows(), reader.services);
  reader.services.rethrowServiceFailure();
  const check = report.versions.find((v) => v.seq === seq);
  if (!check || !check.contentOk || !check.linkOk) {
    const why = report.issues.filter((i) => i.seq === seq).map((i) => i.message).join(' ');
    throw new UserError(`${why || `Version ${entry.label} failed its integrity check.`} It cannot be reviewed: ${what}`);
  }
  return { entry, reader };
}

/** Runs a derived write; a failure becomes a notice (the records stand, the next action redoes it). */
function derived(notices: string[], what: string, fn: () => void): void {
  try {
    fn();
  } catch (e) {
    console.error(`Mapspec review: ${what} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    notices.push(`Mapspec could not ${what}; it tries again at the next review action.`);
  }
}

function readmeLines(views: readonly ReviewView[], changes: number | null, timeZone: string): [string, string] {
  const approved = currentApproval(views);
  const inReview = views.filter((v) => v.status === 'in-review').map((v) => v.label);
  const reviewing = inReview.length ? `In review: ${inReview.join(', ')}.` : '';
  if (!approved) return ['Not approved: no version of the mapping spec has been approved yet.', reviewing];
  const differs = changes === null ? `The live sheets could not be compared with ${approved.label}.` : `${differsText(approved.label, changes)}.`;
  return [approvalSummary(approved, timeZone).text, reviewing ? `${differs} ${reviewing}` : differs];
}

/** Live changes since the approved version (reusing the version list's count when it is the latest). */
function changesSinceApproval(ss: Ss, props: Record<string, string>, approved: ReviewView, entries: readonly VersionIndexEntry[], list: VersionList | null, reader = versionReader(ss)) {
  if (list?.pending && list.versions[0]?.seq === approved.seq) return list.pending;
  const entry = entries.find((e) => e.seq === approved.seq);
  if (!entry) return null;
  try {
    return countChangesSince(entry.label, reader.snapshot(entry), liveSnapshot(registeredTabs(ss, loadSpec(props))));
  } catch (e) {
    if (e instanceof UserError) return null;
    throw e;
  }
}

/** The records a reconcile derives from (after an action's record, or as they were when none was made). */
type Records = { requests: readonly ReviewRequest[]; log: Approvals['log']; settings: ReviewSettings };

/**
 * The one derived step, run under the lock by every review action (also when it recorded nothing):
 * the Sign-offs tab, the README approval lines, the review protection (ended requests lose it, open
 * ones keep it while the setting is on) and the checklist sign-off the approval in force still owes.
 * Each part is rewritten from the records alone; a failing part becomes a notice, and the next
 * action's reconcile puts it right.
 */
function reconcile(ss: Ss, loaded: Loaded, records: Records, notices: string[]): void {
  const views = reviewViews(records.requests, records.log);
  derived(notices, 'update the Sign-offs tab', () => writeSignOffsTab(ss, loaded.props, signOffsRows(views, records.log, ss.getSpreadsheetTimeZone())));
  derived(notices, 'update the approval lines of the README tab', () => {
    const approved = currentApproval(views);
    const pending = approved ? changesSinceApproval(ss, loaded.props, approved, loaded.entries, null) : null;
    writeReadmeApproval(ss, loadSpec(loaded.props).readmeSheetId, readmeLines(views, pending ? pending.total : null, ss.getSpreadsheetTimeZone()));
  });
  derived(notices, 'update the review protection of the registered tabs', () => notices.push(...applyProtectionPlan(ss, protectionPlan(views, records.settings.protectDuringReview))));
  const due = checklistSignOffDue(views, records.log);
  if (due) derived(notices, 'sign off the checklist task', () => {
    // The sign-off stands even when its cells could not be written; the checklist says why.
    const { notice } = signOffMappingSpecTasks(due.approver, due.evidence);
    if (notice) notices.push(notice);
  });
}

/** The records as loaded (for an action that recorded nothing). */
function recordsOf(loaded: Loaded): Records {
  return { requests: loaded.requests, log: loaded.approvals.log, settings: readReviewSettings(loaded.props) };
}

/** `approver`: the user is in the approver list in the settings now (a removed approver cannot decide). */
function requestView(v: ReviewView, user: string | null, approver: boolean): ReviewRequestView {
  return {
    id: v.id,
    seq: v.seq,
    label: v.label,
    hash: v.contentHash.slice(0, 8),
    contentHash: v.contentHash,
    approvers: [...v.approvers],
    policy: v.policy,
    message: v.message,
    due: v.due,
    requester: v.requester,
    requestedAt: v.requestedAt,
    status: v.status,
    statusText: STATUS_TEXT[v.status],
    decisions: v.decisions.map((d) => ({ ...d })),
    waitingOn: [...v.waitingOn],
    decidedAt: v.decidedAt,
    withdrawn: v.withdrawn ? { ...v.withdrawn } : null,
    supersededBy: v.supersededBy,
    canDecide: approver && user !== null && v.status === 'in-review' && v.approvers.includes(user),
    canWithdraw: user !== null && v.status === 'in-review' && v.requester === user,
  };
}

/**
 * For tagVersion, under the document lock it holds: the README approval lines against the live sheets,
 * once reviews are in use. A failure fails the tag after its record, like its Changelog tab: the
 * version stands and the next locked action writes the lines again.
 */
export function refreshReviewReadme(ss: Ss): void {
  const loaded = load();
  if (loaded.requests.length === 0) return;
  const approved = currentApproval(loaded.views);
  const pending = approved ? changesSinceApproval(ss, loaded.props, approved, loaded.entries, null) : null;
  writeReadmeApproval(ss, loadSpec(loaded.props).readmeSheetId, readmeLines(loaded.views, pending ? pending.total : null, ss.getSpreadsheetTimeZone()));
}

/** The review state for the signed-in user, over the version list already built. */
function reviewState(ss: Ss, list: VersionList, notices: string[]): ReviewState {
  const loaded = load();
  const email = currentUserEmail();
  const user = email === null ? null : normaliseEmail(email);
  const { views, entries, approvals } = loaded;
  const choices = approvals.settings.approvers;
  const approver = isApprover(approvals.settings, user);
  const visible = approver ? views.filter((v) => v.approvers.includes(user!) || v.requester === user) : views;
  const reader = versionReader(ss);
  const forYou: ReviewForYou[] = [];
  const words = specWords(loadSpec(loaded.props).layouts);
  // Someone removed from the approver list no longer decides (checkDecision refuses it too).
  for (const v of approver ? awaitingDecision(views, user) : []) {
    const entry = entries.find((e) => e.seq === v.seq);
    if (!entry) continue;
    const base = lastApprovedBy(views, user!, v.seq);
    const baseEntry = base ? entries.find((e) => e.seq === base.seq) : undefined;
    try {
      const diff = diffSnapshots(baseEntry ? reader.snapshot(baseEntry) : EMPTY, reader.snapshot(entry), { maxRowsPerTab: DIFF_MAX_ROWS_PER_TAB, maxMovedPerTab: DIFF_MAX_ROWS_PER_TAB });
      forYou.push({ request: requestView(v, user, approver), base: baseEntry ? baseEntry.label : null, diff, rowsOmitted: diff.tabs.reduce((n, t) => n + t.rowsOmitted, 0), titles: diffTitles(diff, words) });
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      notices.push(`${v.label} awaits your review but cannot be shown: ${e.message}`);
    }
  }
  const approved = currentApproval(views);
  let approval: ReviewState['approval'] = null;
  if (approved) {
    const pending = changesSinceApproval(ss, loaded.props, approved, entries, list, reader);
    const changes = pending ? pending.total : -1;
    // Shown here only: a read never writes (the README lines are refreshed under the lock by actions).
    approval = { ...approvalSummary(approved, ss.getSpreadsheetTimeZone()), changes, differsText: pending ? differsText(approved.label, changes) : `The live sheets could not be compared with ${approved.label}`, pending };
  }
  const statuses = [...versionStatuses(views).values()].map((v) => ({ seq: v.seq, status: v.status, statusText: STATUS_TEXT[v.status], requestId: v.id }));
  return {
    user,
    isApprover: approver,
    approverChoices: approver ? [] : [...choices],
    settings: readReviewSettings(loaded.props),
    requests: visible.map((v) => requestView(v, user, approver)).reverse(),
    versionStatus: statuses,
    approval,
    forYou,
    signOffsMismatch: !signOffsTabMatches(ss, loaded.props, signOffsRows(views, approvals.log, ss.getSpreadsheetTimeZone())),
    notices,
  };
}

function panel(ss: Ss, notices: string[] = []): ReviewPanel {
  const versions = listVersions({});
  return { versions, reviews: reviewState(ss, versions, notices) };
}

export function listReviews(_input: ApiParsedInput<'listReviews'>): ApiResults['listReviews'] {
  return panel(activeSpreadsheet());
}

export function requestReview(input: ApiParsedInput<'requestReview'>): ApiResults['requestReview'] {
  const ss = activeSpreadsheet();
  const requester = requireUserEmail('request a review');
  const notices: string[] = [];
  withDocumentLock(() => {
    const loaded = load();
    const nothing = 'nothing was recorded.';
    const { entry, reader } = verifiedVersion(ss, loaded.entries, input.seq, null, nothing);
    const approvers = checkNewRequest(loaded.views, { seq: entry.seq, label: entry.label, requester, approvers: input.approvers, allowed: loaded.approvals.settings.approvers });
    const settings = readReviewSettings(loaded.props);
    const tabs = settings.protectDuringReview ? registeredTabs(ss, loadSpec(loaded.props)).map((t) => t.sheet) : [];
    const n = loaded.requests.reduce((max, r) => Math.max(max, r.n), 0) + 1;
    // The tabs to protect are those without a protection of their own, decided before the record.
    const toProtect = tabs.filter((s) => s.getProtections(SpreadsheetApp.ProtectionType.SHEET).length === 0);
    const request: ReviewRequest = {
      id: requestId(n),
      n,
      seq: entry.seq,
      label: entry.label,
      contentHash: entry.contentHash,
      approvers,
      policy: input.policy ?? settings.policy,
      message: input.message.trim(),
      due: input.due,
      requester,
      requestedAt: new Date().toISOString(),
      protectedSheetIds: toProtect.map((s) => s.getSheetId()),
    };
    writeDocumentProperties(requestProperty(request)); // the record
    derived(notices, 'reopen the checklist task', () => {
      const { notice } = reopenMappingSpecTasks(`Review of mapping spec ${entry.label} requested by ${requester} on ${request.requestedAt.slice(0, 10)}`);
      if (notice) notices.push(notice);
    });
    derived(notices, 'notify the approvers', () => {
      const base = currentApproval(loaded.views);
      const baseEntry = base ? loaded.entries.find((e) => e.seq === base.seq) : undefined;
      const diff = diffSnapshots(baseEntry ? reader.snapshot(baseEntry) : EMPTY, reader.snapshot(entry), { maxRowsPerTab: EVENT_MAX_ROWS, maxMovedPerTab: 0 });
      const { rows, totals } = changeRowsFromDiff(diff, specWords(loadSpec(loaded.props).layouts));
      notifyEvent({ kind: 'review-requested', requestId: request.id, label: request.label, seq: request.seq, requester, approvers: [...approvers], message: request.message, due: request.due, policy: request.policy, at: request.requestedAt, base: baseEntry ? baseEntry.label : null, changes: rows, totals });
    });
    reconcile(ss, loaded, { ...recordsOf(loaded), requests: [...loaded.requests, request] }, notices);
  });
  return panel(ss, notices);
}

/**
 * A decision or withdrawal, under the lock: `check` refuses (UserError) or says there is nothing to
 * record; otherwise the ONE log entry about the request's version is appended (the record), then the
 * action's event is announced (`event`, with the request as it now stands) and everything derived is
 * reconciled. Returns the panel with any notices.
 */
function recordOnRequest(
  ss: Ss,
  requestId: string,
  by: string,
  action: 'approve' | 'request-changes' | 'withdraw',
  comment: string,
  check: (view: ReviewView | undefined, loaded: Loaded) => 'record' | 'already',
  event: (now: ReviewView, entry: SignOffEntry) => { what: string; event: MapspecEvent },
): ReviewPanel {
  const notices: string[] = [];
  withDocumentLock(() => {
    const loaded = load();
    const view = loaded.views.find((v) => v.id === requestId);
    // Asking twice records nothing, but still puts the derived parts right.
    if (check(view, loaded) === 'already' || !view) return reconcile(ss, loaded, recordsOf(loaded), notices);
    const [entry] = appendSignOffs(loaded.approvals.log, [{ subject: versionSubject(view.seq), action, comment: comment.trim(), requestId: view.id, contentHash: view.contentHash }], by); // the record
    const log = [...loaded.approvals.log, entry!];
    const now = reviewViews(loaded.requests, log).find((v) => v.id === view.id)!;
    const announce = event(now, entry!);
    derived(notices, announce.what, () => notifyEvent(announce.event));
    reconcile(ss, loaded, { ...recordsOf(loaded), log }, notices);
  });
  return panel(ss, notices);
}

export function decideReview(input: ApiParsedInput<'decideReview'>): ApiResults['decideReview'] {
  const ss = activeSpreadsheet();
  const approver = requireUserEmail('record your decision');
  return recordOnRequest(
    ss,
    input.requestId,
    approver,
    input.decision,
    input.comment,
    (view, loaded) => {
      const verdict = checkDecision(view, { user: approver, decision: input.decision, comment: input.comment, contentHash: input.contentHash, settings: loaded.approvals.settings });
      if (verdict === 'record') verifiedVersion(ss, loaded.entries, view!.seq, view!.contentHash, 'nothing was recorded.');
      return verdict;
    },
    (now, entry) => ({
      what: 'notify the requester',
      event: { kind: 'review-decided', requestId: now.id, label: now.label, seq: now.seq, requester: now.requester, approver, decision: input.decision === 'approve' ? 'approved' : 'changes-requested', comment: entry.comment, status: now.status === 'approved' || now.status === 'changes-requested' ? now.status : 'in-review', at: entry.at },
    }),
  );
}

export function withdrawReview(input: ApiParsedInput<'withdrawReview'>): ApiResults['withdrawReview'] {
  const ss = activeSpreadsheet();
  const user = requireUserEmail('withdraw a review request');
  return recordOnRequest(
    ss,
    input.requestId,
    user,
    'withdraw',
    input.reason,
    (view) => {
      checkWithdraw(view, user, input.reason);
      return 'record';
    },
    (now, entry) => ({
      what: 'notify the approvers',
      event: { kind: 'review-withdrawn', requestId: now.id, label: now.label, seq: now.seq, requester: now.requester, approvers: [...now.approvers], reason: entry.comment, at: entry.at },
    }),
  );
}

export function saveReviewSettings(input: ApiParsedInput<'saveReviewSettings'>): ApiResults['saveReviewSettings'] {
  const ss = activeSpreadsheet();
  const user = requireUserEmail('change the review settings');
  const notices: string[] = [];
  withDocumentLock(() => {
    const loaded = load();
    if (isApprover(loaded.approvals.settings, user)) throw new UserError('Approvers cannot change the review settings: ask the analyst who requests reviews.');
    const settings: ReviewSettings = { policy: input.policy, protectDuringReview: input.protectDuringReview };
    writeDocumentProperties(settingsProperty(settings)); // the record
    reconcile(ss, loaded, { ...recordsOf(loaded), settings }, notices);
  });
  return panel(ss, notices);
}

/** A file name from a label: letters, digits, dot, dash, underscore. */
function fileStem(label: string, hash: string): string {
  const safe = label.normalize('NFKD').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
  return `mapspec-${safe || 'version'}-${hash.slice(0, 8)}`;
}

export function exportVersion(input: ApiParsedInput<'exportVersion'>): ApiResults['exportVersion'] {
  const ss = activeSpreadsheet();
  const loaded = load();
  const review = loaded.views.filter((v) => v.seq === input.seq && (v.status === 'approved' || v.status === 'superseded')).pop();
  const label = loaded.entries.find((e) => e.seq === input.seq)?.label ?? `number ${input.seq}`;
  if (!review) throw new UserError(`Version ${label} has not been approved: only an approved version is exported.`);
  const { entry, reader } = verifiedVersion(ss, loaded.entries, review.seq, review.contentHash, 'it is not exported.');
  const snapshot = reader.snapshot(entry);
  const stem = fileStem(entry.label, entry.contentHash);
  if (input.format === 'csv') {
    const words = specWords(loadSpec(loaded.props).layouts);
    return { filename: `${stem}.csv`, mimeType: 'text/csv', content: snapshotCsv(snapshot, entry.label, (sheetId, column) => words(sheetId).title(column)) };
  }
  const data = approvedVersionExport(entry, loaded.entries, snapshot, review);
  return { filename: `${stem}.json`, mimeType: 'application/json', content: JSON.stringify(data, null, 2) + '\n' };
}

/**
 * For the sidebar state: the first review waiting for this user's decision, from the properties the
 * caller read (or one read). No spreadsheet call, and only the review records are read (a damaged
 * version entry must not stop the sidebar from opening).
 */
export function awaitingReviewFor(user: string | null, props: Record<string, string> = readAllDocumentProperties()): { requestId: string; label: string } | null {
  if (!user) return null;
  const approvals = readApprovals(props);
  // Someone removed from the approver list no longer decides, so nothing awaits them.
  if (!isApprover(approvals.settings, user)) return null;
  const views = reviewViews(readReviewRequests(props), approvals.log);
  const first = awaitingDecision(views, normaliseEmail(user))[0];
  return first ? { requestId: first.id, label: first.label } : null;
}
