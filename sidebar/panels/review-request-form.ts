/**
 * "Request review" of one version: approvers picked from the settings' approver list (checkboxes),
 * a message, an optional due date and the policy (all approvers or any one; the setting is the
 * default). One requestReview call; the requester is the signed-in user (the server's Session).
 */
import type { VersionSummary } from '../../src/core/api';
import type { ReviewState } from '../../src/core/review/api-contract';
import { server } from '../client';
import { h, uid } from '../dom';
import { setStatus } from '../status';
import { reviewAction } from './review-state';

export function requestForm(v: VersionSummary, s: ReviewState, close: () => void): HTMLElement {
  if (s.approverChoices.length === 0) {
    return h('p', { class: 'notice small', role: 'note' }, 'There are no approvers in the settings yet: add the client approvers in Settings, then request the review.');
  }
  const legendId = uid('approvers-legend');
  const boxes = s.approverChoices.map((email) => {
    const id = uid('approver');
    const box = h('input', { type: 'checkbox', id, value: email, name: 'approver' }) as HTMLInputElement;
    return { box, row: h('div', { class: 'field check' }, box, h('label', { for: id, dir: 'auto' }, email)) };
  });
  const messageId = uid('review-message');
  const dueId = uid('review-due');
  const policyName = uid('review-policy');
  const message = h('textarea', { id: messageId, rows: 2, maxlength: 1000, dir: 'auto', placeholder: 'What to look at, what changed' }) as HTMLTextAreaElement;
  const due = h('input', { type: 'date', id: dueId }) as HTMLInputElement;
  const policy = (value: 'all' | 'any', text: string) => {
    const id = uid('policy');
    const radio = h('input', { type: 'radio', id, name: policyName, value }) as HTMLInputElement;
    radio.checked = s.settings.policy === value;
    return { radio, row: h('div', { class: 'field check' }, radio, h('label', { for: id }, text)) };
  };
  const all = policy('all', 'All chosen approvers must approve');
  const any = policy('any', 'Any one approval is enough');
  const form = h(
    'form',
    { class: 'request-form', novalidate: true, 'aria-label': `Request review of ${v.label}` },
    h('fieldset', { 'aria-labelledby': legendId }, h('legend', { id: legendId }, 'Approvers'), ...boxes.map((b) => b.row)),
    h('div', { class: 'field' }, h('label', { for: messageId }, 'Message'), message),
    h('div', { class: 'field' }, h('label', { for: dueId }, 'Due date (optional)'), due),
    h('fieldset', {}, h('legend', {}, 'Policy'), all.row, any.row),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary small', 'data-focus': `send-request-${v.label}` }, 'Send review request'), h('button', { type: 'button', class: 'secondary small', onclick: close }, 'Cancel')),
  ) as HTMLFormElement;
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const approvers = boxes.filter((b) => b.box.checked).map((b) => b.box.value);
    if (approvers.length === 0) {
      setStatus('Choose at least one approver.', 'error');
      boxes[0]!.box.focus();
      return;
    }
    const payload = { seq: v.seq, approvers, message: message.value.trim(), due: due.value === '' ? null : due.value, policy: any.radio.checked ? ('any' as const) : ('all' as const) };
    void reviewAction(`Requesting a review of ${v.label}…`, () => server.requestReview(payload), () => `Review of ${v.label} requested from ${approvers.join(', ')}.`);
  });
  return form;
}
