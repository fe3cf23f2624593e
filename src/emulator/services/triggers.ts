/**
 * Installed triggers (state.triggers) seen from outside the script: uncounted helpers for the
 * playground and the runner to find which triggers are due or fire on edit, and to record runs.
 * Scripts manage triggers through ScriptApp (script-app.ts).
 */
import type { EmulatorState, TriggerData } from '../state';
import { zoneFields } from './simple-date-format';

const HOUR = 3600000;
const DAY = 24 * HOUR;

/** CLOCK triggers whose next run is at or before `now` (earliest first). */
export function dueClockTriggers(state: EmulatorState, now: number): TriggerData[] {
  return state.triggers
    .filter((t) => t.eventType === 'CLOCK' && t.nextRunAt !== undefined && t.nextRunAt <= now)
    .sort((a, b) => (a.nextRunAt ?? 0) - (b.nextRunAt ?? 0));
}

/** Installable on-edit triggers, to run (as their owners) after a user edit. */
export function editTriggers(state: EmulatorState): TriggerData[] {
  return state.triggers.filter((t) => t.eventType === 'ON_EDIT');
}

/**
 * Records that a trigger ran at `now`: a repeating CLOCK trigger moves to its next run after
 * `now`; a one-shot (after / at) trigger is removed, as Apps Script disables it after it fires.
 */
export function markTriggerRun(state: EmulatorState, id: string, now: number): void {
  const i = state.triggers.findIndex((t) => t.id === id);
  if (i < 0) return;
  const t = state.triggers[i];
  if (t.eventType !== 'CLOCK') return;
  if (!t.everyMs) {
    state.triggers.splice(i, 1);
    return;
  }
  t.nextRunAt = nextRun(t, now, state.workbook.timeZone);
}

/**
 * The first run after `now` for a repeating CLOCK trigger. Intervals of a day or more with
 * atHour fall on that hour (and nearMinute) in the trigger's time zone; others repeat every
 * `everyMs` from their previous schedule.
 */
export function nextRun(t: TriggerData, now: number, defaultTimeZone: string): number {
  const every = t.everyMs ?? HOUR;
  if (every >= DAY && t.atHour !== undefined) {
    return nextAtHour(now, t.atHour, t.nearMinute ?? 0, t.timezone ?? defaultTimeZone, every);
  }
  let next = t.nextRunAt ?? now;
  if (next <= now) next += Math.ceil((now - next + 1) / every) * every;
  return next;
}

/** The next instant after `now` at hour:minute local time in `timeZone`, `every` days apart. */
export function nextAtHour(now: number, hour: number, minute: number, timeZone: string, every = DAY): number {
  const f = zoneFields(now, timeZone);
  // Local midnight today as if UTC, then corrected by the zone's offset at the candidate time.
  const localTarget = Date.UTC(f.year, f.month - 1, f.day, hour, minute);
  let candidate = localTarget - zoneFields(localTarget - f.offsetMinutes * 60000, timeZone).offsetMinutes * 60000;
  while (candidate <= now) candidate += every;
  return candidate;
}
