/**
 * The one door through which the versions and sign-off modules announce events: the event becomes
 * one queued email per group of at most 50 recipients (ids derived from the event, so announcing
 * it again adds nothing), written in ONE setProperties, then THOSE messages are sent as far as the
 * daily quota allows, from the account of whoever caused the event (the rest of the queue waits for
 * the trigger owner's run). It never throws into its caller: a
 * tag or a review decision stands even when mail cannot go; what is queued goes on the next run.
 */
import type { MapspecEvent } from '../../core/events';
import { addOverflow, admitMessages, messagesFor, newMessages, OVERFLOW_KEY, parseOverflow, parseQueue, parseSentIds, QUEUE_KEY_PREFIX, recipientsFor, renderEmail, SENT_KEY } from '../../core/notify';
import { jsonValue, parseJson, readAllDocumentProperties, writeDocumentProperties } from '../adapters/properties';
import { activeSpreadsheet } from '../adapters/spreadsheet';
import { withDocumentLock } from '../adapters/lock';
import { readApprovals } from '../approvals/approvals-store';
import { deliverQueued } from './delivery';
import { readNotifySettings, readNotifyState } from './notify-store';

/**
 * The document lock, unless this execution already holds it (tagVersion, a review decision call
 * notifyEvent inside their own): Apps Script locks do not count nesting, so releasing it here would
 * end the caller's lock too.
 */
function underDocumentLock(fn: () => void): void {
  if (LockService.getDocumentLock().hasLock()) fn();
  else withDocumentLock(fn);
}

/** Whether an event would reach anyone, from properties already read (no service call). */
export function hasRecipients(event: MapspecEvent, props: Record<string, string>): boolean {
  return recipientsFor({ kind: 'event', event }, readNotifySettings(props), readApprovals(props).settings.approvers, { subscribersOn: readNotifyState(props).on }).length > 0;
}

/**
 * `props`: the document properties when the caller has just read them (tagVersion does, inside its
 * lock). With no one to tell, the event then costs no service call at all.
 */
export function notifyEvent(event: MapspecEvent, props?: Record<string, string>): void {
  const notification = { kind: 'event' as const, event };
  // Subscribers only while notifications are on; approvers and requesters always.
  const who = (p: Record<string, string>) => recipientsFor(notification, readNotifySettings(p), readApprovals(p).settings.approvers, { subscribersOn: readNotifyState(p).on });
  // A caller's read of the properties: is there anyone to tell?
  try {
    if (props && who(props).length === 0) return;
    underDocumentLock(() => {
      // Read again under the lock: the queue may have changed since the caller's read.
      const current = readAllDocumentProperties();
      const recipients = who(current);
      if (recipients.length === 0) return;
      const ss = activeSpreadsheet();
      const candidates = messagesFor(notification, recipients, { specName: ss.getName(), url: ss.getUrl(), timeZone: ss.getSpreadsheetTimeZone(), now: new Date().toISOString() });
      const fresh = newMessages(candidates, parseQueue(current), parseSentIds(current[SENT_KEY]));
      if (fresh.length === 0) return;
      // The queue has a size cap (core/notify/queue.ts): what does not fit is refused, and the
      // refusal recorded for the sidebar in the same write — never dropped silently.
      const { admitted, refused } = admitMessages(fresh, current);
      const values: Record<string, string> = {};
      for (const m of admitted) values[QUEUE_KEY_PREFIX + m.id] = jsonValue(m, 'a queued email');
      if (refused.length) {
        const overflow = addOverflow(parseOverflow(parseJson(current[OVERFLOW_KEY])), refused.map((m) => renderEmail(m, 4000).subject), new Date().toISOString());
        values[OVERFLOW_KEY] = jsonValue(overflow, 'the list of emails not queued');
        console.error(`Mapspec did not queue ${refused.length} "${event.kind}" email(s): the queue is full.`);
      }
      if (Object.keys(values).length === 0) return;
      writeDocumentProperties(values);
      if (admitted.length === 0) return;
      // Only this event's mail goes now: the queue's other messages (the owner's digests) are
      // not to be sent from the account of whoever caused this event.
      deliverQueued({ ...current, ...values }, new Set(admitted.map((m) => m.id)));
    });
  } catch (e) {
    // The caller's change stands; the reason is in the execution log.
    console.error(`Mapspec could not queue the "${event.kind}" notification: ${e instanceof Error ? e.message : String(e)}`);
  }
}
