/**
 * LockService: the script, document and per-user mutual-exclusion locks kept in state.locks.
 *
 * Executions run synchronously in Node, so a lock held by another execution can never be
 * released while this one waits: waiting advances the emulated clock instead of blocking. The
 * wait succeeds only if the holder's own time limit (the `until` it recorded) passes within the
 * timeout — Apps Script ends an execution at its limit and releases its locks. A lock whose
 * execution has ended is free (released through ctx.onEnd, as Apps Script releases locks "when the
 * script terminates"). Locks are re-entrant within one execution: tryLock / waitLock on a lock
 * this execution already holds succeed at once.
 *
 * Negative timeouts: tryLock(-1) returns false and waitLock(-1) throws even on a free lock, as
 * gas-fakes' LockService tests (written against live Apps Script) record.
 *
 * Error text "Lock timeout: another process was holding the lock for too long." is quoted in many
 * public reports of the live failure. Apps Script documents no maximum timeout; none is enforced.
 */
import type { ExecutionContext, MethodPolicy } from '../context';
import { instrument } from '../context';
import type { LockHolder } from '../state';

export const LOCK_TIMEOUT_ERROR = 'Lock timeout: another process was holding the lock for too long.';

// LockService needs no OAuth scope and works in simple triggers (LIMITED) and custom functions (the
// custom-functions guide: "works, but isn't particularly useful"); like every service that touches
// stored state it is unavailable in AuthMode.NONE.
const POLICY: MethodPolicy = { minAuth: 'CUSTOM_FUNCTION' };

interface Slot {
  /** Names the slot for end-of-execution release. */
  id: string;
  get(): LockHolder | null;
  set(holder: LockHolder | null): void;
}

export function createLockService(ctx: ExecutionContext): GoogleAppsScript.Lock.LockService {
  const releaseOnEnd = new Set<string>();
  const locks = ctx.state.locks;

  const userSlot = (): Slot => {
    const user = ctx.user;
    return {
      id: `user:${user}`,
      get: () => locks.user[user] ?? null,
      set: (h) => {
        if (h) locks.user[user] = h;
        else delete locks.user[user];
      },
    };
  };

  const service: GoogleAppsScript.Lock.LockService = {
    getScriptLock: () => createLock(ctx, { id: 'script', get: () => locks.script, set: (h) => (locks.script = h) }, releaseOnEnd),
    // Null only outside a container-bound or add-on context; the emulator always has a document.
    getDocumentLock: () =>
      createLock(ctx, { id: 'document', get: () => locks.document, set: (h) => (locks.document = h) }, releaseOnEnd),
    getUserLock: () => createLock(ctx, userSlot(), releaseOnEnd),
  };
  return instrument(ctx, 'LockService', service, {}, POLICY);
}

function createLock(ctx: ExecutionContext, slot: Slot, releaseOnEnd: Set<string>): GoogleAppsScript.Lock.Lock {
  const heldByMe = (): boolean => {
    const h = slot.get();
    return !!h && h.executionId === ctx.id && ctx.now() < h.until;
  };

  const take = (): void => {
    // Held at most until this execution's own time limit: if it is killed there, the lock is free.
    slot.set({ executionId: ctx.id, until: ctx.startedAt + ctx.timeLimitMs });
    if (!releaseOnEnd.has(slot.id)) {
      releaseOnEnd.add(slot.id);
      ctx.onEnd(() => {
        const h = slot.get();
        if (h && h.executionId === ctx.id) slot.set(null);
      });
    }
  };

  const acquire = (timeoutInMillis: unknown): boolean => {
    const timeout = Math.trunc(Number(timeoutInMillis));
    if (!(timeout >= 0)) return false;
    const h = slot.get();
    const now = ctx.now();
    if (!h || h.executionId === ctx.id || now >= h.until) {
      take();
      return true;
    }
    if (h.until <= now + timeout) {
      ctx.sleep(h.until - now);
      take();
      return true;
    }
    ctx.sleep(timeout);
    return false;
  };

  const lock: GoogleAppsScript.Lock.Lock = {
    tryLock: (timeoutInMillis) => acquire(timeoutInMillis),
    waitLock: (timeoutInMillis) => {
      if (!acquire(timeoutInMillis)) throw ctx.error(LOCK_TIMEOUT_ERROR);
    },
    hasLock: () => heldByMe(),
    releaseLock: () => {
      const h = slot.get();
      if (h && h.executionId === ctx.id) slot.set(null);
    },
  };
  return instrument(ctx, 'Lock', lock, {}, POLICY);
}
