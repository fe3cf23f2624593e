/** PLACEHOLDER (to be written): emulated GoogleAppsScript.Mail.MailApp. */
import type { ExecutionContext } from '../context';

export function createMailApp(ctx: ExecutionContext): GoogleAppsScript.Mail.MailApp {
  void ctx;
  return {} as GoogleAppsScript.Mail.MailApp;
}
