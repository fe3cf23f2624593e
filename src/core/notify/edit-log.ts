/**
 * The edit log the installable edit trigger keeps: time, editor (when Google shares it), tab, cell,
 * old → new for single-cell edits, the range for pastes. Capped by size so it fits one document
 * property (the oldest entries go first): the trigger reads it and writes it back in ONE call each.
 */
import { columnNumber } from '../mapping/a1';
import { clip, utf8Length } from './bytes';
import type { EditLogEntry } from './types';

/** Well under the 9 KB Apps Script allows per property value. */
export const EDIT_LOG_MAX_BYTES = 8000;
export const EDIT_LOG_VALUE_MAX_CHARS = 120;

export function parseEditLog(value: unknown): EditLogEntry[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (e): e is EditLogEntry =>
      !!e && typeof e === 'object' && typeof e.at === 'string' && typeof e.by === 'string' && typeof e.sheetId === 'number' && typeof e.tab === 'string' && typeof e.a1 === 'string',
  );
}

export type EditInput = { at: string; by: string; sheetId: number; tab: string; a1: string; single: boolean; old: string | undefined; new: string | undefined };

export function logEntry(input: EditInput): EditLogEntry {
  return {
    at: input.at,
    by: input.by.toLowerCase(),
    sheetId: input.sheetId,
    tab: clip(input.tab, 100),
    a1: input.a1,
    old: input.single ? clip(input.old ?? '', EDIT_LOG_VALUE_MAX_CHARS) : null,
    new: input.single ? clip(input.new ?? '', EDIT_LOG_VALUE_MAX_CHARS) : null,
  };
}

/** The log with the entry appended and the oldest dropped until its JSON fits `maxBytes`. */
export function appendToLog(log: readonly EditLogEntry[], entry: EditLogEntry, maxBytes = EDIT_LOG_MAX_BYTES): EditLogEntry[] {
  const out = [...log, entry];
  while (out.length > 1 && utf8Length(JSON.stringify(out)) > maxBytes) out.shift();
  return out;
}

type Rect = { r1: number; c1: number; r2: number; c2: number };

export function parseA1Rect(a1: string): Rect | null {
  const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(a1.replace(/^.*!/, ''));
  if (!m) return null;
  const c1 = columnNumber(m[1]!);
  const c2 = columnNumber(m[3] ?? m[1]!);
  if (c1 === null || c2 === null) return null;
  const r1 = Number(m[2]);
  const r2 = Number(m[4] ?? m[2]);
  return { r1: Math.min(r1, r2), c1: Math.min(c1, c2), r2: Math.max(r1, r2), c2: Math.max(c1, c2) };
}

/**
 * Who last edited a cell (1-based row, column) of a tab after `since`, per the log: the latest entry
 * whose cell or pasted range covers it; '' when the log does not know (or the editor was anonymous).
 */
export function lastEditor(log: readonly EditLogEntry[], sheetId: number, row: number, column: number, since: string): string {
  for (let i = log.length - 1; i >= 0; i--) {
    const e = log[i]!;
    if (e.sheetId !== sheetId || e.at <= since) continue;
    const r = parseA1Rect(e.a1);
    if (r && row >= r.r1 && row <= r.r2 && column >= r.c1 && column <= r.c2) return e.by;
  }
  return '';
}

/** Everyone the log saw editing after `since`, in order of first edit. */
export function editorsSince(log: readonly EditLogEntry[], since: string): string[] {
  const out: string[] = [];
  for (const e of log) if (e.at > since && e.by && !out.includes(e.by)) out.push(e.by);
  return out;
}
