/**
 * ScriptApp: the AuthMode / EventType / TriggerSource enums (as plain strings, so
 * `e.authMode === ScriptApp.AuthMode.NONE` works) and installable triggers kept in state.triggers.
 *
 * Trigger limits: 20 triggers per user per script (quotas page) -> "This script has too many
 * triggers. Triggers must be deleted from the script before more can be added." (the live text,
 * quoted in many public reports). For editor add-ons (state.addon !== false), the triggers guide's
 * add-on restrictions: one trigger of each type per user per document -> "This add-on has created
 * too many time-based triggers in this document for this Google user account." (live text; public
 * reports show it for a second on-edit trigger too); time-driven triggers at most hourly ->
 * "Add-ons may not create time-based triggers to run more frequently than once per hour." (from a
 * public project's tests recording a live failure; not confirmed by a Google page); triggers only
 * for the document the add-on is used in (our wording, real text unknown). An add-on's time
 * trigger is recorded with the document it was created in (TriggerData.documentId), since Google's
 * limit counts them "in this document", while getProjectTriggers() lists the user's triggers of
 * every document. A time trigger runs with that document active: whether the real service gives an
 * add-on's time trigger an active spreadsheet under spreadsheets.currentonly is an open question
 * (README › Notifications), not modelled either way beyond that.
 * "The value you passed to everyMinutes was invalid" is quoted from a live failure; the sentence
 * listing the accepted values, and the everyHours twin, follow it by analogy.
 *
 * Scopes and modes: trigger methods need script.scriptapp and full authorization (simple triggers
 * cannot install triggers). getOAuthToken, getIdentityToken, getService, requireScopes, calendar,
 * document and form triggers, onWeekDay / onMonthDay / atDate are not emulated.
 */
import { randomInt } from 'node:crypto';
import type { ExecutionContext, MethodPolicy } from '../context';
import { SCOPES, instrument, isDate } from '../context';
import type { TriggerData } from '../state';
import { nextAtHour } from './triggers';
import { enumOf, requireArgs, scriptArray } from './util';

export const MAX_TRIGGERS_PER_USER = 20;
export const TOO_MANY_TRIGGERS_ERROR = 'This script has too many triggers. Triggers must be deleted from the script before more can be added.';
export const ADDON_DUPLICATE_TRIGGER_ERROR =
  'This add-on has created too many time-based triggers in this document for this Google user account.';
export const ADDON_SUBHOURLY_ERROR = 'Add-ons may not create time-based triggers to run more frequently than once per hour.';
export const ADDON_OTHER_DOCUMENT_ERROR = 'Add-ons can only create triggers for the document in which they are used.';

const TRIGGER_POLICY: MethodPolicy = { minAuth: 'FULL', scopes: [SCOPES.scriptApp] };
// The enums and getAuthorizationInfo serve code that checks what it may do (e.g. onOpen in LIMITED).
const INFO_POLICY: MethodPolicy = { minAuth: 'LIMITED' };

const MINUTE = 60000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const AUTH_MODE = enumOf(['NONE', 'CUSTOM_FUNCTION', 'LIMITED', 'FULL'] as const);
const EVENT_TYPE = enumOf(['CLOCK', 'ON_OPEN', 'ON_EDIT', 'ON_FORM_SUBMIT', 'ON_CHANGE', 'ON_EVENT_UPDATED'] as const);
const TRIGGER_SOURCE = enumOf(['SPREADSHEETS', 'CLOCK', 'FORMS', 'DOCUMENTS', 'CALENDAR'] as const);

export function createScriptApp(ctx: ExecutionContext): GoogleAppsScript.Script.ScriptApp {
  /** Triggers belong to whoever's authority the script runs with. */
  const owner = (): string => ctx.options.effectiveUser ?? ctx.user;
  const isAddon = ctx.state.addon !== false;
  const mine = () => ctx.state.triggers.filter((t) => t.owner === owner());

  const install = (data: Omit<TriggerData, 'id' | 'owner'>): GoogleAppsScript.Script.Trigger => {
    const existing = mine();
    // An add-on's time trigger belongs to the document it was created in: one per type per document.
    if (isAddon && data.eventType === 'CLOCK') data = { ...data, documentId: ctx.state.workbook.id };
    const place = (t: Omit<TriggerData, 'id' | 'owner'>) => t.sourceId ?? t.documentId ?? null;
    if (isAddon && existing.some((t) => t.eventType === data.eventType && place(t) === place(data))) {
      throw ctx.error(ADDON_DUPLICATE_TRIGGER_ERROR);
    }
    if (existing.length >= MAX_TRIGGERS_PER_USER) throw ctx.error(TOO_MANY_TRIGGERS_ERROR);
    // Apps Script's unique ids are long decimal strings.
    const id = String(randomInt(1, 2 ** 47)) + String(randomInt(0, 1e6)).padStart(6, '0');
    const trigger: TriggerData = { id, owner: owner(), ...data };
    ctx.state.triggers.push(trigger);
    return wrapTrigger(ctx, trigger);
  };

  const app = {
    AuthMode: AUTH_MODE,
    AuthorizationStatus: enumOf(['REQUIRED', 'NOT_REQUIRED'] as const),
    EventType: EVENT_TYPE,
    InstallationSource: enumOf(['APPS_MARKETPLACE_DOMAIN_ADD_ON', 'NONE', 'WEB_STORE_ADD_ON'] as const),
    TriggerSource: TRIGGER_SOURCE,
    WeekDay: enumOf(['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'] as const),

    /** The current user's installable triggers in this project. */
    getProjectTriggers: () => scriptArray(ctx, mine().map((t) => wrapTrigger(ctx, t))),

    /** The current user's triggers for this project in the given spreadsheet. */
    getUserTriggers(...args: unknown[]) {
      requireArgs(ctx, 'ScriptApp.getUserTriggers', args, 1);
      const id = documentId(ctx, args[0]);
      return scriptArray(ctx, mine().filter((t) => t.sourceId === id).map((t) => wrapTrigger(ctx, t)));
    },

    deleteTrigger(...args: unknown[]) {
      requireArgs(ctx, 'ScriptApp.deleteTrigger', args, 1);
      const trigger = args[0] as { _id?: () => string; getUniqueId?: () => string };
      const id = typeof trigger._id === 'function' ? trigger._id() : String(trigger.getUniqueId?.());
      const i = ctx.state.triggers.findIndex((t) => t.id === id && t.owner === owner());
      if (i >= 0) ctx.state.triggers.splice(i, 1);
    },

    newTrigger(...args: unknown[]) {
      requireArgs(ctx, 'ScriptApp.newTrigger', args, 1);
      return createTriggerBuilder(ctx, String(args[0]), install, isAddon);
    },

    getAuthorizationInfo(...args: unknown[]) {
      requireArgs(ctx, 'ScriptApp.getAuthorizationInfo', args, 1);
      // In NONE / LIMITED the user has not (yet) authorized this script for this document.
      const required = ctx.authMode !== 'FULL';
      const info = {
        getAuthorizationStatus: () => (required ? 'REQUIRED' : 'NOT_REQUIRED'),
        getAuthorizationUrl: () => (required ? 'https://script.google.com/macros/emulated/authorize' : null),
      };
      return instrument(ctx, 'AuthorizationInfo', info, {}, { minAuth: 'NONE' });
    },
  };
  const policies: Record<string, MethodPolicy> = { getAuthorizationInfo: INFO_POLICY };
  return instrument(ctx, 'ScriptApp', app, policies, TRIGGER_POLICY) as unknown as GoogleAppsScript.Script.ScriptApp;
}

/** The spreadsheet id from an id string or a Spreadsheet (its getId() is a counted call). */
function documentId(ctx: ExecutionContext, doc: unknown): string {
  if (typeof doc === 'string') return doc;
  if (typeof doc === 'object' && doc !== null && typeof (doc as { getId?: unknown }).getId === 'function') {
    return String((doc as { getId(): string }).getId());
  }
  throw ctx.argumentError('ScriptApp.getUserTriggers', 'Object');
}

function wrapTrigger(ctx: ExecutionContext, t: TriggerData): GoogleAppsScript.Script.Trigger {
  const trigger = {
    _id: () => t.id,
    getUniqueId: () => t.id,
    getHandlerFunction: () => t.handlerFunction,
    getEventType: () => t.eventType,
    getTriggerSource: () => t.source,
    getTriggerSourceId: () => t.sourceId ?? null,
  };
  return instrument(ctx, 'Trigger', trigger, {}, TRIGGER_POLICY) as unknown as GoogleAppsScript.Script.Trigger;
}

type Install = (data: Omit<TriggerData, 'id' | 'owner'>) => GoogleAppsScript.Script.Trigger;

function createTriggerBuilder(ctx: ExecutionContext, handlerFunction: string, install: Install, isAddon: boolean) {
  const builder = {
    forSpreadsheet(...args: unknown[]) {
      requireArgs(ctx, 'ScriptApp.TriggerBuilder.forSpreadsheet', args, 1);
      return createSpreadsheetTriggerBuilder(ctx, handlerFunction, documentId(ctx, args[0]), install, isAddon);
    },
    timeBased: () => createClockTriggerBuilder(ctx, handlerFunction, install, isAddon),
  };
  return instrument(ctx, 'TriggerBuilder', builder, {}, TRIGGER_POLICY);
}

function createSpreadsheetTriggerBuilder(ctx: ExecutionContext, handlerFunction: string, sourceId: string, install: Install, isAddon: boolean) {
  let eventType: TriggerData['eventType'] | null = null;
  const builder = {
    onOpen: () => ((eventType = 'ON_OPEN'), builder),
    onEdit: () => ((eventType = 'ON_EDIT'), builder),
    onChange: () => ((eventType = 'ON_CHANGE'), builder),
    onFormSubmit: () => ((eventType = 'ON_FORM_SUBMIT'), builder),
    create() {
      // Real text unknown: Apps Script refuses a spreadsheet trigger with no event chosen.
      if (!eventType) throw ctx.error('Missing event type: call onOpen(), onEdit(), onChange() or onFormSubmit() before create().');
      if (isAddon && sourceId !== ctx.state.workbook.id) throw ctx.error(ADDON_OTHER_DOCUMENT_ERROR);
      return install({ handlerFunction, eventType, source: 'SPREADSHEETS', sourceId });
    },
  };
  return instrument(ctx, 'SpreadsheetTriggerBuilder', builder, {}, TRIGGER_POLICY);
}

const EVERY_MINUTES = [1, 5, 10, 15, 30];
const EVERY_HOURS = [1, 2, 4, 6, 8, 12];

function createClockTriggerBuilder(ctx: ExecutionContext, handlerFunction: string, install: Install, isAddon: boolean) {
  let everyMs: number | undefined;
  let subHourly = false;
  let runAt: number | undefined;
  let atHour: number | undefined;
  let nearMinute: number | undefined;
  let timezone: string | undefined;

  const int = (v: unknown) => Math.trunc(Number(v));
  const builder = {
    everyMinutes(n: unknown) {
      if (!EVERY_MINUTES.includes(int(n))) throw ctx.error('The value you passed to everyMinutes was invalid. It must be one of 1, 5, 10, 15 or 30.');
      everyMs = int(n) * MINUTE;
      subHourly = true;
      return builder;
    },
    everyHours(n: unknown) {
      if (!EVERY_HOURS.includes(int(n))) throw ctx.error('The value you passed to everyHours was invalid. It must be one of 1, 2, 4, 6, 8 or 12.');
      everyMs = int(n) * HOUR;
      return builder;
    },
    everyDays(n: unknown) {
      if (!(int(n) >= 1)) throw ctx.error('Invalid argument: days');
      everyMs = int(n) * DAY;
      return builder;
    },
    everyWeeks(n: unknown) {
      if (!(int(n) >= 1)) throw ctx.error('Invalid argument: weeks');
      everyMs = int(n) * 7 * DAY;
      return builder;
    },
    atHour(h: unknown) {
      if (!(int(h) >= 0 && int(h) <= 23)) throw ctx.error('Invalid argument: hour');
      atHour = int(h);
      return builder;
    },
    nearMinute(m: unknown) {
      if (!(int(m) >= 0 && int(m) <= 59)) throw ctx.error('Invalid argument: minute');
      nearMinute = int(m);
      return builder;
    },
    inTimezone(tz: unknown) {
      timezone = String(tz);
      return builder;
    },
    after(ms: unknown) {
      runAt = ctx.now() + Math.max(0, int(ms));
      return builder;
    },
    at(date: unknown) {
      if (!isDate(date)) throw ctx.argumentError('ScriptApp.ClockTriggerBuilder.at', typeof date === 'string' ? 'String' : typeof date);
      runAt = (date as Date).getTime();
      return builder;
    },
    create() {
      if (everyMs === undefined && runAt === undefined) {
        // Real text unknown.
        throw ctx.error('Missing schedule: call everyMinutes, everyHours, everyDays, everyWeeks, after or at before create().');
      }
      if (isAddon && subHourly) throw ctx.error(ADDON_SUBHOURLY_ERROR);
      const data: Omit<TriggerData, 'id' | 'owner'> = { handlerFunction, eventType: 'CLOCK', source: 'CLOCK' };
      if (everyMs !== undefined) {
        data.everyMs = everyMs;
        if (atHour !== undefined && everyMs >= DAY) {
          data.atHour = atHour;
          if (nearMinute !== undefined) data.nearMinute = nearMinute;
          if (timezone !== undefined) data.timezone = timezone;
          data.nextRunAt = nextAtHour(ctx.now(), atHour, nearMinute ?? 0, timezone ?? ctx.state.workbook.timeZone, DAY);
        } else {
          data.nextRunAt = ctx.now() + everyMs;
        }
      } else {
        data.nextRunAt = runAt;
      }
      return install(data);
    },
  };
  return instrument(ctx, 'ClockTriggerBuilder', builder, {}, TRIGGER_POLICY);
}
