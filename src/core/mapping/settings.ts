/**
 * Settings of the mapping checks: blank markers, statuses, type vocabulary additions, severities,
 * the ID format. JSON-safe (stored in document properties) and completed from defaults, so a
 * setting saved by an older version still works.
 */
import { UserError } from '../errors';
import { isRuleName, type Severity } from './findings';

export type MappingSettings = {
  /** Cell texts that mean "nothing here" (compared ignoring case and spaces). "" is always blank. */
  blankMarkers: string[];
  /** The statuses a row may have. */
  statusValues: string[];
  /** Statuses whose rows are skipped by the row checks. */
  skipStatuses: string[];
  /** A spec's own status words → one of statusValues ("Added": "Agreed", "Do not create concept": "Deprecated"). */
  statusSynonyms: { [word: string]: string };
  /** Extra type words → canonical type ("Whole number": "integer"). A new canonical name is allowed. */
  typeSynonyms: { [word: string]: string };
  /** Extra [from, to] canonical type pairs that need no transformation rule. */
  compatibleTypes: [string, string][];
  /** Values that mark a row as the unique identifier. */
  truthyValues: string[];
  /** Per-rule severity, or 'off'. */
  severityOverrides: { [rule: string]: Severity | 'off' };
  /** Prefix of IDs Mapspec proposes ("M-" gives M-001, M-002…). */
  idPrefix: string;
  /** Minimum number of digits in a proposed ID. */
  idDigits: number;
  /** How many rows from the top are searched for the header row. */
  headerScanRows: number;
  /** At most this many findings are returned (counts still cover all of them). */
  maxFindings: number;
};

export const DEFAULT_SETTINGS: MappingSettings = {
  blankMarkers: ['', 'NA', 'N/A', '-', 'None'],
  statusValues: ['New', 'Needs discussion', 'Agreed', 'Deprecated'],
  skipStatuses: ['Deprecated'],
  statusSynonyms: {},
  typeSynonyms: {},
  compatibleTypes: [],
  truthyValues: ['yes', 'y', 'true', 'x', '1', '✓', '✔', 'unique', 'unique identifier', 'key', 'primary key'],
  severityOverrides: {},
  idPrefix: 'M-',
  idDigits: 3,
  headerScanRows: 30,
  maxFindings: 1000,
};

function stringList(v: unknown, name: string): string[] {
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new UserError(`The setting "${name}" must be a list of texts.`);
  return v.slice(0, 500) as string[];
}

function positiveInt(v: unknown, name: string, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > max) throw new UserError(`The setting "${name}" must be a whole number from 1 to ${max}.`);
  return v;
}

/**
 * Completes partial settings from the defaults and validates them. Throws UserError (a message for
 * the person, naming the setting) when a value has the wrong shape.
 */
export function resolveSettings(partial?: Partial<MappingSettings> | null): MappingSettings {
  const p = (partial ?? {}) as Record<string, unknown>;
  const s: MappingSettings = { ...DEFAULT_SETTINGS };
  if (p.blankMarkers !== undefined) s.blankMarkers = stringList(p.blankMarkers, 'blankMarkers');
  if (p.statusValues !== undefined) s.statusValues = stringList(p.statusValues, 'statusValues');
  if (p.skipStatuses !== undefined) s.skipStatuses = stringList(p.skipStatuses, 'skipStatuses');
  if (p.truthyValues !== undefined) s.truthyValues = stringList(p.truthyValues, 'truthyValues');
  if (p.typeSynonyms !== undefined) {
    const t = p.typeSynonyms;
    if (typeof t !== 'object' || t === null || Array.isArray(t) || Object.values(t).some((x) => typeof x !== 'string' || x.trim() === '')) {
      throw new UserError('The setting "typeSynonyms" must map type words to type names.');
    }
    s.typeSynonyms = { ...(t as Record<string, string>) };
  }
  if (p.statusSynonyms !== undefined) {
    const t = p.statusSynonyms;
    if (typeof t !== 'object' || t === null || Array.isArray(t)) throw new UserError('The setting "statusSynonyms" must map status words to statuses.');
    const known = new Map(s.statusValues.map((v) => [v.trim().toLowerCase(), v]));
    const out: MappingSettings['statusSynonyms'] = {};
    for (const [word, status] of Object.entries(t as Record<string, unknown>)) {
      const to = typeof status === 'string' ? known.get(status.trim().toLowerCase()) : undefined;
      if (!to) throw new UserError(`The status word "${word.slice(0, 60)}" must be treated as one of: ${s.statusValues.join(', ')}.`);
      out[word] = to;
    }
    s.statusSynonyms = out;
  }
  if (p.compatibleTypes !== undefined) {
    const t = p.compatibleTypes;
    if (!Array.isArray(t) || t.some((x) => !Array.isArray(x) || x.length !== 2 || typeof x[0] !== 'string' || typeof x[1] !== 'string')) {
      throw new UserError('The setting "compatibleTypes" must be a list of [from, to] type pairs.');
    }
    s.compatibleTypes = (t as [string, string][]).map(([a, b]) => [a, b]);
  }
  if (p.severityOverrides !== undefined) {
    const o = p.severityOverrides;
    if (typeof o !== 'object' || o === null || Array.isArray(o)) throw new UserError('The setting "severityOverrides" must map rule names to error, warning, info or off.');
    const out: MappingSettings['severityOverrides'] = {};
    for (const [rule, sev] of Object.entries(o as Record<string, unknown>)) {
      if (!isRuleName(rule)) throw new UserError(`The setting "severityOverrides" names an unknown rule: "${rule.slice(0, 60)}".`);
      if (sev !== 'error' && sev !== 'warning' && sev !== 'info' && sev !== 'off') throw new UserError(`The severity for "${rule}" must be error, warning, info or off.`);
      out[rule] = sev;
    }
    s.severityOverrides = out;
  }
  if (p.idPrefix !== undefined) {
    if (typeof p.idPrefix !== 'string' || !/^[^\s\d][^\s]{0,9}$/u.test(p.idPrefix)) {
      throw new UserError('The setting "idPrefix" must be 1 to 10 characters, with no spaces, not starting with a digit (e.g. "M-").');
    }
    s.idPrefix = p.idPrefix;
  }
  if (p.idDigits !== undefined) s.idDigits = positiveInt(p.idDigits, 'idDigits', 9);
  if (p.headerScanRows !== undefined) s.headerScanRows = positiveInt(p.headerScanRows, 'headerScanRows', 200);
  if (p.maxFindings !== undefined) s.maxFindings = positiveInt(p.maxFindings, 'maxFindings', 100000);
  return s;
}
