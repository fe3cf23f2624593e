/**
 * The sidebar API contract: for each server function the sidebar may call, the zod schema of its one
 * payload and the type of its result. The server parses every payload with these schemas; the
 * sidebar's typed client takes its types from here, so the two cannot drift apart.
 */
import * as z from 'zod';
import type { Json } from './json';

export const apiInputs = {
  /** Everything the sidebar shows when it opens, in one round trip. */
  getSidebarState: z.object({}).strict(),
  /** Makes a tab the active sheet (the sidebar's tab list). */
  activateTab: z.object({ sheetId: z.number().int().nonnegative() }).strict(),
};

export type ApiName = keyof typeof apiInputs;

export type TabSummary = {
  sheetId: number;
  name: string;
  /** 1-based position among the tabs. */
  position: number;
  hidden: boolean;
  /** Last row and column with content (0 when the tab is empty). */
  lastRow: number;
  lastColumn: number;
  active: boolean;
};

export type SidebarState = {
  /** Null when Google does not share the user's email with the add-on (another domain). */
  userEmail: string | null;
  spreadsheetName: string;
  tabs: TabSummary[];
};

export type ApiResults = {
  getSidebarState: SidebarState;
  activateTab: { name: string };
};

/** Results must be JSON: google.script.run cannot carry Dates or functions. */
type AssertJson<T extends Record<ApiName, Json>> = T;
export type CheckedApiResults = AssertJson<ApiResults>;

export type ApiInput<K extends ApiName> = z.input<(typeof apiInputs)[K]>;
export type ApiParsedInput<K extends ApiName> = z.output<(typeof apiInputs)[K]>;

/** What the sidebar sees: one promise-returning function per server function. */
export type SidebarApi = { [K in ApiName]: (input: ApiInput<K>) => Promise<ApiResults[K]> };
