/**
 * The typed client of the server: one promise-returning method per sidebar API function, its
 * payload and result types taken from the server's contract (src/core/api.ts). This file is the
 * only place that calls google.script.run, and it calls only the names in API_NAMES.
 */
import type { SidebarApi } from '../src/core/api';
import { API_NAMES } from '../src/core/api-names';

function call(name: string, payload: unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    google.script.run
      .withSuccessHandler(resolve)
      .withFailureHandler((error: Error) => reject(error instanceof Error ? error : new Error(String(error))))
      [name](payload);
  });
}

export function createClient(): SidebarApi {
  const client: Record<string, (payload: unknown) => Promise<unknown>> = {};
  for (const name of API_NAMES) client[name] = (payload) => call(name, payload);
  return client as unknown as SidebarApi;
}

export const server = createClient();
