/**
 * Where review requests live: one document property per request (`mapspec.review.<n>`, written once
 * when the request is made, ~1-3 KB) and the review settings (`mapspec.review.settings`). Decisions
 * and withdrawals are entries of the shared sign-off log (approvals-store.ts), so a request's status
 * is computed, never stored. Reads come from the one getProperties the caller already made.
 */
import { parseReviewRequest, requestId, type ReviewRequest } from '../../core/review';
import type { ReviewSettings } from '../../core/review/api-contract';
import { jsonValue, parseJson, readAllDocumentProperties } from '../adapters/properties';

const REQUEST_PREFIX = 'mapspec.review.';
const SETTINGS_KEY = 'mapspec.review.settings';

export const DEFAULT_REVIEW_SETTINGS: ReviewSettings = { policy: 'all', protectDuringReview: false };

export function readReviewRequests(props: Record<string, string> = readAllDocumentProperties()): ReviewRequest[] {
  const out: ReviewRequest[] = [];
  for (const [key, value] of Object.entries(props)) {
    if (!key.startsWith(REQUEST_PREFIX) || key === SETTINGS_KEY) continue;
    const r = parseReviewRequest(parseJson(value));
    // The key names the request: a value copied under another key is not taken for it.
    if (r && key === REQUEST_PREFIX + r.n && r.id === requestId(r.n)) out.push(r);
  }
  return out.sort((a, b) => a.n - b.n);
}

export function readReviewSettings(props: Record<string, string> = readAllDocumentProperties()): ReviewSettings {
  const s = parseJson<Partial<ReviewSettings>>(props[SETTINGS_KEY]);
  return {
    policy: s?.policy === 'any' ? 'any' : 'all',
    protectDuringReview: s?.protectDuringReview === true,
  };
}

/** The property to write for a new request (the caller writes it in its one final call). */
export function requestProperty(request: ReviewRequest): Record<string, string> {
  return { [REQUEST_PREFIX + request.n]: jsonValue(request, 'the review request') };
}

export function settingsProperty(settings: ReviewSettings): Record<string, string> {
  return { [SETTINGS_KEY]: jsonValue(settings, 'the review settings') };
}
