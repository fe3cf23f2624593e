// LockService across executions: contention, the real waitLock timeout error, release when the
// holding execution ends, re-entrancy, waits advancing the emulated clock.
import { Emulator } from '../../src/emulator/emulator';
import { LOCK_TIMEOUT_ERROR } from '../../src/emulator/services/lock';

test('while A holds the script lock, B cannot get it: tryLock is false and waitLock throws after waiting', () => {
  const emulator = new Emulator();
  const a = emulator.execution();
  const b = emulator.execution();
  const lockA = a.globals.LockService.getScriptLock();
  expect(lockA.hasLock()).toBe(false);
  expect(lockA.tryLock(1000)).toBe(true);
  expect(lockA.hasLock()).toBe(true);

  const lockB = b.globals.LockService.getScriptLock();
  const t0 = emulator.clock.now();
  expect(lockB.tryLock(1000)).toBe(false);
  expect(emulator.clock.now() - t0).toBeGreaterThanOrEqual(1000);
  expect(lockB.hasLock()).toBe(false);

  const t1 = emulator.clock.now();
  let error: Error | undefined;
  try {
    lockB.waitLock(5000);
  } catch (e) {
    error = e as Error;
  }
  expect(error?.name).toBe('Exception');
  expect(error?.message).toBe('Lock timeout: another process was holding the lock for too long.');
  expect(LOCK_TIMEOUT_ERROR).toBe(error?.message);
  expect(emulator.clock.now() - t1).toBeGreaterThanOrEqual(5000);

  // A ends: Apps Script releases a script's locks when it terminates.
  a.end();
  expect(emulator.state.locks.script).toBeNull();
  expect(lockB.tryLock(0)).toBe(true);
  expect(lockB.hasLock()).toBe(true);
  b.end();
});

test('releaseLock frees the lock at once; locks are re-entrant within one execution', () => {
  const emulator = new Emulator();
  const a = emulator.execution();
  const b = emulator.execution();
  const lock = a.globals.LockService.getScriptLock();
  lock.waitLock(1000);
  expect(lock.tryLock(0)).toBe(true);
  expect(a.globals.LockService.getScriptLock().hasLock()).toBe(true);
  expect(b.globals.LockService.getScriptLock().tryLock(0)).toBe(false);
  lock.releaseLock();
  expect(lock.hasLock()).toBe(false);
  expect(b.globals.LockService.getScriptLock().tryLock(0)).toBe(true);
  // Releasing a lock held by someone else has no effect.
  lock.releaseLock();
  expect(emulator.state.locks.script?.executionId).toBe(b.ctx.id);
});

test('a holder that never ends loses the lock at its time limit: the waiter gets it after waiting that long', () => {
  const emulator = new Emulator();
  const a = emulator.execution({ timeLimitMs: 30000 });
  a.globals.LockService.getDocumentLock().waitLock(100);
  const b = emulator.execution();
  const t0 = emulator.clock.now();
  // Too short a wait: the holder is still within its 30 s.
  expect(b.globals.LockService.getDocumentLock().tryLock(10000)).toBe(false);
  b.globals.LockService.getDocumentLock().waitLock(60000);
  const waited = emulator.clock.now() - t0;
  // ~30 s (A's limit counts from A's start, a moment before t0), far less than the 70 s asked for.
  expect(waited).toBeGreaterThanOrEqual(29000);
  expect(waited).toBeLessThan(31000);
  expect(b.globals.LockService.getDocumentLock().hasLock()).toBe(true);
});

test('negative timeouts fail even on a free lock (as live Apps Script does)', () => {
  const { globals } = new Emulator().execution();
  const lock = globals.LockService.getScriptLock();
  expect(lock.tryLock(-100)).toBe(false);
  expect(() => lock.waitLock(-100)).toThrow(LOCK_TIMEOUT_ERROR);
  expect(lock.hasLock()).toBe(false);
});

test('user locks are per user; script, document and user locks are independent', () => {
  const emulator = new Emulator();
  const ana = emulator.execution({ user: 'ana@example.org' });
  const ben = emulator.execution({ user: 'ben@example.org' });
  const ana2 = emulator.execution({ user: 'ana@example.org' });
  expect(ana.globals.LockService.getUserLock().tryLock(0)).toBe(true);
  expect(ben.globals.LockService.getUserLock().tryLock(0)).toBe(true);
  expect(ana2.globals.LockService.getUserLock().tryLock(0)).toBe(false);
  expect(ana2.globals.LockService.getScriptLock().tryLock(0)).toBe(true);
  ana.end();
  expect(emulator.state.locks.user['ana@example.org']).toBeUndefined();
  expect(ana2.globals.LockService.getUserLock().tryLock(0)).toBe(true);
});

test('LockService is unavailable in AuthMode.NONE and works in LIMITED; calls are counted', () => {
  const emulator = new Emulator();
  expect(() => emulator.execution({ authMode: 'NONE' }).globals.LockService.getScriptLock()).toThrow(
    'You do not have permission to call LockService.getScriptLock',
  );
  const ex = emulator.execution({ authMode: 'LIMITED' });
  ex.globals.LockService.getScriptLock().tryLock(10);
  expect(ex.ctx.calls.toJSON()).toEqual({ 'Lock.tryLock': 1, 'LockService.getScriptLock': 1 });
});
