/**
 * The delivery queue's bookkeeping. Each email waits in its own document property
 * (`mapspec.notify.q.<id>`, kept under 8 KB by trimming its table; the renderer says "and N more")
 * until the daily quota lets it go. Ids make retries harmless: a notification queued again, or
 * one already sent (the recent ids are remembered), is not queued twice.
 *
 * Sending one message (see addon/notify/delivery.ts): mark it "sending", send, record its id as sent,
 * then delete it. A failure MailApp reports (quota, a refused address) puts it back to "queued" with
 * the reason. An execution killed between the mark and the record leaves a "sending" message whose
 * fate is unknown: it is NOT sent again automatically (a duplicate is what we promised never to
 * make) but stays in the queue, shown in the sidebar, so nothing is silently dropped. A "sending"
 * message whose id is already recorded as sent was sent: it is only cleaned up.
 */
import type { MapspecEvent } from '../events';
import { utf8Length } from './bytes';
import { messageCost, splitRecipients } from './recipients';
import type { Notification, QueuedMessage } from './types';

export const QUEUE_KEY_PREFIX = 'mapspec.notify.q.';
export const SENT_KEY = 'mapspec.notify.sent';
/** Under the 9 KB per property value. */
export const MESSAGE_MAX_BYTES = 8000;
/** Recent sent ids remembered: at most this many, and their JSON within SENT_MAX_BYTES. */
export const SENT_IDS_KEPT = 120;
/** The sent-id list is one property: under its 9 KB, whatever the ids' length (a decision's id is ~190 characters). */
export const SENT_MAX_BYTES = 8000;
/**
 * All queued messages together (keys + values) stay under this, well inside the 500 KB of the
 * whole document property store, which the spec, versions and approvals share.
 */
export const QUEUE_MAX_BYTES = 200 * 1024;
/** Where refused event emails are recorded for the sidebar (never dropped silently). */
export const OVERFLOW_KEY = 'mapspec.notify.overflow';
/** The sidebar's queue row that reports refused emails. */
export const OVERFLOW_ROW_ID = 'overflow';

function safe(text: string): string {
  return text.replace(/[^A-Za-z0-9_@.-]+/g, '_').slice(0, 60);
}

/** A notification's id: the same event always gets the same id. */
export function notificationId(n: Notification): string {
  if (n.kind === 'digest') return `d-${n.audience}-${safe(n.since)}`;
  const e: MapspecEvent = n.event;
  switch (e.kind) {
    case 'version-tagged':
      return `v${e.seq}-tagged`;
    case 'review-requested':
      return `r-${safe(e.requestId)}-requested`;
    case 'review-decided':
      return `r-${safe(e.requestId)}-${safe(e.approver)}-${safe(e.at)}`;
    case 'review-withdrawn':
      return `r-${safe(e.requestId)}-withdrawn`;
  }
}

/** The notification with its table cut (whole rows) until the message's JSON fits `maxBytes` (totals stay whole). */
export function fitMessage(message: QueuedMessage, maxBytes = MESSAGE_MAX_BYTES): QueuedMessage {
  const size = (m: QueuedMessage) => utf8Length(JSON.stringify(m));
  if (size(message) <= maxBytes) return message;
  const n = message.notification;
  const lines: unknown[] = n.kind === 'digest' ? n.rows : n.event.kind === 'version-tagged' || n.event.kind === 'review-requested' ? n.event.changes : [];
  const with_ = (count: number): QueuedMessage => {
    if (n.kind === 'digest') return { ...message, notification: { ...n, rows: n.rows.slice(0, count) } };
    const e = n.event;
    if (e.kind === 'version-tagged' || e.kind === 'review-requested') return { ...message, notification: { kind: 'event', event: { ...e, changes: e.changes.slice(0, count) } } };
    return message;
  };
  // Binary search for the most rows that fit.
  let lo = 0;
  let hi = lines.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (size(with_(mid)) <= maxBytes) lo = mid;
    else hi = mid - 1;
  }
  const fitted = with_(lo);
  if (size(fitted) > maxBytes) {
    // Only free text (a note, a comment) can still be too long: cut it.
    const e = fitted.notification.kind === 'event' ? fitted.notification.event : null;
    if (e && 'note' in e) return { ...fitted, notification: { kind: 'event', event: { ...e, note: e.note.slice(0, 1500) } } };
    if (e && 'message' in e) return { ...fitted, notification: { kind: 'event', event: { ...e, message: e.message.slice(0, 1500) } } };
    if (e && 'comment' in e) return { ...fitted, notification: { kind: 'event', event: { ...e, comment: e.comment.slice(0, 1500) } } };
  }
  return fitted;
}

/** One message per group of at most 49 recipients (plus the sender's `to`), ids `<notification id>.<part>`. */
export function messagesFor(n: Notification, recipients: readonly string[], context: { specName: string; url: string; now: string; timeZone?: string }): QueuedMessage[] {
  const id = notificationId(n);
  return splitRecipients(recipients).map((group, i) =>
    fitMessage({ id: `${id}.${i + 1}`, createdAt: context.now, recipients: group, specName: context.specName, url: context.url, ...(context.timeZone ? { timeZone: context.timeZone } : {}), notification: n, state: 'queued', attempts: 0, lastError: '' }),
  );
}

export function parseQueue(props: Record<string, string>): QueuedMessage[] {
  const out: QueuedMessage[] = [];
  for (const [key, value] of Object.entries(props)) {
    if (!key.startsWith(QUEUE_KEY_PREFIX)) continue;
    try {
      const m = JSON.parse(value) as QueuedMessage;
      if (m && typeof m.id === 'string' && Array.isArray(m.recipients) && m.notification) out.push(m);
    } catch {
      // A damaged entry cannot be sent; it stays in the store for a person to look at.
    }
  }
  return out.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function parseSentIds(value: string | undefined): string[] {
  try {
    const v = JSON.parse(value ?? '[]');
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** The ids with `id` last, the oldest dropped until at most SENT_IDS_KEPT fit in `maxBytes` of JSON. */
export function rememberSent(ids: readonly string[], id: string, maxBytes = SENT_MAX_BYTES): string[] {
  const out = [...ids.filter((x) => x !== id), id].slice(-SENT_IDS_KEPT);
  while (out.length > 1 && utf8Length(JSON.stringify(out)) > maxBytes) out.shift();
  return out;
}

/** Bytes the queue takes in the property store (keys and values, as Google counts them). */
export function queueBytes(props: Record<string, string>): number {
  let n = 0;
  for (const [key, value] of Object.entries(props)) if (key.startsWith(QUEUE_KEY_PREFIX)) n += utf8Length(key) + utf8Length(value);
  return n;
}

/**
 * Which new messages fit in the queue (in order, while the queue stays under `maxBytes`); the others
 * are refused, and the caller records them for the sidebar. A digest is never refused this way: the
 * trigger leaves its snapshot where it was, so the next digest covers the same changes.
 */
export function admitMessages(fresh: readonly QueuedMessage[], props: Record<string, string>, maxBytes = QUEUE_MAX_BYTES): { admitted: QueuedMessage[]; refused: QueuedMessage[] } {
  let total = queueBytes(props);
  const admitted: QueuedMessage[] = [];
  const refused: QueuedMessage[] = [];
  for (const m of fresh) {
    const size = utf8Length(QUEUE_KEY_PREFIX + m.id) + utf8Length(JSON.stringify(m));
    if (refused.length === 0 && total + size <= maxBytes) {
      admitted.push(m);
      total += size;
    } else refused.push(m);
  }
  return { admitted, refused };
}

/** Emails refused because the queue was full: how many, when, and the latest subjects. */
export type Overflow = { count: number; first: string; last: string; subjects: string[] };

export function parseOverflow(value: unknown): Overflow | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Partial<Overflow>;
  if (typeof v.count !== 'number' || typeof v.first !== 'string' || typeof v.last !== 'string' || !Array.isArray(v.subjects)) return null;
  return { count: v.count, first: v.first, last: v.last, subjects: v.subjects.filter((x): x is string => typeof x === 'string') };
}

/** The record with `refused` added (subjects kept short and few, so it fits one property). */
export function addOverflow(previous: Overflow | null, subjects: readonly string[], at: string): Overflow {
  const all = [...(previous?.subjects ?? []), ...subjects.map((t) => (t.length > 150 ? `${t.slice(0, 149)}…` : t))];
  return { count: (previous?.count ?? 0) + subjects.length, first: previous?.first ?? at, last: at, subjects: all.slice(-10) };
}

/** The messages not yet queued nor sent (retries of the same notification add nothing). */
export function newMessages(candidates: readonly QueuedMessage[], queued: readonly QueuedMessage[], sent: readonly string[]): QueuedMessage[] {
  const known = new Set([...queued.map((m) => m.id), ...sent]);
  return candidates.filter((m) => !known.has(m.id));
}

export type DeliveryPlan = {
  /** In order; the caller stops at the first quota failure. */
  send: QueuedMessage[];
  /** "sending" messages whose id is recorded as sent: delete them. */
  cleanup: string[];
  /** Why each other message waits. */
  waiting: { id: string; reason: string }[];
};

/**
 * What to send with `quota` recipients left today: oldest first, stopping at the first message
 * that does not fit (so messages go in order); a "sending" message is never retried (see above).
 */
export function planDelivery(queue: readonly QueuedMessage[], quota: number, sent: readonly string[]): DeliveryPlan {
  const sentSet = new Set(sent);
  const plan: DeliveryPlan = { send: [], cleanup: [], waiting: [] };
  let left = quota;
  let blocked = false;
  for (const m of queue) {
    if (sentSet.has(m.id)) {
      plan.cleanup.push(m.id);
      continue;
    }
    if (m.state === 'sending') {
      plan.waiting.push({ id: m.id, reason: 'An execution ended while sending it, so it may have gone out: not retried automatically, to avoid a duplicate.' });
      continue;
    }
    const cost = messageCost(m.recipients);
    if (!blocked && cost <= left) {
      plan.send.push(m);
      left -= cost;
    } else {
      blocked = true;
      plan.waiting.push({ id: m.id, reason: `Waiting for the daily mail quota: needs ${cost} recipients (with the sender's copy), ${Math.max(0, left)} left today.` });
    }
  }
  return plan;
}

/** What MailApp throws when the day's recipients are used up. */
export const MAIL_QUOTA_MESSAGE = 'Service invoked too many times for one day: email';
