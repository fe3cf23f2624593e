/**
 * Where notifications keep their state. Document properties (each value under Apps Script's 9 KB,
 * the whole store under 500 KB): settings (`mapspec.notify.settings`), on/off and the trigger
 * owner with each audience's last-notified time (`mapspec.notify.state`), the capped edit log
 * (`mapspec.notify.log`, ≤ 8 KB), one property per queued email (`mapspec.notify.q.<id>`, ≤ 8 KB)
 * and the recent sent ids (`mapspec.notify.sent`). The snapshots last notified can be far larger,
 * so they live in the hidden sheet `_mapspec_notify` as rows [audience, at, part, parts, text],
 * compressed with the versions codec's canonical JSON + gzip + base64, read and written whole.
 */
import { base64Decode, base64Encode } from '../../core/versions/base64';
import { canonicalSnapshotJson, parseSnapshotJson } from '../../core/versions/canonical';
import { textServices } from '../../core/versions/codec';
import type { Snapshot } from '../../core/versions/types';
import { parseEditLog, parseNotifySettings, type Audience, type EditLogEntry, type NotifySettings } from '../../core/notify';
import { appsScriptVersionServices } from '../adapters/version-services';
import { insertSheetQuietly } from '../adapters/spreadsheet';
import { parseJson } from '../adapters/properties';

export const SETTINGS_KEY = 'mapspec.notify.settings';
export const STATE_KEY = 'mapspec.notify.state';
export const LOG_KEY = 'mapspec.notify.log';
export const BASELINE_SHEET = '_mapspec_notify';
const CHUNK = 45_000;
const WIDTH = 5;

/**
 * `triggerIds`: getUniqueId() of the triggers turnOn installed in THIS document. An add-on's
 * getProjectTriggers() lists the user's triggers of every document, so the time trigger is only
 * ever recognised by these ids (a trigger of another document is never matched or deleted).
 */
export type NotifyState = { on: boolean; owner: string; schedule: 'hourly' | 'daily'; baselines: Partial<Record<Audience, string>>; triggerIds: string[] };

export function readNotifySettings(props: Record<string, string>): NotifySettings {
  return parseNotifySettings(parseJson(props[SETTINGS_KEY]));
}

export function readNotifyState(props: Record<string, string>): NotifyState {
  const s = parseJson<Partial<NotifyState>>(props[STATE_KEY]) ?? {};
  return { on: s.on === true, owner: typeof s.owner === 'string' ? s.owner : '', schedule: s.schedule === 'daily' ? 'daily' : 'hourly', baselines: s.baselines && typeof s.baselines === 'object' ? s.baselines : {},
    triggerIds: Array.isArray(s.triggerIds) ? s.triggerIds.filter((x): x is string => typeof x === 'string') : [],
  };
}

export function readEditLog(props: Record<string, string>): EditLogEntry[] {
  return parseEditLog(parseJson(props[LOG_KEY]));
}

export type Baselines = Partial<Record<Audience, { at: string; snapshot: Snapshot }>>;

// Strings straight to Utilities (the versions' text services): only the compressed bytes cross as
// byte arrays. Handing the whole snapshot's JSON over as a plain array of numbers cost several
// times its size in memory (a 20,000-row spec's digest run peaked past 600 MB that way).
function encode(snapshot: Snapshot): string {
  return base64Encode(textServices(appsScriptVersionServices()).gzipUtf8(canonicalSnapshotJson(snapshot)));
}

function decode(text: string): Snapshot {
  return parseSnapshotJson(textServices(appsScriptVersionServices()).gunzipToUtf8(base64Decode(text)));
}

/** Every audience's snapshot in one read; a damaged one is left out (the next run starts afresh). */
export function readBaselines(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): { baselines: Baselines; rows: number } {
  const sheet = ss.getSheetByName(BASELINE_SHEET);
  if (!sheet) return { baselines: {}, rows: 0 };
  const values = sheet.getDataRange().getValues();
  const parts = new Map<string, { at: string; texts: string[]; count: number }>();
  for (const [audience, at, part, count, text] of values) {
    const a = String(audience);
    if (a !== 'every' && a !== 'digest') continue;
    const p = parts.get(a) ?? { at: String(at), texts: [], count: Number(count) };
    p.texts[Number(part) - 1] = String(text);
    parts.set(a, p);
  }
  const baselines: Baselines = {};
  // The audiences usually hold the same snapshot (both taken by the same run): decoded once.
  const decoded = new Map<string, Snapshot>();
  for (const [a, p] of parts) {
    if (p.texts.filter((t) => t !== undefined).length !== p.count) continue;
    try {
      const text = p.texts.join('');
      const snapshot = decoded.get(text) ?? decode(text);
      decoded.set(text, snapshot);
      baselines[a as Audience] = { at: p.at, snapshot };
    } catch {
      // Damaged or hand-edited: treated as missing.
    }
  }
  return { baselines, rows: values.length };
}

/** Writes all audiences' snapshots in ONE setValues (old rows overwritten with blanks). */
export function writeBaselines(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, baselines: Baselines, oldRows: number): void {
  const block: (string | number)[][] = [];
  // The same snapshot for both audiences (the usual case) is encoded once.
  const encoded = new Map<Snapshot, string>();
  for (const a of ['every', 'digest'] as const) {
    const b = baselines[a];
    if (!b) continue;
    const text = encoded.get(b.snapshot) ?? encode(b.snapshot);
    encoded.set(b.snapshot, text);
    const count = Math.max(1, Math.ceil(text.length / CHUNK));
    for (let i = 0; i < count; i++) block.push([a, b.at, i + 1, count, text.slice(i * CHUNK, (i + 1) * CHUNK)]);
  }
  while (block.length < oldRows) block.push(['', '', '', '', '']);
  if (block.length === 0) return;
  const sheet = ss.getSheetByName(BASELINE_SHEET) ?? insertSheetQuietly(ss, BASELINE_SHEET, { hidden: true });
  if (block.length > sheet.getMaxRows()) sheet.insertRowsAfter(sheet.getMaxRows(), block.length - sheet.getMaxRows());
  if (WIDTH > sheet.getMaxColumns()) sheet.insertColumnsAfter(sheet.getMaxColumns(), WIDTH - sheet.getMaxColumns());
  const range = sheet.getRange(1, 1, block.length, WIDTH);
  range.setNumberFormat('@');
  range.setValues(block);
}
