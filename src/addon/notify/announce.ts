/**
 * Builds the 'version-tagged' event from what tagVersion already holds in memory, and moves the
 * "every event" digest's starting point to the new version (only while notifications are on).
 */
import { changeLinesFromDiff } from '../../core/notify';
import { diffSnapshots, EMPTY_SNAPSHOT } from '../../core/versions/diff';
import type { Snapshot, VersionIndexEntry } from '../../core/versions/types';
import { activeSpreadsheet } from '../adapters/spreadsheet';
import { hasRecipients, notifyEvent } from './notify-event';
import { readBaselines, readNotifyState, writeBaselines } from './notify-store';

export function announceVersionTagged(entry: VersionIndexEntry, previous: Snapshot | null, live: Snapshot, props: Record<string, string>): void {
  if (readNotifyState(props).on) {
    // The digest is of changes not yet tagged: "every event" subscribers hear of this version now,
    // so their next digest starts from it. Daily-digest subscribers get no version emails: theirs
    // keeps its snapshot and still lists these changes.
    try {
      const ss = activeSpreadsheet();
      const { baselines, rows } = readBaselines(ss);
      if (baselines.every) writeBaselines(ss, { ...baselines, every: { at: entry.taggedAt, snapshot: live } }, rows);
    } catch (e) {
      console.error(`Mapspec could not move the digest's starting point to ${entry.label}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  const event = { kind: 'version-tagged' as const, label: entry.label, seq: entry.seq, author: entry.author, at: entry.taggedAt, note: entry.note, counts: { ...entry.counts }, changes: [], totalChanges: 0 };
  // No subscriber: no diff to compute, no service call.
  if (!hasRecipients(event, props)) return;
  let lines: ReturnType<typeof changeLinesFromDiff>;
  try {
    lines = changeLinesFromDiff(diffSnapshots(previous ?? EMPTY_SNAPSHOT, live, { maxRowsPerTab: 200 }));
  } catch (e) {
    console.error(`Mapspec could not list the version's changes for the email: ${e instanceof Error ? e.message : String(e)}`);
    lines = { changes: [], totalChanges: 0 };
  }
  notifyEvent({ ...event, ...lines }, props);
}
