/**
 * The sidebar's Notifications section: read the settings, the triggers and the queue; save the
 * subscribers; turn notifications on or off. Identity comes from Session only.
 */
import type { ApiParsedInput, ApiResults, NotificationsView } from '../../core/api';
import { OVERFLOW_KEY, OVERFLOW_ROW_ID, parseOverflow, parseQueue, renderEmail, planDelivery, parseSentIds, SENT_KEY, validateNotifySettings } from '../../core/notify';
import { withDocumentLock } from '../adapters/lock';
import { jsonValue, parseJson, readAllDocumentProperties, writeDocumentProperties } from '../adapters/properties';
import { currentUserEmail } from '../adapters/session';
import { activeSpreadsheet } from '../adapters/spreadsheet';
import { readApprovals } from '../approvals/approvals-store';
import { readEditLog, readNotifySettings, readNotifyState, SETTINGS_KEY } from './notify-store';
import { EDIT_HANDLER, myTriggers, SCHEDULE_HANDLER, turnOff, turnOn } from './notify-triggers';

function view(): NotificationsView {
  const ss = activeSpreadsheet();
  const props = readAllDocumentProperties();
  const state = readNotifyState(props);
  const settings = readNotifySettings(props);
  const triggers = myTriggers(ss, state);
  const quota = MailApp.getRemainingDailyQuota();
  const queue = parseQueue(props);
  const plan = planDelivery(queue, quota, parseSentIds(props[SENT_KEY]));
  const why = new Map(plan.waiting.map((w) => [w.id, w.reason] as const));
  // Emails refused because the queue was full: shown as a row of their own (see notifications-section.ts).
  const overflow = parseOverflow(parseJson(props[OVERFLOW_KEY]));
  const overflowRow: NotificationsView['queue'] = overflow
    ? [{
        id: OVERFLOW_ROW_ID,
        subject: `${overflow.count} email${overflow.count === 1 ? ' was' : 's were'} not queued: the mail queue was full (the daily quota did not keep up)`,
        recipients: 0,
        createdAt: overflow.last,
        state: 'queued',
        reason: `Between ${overflow.first.slice(0, 16).replace('T', ' ')} and ${overflow.last.slice(0, 16).replace('T', ' ')} UTC. Latest: ${overflow.subjects.join(' · ')}`,
      }]
    : [];
  return {
    settings: { subscribers: settings.subscribers.map((s) => ({ ...s })), schedule: settings.schedule },
    on: state.on,
    owner: state.owner,
    me: currentUserEmail() ?? '',
    editTrigger: triggers.some((t) => t.getHandlerFunction() === EDIT_HANDLER),
    timeTrigger: triggers.some((t) => t.getHandlerFunction() === SCHEDULE_HANDLER),
    approvers: [...readApprovals(props).settings.approvers],
    quotaLeft: quota,
    logEntries: readEditLog(props).length,
    queue: queue.map((m) => ({
      id: m.id,
      subject: renderEmail(m, 4000).subject,
      recipients: m.recipients.length,
      createdAt: m.createdAt,
      state: m.state,
      reason: m.lastError || why.get(m.id) || 'Goes out on the next run.',
    })).concat(overflowRow),
  };
}

export function getNotifications(_input: ApiParsedInput<'getNotifications'>): ApiResults['getNotifications'] {
  return view();
}

export function saveNotificationSettings(input: ApiParsedInput<'saveNotificationSettings'>): ApiResults['saveNotificationSettings'] {
  const settings = validateNotifySettings(input);
  let reschedule = false;
  withDocumentLock(() => {
    const props = readAllDocumentProperties();
    const state = readNotifyState(props);
    reschedule = state.on && state.schedule !== settings.schedule;
    writeDocumentProperties({ [SETTINGS_KEY]: jsonValue(settings, 'the notification settings') });
  });
  // A new schedule while on: the time trigger is replaced (turnOn keeps the edit trigger).
  if (reschedule) turnOn();
  return view();
}

export function setNotifications(input: ApiParsedInput<'setNotifications'>): ApiResults['setNotifications'] {
  if (input.on) turnOn();
  else turnOff();
  return view();
}
