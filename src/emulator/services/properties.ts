/** PLACEHOLDER (to be written): emulated GoogleAppsScript.Properties.PropertiesService. */
import type { ExecutionContext } from '../context';

export function createPropertiesService(ctx: ExecutionContext): GoogleAppsScript.Properties.PropertiesService {
  void ctx;
  return {} as GoogleAppsScript.Properties.PropertiesService;
}
