/** PLACEHOLDER (to be written): emulated GoogleAppsScript.Base.Session. */
import type { ExecutionContext } from '../context';

export function createSession(ctx: ExecutionContext): GoogleAppsScript.Base.Session {
  void ctx;
  return {} as GoogleAppsScript.Base.Session;
}
