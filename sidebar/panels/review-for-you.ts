/**
 * "vK awaits your review": for a client with a pending request, the request (who asked, the message,
 * the due date, the policy), the diff from the last version they approved (or the whole spec),
 * read-only and grouped by tab, and the two decisions — Approve, or Request changes with a required
 * comment. Each decision is one decideReview call carrying the content hash that was shown.
 */
import type { ReviewForYou } from '../../src/core/review/api-contract';
import { server } from '../client';
import { h, uid } from '../dom';
import { setStatus } from '../status';
import { localDay, reviewAction, reviewHooks } from './review-state';

const COMMENT_MAX = 1000;

export function forYouSection(items: readonly ReviewForYou[]): HTMLElement | null {
  if (items.length === 0) return null;
  return h('section', { class: 'block for-you', 'aria-label': 'Reviews waiting for you' }, ...items.map((item) => forYouCard(item)));
}

function forYouCard(item: ReviewForYou): HTMLElement {
  const r = item.request;
  const headingId = uid('for-you');
  const commentId = uid('review-comment');
  const comment = h('textarea', { id: commentId, rows: 3, maxlength: COMMENT_MAX, dir: 'auto', 'data-focus': `comment-${r.id}` }) as HTMLTextAreaElement;
  const changesButton = h('button', { type: 'button', class: 'secondary', 'data-focus': `request-changes-${r.id}` }, 'Request changes');
  changesButton.addEventListener('click', () => {
    changesForm.hidden = false;
    comment.focus();
  });
  const changesForm = h(
    'form',
    { class: 'changes-form', novalidate: true, hidden: true },
    h('div', { class: 'field' }, h('label', { for: commentId }, 'What should change? (required)'), comment),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary danger', 'data-focus': `send-changes-${r.id}` }, 'Send change request'), h('button', { type: 'button', class: 'secondary', onclick: () => ((changesForm.hidden = true), changesButton.focus()) }, 'Cancel')),
  ) as HTMLFormElement;
  changesForm.addEventListener('submit', (e) => {
    e.preventDefault();
    const text = comment.value.trim();
    if (text === '') {
      comment.setAttribute('aria-invalid', 'true');
      setStatus('Say what should change: a comment is required.', 'error');
      comment.focus();
      return;
    }
    void reviewAction(`Requesting changes to ${r.label}…`, () => server.decideReview({ requestId: r.id, decision: 'request-changes', comment: text, contentHash: r.contentHash }), () => `You requested changes to ${r.label}.`);
  });
  const approve = () =>
    void reviewAction(`Approving ${r.label}…`, () => server.decideReview({ requestId: r.id, decision: 'approve', comment: '', contentHash: r.contentHash }), (p) => {
      const now = p.reviews.requests.find((x) => x.id === r.id);
      return now?.status === 'approved' ? `${r.label} is approved.` : `You approved ${r.label}; waiting for ${now?.waitingOn.join(', ') || 'the other approvers'}.`;
    });
  const diffFrom = item.base ?? 'Nothing approved yet (the whole spec)';
  return h(
    'article',
    { class: 'for-you-card', 'aria-labelledby': headingId, 'data-request': r.id },
    h('h2', { id: headingId, class: 'for-you-heading', tabindex: -1 }, h('span', { dir: 'auto' }, r.label), ' awaits your review'),
    h('p', { class: 'small' }, 'Requested by ', h('span', { dir: 'auto' }, r.requester), ` on ${localDay(r.requestedAt)}`, r.due ? ` · due ${r.due}` : '', ` · ${r.policy === 'all' ? 'every approver must approve' : 'one approval is enough'}`),
    r.message ? h('blockquote', { class: 'review-message', dir: 'auto' }, r.message) : null,
    h('p', { class: 'muted small' }, `Content hash ${r.hash} · `, item.base ? `changes since ${item.base}, the last version you approved` : 'the whole spec: you have not approved a version before', ' (read-only)'),
    h('div', { class: 'diff review-diff' }, ...reviewHooks().diffNodes({ from: diffFrom, to: r.label, diff: item.diff, rowsOmitted: item.rowsOmitted })),
    h(
      'div',
      { class: 'actions decision-actions' },
      h('button', { type: 'button', class: 'primary', 'data-focus': `approve-${r.id}`, onclick: approve }, `Approve ${r.label}`),
      changesButton,
    ),
    changesForm,
  );
}
