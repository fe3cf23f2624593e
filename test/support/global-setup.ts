// Builds once before the tests: they load the built build/Code.js and build/Sidebar.html, as shipped.
// A failed build does not stop the run: the build-checks test reports it, and every test of the
// bundle fails on the missing Code.js, so emulator and core tests still say what they can.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

export default function globalSetup(): void {
  const root = path.resolve(__dirname, '../..');
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'src/tools/build.ts'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) process.stderr.write(`\nnpm run build failed before the tests:\n${r.stdout}${r.stderr}\n`);
}
