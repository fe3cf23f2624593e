/**
 * Session: who runs the execution (active user), with whose authority (effective user), and the
 * script's time zone and the user's locale.
 *
 * Scopes: getActiveUser / getEffectiveUser need userinfo.email; without it Apps Script refuses the
 * call itself ("You do not have permission to call Session.getActiveUser. Required permissions:
 * https://www.googleapis.com/auth/userinfo.email", as public reports of the live error show),
 * rather than returning an empty email.
 *
 * When the email is hidden: the Session reference says getEmail() returns "" when security
 * policies hide the user's identity — in contexts that run without that user's authorization
 * (simple triggers, i.e. AuthMode.LIMITED, and runs under someone else's authority such as an
 * installable trigger owned by another user) — except when the user is the script's owner / effective
 * user or in the same Google Workspace domain. Consumer domains (gmail.com) never count as shared.
 *
 * Effective user: ExecutionOptions.effectiveUser (the runner sets it to the trigger's owner for
 * installable triggers); otherwise the active user. The script owner, for the domain rule, is
 * the effective user when set, else state.users.known[0].
 *
 * Script time zone: the emulator keeps no manifest time zone, so the workbook's is used.
 * Locale: "en" (the emulator does not model user language settings).
 */
import { createHash } from 'node:crypto';
import type { ExecutionContext, MethodPolicy } from '../context';
import { SCOPES, instrument } from '../context';

const CONSUMER_DOMAINS = new Set(['gmail.com', 'googlemail.com']);

const USER_POLICY: MethodPolicy = { minAuth: 'LIMITED', scopes: [SCOPES.userinfoEmail] };
// Session needs authorization like the other services: nothing of it is available in NONE.
const POLICY: MethodPolicy = { minAuth: 'LIMITED' };

function domainOf(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

export function createSession(ctx: ExecutionContext): GoogleAppsScript.Base.Session {
  const effective = (): string => ctx.options.effectiveUser ?? ctx.user;

  const activeEmailVisible = (): boolean => {
    const owner = ctx.options.effectiveUser ?? ctx.state.users.known[0] ?? ctx.user;
    const runsWithUsersAuthority = ctx.authMode === 'FULL' && effective() === ctx.user;
    if (runsWithUsersAuthority || ctx.user === owner) return true;
    const domain = domainOf(ctx.user);
    return !CONSUMER_DOMAINS.has(domain) && domain === domainOf(owner);
  };

  // The deprecated getTimeZone / getUser / User.getUserLoginId are left "not emulated".
  const session = {
    getActiveUser: () => createUser(ctx, activeEmailVisible() ? ctx.user : ''),
    getEffectiveUser: () => createUser(ctx, effective()),
    getScriptTimeZone: () => ctx.state.workbook.timeZone,
    getActiveUserLocale: () => 'en',
    // Opaque, stable per user and project (Apps Script rotates it every 30 days; we do not).
    getTemporaryActiveUserKey: () =>
      createHash('sha256').update(`${ctx.state.workbook.id}\u0000${ctx.user}`).digest('base64url').slice(0, 43),
  };
  return instrument(ctx, 'Session', session, { getActiveUser: USER_POLICY, getEffectiveUser: USER_POLICY }, POLICY) as unknown as GoogleAppsScript.Base.Session;
}

function createUser(ctx: ExecutionContext, email: string): GoogleAppsScript.Base.User {
  const user = {
    getEmail: () => email,
    toString: () => email,
  };
  // Once the Session call was allowed, reading the User needs nothing more.
  return instrument(ctx, 'User', user, {}, { minAuth: 'NONE' }) as unknown as GoogleAppsScript.Base.User;
}
