/** Builds the 'version-tagged' event from what tagVersion already holds in memory (no extra reads). */
import { changeLinesFromDiff } from '../../core/notify';
import { diffSnapshots, EMPTY_SNAPSHOT } from '../../core/versions/diff';
import type { Snapshot, VersionIndexEntry } from '../../core/versions/types';
import { hasRecipients, notifyEvent } from './notify-event';

export function announceVersionTagged(entry: VersionIndexEntry, previous: Snapshot | null, live: Snapshot, props: Record<string, string>): void {
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
