/**
 * Who receives a notification: subscribers by their mode, approvers for review requests (always,
 * whatever their subscription), the requester for decisions. Addresses are de-duplicated in lower
 * case and sent in groups of at most 50, Apps Script's limit of recipients per message.
 */
import { isEmail, normaliseEmail } from '../approvals/emails';
import type { Notification, NotifySettings } from './types';

export const MAX_RECIPIENTS_PER_MESSAGE = 50;

function subscribersWith(settings: NotifySettings, mode: 'every' | 'digest'): string[] {
  return settings.subscribers.filter((s) => s.mode === mode).map((s) => s.email);
}

export function recipientsFor(notification: Notification, settings: NotifySettings, approvers: readonly string[]): string[] {
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
export function splitRecipients(emails: readonly string[], size = MAX_RECIPIENTS_PER_MESSAGE): string[][] {
  const groups: string[][] = [];
  for (let i = 0; i < emails.length; i += size) groups.push(emails.slice(i, i + size));
  return groups;
}
