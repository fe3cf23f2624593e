/**
 * Wording helpers: plurals, numbers with thousands separators, kind names, confidence in words, the
 * time of a run (in the spreadsheet's time zone), and a cap on very long texts (a 50,000-character header must not flood the panel).
 */
import type { RegisteredKind } from '../src/core/api';
import type { ConfidenceLevel } from '../src/core/mapping/header-detect';
import type { LayoutKind } from '../src/core/mapping/roles';
import { readableDay, readableTime } from '../src/core/time';
import { getState } from './store';

export function count(n: number): string {
  return n.toLocaleString('en-US');
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

/** What a tab is, for badges ("Mapping", "Dictionary", "Value map"). */
export const KIND_BADGE: Record<RegisteredKind, string> = { mapping: 'Mapping', dictionary: 'Dictionary', 'value-map': 'Value map' };

/** What a tab is, in a sentence ("a mapping spec"). */
export const KIND_NOUN: Record<LayoutKind, string> = {
  mapping: 'mapping spec',
  dictionary: 'data dictionary',
  'value-map': 'value map',
  none: 'tab',
};

/** "Mapspec is fairly sure this is a mapping spec." */
export function confidenceSentence(kind: LayoutKind, level: ConfidenceLevel): string {
  if (kind === 'none' || level === 'none') return 'Mapspec could not tell what this tab holds. Choose its kind and the role of each column.';
  const noun = KIND_NOUN[kind];
  if (level === 'high') return `Mapspec is sure this is a ${noun}.`;
  if (level === 'medium') return `Mapspec is fairly sure this is a ${noun}.`;
  return `Mapspec is not sure, but this may be a ${noun}. Check the roles below.`;
}

/** Cuts a text to `max` characters (by code point) with an ellipsis. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** The spreadsheet's time zone (from the sidebar state), else the browser's until the state is read. */
function zone(): string {
  return getState()?.timeZone || Intl.DateTimeFormat().resolvedOptions().timeZone || 'Etc/UTC';
}

/** "7 Dec 2026, 14:05 GMT+7": a date and time in the spreadsheet's time zone; the raw text when it is not a date. */
export function runTime(iso: string): string {
  return readableTime(iso, zone());
}

/** "7 Dec 2026", the day in the spreadsheet's time zone. */
export function localDay(iso: string): string {
  return readableDay(iso, zone());
}

/** A column letter from a 1-based column number. */
export function columnLetter(column: number): string {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
