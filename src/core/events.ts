/**
 * What happened, as the notification module hears it: the versions and sign-off modules describe
 * each event here and hand it to `notifyEvent` (src/addon/notify); who receives what, and how, is
 * decided there. Plain JSON, so events can wait in a queue between executions.
 */
import type { ChangeCounts } from './versions/types';

/** One changed cell or row, as an email's table lists it. */
export type ChangeLine = { tab: string; rowKey: string; column: string; before: string; after: string };

export type MapspecEvent =
  | {
      kind: 'version-tagged';
      label: string;
      seq: number;
      author: string;
      at: string;
      note: string;
      counts: ChangeCounts;
      /** The first changes against the version before (capped by the sender). */
      changes: ChangeLine[];
      /** How many changes there are in all (changes.length may be fewer). */
      totalChanges: number;
    }
  | {
      kind: 'review-requested';
      requestId: string;
      label: string;
      seq: number;
      requester: string;
      approvers: string[];
      message: string;
      due: string | null;
      policy: 'all' | 'any';
      at: string;
      changes: ChangeLine[];
      totalChanges: number;
    }
  | {
      kind: 'review-decided';
      requestId: string;
      label: string;
      seq: number;
      requester: string;
      approver: string;
      decision: 'approved' | 'changes-requested';
      comment: string;
      /** The request's status after this decision. */
      status: 'in-review' | 'approved' | 'changes-requested';
      at: string;
    }
  | {
      kind: 'review-withdrawn';
      requestId: string;
      label: string;
      seq: number;
      requester: string;
      approvers: string[];
      reason: string;
      at: string;
    };
