/**
 * The `mapspec` command line: `npm run mapspec -- check FILE.xlsx` (or `diff OLD.xlsx NEW.xlsx`) in the repository (tsx runs this
 * file), `npx mapspec check FILE.xlsx` when installed (bin/mapspec.js loads the bundle of this file,
 * build/cli.js). It runs on load, in both cases, so it has no exports.
 *
 * Output is written and the exit status set with process.exitCode, never process.exit(): exiting
 * at once can cut off a long report piped to another program.
 */
import { version } from '../../package.json';
import { parseCommand } from './args';
import { CliError, EXIT_USAGE } from './cli-error';
import { formatGithub, formatHuman } from './format';
import { visible } from './visible';

async function main(argv: readonly string[]): Promise<number> {
  const command = parseCommand(argv);
  if (command.kind === 'help') {
    process.stdout.write(command.text);
    return 0;
  }
  if (command.kind === 'version') {
    process.stdout.write(`mapspec ${version}\n`);
    return 0;
  }
  if (command.kind === 'checklist-import') {
    const { runChecklistImport } = await import('./checklist');
    const r = await runChecklistImport({ readme: command.readme, out: command.out });
    process.stdout.write(`Wrote ${r.out}: tab "${r.tab}", ${r.tasks} tasks (${r.done} done) in ${r.phases} phases, from ${r.readme}.\n`);
    return 0;
  }
  if (command.kind === 'checklist-export') {
    const { runChecklistExport } = await import('./checklist');
    const r = await runChecklistExport({ file: command.file, into: command.into });
    if (r.into === null) process.stdout.write(r.markdown.endsWith('\n') ? r.markdown : `${r.markdown}\n`);
    else process.stdout.write(r.changedLines ? `Replaced the checklist section of ${r.into} from tab "${r.tab}": ${r.changedLines} ${r.changedLines === 1 ? 'line' : 'lines'} changed; the rest is as it was.\n` : `${r.into} already matches tab "${r.tab}": nothing written.\n`);
    return 0;
  }
  // Loaded only for a check or diff: the emulator and exceljs take a while to load, help and usage errors need neither.
  if (command.kind === 'diff') {
    const { runDiff, diffExitStatus } = await import('./diff');
    const { formatDiff } = await import('./format-diff');
    const out = await runDiff({ old: command.old, new: command.new, tabs: command.tabs });
    process.exitCode = diffExitStatus(out);
    process.stdout.write(command.json ? `${JSON.stringify(out, null, 2)}\n` : formatDiff(out));
    return process.exitCode;
  }
  const { runCheck, exitStatus } = await import('./check');
  const out = await runCheck({ file: command.file, tabs: command.tabs, keys: command.keys, words: command.words, metadata: command.metadata, samples: command.samples });
  // Set before writing, so a reader that closes the pipe early still gets the right status.
  process.exitCode = exitStatus(out);
  process.stdout.write(command.json ? `${JSON.stringify(out, null, 2)}\n` : command.github ? formatGithub(out) : formatHuman(out));
  return process.exitCode;
}

// `mapspec check … | head` closes the pipe early: stop quietly instead of dying with a stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
  process.exit(process.exitCode ?? 0);
});

main(process.argv.slice(2)).then(
  (status) => {
    process.exitCode = status;
  },
  (e: unknown) => {
    if (e instanceof CliError) process.stderr.write(`mapspec: ${e.message.split('\n').map(visible).join('\n')}\n`); // its own lines kept, values' controls escaped
    // Anything else is a bug in Mapspec: one line, the stack only when asked for.
    else process.stderr.write(`mapspec: internal error: ${(e as Error)?.message ?? String(e)}\n${process.env.MAPSPEC_DEBUG ? `${(e as Error)?.stack}\n` : ''}`);
    process.exitCode = e instanceof CliError ? e.exitCode : EXIT_USAGE;
  },
);
