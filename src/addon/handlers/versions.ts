/**
 * Versions: tag the whole registered spec, list the history with its integrity, diff two versions
 * or a version and the live sheets. A tag runs under the document lock and writes its chunk rows
 * first and its index entry last (see adapters/version-store.ts), so it is all or nothing.
 * The author comes from Session, never from the sidebar.
 */
import type { ApiParsedInput, ApiResults, VersionList, VersionSummary } from '../../core/api';
import { UserError } from '../../core/errors';
import {
  countChangesSince,
  decodeVersion,
  diffSnapshots,
  readStoredVersion,
  encodeVersion,
  latestVersion,
  proposeNextLabel,
  sameLabel,
  sortVersions,
  verifyChain,
  type Snapshot,
  type VersionIndexEntry,
} from '../../core/versions';
import { activeSpreadsheet } from '../adapters/spreadsheet';
import { withDocumentLock } from '../adapters/lock';
import { readAllDocumentProperties } from '../adapters/properties';
import { currentUserEmail } from '../adapters/session';
import { appsScriptVersionServices, type AppsScriptVersionServices } from '../adapters/version-services';
import { readChunkRows, readVersionIndex, versionsSheet, writeChunkRows, writeIndexEntry, type StoredRows } from '../adapters/version-store';
import { loadSpec } from '../spec/spec-store';
import { registeredTabs } from '../spec/registered-tabs';
import { liveSnapshot } from '../spec/spec-snapshot';
import { writeChangelog } from '../adapters/changelog-tab';
import { uniqueName } from '../../core/mapping/template-sheets';
import { announceVersionTagged } from '../notify/announce';
import { refreshReviewReadme } from './reviews';
import { diffTitles, specWords } from '../../core/notify';
import { checkAndPaint } from '../spec/check-and-paint';
import { readPaintMemory } from '../adapters/paint-store';

/** Row changes listed per tab in a diff (counts stay complete), to keep the sidebar payload small. */
export const DIFF_MAX_ROWS_PER_TAB = 200;
/** The word diffVersions reads as "the sheets as they are now", so no version may take it. */
const LIVE = 'live';

function readLive(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, props: Record<string, string>): Snapshot {
  return liveSnapshot(registeredTabs(ss, loadSpec(props)));
}

function summary(entry: VersionIndexEntry, problem: string | null): VersionSummary {
  return {
    seq: entry.seq,
    label: entry.label,
    note: entry.note,
    author: entry.author,
    taggedAt: entry.taggedAt,
    counts: { ...entry.counts },
    hash: entry.contentHash.slice(0, 8),
    contentHash: entry.contentHash,
    chainHash: entry.chainHash,
    previousChainHash: entry.previousChainHash,
    rawBytes: entry.rawBytes,
    storedChars: entry.storedChars,
    tampered: problem !== null,
    problem,
  };
}

/**
 * The list from what is already in memory: every version verified against its stored chunks and its
 * link in the chain; pending changes against the latest snapshot (given when the caller has it).
 */
function buildList(
  entries: readonly VersionIndexEntry[],
  rows: StoredRows,
  services: AppsScriptVersionServices,
  live: () => Snapshot,
  latestSnapshot: Snapshot | null,
  verified: Set<VersionIndexEntry> = new Set(),
): VersionList {
  const latest = latestVersion(entries);
  // The latest version is unpacked once, for both its check and the pending changes.
  let base = latestSnapshot;
  if (latest && !base) {
    const read = readStoredVersion(latest, rows, services);
    if (read.ok) {
      base = read.version.snapshot;
      verified.add(latest);
    }
  }
  const report = verifyChain(entries, () => rows, services, verified);
  services.rethrowServiceFailure();
  const problems = new Map<string, string[]>();
  for (const issue of report.issues) problems.set(issue.label, [...(problems.get(issue.label) ?? []), issue.message]);
  const versions = sortVersions(entries)
    .reverse()
    .map((e) => summary(e, problems.has(e.label) ? problems.get(e.label)!.join(' ') : null));
  const nextLabel = proposeNextLabel(entries.map((e) => e.label));
  if (!latest) return { versions, pending: null, pendingText: 'No versions yet: tag the spec to start its history.', nextLabel, chainOk: true };
  const latestContentOk = report.versions.find((v) => v.seq === latest.seq)?.contentOk ?? false;
  if (!latestContentOk) {
    return { versions, pending: null, pendingText: `Unreleased changes cannot be counted: ${problems.get(latest.label)?.join(' ') ?? ''}`.trim(), nextLabel, chainOk: report.ok };
  }
  const pending = countChangesSince(latest.label, base ?? decodeVersion(latest, rows, services).snapshot, live());
  return { versions, pending, pendingText: pending.text, nextLabel, chainOk: report.ok };
}

export function tagVersion(input: ApiParsedInput<'tagVersion'>): ApiResults['tagVersion'] {
  const ss = activeSpreadsheet();
  const author = currentUserEmail() ?? '';
  return withDocumentLock(() => {
    // Everything is read inside the lock: another tag may have finished while this one waited.
    const props = readAllDocumentProperties();
    const entries = readVersionIndex(props);
    const sheet = versionsSheet(ss);
    const rows = readChunkRows(sheet);
    const services = appsScriptVersionServices();
    const latest = latestVersion(entries);
    let previousSnapshot: Snapshot | null = null;
    if (latest) {
      try {
        previousSnapshot = decodeVersion(latest, rows, services).snapshot;
      } catch (e) {
        services.rethrowServiceFailure();
        // Counting against an altered snapshot would hide the alteration in the new version's counts.
        if (e instanceof UserError) throw new UserError(`${e.message} Mapspec will not tag a new version on top of it.`);
        throw e;
      }
    }
    const live = readLive(ss, props);
    if (live.tabs.length === 0) throw new UserError('There is nothing to tag yet: use a tab as a mapping spec or a value map first.');
    const label = input.label === undefined || input.label === '' ? proposeNextLabel(entries.map((e) => e.label)) : input.label;
    if (sameLabel(label.trim(), LIVE)) throw new UserError('"live" stands for the sheets as they are now when comparing versions: choose another label.');
    const encoded = encodeVersion({ snapshot: live, label, note: input.note, author, taggedAt: new Date().toISOString(), history: entries, previousSnapshot }, services);
    const after = writeChunkRows(ss, sheet, entries, rows, encoded.chunkRows);
    writeIndexEntry(encoded.entry, encoded.indexJson);
    // The version now exists. The Changelog tab is derived from the index: if writing it fails, the
    // version stands and the next tag writes the tab again.
    writeChangelog(ss, props, [...entries, encoded.entry]);
    // Subscribers hear of it (queued; sent as the quota allows); never fails the tag.
    announceVersionTagged(encoded.entry, previousSnapshot, live, props);
    refreshReviewReadme(ss); // the README's "differs from the approved version" line, under this lock
    // The tabs show Mapspec's colours (the checks were run): "changed since the last version" now
    // starts again from this one, and the Checks panel's counts come back with the tag. No ID is
    // filled: the person asked for a tag, not for cells to be written.
    const memory = readPaintMemory(ss);
    const checks = memory.size > 0 ? checkAndPaint(ss, { fillIds: false }, memory) : null;
    // The list is built from memory, with no further spreadsheet call.
    // Its content and the previous version's were checked (or made) in this execution.
    const verified = new Set<VersionIndexEntry>([encoded.entry]);
    if (latest) verified.add(latest);
    const list = buildList([...entries, encoded.entry], after, services, () => live, live, verified);
    // A copy: the result checker refuses an object reached twice (it cannot tell it from a cycle).
    const first = list.versions[0]!;
    return { version: { ...first, counts: { ...first.counts } }, list, checks };
  });
}

export function listVersions(_input: ApiParsedInput<'listVersions'>): ApiResults['listVersions'] {
  const ss = activeSpreadsheet();
  const props = readAllDocumentProperties();
  const entries = readVersionIndex(props);
  const rows = entries.length ? readChunkRows(versionsSheet(ss)) : [];
  return buildList(entries, rows, appsScriptVersionServices(), () => readLive(ss, props), null);
}

function findVersion(entries: readonly VersionIndexEntry[], label: string): VersionIndexEntry {
  const entry = entries.find((e) => sameLabel(e.label, label.trim()));
  if (!entry) throw new UserError(`There is no version labelled "${label}".`);
  return entry;
}

export function diffVersions(input: ApiParsedInput<'diffVersions'>): ApiResults['diffVersions'] {
  const ss = activeSpreadsheet();
  const props = readAllDocumentProperties();
  const entries = readVersionIndex(props);
  const from = findVersion(entries, input.from);
  const toLive = sameLabel(input.to.trim(), LIVE);
  const to = toLive ? null : findVersion(entries, input.to);
  const rows = readChunkRows(versionsSheet(ss));
  const services = appsScriptVersionServices();
  // decodeVersion refuses a snapshot that no longer matches its hash, naming the version.
  const decode = (entry: VersionIndexEntry) => {
    try {
      return decodeVersion(entry, rows, services).snapshot;
    } catch (e) {
      services.rethrowServiceFailure();
      throw e;
    }
  };
  const before = decode(from);
  const after = to ? decode(to) : readLive(ss, props);
  const diff = diffSnapshots(before, after, { maxRowsPerTab: DIFF_MAX_ROWS_PER_TAB, maxMovedPerTab: DIFF_MAX_ROWS_PER_TAB });
  const titles = diffTitles(diff, specWords(loadSpec(props).layouts));
  return { from: from.label, to: to ? to.label : LIVE, diff, rowsOmitted: diff.tabs.reduce((n, t) => n + t.rowsOmitted, 0), titles };
}

/** The live spec as a snapshot, in the same shape a version stores (read-only). */
export function exportSnapshot(_input: ApiParsedInput<'exportSnapshot'>): ApiResults['exportSnapshot'] {
  return { snapshot: readLive(activeSpreadsheet(), readAllDocumentProperties()) };
}

/**
 * Opens a version as read-only tabs, one per tab of the spec ("v1 · Mapping"), at the end of the
 * tab list: header and rows as the version stored them, protected with a warning so an edit there
 * is not mistaken for an edit of the spec. Nothing else changes; the person deletes them when done.
 */
export function openVersionTabs(input: ApiParsedInput<'openVersionTabs'>): ApiResults['openVersionTabs'] {
  const ss = activeSpreadsheet();
  return withDocumentLock(() => {
    const entry = findVersion(readVersionIndex(readAllDocumentProperties()), input.label);
    const services = appsScriptVersionServices();
    let snapshot: Snapshot;
    try {
      snapshot = decodeVersion(entry, readChunkRows(versionsSheet(ss)), services).snapshot;
    } catch (e) {
      services.rethrowServiceFailure();
      throw e;
    }
    const taken = new Set(ss.getSheets().map((s) => s.getName()));
    const created: string[] = [];
    const active = ss.getActiveRange();
    for (const tab of snapshot.tabs) {
      const name = uniqueName(`${entry.label} · ${tab.name}`.slice(0, 90), taken);
      taken.add(name);
      const values = [tab.header, ...tab.rows.map((r) => tab.header.map((h) => r.cells[h] ?? ''))];
      const sheet = ss.insertSheet(name, ss.getNumSheets());
      if (values.length > sheet.getMaxRows()) sheet.insertRowsAfter(sheet.getMaxRows(), values.length - sheet.getMaxRows());
      if (tab.header.length > sheet.getMaxColumns()) sheet.insertColumnsAfter(sheet.getMaxColumns(), tab.header.length - sheet.getMaxColumns());
      if (tab.header.length > 0) {
        const range = sheet.getRange(1, 1, values.length, tab.header.length);
        // Text as stored: "0012" stays "0012", "=x" is not a formula.
        range.setNumberFormat('@');
        range.setValues(values);
        sheet.getRange(1, 1, 1, tab.header.length).setFontWeight('bold');
      }
      sheet.setFrozenRows(1);
      sheet.protect().setDescription(`Mapspec: version ${entry.label} of "${tab.name}", read-only`).setWarningOnly(true);
      created.push(name);
    }
    if (active) active.activate();
    return { created };
  });
}
