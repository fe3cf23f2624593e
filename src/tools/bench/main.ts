/**
 * `npm run bench`: generates specs of 500, 5,000 and 20,000 rows in the emulator, measures every
 * operation of the built add-on and a naive hand-written "check + colour", prints a Markdown table
 * on stdout and writes the same figures as JSON to build/bench/results.json. Needs `npm run build`.
 * Progress goes to stderr so stdout stays the table.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runBench } from './run-bench';
import { markdown } from './report';
import { BUILD_DIR, CODE_PATH } from './workbook';

function main(): void {
  if (!fs.existsSync(CODE_PATH)) {
    process.stderr.write(`${CODE_PATH} does not exist: run \`npm run build\` first\n`);
    process.exit(2);
  }
  const results = runBench({ isolate: true, log: (m) => process.stderr.write(`bench: ${m}\n`) });
  const out = path.join(BUILD_DIR, 'bench', 'results.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`${markdown(results)}\n\nRun time ${results.wallSeconds.toFixed(0)} s on ${results.machine.cpus} CPUs (${results.machine.node}). JSON: ${path.relative(process.cwd(), out)}\n`);
}

main();
