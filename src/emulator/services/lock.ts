/** PLACEHOLDER (to be written): emulated GoogleAppsScript.Lock.LockService. */
import type { ExecutionContext } from '../context';

export function createLockService(ctx: ExecutionContext): GoogleAppsScript.Lock.LockService {
  void ctx;
  return {} as GoogleAppsScript.Lock.LockService;
}
