/**
 * Who receives a notification: subscribers by their mode, approvers for review requests (always,
 * whatever their subscription), the requester for decisions. Addresses are de-duplicated in lower
 * case. Recipients never see each other: each message goes `to` the sending account itself with the
 * group in `bcc` (see addon/notify/delivery.ts), so a group holds at most 49 addresses and the
 * message, with its `to`, stays within Apps Script's 50 recipients per message.
 */
import { isEmail, normaliseEmail } from '../approvals/emails';
import type { Notification, NotifySettings } from './types';

export const MAX_RECIPIENTS_PER_MESSAGE = 50;
/** Addresses per message in `bcc`: one place is the `to` (the sender's own address). */
export const BCC_PER_MESSAGE = MAX_RECIPIENTS_PER_MESSAGE - 1;

function subscribersWith(settings: NotifySettings, mode: 'every' | 'digest'): string[] {
  return settings.subscribers.filter((s) => s.mode === mode).map((s) => s.email);
}

/**
 * `subscribersOn`: whether notifications are turned on. Off, subscribers hear nothing (their
 * subscription waits); the people an event is addressed to (approvers asked to review, the
 * requester of a decision) still get it, since their work depends on it.
 */
export function recipientsFor(notification: Notification, allSettings: NotifySettings, approvers: readonly string[], options: { subscribersOn: boolean }): string[] {
  const settings: NotifySettings = options.subscribersOn ? allSettings : { ...allSettings, subscribers: [] };
  let list: string[];
  if (notification.kind === 'digest') list = subscribersWith(settings, notification.audience);
  else {
    const e = notification.event;
    switch (e.kind) {
      case 'version-tagged':
        list = subscribersWith(settings, 'every');
        break;
      case 'review-requested':
        // The request names its approvers; the approver list stands in when it names none.
        list = e.approvers.length ? [...e.approvers] : [...approvers];
        break;
      case 'review-decided':
        list = [e.requester, ...subscribersWith(settings, 'every')];
        break;
      case 'review-withdrawn':
        list = [...e.approvers, ...subscribersWith(settings, 'every')];
        break;
    }
  }
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of list) {
    const email = normaliseEmail(raw);
    if (!isEmail(email) || seen.has(email)) continue;
    seen.add(email);
    out.push(email);
  }
  return out;
}

/** Groups of at most `size` addresses, in order. */
export function splitRecipients(emails: readonly string[], size = BCC_PER_MESSAGE): string[][] {
  const groups: string[][] = [];
  for (let i = 0; i < emails.length; i += size) groups.push(emails.slice(i, i + size));
  return groups;
}

/**
 * The envelope of one message: `to` the sending account's own address (it gets a copy, and no
 * recipient sees another's address), the group in `bcc`. With no known sender address (Google may
 * not share it), the group's first address is the `to`: it shows only that person their own address.
 */
export function envelope(recipients: readonly string[], sender: string): { to: string; bcc: string[] } {
  const me = normaliseEmail(sender);
  if (isEmail(me)) return { to: me, bcc: recipients.filter((r) => r !== me) };
  return { to: recipients[0] ?? '', bcc: recipients.slice(1) };
}

/** What a message costs of the daily recipient quota: its group plus the `to` copy. */
export function messageCost(recipients: readonly string[]): number {
  return recipients.length + 1;
}
