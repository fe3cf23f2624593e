// console and Logger: formatting, where the output goes (effects.logs and the execution's console
// option), getLog/clear, availability in every auth mode.
import { Emulator } from '../../src/emulator/emulator';

test('console formats %s / %d and logs at its level into the execution effects and the console option', () => {
  const seen: string[] = [];
  const record = (level: string) => (...m: unknown[]) => void seen.push(`${level}:${m.join(' ')}`);
  const sink = { log: record('log'), info: record('info'), warn: record('warn'), error: record('error') };
  const ex = new Emulator().execution({ authMode: 'NONE', console: sink });
  ex.globals.console.log('%s has %d rows', 'Sheet1', 3);
  ex.globals.console.warn('careful');
  ex.globals.console.error({ a: 1 });
  expect(ex.ctx.effects.logs).toEqual([
    { level: 'log', message: 'Sheet1 has 3 rows' },
    { level: 'warn', message: 'careful' },
    { level: 'error', message: '{ a: 1 }' },
  ]);
  expect(seen).toEqual(['log:Sheet1 has 3 rows', 'warn:careful', 'error:{ a: 1 }']);
  expect(ex.ctx.calls.toJSON()).toEqual({ 'console.error': 1, 'console.log': 1, 'console.warn': 1 });
});

test('Logger.log returns the Logger, formats Java-style, and getLog / clear cover this execution', () => {
  const ex = new Emulator().execution({ authMode: 'NONE' });
  const logger = ex.globals.Logger;
  logger.log('Total: %s rows, %.2f%%', 12, 99.5).log({ id: 1 });
  expect(logger.getLog()).toBe('Total: 12 rows, 99.50%\n{"id":1}');
  expect(ex.ctx.effects.logs.map((l) => l.message)).toEqual(['Total: 12 rows, 99.50%', '{"id":1}']);
  logger.clear();
  expect(logger.getLog()).toBe('');
  expect(ex.ctx.calls.byMethod.get('Logger.log')).toBe(2);
});
