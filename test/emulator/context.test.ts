// The execution context every emulated service goes through: call counting, auth modes, scopes,
// the time limit, fault injection and interleaving hooks, and "not emulated" for missing methods.
import { Emulator } from '../../src/emulator/emulator';
import { instrument, SCOPES, type ExecutionContext } from '../../src/emulator/context';

class FakeService {
  value = 0;
  read(): number {
    return this.value;
  }
  write(v: number): FakeService {
    this.value = v;
    return this;
  }
  _internal(): number {
    return 42;
  }
}

function fake(ctx: ExecutionContext) {
  return instrument(ctx, 'Fake', new FakeService(), {
    read: { minAuth: 'NONE' },
    write: { scopes: [SCOPES.spreadsheets, SCOPES.spreadsheetsCurrentOnly] },
  });
}

test('each call is counted per method; chaining returns the counted wrapper; internal methods are not counted', () => {
  const ex = new Emulator().execution();
  const s = fake(ex.ctx);
  s.write(1).write(2).read();
  expect(s._internal()).toBe(42);
  expect(ex.ctx.calls.toJSON()).toEqual({ 'Fake.read': 1, 'Fake.write': 2 });
  expect(ex.ctx.calls.total).toBe(3);
  expect(ex.ctx.calls.count('Fake.w')).toBe(2);
});

test('a method the emulator does not implement throws "not emulated", never a silent no-op', () => {
  const s = fake(new Emulator().execution().ctx) as unknown as { frobnicate(): void; then?: unknown };
  expect(() => s.frobnicate()).toThrow('not emulated: Fake.frobnicate');
  // Properties tooling probes (promises, JSON) stay undefined.
  expect(s.then).toBeUndefined();
});

test('AuthMode NONE refuses what needs LIMITED, with an Apps Script Exception', () => {
  const ex = new Emulator().execution({ authMode: 'NONE' });
  const s = fake(ex.ctx);
  expect(s.read()).toBe(0);
  let error: Error | undefined;
  try {
    s.write(1);
  } catch (e) {
    error = e as Error;
  }
  expect(error?.name).toBe('Exception');
  expect(error?.message).toMatch(/^You do not have permission to call Fake\.write/);
});

test('a call whose scope the manifest lacks is refused with the scope named', () => {
  const ex = new Emulator({ scopes: [SCOPES.containerUi] }).execution();
  expect(() => fake(ex.ctx).write(1)).toThrow(
    `You do not have permission to call Fake.write. Required permissions: (${SCOPES.spreadsheets} || ${SCOPES.spreadsheetsCurrentOnly})`,
  );
});

test('onCall can fail the Nth call (fault injection) and sees every call in order', () => {
  const seen: string[] = [];
  const ex = new Emulator().execution({
    onCall: (name, index) => {
      seen.push(`${index}:${name}`);
      if (index === 3) throw new Error('injected fault');
    },
  });
  const s = fake(ex.ctx);
  s.write(1);
  s.write(2);
  expect(() => s.write(3)).toThrow('injected fault');
  expect(s.read()).toBe(2); // the failed call did not run
  expect(seen).toEqual(['1:Fake.write', '2:Fake.write', '3:Fake.write', '4:Fake.read']);
});

test('the time limit is enforced on the emulated clock', () => {
  const emulator = new Emulator();
  const ex = emulator.execution({ timeLimitMs: 30_000 });
  const s = fake(ex.ctx);
  s.read();
  emulator.clock.advance(31_000);
  expect(() => s.read()).toThrow('Exceeded maximum execution time');
});

test('an ended execution cannot be used', () => {
  const ex = new Emulator().execution();
  const s = fake(ex.ctx);
  ex.end();
  expect(() => s.read()).toThrow(/after its execution ended/);
});

test('executions run as the signed-in user unless told otherwise', () => {
  const emulator = new Emulator({ user: 'a@example.org' });
  expect(emulator.execution().ctx.user).toBe('a@example.org');
  emulator.setActiveUser('b@example.org');
  expect(emulator.execution().ctx.user).toBe('b@example.org');
  expect(emulator.execution({ user: 'owner@example.org' }).ctx.user).toBe('owner@example.org');
  expect(emulator.state.users.known).toEqual(['a@example.org', 'b@example.org']);
});
