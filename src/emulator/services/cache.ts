/** PLACEHOLDER (to be written): emulated GoogleAppsScript.Cache.CacheService. */
import type { ExecutionContext } from '../context';

export function createCacheService(ctx: ExecutionContext): GoogleAppsScript.Cache.CacheService {
  void ctx;
  return {} as GoogleAppsScript.Cache.CacheService;
}
