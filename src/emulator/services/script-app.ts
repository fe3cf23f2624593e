/** PLACEHOLDER (to be written): emulated GoogleAppsScript.Script.ScriptApp. */
import type { ExecutionContext } from '../context';

export function createScriptApp(ctx: ExecutionContext): GoogleAppsScript.Script.ScriptApp {
  void ctx;
  return {} as GoogleAppsScript.Script.ScriptApp;
}
