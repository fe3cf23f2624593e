/**
 * The Approvers section of the Settings panel: who may sign off checklist tasks and approve versions
 * (one email per line), saved in ONE saveApprovers call, and the history of every change to the list
 * (who, when, added, removed) as the server recorded it. Malformed addresses are named by the server
 * and nothing is saved. The section is one element kept across redraws of the settings form.
 */
import type { ApproversView, SidebarState } from '../../src/core/api';
import { server } from '../client';
import { h, replace } from '../dom';
import { runTime } from '../format';
import { getState, setState } from '../store';
import { setStatus, work } from '../status';

let host: HTMLElement | null = null;
/** The saved list the textarea was filled from: a redraw with the same list keeps the person's edits. */
let drawnFrom = '';
let box: HTMLTextAreaElement | null = null;

/** The section's element (created once); settings-panel.ts mounts it under its form. */
export function approversSection(): HTMLElement {
  if (!host) host = h('section', { class: 'block approvers', 'aria-labelledby': 'approvers-heading' });
  const state = getState();
  if (state) renderApprovers(state);
  return host;
}

export function renderApprovers(state: SidebarState): void {
  if (!host) return;
  const a = state.approvers;
  const key = JSON.stringify(a);
  if (box && key === drawnFrom) return;
  drawnFrom = key;
  box = h('textarea', { id: 'approvers-list', rows: 3, dir: 'ltr', spellcheck: 'false', autocomplete: 'off', 'aria-describedby': 'approvers-hint', 'data-focus': 'approvers' }) as HTMLTextAreaElement;
  box.value = a.approvers.join('\n');
  const mine = box;
  replace(
    host,
    h('h2', { id: 'approvers-heading' }, 'Approvers'),
    h('label', { for: 'approvers-list', class: 'visually-hidden' }, 'Approver emails'),
    mine,
    h(
      'p',
      { id: 'approvers-hint', class: 'muted small' },
      'One email per line, or several separated by commas. Only these people can sign off checklist tasks and approve versions; every change to the list is recorded. Nobody can add their own address: another person must add you.',
      a.isApprover ? ' You are an approver.' : '',
    ),
    h('div', { class: 'actions' }, h('button', { type: 'button', class: 'secondary', 'data-focus': 'save-approvers', onclick: () => void save(mine) }, 'Update approver list')),
    history(a),
  );
}

function history(a: ApproversView): HTMLElement {
  if (a.history.length === 0) return h('p', { class: 'muted small' }, 'No changes to the approver list yet.');
  return h(
    'details',
    { class: 'history' },
    h('summary', {}, `Changes to the list (${a.history.length})`),
    h(
      'ul',
      { class: 'history-list' },
      ...[...a.history].reverse().map((c) =>
        h(
          'li',
          {},
          h('span', {}, `${c.by}, `, h('time', { datetime: c.at }, runTime(c.at))),
          c.added.length ? h('span', { class: 'small' }, ` — added ${c.added.join(', ')}`) : null,
          c.removed.length ? h('span', { class: 'small' }, ` — removed ${c.removed.join(', ')}`) : null,
        ),
      ),
    ),
  );
}

async function save(input: HTMLTextAreaElement): Promise<void> {
  // Line by line, blank lines kept, so the server's "line 3" is the textarea's third line.
  const approvers = input.value.split(/\r?\n/).map((s) => s.trim());
  const saved = await work('Saving the approvers…', () => server.saveApprovers({ approvers }));
  if (!saved) return;
  const state = getState();
  box = null;
  if (state) setState({ ...state, approvers: saved });
  setStatus(`Saved ${saved.approvers.length} approver${saved.approvers.length === 1 ? '' : 's'}.`, 'success');
  host?.querySelector<HTMLElement>('[data-focus="save-approvers"]')?.focus();
}
