/**
 * The Notifications section of the Settings panel: subscribers (email + every event / daily digest /
 * off) and the digest schedule, saved in ONE saveNotificationSettings call (emails are checked on
 * the server, which names a malformed one); "Turn on notifications" / "Turn off" (one call each),
 * whose account sends the mail, the approvers (who always get review requests), and the queue of
 * emails still waiting with why. Loaded with one getNotifications call when Settings opens.
 */
import type { NotificationsView } from '../../src/core/api';
import { server } from '../client';
import { h, replace, uid } from '../dom';
import { onPanelChange } from '../nav';
import { setStatus, work } from '../status';

type Mode = NotificationsView['settings']['subscribers'][number]['mode'];
type RowInputs = { email: HTMLInputElement; mode: HTMLSelectElement };

const MODES: { value: Mode; label: string }[] = [
  { value: 'every', label: 'Every event' },
  { value: 'digest', label: 'Daily digest' },
  { value: 'off', label: 'Off' },
];

let host: HTMLElement;
let current: NotificationsView | null = null;

export function mountNotificationsSection(container: HTMLElement): void {
  host = container;
  replace(host, h('section', { class: 'block notifications', 'aria-labelledby': 'notifications-heading' }, h('h2', { id: 'notifications-heading' }, 'Notifications'), h('p', { class: 'muted small' }, 'Loading…')));
  onPanelChange((panel) => {
    if (panel === 'settings') void load();
  });
}

async function load(): Promise<void> {
  const view = await work('Loading notifications…', () => server.getNotifications({}));
  if (view) draw(view);
}

function modeSelect(mode: Mode, label: string): HTMLSelectElement {
  const select = h('select', { 'aria-label': label }, ...MODES.map((m) => h('option', { value: m.value, selected: m.value === mode }, m.label))) as HTMLSelectElement;
  return select;
}

function draw(view: NotificationsView): void {
  current = view;
  const rows: RowInputs[] = [];
  const list = h('ul', { class: 'subscriber-list plain-list' });
  const addRow = (email: string, mode: Mode, focus = false) => {
    const n = rows.length + 1;
    const input = h('input', { type: 'email', value: email, dir: 'auto', autocomplete: 'off', spellcheck: 'false', placeholder: 'name@example.org', 'aria-label': `Subscriber ${n} email` }) as HTMLInputElement;
    const select = modeSelect(mode, `Subscriber ${n} gets`);
    const entry: RowInputs = { email: input, mode: select };
    rows.push(entry);
    const li = h(
      'li',
      { class: 'subscriber' },
      input,
      select,
      h('button', {
        type: 'button',
        class: 'secondary small',
        'aria-label': `Remove subscriber ${n}`,
        onclick: () => {
          rows.splice(rows.indexOf(entry), 1);
          li.remove();
        },
      }, '✕'),
    );
    list.append(li);
    if (focus) input.focus();
  };
  for (const s of view.settings.subscribers) addRow(s.email, s.mode);

  const scheduleId = uid('schedule');
  const schedule = h(
    'select',
    { id: scheduleId },
    h('option', { value: 'hourly', selected: view.settings.schedule === 'hourly' }, 'Hourly'),
    h('option', { value: 'daily', selected: view.settings.schedule === 'daily' }, 'Daily'),
  ) as HTMLSelectElement;

  const form = h(
    'form',
    { class: 'notify-form', novalidate: true },
    h('h3', {}, 'Subscribers'),
    view.settings.subscribers.length === 0 ? h('p', { class: 'muted small' }, 'No subscribers yet: add the people who should hear about changes.') : null,
    list,
    h('div', { class: 'actions' }, h('button', { type: 'button', class: 'secondary', onclick: () => addRow('', 'every', true) }, '+ Add subscriber')),
    h('div', { class: 'field' }, h('label', { for: scheduleId }, 'Digest of changes for “Every event” subscribers'), schedule),
    h('p', { class: 'muted small' }, '“Daily digest” subscribers get one digest a day. Editor add-ons may not run more often than hourly.'),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Update subscribers')),
  ) as HTMLFormElement;
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void save(rows, schedule.value === 'daily' ? 'daily' : 'hourly');
  });

  const stateText = view.on
    ? `On. Digests and retries are sent from ${view.owner || 'the account that turned notifications on'}'s account${view.owner && view.owner === view.me ? ' (yours)' : ''}; an event's email goes from the account of whoever acts.`
    : 'Off. Review requests still go to the approvers when they are made.';
  const toggle = view.on
    ? h('button', { type: 'button', class: 'secondary', onclick: () => void setOn(false) }, 'Turn off notifications')
    : h('button', { type: 'button', class: 'primary', onclick: () => void setOn(true) }, 'Turn on notifications');

  // The server reports emails refused because the queue was full as a row with this id
  // (core/notify/queue.ts OVERFLOW_ROW_ID): shown as a warning, not as an email waiting.
  const overflow = view.queue.find((q) => q.id === 'overflow');
  const waiting = view.queue.filter((q) => q.id !== 'overflow');
  const queue = waiting.length
    ? h(
        'ul',
        { class: 'queue-list' },
        ...waiting.map((q) =>
          h('li', { class: 'queued' }, h('span', { class: 'queued-subject', dir: 'auto' }, q.subject), h('span', { class: 'muted small' }, ` — ${q.recipients} recipient${q.recipients === 1 ? '' : 's'}. ${q.reason}`)),
        ),
      )
    : h('p', { class: 'muted small' }, 'Nothing waiting: every email has gone out.');
  const overflowNotice = overflow ? h('p', { class: 'notice warning queue-overflow', role: 'status', dir: 'auto' }, `${overflow.subject}. ${overflow.reason}`) : null;

  replace(
    host,
    h(
      'section',
      { class: 'block notifications', 'aria-labelledby': 'notifications-heading' },
      h('h2', { id: 'notifications-heading' }, 'Notifications'),
      h('p', { class: 'notify-state', dir: 'auto' }, stateText),
      view.on ? h('p', { class: 'muted small' }, `Triggers: edit ${view.editTrigger ? 'installed' : 'not yours'}, ${view.settings.schedule} ${view.timeTrigger ? 'installed' : 'not yours'}.`) : null,
      h('div', { class: 'actions' }, toggle),
      form,
      h('h3', {}, 'Approvers'),
      h('p', { class: 'muted small', dir: 'auto' }, view.approvers.length ? `Always get review requests: ${view.approvers.join(', ')}.` : 'No approvers yet.'),
      h('h3', {}, `Waiting to be sent (${waiting.length})`),
      h('p', { class: 'muted small' }, `Mail quota left today: ${view.quotaLeft} recipient${view.quotaLeft === 1 ? '' : 's'}.`),
      overflowNotice,
      queue,
    ),
  );
}

async function save(rows: RowInputs[], schedule: 'hourly' | 'daily'): Promise<void> {
  const subscribers = rows.map((r) => ({ email: r.email.value.trim(), mode: r.mode.value as Mode })).filter((s) => s.email !== '');
  const view = await work('Saving subscribers…', () => server.saveNotificationSettings({ subscribers, schedule }));
  if (!view) return;
  draw(view);
  setStatus('Subscribers saved.', 'success');
}

async function setOn(on: boolean): Promise<void> {
  const view = await work(on ? 'Turning notifications on…' : 'Turning notifications off…', () => server.setNotifications({ on }));
  if (!view) return;
  draw(view);
  setStatus(on ? 'Notifications are on.' : 'Notifications are off.', 'success');
}

/** For tests and other panels: the last view drawn. */
export function lastNotifications(): NotificationsView | null {
  return current;
}
