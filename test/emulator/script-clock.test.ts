// The script's clock follows the emulator's: after time is advanced, new Date() and Date.now() in the
// script say the simulated time (a trigger fired "an hour later" sees that hour), and dates built
// from arguments, instanceof Date and Date() as a function behave as usual.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Emulator } from '../../src/emulator/emulator';
import { runFunction } from '../../src/emulator/sandbox';

let dir: string;
let codePath: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clock-'));
  codePath = path.join(dir, 'Code.js');
  fs.writeFileSync(
    codePath,
    `function now() { var d = new Date(); return [d.getTime(), Date.now(), d instanceof Date, new Date(2020, 0, 2).getFullYear(), new Date(0).getTime(), typeof Date(), Object.prototype.toString.call(d)]; }\n`,
  );
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('new Date() in the script is the emulator clock, before and after time passes', () => {
  const e = new Emulator();
  const before = runFunction<unknown[]>(e, 'now', { codePath });
  expect(before.ok).toBe(true);
  expect(Math.abs((before.value![0] as number) - e.clock.now())).toBeLessThan(2000);
  e.clock.advance(5 * 3600_000);
  const after = runFunction<unknown[]>(e, 'now', { codePath });
  const [time, now, isDate, year, epoch, kind, tag] = after.value!;
  expect(Math.abs((time as number) - e.clock.now())).toBeLessThan(2000);
  expect(Math.abs((now as number) - e.clock.now())).toBeLessThan(2000);
  expect((time as number) - Date.now()).toBeGreaterThan(5 * 3600_000 - 2000);
  expect([isDate, year, epoch, kind, tag]).toEqual([true, 2020, 0, 'string', '[object Date]']);
});
