/**
 * Sends what the daily quota allows from the queue (see core/notify/queue.ts for the protocol).
 * Each message: mark "sending" (one write), MailApp.sendEmail, then record the id as sent (one
 * write) and delete the message (one write). The caller holds the document lock, so two runs never
 * send the same message.
 */
import { envelope, MAIL_QUOTA_MESSAGE, planDelivery, parseQueue, parseSentIds, QUEUE_KEY_PREFIX, rememberSent, renderEmail, SENT_KEY, type QueuedMessage } from '../../core/notify';
import { documentStore, jsonValue, readAllDocumentProperties } from '../adapters/properties';
import { currentUserEmail } from '../adapters/session';

export type DeliveryResult = { sent: string[]; waiting: { id: string; reason: string }[] };

function errorText(e: unknown): string {
  return e && typeof e === 'object' && 'message' in e ? String((e as Error).message) : String(e);
}

/**
 * `only`: send just these messages (an event sends the mail it has just created, from the account
 * of whoever acted; everything else waits for the trigger owner's run).
 */
export function deliverQueued(props: Record<string, string> = readAllDocumentProperties(), only?: ReadonlySet<string>): DeliveryResult {
  const queue = parseQueue(props).filter((m) => !only || only.has(m.id));
  if (queue.length === 0) return { sent: [], waiting: [] };
  const store = documentStore();
  let sentIds = parseSentIds(props[SENT_KEY]);
  const plan = planDelivery(queue, MailApp.getRemainingDailyQuota(), sentIds);
  for (const id of plan.cleanup) store.deleteProperty(QUEUE_KEY_PREFIX + id);
  const result: DeliveryResult = { sent: [], waiting: [...plan.waiting] };
  let stopped = false;
  const sender = plan.send.length ? (currentUserEmail() ?? '') : '';
  for (const m of plan.send) {
    if (stopped) {
      result.waiting.push({ id: m.id, reason: 'Waiting for the daily mail quota.' });
      continue;
    }
    const key = QUEUE_KEY_PREFIX + m.id;
    const email = renderEmail(m);
    store.setProperty(key, jsonValue({ ...m, state: 'sending', attempts: m.attempts + 1 } satisfies QueuedMessage, 'a queued email'));
    try {
      // Recipients in bcc: no one sees the others' addresses (see core/notify/recipients.ts envelope).
      const { to, bcc } = envelope(m.recipients, sender);
      MailApp.sendEmail({ to, ...(bcc.length ? { bcc: bcc.join(',') } : {}), subject: email.subject, body: email.text, htmlBody: email.html, name: 'Mapspec' });
    } catch (e) {
      // MailApp refused before sending: the message waits, with the reason, for the next run.
      const message = errorText(e);
      const quota = message.includes(MAIL_QUOTA_MESSAGE);
      store.setProperty(key, jsonValue({ ...m, state: 'queued', attempts: m.attempts + 1, lastError: quota ? 'Daily mail quota used up.' : message.slice(0, 300) } satisfies QueuedMessage, 'a queued email'));
      result.waiting.push({ id: m.id, reason: message });
      if (quota) stopped = true;
      continue;
    }
    // Sent: from here on, nothing may stop the bookkeeping of the messages after it. The id list
    // is trimmed by bytes, so it always fits its property.
    sentIds = rememberSent(sentIds, m.id);
    try {
      store.setProperty(SENT_KEY, jsonValue(sentIds, 'the sent email ids'));
    } catch (e) {
      console.error(`Mapspec sent "${m.id}" but could not record it: ${errorText(e)}`);
    }
    store.deleteProperty(key);
    result.sent.push(m.id);
  }
  return result;
}
