/**
 * One size of `npm run bench` in its own process: `size-child.ts <rows> <runs> [skip-naive reason]`.
 * Prints the size's results as JSON on stdout; progress goes to stderr.
 */
import { runSizeHere } from './run-bench';

const [rows, runs, skipNaive] = process.argv.slice(2);
const run = runSizeHere(Number(rows), Number(runs), skipNaive || undefined, (m) => process.stderr.write(`bench: ${m}\n`));
process.stdout.write(JSON.stringify(run));
