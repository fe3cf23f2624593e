/**
 * "vK awaits your review": for a client with a pending request, the request (who asked, the message,
 * the due date, the policy), the diff from the last version they approved (or the whole spec),
 * read-only and grouped by tab, and the two decisions above it — Approve (a confirm step naming the
 * version and its hash, with an optional comment), or Request changes with a required comment. Each
 * decision is one decideReview call carrying the content hash that was shown.
 */
import type { ReviewForYou } from '../../src/core/review/api-contract';
import { server } from '../client';
import { h, uid } from '../dom';
import { requiredTextForm } from './comment-form';
import { localDay, reviewAction, reviewHooks } from './review-state';

const COMMENT_MAX = 1000;

export function forYouSection(items: readonly ReviewForYou[]): HTMLElement | null {
  if (items.length === 0) return null;
  return h('section', { class: 'block for-you', 'aria-label': 'Reviews waiting for you' }, ...items.map((item) => forYouCard(item)));
}

function forYouCard(item: ReviewForYou): HTMLElement {
  const r = item.request;
  const headingId = uid('for-you');
  const changesButton = h('button', { type: 'button', class: 'secondary', 'data-focus': `request-changes-${r.id}` }, 'Request changes');
  const changes = requiredTextForm({
    className: 'changes-form',
    label: 'What should change? (required)',
    rows: 3,
    maxLength: COMMENT_MAX,
    focusKey: `comment-${r.id}`,
    submit: { text: 'Send change request', class: 'primary danger', focusKey: `send-changes-${r.id}` },
    cancelClass: 'secondary',
    emptyMessage: 'Say what should change: a comment is required.',
    onSubmit: (text) =>
      void reviewAction(`Requesting changes to ${r.label}…`, () => server.decideReview({ requestId: r.id, decision: 'request-changes', comment: text, contentHash: r.contentHash }), () => `You requested changes to ${r.label}.`),
    onCancel: () => changesButton.focus(),
  });
  changesButton.addEventListener('click', changes.open);
  // Approving is a legal act: a confirm step names the exact version and its hash, with an optional comment.
  const approveButton = h('button', { type: 'button', class: 'primary', 'data-focus': `approve-${r.id}` }, `Approve ${r.label}…`);
  const confirm = requiredTextForm({
    className: 'approve-form',
    label: 'Comment (optional)',
    rows: 2,
    maxLength: COMMENT_MAX,
    focusKey: `approve-comment-${r.id}`,
    required: false,
    intro: h(
      'p',
      { class: 'approve-intro' },
      'You are approving version ',
      h('strong', { dir: 'auto' }, r.label),
      ', content hash ',
      h('code', { title: r.contentHash }, r.hash),
      ', as the mapping the integration will implement. Your approval is recorded with your account and the time, and holds only for this exact content.',
    ),
    submit: { text: `Confirm approval of ${r.label}`, class: 'primary', focusKey: `confirm-approve-${r.id}` },
    cancelClass: 'secondary',
    emptyMessage: '',
    onSubmit: (comment) =>
      void reviewAction(`Approving ${r.label}…`, () => server.decideReview({ requestId: r.id, decision: 'approve', comment, contentHash: r.contentHash }), (p) => {
        const now = p.reviews.requests.find((x) => x.id === r.id);
        return now?.status === 'approved' ? `${r.label} is approved.` : `You approved ${r.label}; waiting for ${now?.waitingOn.join(', ') || 'the other approvers'}.`;
      }),
    onCancel: () => approveButton.focus(),
  });
  approveButton.addEventListener('click', () => {
    changes.form.hidden = true;
    confirm.open();
  });
  changesButton.addEventListener('click', () => (confirm.form.hidden = true));
  const diffFrom = item.base ?? 'Nothing approved yet (the whole spec)';
  return h(
    'article',
    { class: 'for-you-card', 'aria-labelledby': headingId, 'data-request': r.id },
    h('h2', { id: headingId, class: 'for-you-heading', tabindex: -1 }, h('span', { dir: 'auto' }, r.label), ' awaits your review'),
    h('p', { class: 'small' }, 'Requested by ', h('span', { dir: 'auto' }, r.requester), ` on ${localDay(r.requestedAt)}`, r.due ? ` · due ${r.due}` : '', ` · ${r.policy === 'all' ? 'every approver must approve' : 'one approval is enough'}`),
    r.message ? h('blockquote', { class: 'review-message', dir: 'auto' }, r.message) : null,
    h('p', { class: 'muted small' }, `Content hash ${r.hash} · `, item.base ? `changes since ${item.base}, the last version you approved` : 'the whole spec: you have not approved a version before', ' (read-only, below)'),
    // The decisions before the diff: reachable without scrolling past a long one.
    h('div', { class: 'actions decision-actions' }, approveButton, changesButton),
    confirm.form,
    changes.form,
    h('div', { class: 'diff review-diff' }, ...reviewHooks().diffNodes({ from: diffFrom, to: r.label, diff: item.diff, rowsOmitted: item.rowsOmitted, titles: item.titles })),
  );
}
