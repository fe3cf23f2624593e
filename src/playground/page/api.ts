/**
 * The page's side of the playground API: typed fetch helpers for the server's JSON routes, and the
 * shapes those routes return.
 */
import type { MenuSpec } from '../../emulator/context';
import type { SentMail } from '../../emulator/state';
import type { SheetLayout, ViewCell } from '../grid-view';
import type { ActivityEntry, Notice, SheetAction } from '../session';

export type { MenuSpec, SentMail, SheetLayout, ViewCell, ActivityEntry, Notice, SheetAction };

export interface TabInfo {
  id: number;
  name: string;
  hidden: boolean;
  tabColor: string | null;
}

export interface DocState {
  version: number;
  name: string;
  source: 'demo' | 'xlsx';
  user: string;
  users: string[];
  addonEnabled: boolean;
  menus: MenuSpec[];
  sidebar: { serial: number; title: string; width: number } | null;
  dialog: { serial: number; title: string; width: number; height?: number; modal?: boolean } | null;
  active: { sheetId: number; a1: string };
  tabs: TabInfo[];
  sheet: SheetLayout | null;
  cells: ViewCell[];
  window: { r1: number; r2: number; c1: number; c2: number };
  mailCount: number;
  now: number;
  timeZone: string;
  notices: Notice[];
  activity: ActivityEntry[];
}

export interface RunSummary {
  functionName: string;
  kind: string;
  ok: boolean;
  error?: string;
  authMode: string;
  user: string;
}

export class ApiError extends Error {}

async function asJson<T>(res: Response): Promise<T> {
  const data = (await res.json().catch(() => ({ ok: false, message: `HTTP ${res.status}` }))) as T & { ok?: boolean; message?: string };
  if (!res.ok) throw new ApiError(data.message ?? `HTTP ${res.status}`);
  return data;
}

export async function getJson<T>(url: string): Promise<T> {
  return asJson<T>(await fetch(url, { cache: 'no-store' }));
}

export async function post<T = { ok: boolean }>(url: string, body: unknown = {}): Promise<T> {
  return asJson<T>(await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }));
}
