/** PLACEHOLDER (to be written): emulated GoogleAppsScript.HTML.HtmlService. */
import type { ExecutionContext } from '../context';

export function createHtmlService(ctx: ExecutionContext, readProjectFile: (name: string) => string | undefined): GoogleAppsScript.HTML.HtmlService {
  void ctx;
  void readProjectFile;
  return {} as GoogleAppsScript.HTML.HtmlService;
}
