// CacheService: expiry on the emulated clock, the measured limits with their error texts,
// eviction of the oldest entries, per-user caches.
import { Emulator } from '../../src/emulator/emulator';
import { CACHE_MAX_ENTRIES } from '../../src/emulator/services/cache';

test('entries expire after 600 s by default, or after their own expiration, capped at 21,600 s', () => {
  const emulator = new Emulator();
  // Each check is a later execution: the cache outlives the run that filled it.
  const cache = () => emulator.execution().globals.CacheService.getScriptCache();
  cache().put('default', 'a');
  cache().put('short', 'b', 30);
  cache().put('long', 'c', 100000);
  emulator.clock.advance(29000);
  expect(cache().get('short')).toBe('b');
  emulator.clock.advance(2000);
  expect(cache().get('short')).toBeNull();
  emulator.clock.advance(599000 - 31000);
  expect(cache().get('default')).toBe('a');
  emulator.clock.advance(2000);
  expect(cache().get('default')).toBeNull();
  emulator.clock.advance(21600 * 1000 - 601000 - 1000);
  expect(cache().get('long')).toBe('c');
  emulator.clock.advance(2000);
  expect(cache().get('long')).toBeNull();
});

test('keys over 250 characters and values over 100 KB throw "Argument too large: ..."', () => {
  const cache = new Emulator().execution().globals.CacheService.getScriptCache();
  cache.put('k'.repeat(250), 'ok');
  expect(() => cache.put('k'.repeat(251), 'x')).toThrow('Argument too large: key');
  expect(() => cache.get('k'.repeat(251))).toThrow('Argument too large: key');
  cache.put('max', 'v'.repeat(102400));
  expect(cache.get('max')).toHaveLength(102400);
  let error: Error | undefined;
  try {
    cache.put('big', 'v'.repeat(102401));
  } catch (e) {
    error = e as Error;
  }
  expect(error?.name).toBe('Exception');
  expect(error?.message).toBe('Argument too large: value');
  expect(cache.get('big')).toBeNull();
});

test('putAll / getAll / removeAll; a refused putAll stores nothing; values become strings', () => {
  const cache = new Emulator().execution().globals.CacheService.getScriptCache();
  cache.putAll({ a: '1', b: 2, c: true });
  expect(cache.getAll(['a', 'b', 'c', 'missing'])).toEqual({ a: '1', b: '2', c: 'true' });
  expect(() => cache.putAll({ d: '4', e: 'x'.repeat(102401) })).toThrow('Argument too large: value');
  expect(cache.get('d')).toBeNull();
  cache.removeAll(['a', 'b']);
  cache.remove('c');
  expect(cache.getAll(['a', 'b', 'c'])).toEqual({});
});

test('a cache keeps at most 1,000 entries: past that the oldest 100 are evicted', () => {
  const emulator = new Emulator();
  const cache = emulator.execution().globals.CacheService.getScriptCache();
  for (let i = 0; i < CACHE_MAX_ENTRIES; i++) {
    cache.put(`k${i}`, String(i));
    emulator.clock.advance(1);
  }
  expect(cache.get('k0')).toBe('0');
  cache.put('newest', 'n');
  expect(Object.keys(emulator.state.cache.script)).toHaveLength(CACHE_MAX_ENTRIES + 1 - 100);
  expect(cache.get('k0')).toBeNull();
  expect(cache.get('k99')).toBeNull();
  expect(cache.get('k100')).toBe('100');
  expect(cache.get('newest')).toBe('n');
});

test('user caches are per user; the script and document caches are shared', () => {
  const emulator = new Emulator();
  const ana = emulator.execution({ user: 'ana@example.org' }).globals.CacheService;
  const ben = emulator.execution({ user: 'ben@example.org' }).globals.CacheService;
  ana.getUserCache().put('draft', 'ana');
  ana.getDocumentCache()!.put('doc', 'shared');
  expect(ben.getUserCache().get('draft')).toBeNull();
  expect(ben.getDocumentCache()!.get('doc')).toBe('shared');
});

test('CacheService is refused in AuthMode.NONE', () => {
  const { globals } = new Emulator().execution({ authMode: 'NONE' });
  expect(() => globals.CacheService.getScriptCache()).toThrow('You do not have permission to call CacheService.getScriptCache');
});
