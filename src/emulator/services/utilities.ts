/** PLACEHOLDER (to be written): emulated GoogleAppsScript.Utilities.Utilities. */
import type { ExecutionContext } from '../context';

export function createUtilities(ctx: ExecutionContext): GoogleAppsScript.Utilities.Utilities {
  void ctx;
  return {} as GoogleAppsScript.Utilities.Utilities;
}
