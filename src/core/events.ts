/**
 * What happened, as the notification module hears it: the versions and sign-off modules describe
 * each event here and hand it to `notifyEvent` (src/addon/notify); who receives what, and how, is
 * decided there. Plain JSON, so events can wait in a queue between executions.
 */
import type { ChangeCounts } from './versions/types';

/** One changed cell of a changed row; `a1` locates it in the sheet (digests), `by` who changed it when known. */
export type CellChangeLine = { column: string; before: string; after: string; a1: string | null; by: string };

/**
 * One row as a change email lists it: an added or removed row is one line (`summary`: its label and
 * source → destination), a changed row lists its changed cells. A 'note' (tab added, renamed or
 * removed, a column added or removed) stands for no row. Column names are the ones the Checks panel
 * uses ("DESTINATION › Label"), never the internal "Label#2".
 */
export type ChangeRow = {
  sheetId: number;
  tab: string;
  rowKey: string;
  change: 'added' | 'removed' | 'changed' | 'note';
  summary: string;
  cells: CellChangeLine[];
  a1: string | null;
  by: string;
};

/** Rows added, changed and removed in all: what an email's shown rows and "and N more" add up to. */
export type RowTotals = { added: number; changed: number; removed: number };

export type MapspecEvent =
  | {
      kind: 'version-tagged';
      label: string;
      seq: number;
      author: string;
      at: string;
      note: string;
      counts: ChangeCounts;
      /** The first changed rows against the version before (capped by the sender). */
      changes: ChangeRow[];
      /** Every changed row, counted (changes may list fewer). */
      totals: RowTotals;
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
      /** The version the changes are counted from: the last approved one, or null (none yet: every row). */
      base: string | null;
      changes: ChangeRow[];
      totals: RowTotals;
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
