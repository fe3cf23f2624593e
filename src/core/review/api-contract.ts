/**
 * The review module's part of the sidebar API contract (spread into src/core/api.ts): payload
 * schemas (strict: a payload naming who decides is refused) and result types.
 */
import type { ColumnTitles } from '../notify/change-rows';
import * as z from 'zod';
import type { PendingChanges } from '../versions/changes-since';
import type { SnapshotDiff } from '../versions/diff';
import type { VersionList } from '../api';
import type { ReviewPolicy, ReviewRequest, ReviewStatus, ReviewView } from './model';
import type { ApprovalSummary } from './report';

const seq = z.number().int().min(1);
const requestId = z.string().regex(/^r\d{1,9}$/, 'a review request id');
const policy = z.enum(['all', 'any']);

export const reviewApiInputs = {
  /** The Versions panel with its reviews: versions, requests, what awaits the user, the approval in force. */
  listReviews: z.object({}).strict(),
  /** Requests a review of a version from approvers of the settings list (requester from Session). */
  requestReview: z
    .object({
      seq,
      approvers: z.array(z.string().max(254)).min(1).max(20),
      message: z.string().max(1000),
      due: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date such as 2026-12-31').nullable(),
      policy: policy.optional(),
    })
    .strict(),
  /** Approves or requests changes (comment required) on a request; the approver is the Session user. */
  decideReview: z
    .object({
      requestId,
      decision: z.enum(['approve', 'request-changes']),
      comment: z.string().max(1000),
      /** The content hash the approver read: the decision is about exactly that content. */
      contentHash: z.string().regex(/^[0-9a-f]{64}$/, 'a content hash'),
    })
    .strict(),
  /** Withdraws an open request (the requester only), with a reason. */
  withdrawReview: z.object({ requestId, reason: z.string().max(1000) }).strict(),
  /** The review settings: default policy, and whether registered tabs are protected while in review. */
  saveReviewSettings: z.object({ policy, protectDuringReview: z.boolean() }).strict(),
  /** An approved version as a file (JSON or CSV), for the integration's repository. */
  exportVersion: z.object({ seq, format: z.enum(['json', 'csv']) }).strict(),
};

export type ReviewSettings = { policy: ReviewPolicy; protectDuringReview: boolean };

/** A request as the sidebar shows it: the request and its computed status, plus what the user may do. */
export type ReviewRequestView = Pick<ReviewRequest, 'id' | 'seq' | 'label' | 'contentHash' | 'approvers' | 'policy' | 'message' | 'due' | 'requester' | 'requestedAt'> &
  Pick<ReviewView, 'status' | 'decisions' | 'waitingOn' | 'decidedAt' | 'withdrawn' | 'supersededBy'> & {
    /** The content hash's first 8 characters. */
    hash: string;
    statusText: string;
    /** The signed-in user may approve / request changes now. */
    canDecide: boolean;
    canWithdraw: boolean;
  };

/** A review waiting for the signed-in user, with what to read: the diff from the last version they approved. */
export type ReviewForYou = {
  request: ReviewRequestView;
  /** The version the diff starts from, or null: the whole spec (nothing approved by them yet). */
  base: string | null;
  diff: SnapshotDiff;
  rowsOmitted: number;
  /** Readable column names, as VersionDiff's. */
  titles: ColumnTitles;
};

export type ReviewState = {
  user: string | null;
  /** The user is in the approver list (a client): the panel shows only their reviews. */
  isApprover: boolean;
  /** Approvers the user may pick from (empty for approvers themselves). */
  approverChoices: string[];
  settings: ReviewSettings;
  /** The requests the user may see, newest first. */
  requests: ReviewRequestView[];
  /** Each version's review status (versions with no request are absent). */
  versionStatus: { seq: number; status: ReviewStatus; statusText: string; requestId: string }[];
  /** The approval in force, and how far the live sheets have moved from it. */
  approval: (ApprovalSummary & { changes: number; differsText: string; pending: PendingChanges | null }) | null;
  forYou: ReviewForYou[];
  /** The Sign-offs tab no longer shows what the records say (someone edited it). */
  signOffsMismatch: boolean;
  /** Things to tell the person (a protection that could not be removed, …). */
  notices: string[];
};

export type ReviewPanel = { versions: VersionList; reviews: ReviewState };

export type ExportedFile = { filename: string; mimeType: string; content: string };

export type ReviewApiResults = {
  listReviews: ReviewPanel;
  requestReview: ReviewPanel;
  decideReview: ReviewPanel;
  withdrawReview: ReviewPanel;
  saveReviewSettings: ReviewPanel;
  exportVersion: ExportedFile;
};
