// Issue 24: `npm test` finds a browser before any suite runs — CHROMIUM_PATH, Debian's path, or (root
// on Debian/Ubuntu) Debian's package installed with apt-get — and otherwise stops with one line that
// names the command to run. The install is a stand-in here: nothing is installed by this test.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BrowserMissing, findBrowser, systemSetup, type BrowserSetup } from '../../src/tools/find-browser';

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mapspec-browser-'));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A stand-in for apt-get: a shell script that exits with `status`, first creating the browser when told. */
function standIn(status: number, creates: string | null): string[] {
  const script = path.join(tmp, 'apt-stand-in.sh');
  const make = creates ? `printf '#!/bin/sh\\n' > '${creates}' && chmod +x '${creates}'\n` : '';
  fs.writeFileSync(script, `#!/bin/sh\n${make}echo 'E: Unable to locate package chromium' >&2\nexit ${status}\n`, { mode: 0o755 });
  return ['sh', script];
}

function setup(over: Partial<BrowserSetup>): { setup: BrowserSetup; lines: string[] } {
  const lines: string[] = [];
  return { lines, setup: { env: {}, defaultPath: path.join(tmp, 'chromium'), canInstall: false, install: ['false'], log: (l) => lines.push(l), ...over } };
}

function missing(s: BrowserSetup): string {
  try {
    findBrowser(s);
  } catch (e) {
    expect(e).toBeInstanceOf(BrowserMissing);
    return (e as Error).message;
  }
  throw new Error('expected BrowserMissing');
}

test('no browser and no way to install one: one line naming the command, at once', () => {
  const t0 = Date.now();
  const { setup: s, lines } = setup({});
  const message = missing(s);
  expect(message).toBe(`No Chromium for the browser tests at ${s.defaultPath}: run \`sudo apt-get install -y chromium\` (Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium or Chrome binary.`);
  expect(message).not.toContain('\n');
  expect(lines).toEqual([]);
  expect(Date.now() - t0).toBeLessThan(2000);
});

test('root on Debian with an install that fails: the install line, then one line naming the command', () => {
  const t0 = Date.now();
  const { setup: s, lines } = setup({ canInstall: true, install: standIn(100, null) });
  const message = missing(s);
  expect(lines).toEqual(["Chromium is missing: installing Debian's chromium package with apt-get (once) for the browser tests…"]);
  expect(message).toBe("Installing Debian's chromium failed (exit status 100): run `sudo apt-get install -y chromium` (Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium or Chrome binary.");
  expect(Date.now() - t0).toBeLessThan(5000);
});

test('root on Debian with an install that works: the install line, and the browser found', () => {
  const { setup: s, lines } = setup({ canInstall: true, install: standIn(0, path.join(tmp, 'chromium')) });
  expect(findBrowser(s)).toBe(s.defaultPath);
  expect(lines).toEqual(["Chromium is missing: installing Debian's chromium package with apt-get (once) for the browser tests…", `Chromium installed at ${s.defaultPath}.`]);
  // Found now: a second run installs nothing.
  lines.length = 0;
  expect(findBrowser(s)).toBe(s.defaultPath);
  expect(lines).toEqual([]);
});

test('CHROMIUM_PATH wins; a wrong one is named', () => {
  const own = path.join(tmp, 'my-chrome');
  fs.writeFileSync(own, '#!/bin/sh\n', { mode: 0o755 });
  expect(findBrowser(setup({ env: { CHROMIUM_PATH: own } }).setup)).toBe(own);
  expect(missing(setup({ env: { CHROMIUM_PATH: path.join(tmp, 'nope') }, canInstall: true }).setup)).toBe(
    `CHROMIUM_PATH is ${path.join(tmp, 'nope')}, which is not an executable file: fix it, or unset it to use ${path.join(tmp, 'chromium')}`,
  );
});

test("the system's setup installs only Debian's package with apt-get", () => {
  const s = systemSetup();
  expect(s.defaultPath).toBe('/usr/bin/chromium');
  expect(s.install.join(' ')).toMatch(/apt-get install -y -qq chromium/);
  expect(s.install.join(' ')).not.toMatch(/https?:|curl|wget|npx playwright/);
});
