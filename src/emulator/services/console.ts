/** PLACEHOLDER (to be written): console and Logger. */
import type { ExecutionContext } from '../context';

export function createConsole(ctx: ExecutionContext): Pick<Console, 'log' | 'info' | 'warn' | 'error'> {
  void ctx;
  return {} as Console;
}
export function createLogger(ctx: ExecutionContext): GoogleAppsScript.Base.Logger {
  void ctx;
  return {} as GoogleAppsScript.Base.Logger;
}
