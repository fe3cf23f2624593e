/**
 * Builds the 'version-tagged' event from what tagVersion already holds in memory, and moves the
 * "every event" digest's starting point to the new version (only while notifications are on).
 */
import { changeRowsFromDiff, specWords } from '../../core/notify';
import { diffSnapshots, EMPTY_SNAPSHOT } from '../../core/versions/diff';
import type { Snapshot, VersionIndexEntry } from '../../core/versions/types';
import { activeSpreadsheet } from '../adapters/spreadsheet';
import { loadSpec } from '../spec/spec-store';
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
  const event = { kind: 'version-tagged' as const, label: entry.label, seq: entry.seq, author: entry.author, at: entry.taggedAt, note: entry.note, counts: { ...entry.counts }, changes: [], totals: { added: 0, changed: 0, removed: 0 } };
  // No subscriber: no diff to compute, no service call.
  if (!hasRecipients(event, props)) return;
  // The totals are the version's own counts, so the email accounts for every row even if listing fails.
  const totals = { added: entry.counts.added, changed: entry.counts.changed, removed: entry.counts.removed };
  let changes: ReturnType<typeof changeRowsFromDiff>['rows'] = [];
  try {
    changes = changeRowsFromDiff(diffSnapshots(previous ?? EMPTY_SNAPSHOT, live, { maxRowsPerTab: 200, maxMovedPerTab: 0 }), specWords(loadSpec(props).layouts)).rows;
  } catch (e) {
    console.error(`Mapspec could not list the version's changes for the email: ${e instanceof Error ? e.message : String(e)}`);
  }
  notifyEvent({ ...event, changes, totals }, props);
}
