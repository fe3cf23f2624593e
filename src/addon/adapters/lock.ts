/**
 * Serialises Mapspec's writes to a spreadsheet: two people (or a person and a trigger) running
 * checks or saving layouts at once take turns, and the one that cannot get its turn in time is told
 * to try again instead of interleaving half-written state.
 */
import { UserError } from '../../core/errors';

const WAIT_MS = 10_000;

export function withDocumentLock<T>(fn: () => T): T {
  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(WAIT_MS)) {
    throw new UserError('Mapspec is busy with another change in this spreadsheet. Try again in a moment.');
  }
  try {
    return fn();
  } finally {
    lock.releaseLock();
  }
}
