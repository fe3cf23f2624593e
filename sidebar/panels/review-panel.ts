/**
 * The review section of the Versions panel: the approval in force ("Approved: v2 (hash) by … on …",
 * "The live sheets differ from v2 by N changes" with the diff one click away), what awaits the
 * signed-in user (review-for-you.ts), the review requests with their status and decisions (withdraw
 * for the requester), a notice when the Sign-offs tab was edited, and the review settings. Per
 * version (in the version list): a status badge, "Request review" (review-request-form.ts) and, for
 * an approved version, export as JSON or CSV. A client sees only what they may act on.
 */
import type { VersionSummary } from '../../src/core/api';
import type { ExportedFile, ReviewRequestView, ReviewState } from '../../src/core/review/api-contract';
import { server } from '../client';
import { h, icon, replace, uid } from '../dom';
import { setStatus, work } from '../status';
import { requiredTextForm } from './comment-form';
import { forYouSection } from './review-for-you';
import { requestForm } from './review-request-form';
import { isClientView, localDay, reviewAction, reviewHooks, reviewState, statusBadge, statusOfVersion } from './review-state';

let host: HTMLElement;
let exportHost: HTMLElement;

export function initReviewSection(container: HTMLElement): void {
  host = container;
  exportHost = h('div', { class: 'export-host' });
}

/** Redraws the section from the state last received. */
export function renderReviewSection(): void {
  const s = reviewState();
  if (!s) return;
  replace(
    host,
    approvalBar(s),
    s.signOffsMismatch
      ? h('p', { class: 'notice tampered', role: 'alert' }, icon('⚠'), ' The Sign-offs tab was edited: it no longer shows what the records say. The records are unchanged; the tab is rewritten at the next review action.')
      : null,
    forYouSection(s.forYou),
    requestsSection(s),
    exportHost,
    s.isApprover ? null : settingsSection(s),
  );
}

/** Moves the focus to the first review waiting for the user (the sidebar opened on it). */
export function focusAwaitingReview(): boolean {
  const heading = host.querySelector<HTMLElement>('.for-you-heading');
  if (!heading) return false;
  heading.focus({ preventScroll: true });
  heading.scrollIntoView({ block: 'start' });
  return true;
}

function approvalBar(s: ReviewState): HTMLElement {
  const a = s.approval;
  if (!a) {
    const inReview = s.requests.filter((r) => r.status === 'in-review').map((r) => r.label);
    return h(
      'div',
      { class: 'approval-bar pending tone-empty', role: 'note' },
      h('span', { class: 'pending-icon', 'aria-hidden': 'true' }, 'ⓘ'),
      h('span', { class: 'pending-text' }, h('strong', { class: 'pending-title' }, 'Not approved yet'), h('span', { class: 'pending-more' }, inReview.length ? `In review: ${inReview.join(', ')}.` : 'No version of the spec has been approved.')),
    );
  }
  const moved = a.changes !== 0;
  return h(
    'div',
    { class: `approval-bar pending ${moved ? 'tone-changes' : 'tone-clean'}`, role: 'note' },
    h('span', { class: 'pending-icon', 'aria-hidden': 'true' }, '✓'),
    h(
      'span',
      { class: 'pending-text' },
      h('strong', { class: 'pending-title approval-text', dir: 'auto' }, a.text),
      h('span', { class: 'pending-more approval-differs' }, a.differsText),
      moved ? h('button', { type: 'button', class: 'link small', 'data-focus': 'approval-diff', onclick: () => reviewHooks().showChangesSince(a.label) }, `Show the changes since ${a.label}`) : null,
    ),
  );
}

function requestsSection(s: ReviewState): HTMLElement | null {
  if (s.requests.length === 0) return s.isApprover && s.forYou.length === 0 ? h('p', { class: 'empty' }, 'No review is waiting for you.') : null;
  return h('section', { class: 'block reviews', 'aria-labelledby': 'reviews-heading' }, h('h2', { id: 'reviews-heading' }, 'Reviews'), h('ol', { class: 'review-list' }, ...s.requests.map((r) => requestItem(r))));
}

function requestItem(r: ReviewRequestView): HTMLLIElement {
  const decided = new Map(r.decisions.map((d) => [d.approver, d]));
  const withdraw = requiredTextForm({
    className: 'withdraw-form',
    label: 'Reason for withdrawing (required)',
    maxLength: 1000,
    focusKey: `reason-${r.id}`,
    submit: { text: 'Withdraw the request', class: 'danger small' },
    cancelClass: 'secondary small',
    emptyMessage: 'Give a reason for withdrawing the request.',
    onSubmit: (text) => void reviewAction(`Withdrawing the review of ${r.label}…`, () => server.withdrawReview({ requestId: r.id, reason: text }), () => `The review of ${r.label} was withdrawn.`),
  });
  return h(
    'li',
    { class: 'review-item', 'data-request': r.id },
    h('div', { class: 'version-head' }, h('strong', { dir: 'auto' }, r.label), statusBadge(r.status, r.statusText), h('code', { class: 'hash', title: `Content hash ${r.contentHash}` }, r.hash)),
    h('p', { class: 'muted small' }, 'Requested by ', h('span', { dir: 'auto' }, r.requester), ` on ${localDay(r.requestedAt)}`, r.due ? ` · due ${r.due}` : '', ` · ${r.policy === 'all' ? 'all approvers' : 'any one approver'}`),
    r.message ? h('p', { class: 'review-message small', dir: 'auto' }, r.message) : null,
    h(
      'ul',
      { class: 'approver-list small' },
      ...r.approvers.map((a) => {
        const d = decided.get(a);
        return h(
          'li',
          { 'data-approver': a },
          h('span', { dir: 'auto' }, a),
          ': ',
          d ? h('span', { class: `decision d-${d.decision}` }, d.decision === 'approve' ? 'approved' : 'requested changes', ` on ${localDay(d.at)}`) : h('span', { class: 'muted' }, r.status === 'in-review' ? 'waiting' : 'did not decide'),
          d && d.comment ? h('span', { class: 'decision-comment', dir: 'auto' }, ` — “${d.comment}”`) : null,
        );
      }),
    ),
    r.withdrawn ? h('p', { class: 'small' }, `Withdrawn by ${r.withdrawn.by} on ${localDay(r.withdrawn.at)}: `, h('span', { dir: 'auto' }, r.withdrawn.reason)) : null,
    r.supersededBy ? h('p', { class: 'small muted' }, `Superseded by the approval of ${r.supersededBy}.`) : null,
    r.canWithdraw
      ? h('div', { class: 'actions' }, h('button', { type: 'button', class: 'link small', 'data-focus': `withdraw-${r.id}`, onclick: withdraw.open }, `Withdraw the review of ${r.label}`))
      : null,
    r.canWithdraw ? withdraw.form : null,
  );
}

function settingsSection(s: ReviewState): HTMLElement {
  const policyId = uid('review-policy');
  const protectId = uid('review-protect');
  const policy = h('select', { id: policyId }, h('option', { value: 'all' }, 'All chosen approvers'), h('option', { value: 'any' }, 'Any one approver')) as HTMLSelectElement;
  policy.value = s.settings.policy;
  const protect = h('input', { type: 'checkbox', id: protectId }) as HTMLInputElement;
  protect.checked = s.settings.protectDuringReview;
  const form = h(
    'form',
    { class: 'review-settings', novalidate: true },
    h('div', { class: 'field inline' }, h('label', { for: policyId }, 'A review is approved by'), policy),
    h('div', { class: 'field check' }, protect, h('label', { for: protectId }, 'Protect the spec tabs (warning only) while a version is in review')),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'secondary small' }, 'Save review settings')),
  ) as HTMLFormElement;
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void reviewAction('Saving the review settings…', () => server.saveReviewSettings({ policy: policy.value === 'any' ? 'any' : 'all', protectDuringReview: protect.checked }), () => 'Review settings saved.');
  });
  return h('details', { class: 'block review-settings-block' }, h('summary', {}, 'Review settings'), form);
}

/** What the version list shows per version: its review status, and what the user may do with it. */
export function versionReviewControls(v: VersionSummary): HTMLElement | null {
  const s = reviewState();
  if (!s) return null;
  const st = statusOfVersion(v);
  const approved = st?.status === 'approved' || st?.status === 'superseded';
  const canRequest = !isClientView() && !v.tampered && (!st || st.status === 'changes-requested') && !(s.approval && s.approval.seq > v.seq);
  const formHost = h('div', { class: 'request-host' });
  const buttons = [
    canRequest
      ? h('button', { type: 'button', class: 'link small', 'data-focus': `request-${v.label}`, 'aria-label': `Request review of ${v.label}`, onclick: () => toggleForm(formHost, v) }, 'Request review')
      : null,
    approved ? h('button', { type: 'button', class: 'link small', 'data-focus': `export-json-${v.label}`, 'aria-label': `Export ${v.label} as JSON`, onclick: () => void exportVersion(v, 'json') }, 'Export JSON') : null,
    approved ? h('button', { type: 'button', class: 'link small', 'data-focus': `export-csv-${v.label}`, 'aria-label': `Export ${v.label} as CSV`, onclick: () => void exportVersion(v, 'csv') }, 'Export CSV') : null,
  ].filter((b): b is HTMLButtonElement => b !== null);
  if (!st && buttons.length === 0) return null;
  return h('div', { class: 'version-review' }, st ? statusBadge(st.status, st.statusText) : null, ...buttons, formHost);
}

function toggleForm(formHost: HTMLElement, v: VersionSummary): void {
  if (formHost.firstChild) {
    formHost.replaceChildren();
    return;
  }
  const s = reviewState();
  if (!s) return;
  formHost.append(requestForm(v, s, () => formHost.replaceChildren()));
  formHost.querySelector<HTMLElement>('input, textarea, button')?.focus();
}

async function exportVersion(v: VersionSummary, format: 'json' | 'csv'): Promise<void> {
  const file = await work(`Exporting ${v.label} as ${format.toUpperCase()}…`, () => server.exportVersion({ seq: v.seq, format }));
  if (!file) return;
  showExport(file);
  setStatus(`Exported ${file.filename}.`, 'success');
}

/** Offers the file for download, and shows it (a sandboxed sidebar may not allow downloads). */
function showExport(file: ExportedFile): void {
  const url = URL.createObjectURL(new Blob([file.content], { type: file.mimeType }));
  const link = h('a', { href: url, download: file.filename, class: 'download-link' }, `Download ${file.filename}`);
  const text = h('textarea', { class: 'export-text', readonly: true, rows: 8, 'aria-label': `Contents of ${file.filename}`, spellcheck: 'false' }) as HTMLTextAreaElement;
  text.value = file.content;
  replace(exportHost, h('section', { class: 'block export', 'aria-label': `Export ${file.filename}` }, h('h2', {}, 'Export'), h('p', {}, link), h('details', {}, h('summary', {}, 'Show the file'), text)));
  link.click();
  link.focus();
}
