/**
 * Notification settings: the subscriber list (email + mode) and the time trigger's schedule, read
 * leniently from storage and validated strictly when a person saves them.
 */
import { parseEmailList } from '../approvals/emails';
import { UserError } from '../errors';
import type { NotifyMode, NotifySchedule, NotifySettings, Subscriber } from './types';

export const NO_NOTIFY_SETTINGS: NotifySettings = { subscribers: [], schedule: 'hourly' };
/** Keeps the settings within one 9 KB property. */
export const MAX_SUBSCRIBERS = 150;

const MODES: readonly NotifyMode[] = ['every', 'digest', 'off'];

/** Stored settings, or the defaults for anything missing or damaged. */
export function parseNotifySettings(value: unknown): NotifySettings {
  if (!value || typeof value !== 'object') return { ...NO_NOTIFY_SETTINGS, subscribers: [] };
  const v = value as { subscribers?: unknown; schedule?: unknown };
  const subscribers: Subscriber[] = [];
  if (Array.isArray(v.subscribers)) {
    for (const s of v.subscribers) {
      if (s && typeof s === 'object' && typeof s.email === 'string' && MODES.includes(s.mode)) subscribers.push({ email: s.email, mode: s.mode });
    }
  }
  return { subscribers, schedule: v.schedule === 'daily' ? 'daily' : 'hourly' };
}

/**
 * What a person saved: emails normalised (lower case) and checked with parseEmailList, which names
 * every malformed address; a repeated address keeps its first mode.
 */
export function validateNotifySettings(input: { subscribers: readonly { email: string; mode: NotifyMode }[]; schedule: NotifySchedule }): NotifySettings {
  const emails = parseEmailList(input.subscribers.map((s) => s.email), 'subscribers');
  if (emails.length > MAX_SUBSCRIBERS) throw new UserError(`Mapspec did not save the subscribers: at most ${MAX_SUBSCRIBERS} addresses fit (there are ${emails.length}).`);
  const modeOf = new Map<string, NotifyMode>();
  for (const s of input.subscribers) {
    const e = s.email.trim().toLowerCase();
    if (e && !modeOf.has(e)) modeOf.set(e, s.mode);
  }
  return { subscribers: emails.map((email) => ({ email, mode: modeOf.get(email) ?? 'every' })), schedule: input.schedule };
}
