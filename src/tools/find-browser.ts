/**
 * Finding Chromium for the browser tests before any suite runs (`npm test`'s global setup, and so
 * `.ci/run`): CHROMIUM_PATH, else Debian's /usr/bin/chromium, else — as root on Debian or Ubuntu —
 * Debian's `chromium` package (and the Khmer/Thai fonts the screenshots use) installed with apt-get,
 * said in one line. Otherwise one line names the command to run. Nothing downloads a browser from
 * anywhere but the system's package manager.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';

export const DEBIAN_CHROMIUM = '/usr/bin/chromium';
const HOW = 'run `sudo apt-get install -y chromium` (Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium or Chrome binary';

/** What the step looks at and runs; the defaults are this machine's, a test passes stand-ins. */
export interface BrowserSetup {
  env: NodeJS.ProcessEnv;
  /** Where the system package puts the browser. */
  defaultPath: string;
  /** Root on Debian/Ubuntu: apt-get may install the package. */
  canInstall: boolean;
  /** The install, as argv: exit status 0 when it worked. */
  install: readonly string[];
  log: (line: string) => void;
}

export class BrowserMissing extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BrowserMissing';
  }
}

function isDebianLike(): boolean {
  try {
    return /^(ID|ID_LIKE)=.*\b(debian|ubuntu)\b/m.test(fs.readFileSync('/etc/os-release', 'utf8'));
  } catch {
    return false;
  }
}

export function systemSetup(): BrowserSetup {
  const apt = 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null';
  // The fonts only make Khmer/Thai readable in screenshots: their failure does not fail the install.
  const fonts = '(DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-khmeros fonts-thai-tlwg >/dev/null 2>&1 || true)';
  return {
    env: process.env,
    defaultPath: DEBIAN_CHROMIUM,
    canInstall: typeof process.getuid === 'function' && process.getuid() === 0 && isDebianLike(),
    install: ['sh', '-c', `${apt} && ${fonts}`],
    log: (line) => process.stderr.write(`${line}\n`),
  };
}

function executable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The browser's path, installing Debian's package when it may; BrowserMissing (one line) when there is none. */
export function findBrowser(setup: BrowserSetup = systemSetup()): string {
  const chosen = setup.env.CHROMIUM_PATH;
  if (chosen) {
    if (executable(chosen)) return chosen;
    throw new BrowserMissing(`CHROMIUM_PATH is ${chosen}, which is not an executable file: fix it, or unset it to use ${setup.defaultPath}`);
  }
  if (executable(setup.defaultPath)) return setup.defaultPath;
  if (!setup.canInstall) throw new BrowserMissing(`No Chromium for the browser tests at ${setup.defaultPath}: ${HOW}.`);
  setup.log(`Chromium is missing: installing Debian's chromium package with apt-get (once) for the browser tests…`);
  const [cmd, ...args] = setup.install;
  const r = spawnSync(cmd!, args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0 || !executable(setup.defaultPath)) {
    const why = r.error ? r.error.message : `exit status ${r.status}`;
    throw new BrowserMissing(`Installing Debian's chromium failed (${why}): ${HOW}.`);
  }
  setup.log(`Chromium installed at ${setup.defaultPath}.`);
  return setup.defaultPath;
}

// Run directly (`npx tsx src/tools/find-browser.ts`): print the path, or the one line and exit 1.
if (require.main === module) {
  try {
    process.stdout.write(`${findBrowser()}\n`);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(1);
  }
}
