// Before the tests: a browser for the browser suites (found, or installed from Debian's packages when
// root; otherwise one line says what to run and nothing starts), then the build once — the tests load
// the built build/Code.js and build/Sidebar.html, as shipped. A failed build does not stop the run:
// the build-checks test reports it, and every test of the bundle fails on the missing Code.js, so
// emulator and core tests still say what they can.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { BrowserMissing, findBrowser } from '../../src/tools/find-browser';

export default function globalSetup(): void {
  try {
    // Workers inherit the environment: the browser suites launch what was found.
    process.env.CHROMIUM_PATH = findBrowser();
  } catch (e) {
    if (!(e instanceof BrowserMissing)) throw e;
    process.stderr.write(`\nmapspec: ${e.message}\n`);
    process.exit(1);
  }
  const root = path.resolve(__dirname, '../..');
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'src/tools/build.ts'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) process.stderr.write(`\nnpm run build failed before the tests:\n${r.stdout}${r.stderr}\n`);
}
