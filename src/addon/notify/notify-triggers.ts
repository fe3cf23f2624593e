/**
 * The two installable triggers notifications run on, and what they do.
 * - notifyOnEdit (on edit): appends one entry to the capped edit log — one property read, one
 *   write, no lock, so typing is not slowed (two edits in the same instant may keep only one entry:
 *   the log is for attribution; the digest itself compares snapshots and misses nothing).
 * - notifyOnSchedule (hourly or daily): for each audience, the digest of the live sheets against
 *   the snapshot last notified, queued, then the queue is sent as the quota allows.
 * Turning on installs one of each (editor add-ons allow one trigger per type per user per
 * document, and time triggers no more often than hourly), idempotently; turning off removes them.
 */
import { UserError } from '../../core/errors';
import {
  admitMessages,
  appendToLog,
  buildDigest,
  specWords,
  locateTab,
  logEntry,
  messagesFor,
  newMessages,
  parseQueue,
  parseSentIds,
  QUEUE_KEY_PREFIX,
  recipientsFor,
  SENT_KEY,
  type Audience,
  type TabLocator,
} from '../../core/notify';
import type { Snapshot } from '../../core/versions/types';
import { withDocumentLock } from '../adapters/lock';
import { documentStore, jsonValue, readAllDocumentProperties, writeDocumentProperties } from '../adapters/properties';
import { currentUserEmail } from '../adapters/session';
import { activeSpreadsheet } from '../adapters/spreadsheet';
import { readTabGrid } from '../adapters/tab-grid';
import { isInternalSheet, registeredTabs } from '../spec/registered-tabs';
import { snapshotTab } from '../spec/spec-snapshot';
import { loadSpec } from '../spec/spec-store';
import { deliverQueued, type DeliveryResult } from './delivery';
import { LOG_KEY, readBaselines, readEditLog, readNotifySettings, readNotifyState, STATE_KEY, writeBaselines, type Baselines, type NotifyState } from './notify-store';

export const EDIT_HANDLER = 'notifyOnEdit';
export const SCHEDULE_HANDLER = 'notifyOnSchedule';
/** A daily digest goes when this long has passed since the last one (an hourly trigger drifts a little). */
const DAY_MS = 23.5 * 3600_000;

// ---- the edit log ----------------------------------------------------------------------------

export function logEdit(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  if (!e || !e.range) return;
  const range = e.range;
  const sheet = range.getSheet();
  const name = sheet.getName();
  if (isInternalSheet(name)) return;
  const props = readAllDocumentProperties();
  const sheetId = sheet.getSheetId();
  if (!loadSpec(props).layouts.has(sheetId)) return;
  const single = range.getNumRows() === 1 && range.getNumColumns() === 1;
  const by = (e.user && typeof e.user.getEmail === 'function' ? e.user.getEmail() : '') || '';
  const entry = logEntry({ at: new Date().toISOString(), by, sheetId, tab: name, a1: range.getA1Notation(), single, old: e.oldValue, new: e.value });
  documentStore().setProperty(LOG_KEY, JSON.stringify(appendToLog(readEditLog(props), entry)));
}

// ---- the digest ------------------------------------------------------------------------------

function readLive(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, props: Record<string, string>): { snapshot: Snapshot; locators: Map<number, TabLocator> } {
  const locators = new Map<number, TabLocator>();
  const tabs = registeredTabs(ss, loadSpec(props)).filter((t) => !isInternalSheet(t.sheet.getName()));
  const snapshot: Snapshot = {
    tabs: tabs.map((t) => {
      const grid = readTabGrid(t.sheet).grid;
      locators.set(t.sheetId, locateTab(t.sheetId, grid.display ?? grid.values, t.layout.headerRow - 1));
      return snapshotTab(t, grid);
    }),
  };
  return { snapshot, locators };
}

/**
 * OPEN QUESTION (see README › Notifications): which document a time-driven trigger of an EDITOR
 * ADD-ON runs against. Google counts an add-on's time triggers per document (the live error "This
 * add-on has created too many time-based triggers in this document for this Google user account"),
 * which says the trigger is tied to the document that created it; this code relies on that: the
 * active spreadsheet, its document properties and lock are that document's. No Google page we could
 * find states that getActiveSpreadsheet() / getDocumentProperties() work in that run under
 * spreadsheets.currentonly; third parties report null for timed triggers (mogsdad/SheetConverter#2)
 * and one add-on library opens files by id with the full spreadsheets scope instead
 * (vtst/google-apps-scripts VtstAddonTriggerLib README). We do not widen the scope on that: if
 * there is no active spreadsheet, the run says so in the execution log and does nothing.
 */
export function runSchedule(): DeliveryResult {
  const active = activeSpreadsheet() as GoogleAppsScript.Spreadsheet.Spreadsheet | null;
  if (!active) {
    console.error('Mapspec notifications: this time-driven run has no active spreadsheet, so it cannot read the spec nor send its queue (see README › Notifications, open question).');
    return { sent: [], waiting: [] };
  }
  return withDocumentLock(() => {
    const ss = active;
    const props = readAllDocumentProperties();
    const state = readNotifyState(props);
    if (state.on) {
      const settings = readNotifySettings(props);
      const log = readEditLog(props);
      const queue = parseQueue(props);
      const sent = parseSentIds(props[SENT_KEY]);
      let live: ReturnType<typeof readLive>;
      try {
        live = readLive(ss, props);
      } catch (e) {
        // A tab Mapspec cannot read (no header any more): no digest this time, but what is queued still goes.
        console.error(`Mapspec could not read the spec for the digest: ${e instanceof Error ? e.message : String(e)}`);
        return deliverQueued(props);
      }
      const { baselines, rows } = readBaselines(ss);
      const now = new Date();
      const at = now.toISOString();
      const next: Baselines = { ...baselines };
      const values: Record<string, string> = {};
      const words = specWords(loadSpec(props).layouts);
      for (const audience of ['every', 'digest'] as const satisfies readonly Audience[]) {
        const base = baselines[audience];
        if (!base) {
          next[audience] = { at, snapshot: live.snapshot };
          continue;
        }
        if (audience === 'digest' && now.getTime() - Date.parse(base.at) < DAY_MS) continue;
        // A digest of this audience still waiting: the next one will cover its period and more.
        if (queue.some((m) => m.id.startsWith(`d-${audience}-`))) continue;
        const digest = buildDigest({ audience, before: base.snapshot, after: live.snapshot, locators: live.locators, log, since: base.at, at, words });
        if (digest) {
          const recipients = recipientsFor(digest, settings, [], { subscribersOn: true });
          const fresh = newMessages(messagesFor(digest, recipients, { specName: ss.getName(), url: ss.getUrl(), timeZone: ss.getSpreadsheetTimeZone(), now: at }), queue, sent);
          const { admitted, refused } = admitMessages(fresh, { ...props, ...values });
          if (refused.length) {
            // The queue is full: this audience's snapshot stays where it was, so a later digest
            // covers these changes once the queue has room. Nothing is lost.
            console.error(`Mapspec kept the "${audience}" digest for later: the mail queue is full.`);
            continue;
          }
          for (const m of admitted) values[QUEUE_KEY_PREFIX + m.id] = jsonValue(m, 'a queued email');
        }
        next[audience] = { at, snapshot: live.snapshot };
      }
      // Queued first, snapshot after: if the second write fails, the next run makes the same
      // digest id again (it derives from the old snapshot's time), which is not queued twice.
      if (Object.keys(values).length) writeDocumentProperties(values);
      writeBaselines(ss, next, rows);
      writeDocumentProperties({ [STATE_KEY]: JSON.stringify({ ...state, baselines: { every: next.every?.at, digest: next.digest?.at } }) });
      return deliverQueued({ ...props, ...values });
    }
    return deliverQueued(props);
  });
}

// ---- turning on and off ----------------------------------------------------------------------

/**
 * This user's notification triggers in THIS document: the document's own (getUserTriggers is per
 * document) and, among the project's triggers, only those whose ids the notify state recorded. An
 * editor add-on's getProjectTriggers() returns the user's triggers across every document the add-on
 * runs in, so matching by handler name there would take another document's time trigger for ours
 * (turning on would install none here; turning off would delete the other document's).
 */
export function myTriggers(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, state: NotifyState): GoogleAppsScript.Script.Trigger[] {
  const ours = new Set(state.triggerIds);
  const seen = new Set<string>();
  const out: GoogleAppsScript.Script.Trigger[] = [];
  const take = (t: GoogleAppsScript.Script.Trigger) => {
    const handler = t.getHandlerFunction();
    if ((handler !== EDIT_HANDLER && handler !== SCHEDULE_HANDLER) || seen.has(t.getUniqueId())) return;
    seen.add(t.getUniqueId());
    out.push(t);
  };
  for (const t of ScriptApp.getUserTriggers(ss)) take(t);
  if (ours.size) for (const t of ScriptApp.getProjectTriggers()) if (ours.has(t.getUniqueId())) take(t);
  return out;
}

/**
 * Installs the edit and time triggers when missing (a second call adds nothing); a time trigger of
 * the other schedule is replaced. Fresh snapshots are taken: what changed before is not news.
 */
export function turnOn(): NotifyState {
  const ss = activeSpreadsheet();
  const owner = currentUserEmail() ?? '';
  return withDocumentLock(() => {
    const props = readAllDocumentProperties();
    const settings = readNotifySettings(props);
    const state = readNotifyState(props);
    const triggers = myTriggers(ss, state);
    // One owner at a time: a second person's triggers would log every edit twice.
    if (state.on && state.owner && state.owner !== owner && triggers.length === 0) {
      throw new UserError(`Notifications are already on, sent from ${state.owner}'s account. Ask them to turn notifications off first if they should come from yours.`);
    }
    // Read first: a spec Mapspec cannot read stops here, before any trigger exists.
    const live = readLive(ss, props);
    let edit = triggers.find((t) => t.getEventType() === ScriptApp.EventType.ON_EDIT);
    let clock = triggers.find((t) => t.getEventType() === ScriptApp.EventType.CLOCK);
    if (clock && state.schedule !== settings.schedule) {
      // Deleted first: an add-on may hold only one time trigger per document.
      ScriptApp.deleteTrigger(clock);
      clock = undefined;
    }
    const created: GoogleAppsScript.Script.Trigger[] = [];
    try {
      if (!edit) created.push((edit = ScriptApp.newTrigger('notifyOnEdit').forSpreadsheet(ss).onEdit().create()));
      if (!clock) {
        const builder = ScriptApp.newTrigger('notifyOnSchedule').timeBased();
        created.push((clock = settings.schedule === 'daily' ? builder.everyDays(1).atHour(7).create() : builder.everyHours(1).create()));
      }
      const at = new Date().toISOString();
      const fresh: NotifyState = {
        on: true,
        owner,
        schedule: settings.schedule,
        baselines: state.on ? state.baselines : { every: at, digest: at },
        triggerIds: [edit.getUniqueId(), clock.getUniqueId()],
      };
      if (!state.on) writeBaselines(ss, { every: { at, snapshot: live.snapshot }, digest: { at, snapshot: live.snapshot } }, readBaselines(ss).rows);
      // The state last: it says "on" only once both triggers exist.
      writeDocumentProperties({ [STATE_KEY]: JSON.stringify(fresh) });
      return fresh;
    } catch (e) {
      // No trigger left running while the state says otherwise.
      for (const t of created) {
        try {
          ScriptApp.deleteTrigger(t);
        } catch (cleanup) {
          console.error(`Mapspec could not remove the trigger it had just created: ${cleanup instanceof Error ? cleanup.message : String(cleanup)}`);
        }
      }
      throw e;
    }
  });
}

/** Removes this user's notification triggers. Another person's triggers can only be removed by them. */
export function turnOff(): NotifyState {
  const ss = activeSpreadsheet();
  return withDocumentLock(() => {
    const props = readAllDocumentProperties();
    const state = readNotifyState(props);
    const mine = myTriggers(ss, state);
    const me = currentUserEmail() ?? '';
    if (mine.length === 0 && state.on && state.owner && state.owner !== me) {
      throw new UserError(`Notifications run on ${state.owner}'s account: only they can turn them off (Google lets each person remove only their own triggers).`);
    }
    for (const t of mine) ScriptApp.deleteTrigger(t);
    const next: NotifyState = { ...state, on: false, triggerIds: [] };
    writeDocumentProperties({ [STATE_KEY]: JSON.stringify(next) });
    return next;
  });
}
