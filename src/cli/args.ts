/**
 * The command line's arguments and usage text. node:util parseArgs in strict mode, so a mistyped
 * option is a usage error (exit 2) rather than silently ignored in someone's CI.
 */
import { parseArgs } from 'node:util';
import { CliError } from './cli-error';

export const USAGE = `Usage: mapspec <command> [options]

Commands:
  check FILE.xlsx [--tab NAME] [--json]            Adopt and check the mapping-spec tabs of a workbook
  diff OLD.xlsx NEW.xlsx [--tab NAME] [--json]     Rows added, removed and changed between two workbooks

Options:
  -h, --help      Show this help; \`mapspec check --help\`, \`mapspec diff --help\` for a command's
  -V, --version   Print the version
`;

export const CHECK_USAGE = `Usage: mapspec check FILE.xlsx [--tab NAME]... [--json]

Runs the Mapspec add-on's own adoption and checks on FILE.xlsx, headless: the built add-on
(build/Code.js) in the local Apps Script emulator. Each tab's header row and column roles are
detected as in "Use this tab as a mapping spec", every tab that looks like a mapping spec, data
dictionary or value map is checked, and the findings are printed. The file is never changed.

Options:
  --tab NAME    Check only this tab (repeatable); it fails if it has no recognisable header.
                Value-map tabs are still read for the lists it refers to (listTabs).
  --json        Print one JSON object instead of text:
                { file, tabs: [{ name, sheetId, kind, headerRow, bandRow, level,
                  columns: [{ column, letter, header, role, confidence }] }],
                  findings: [{ tab, row, column, columnName, rule, severity, message, hint,
                  sheetId, columnIndex }], bySeverity: { error, warning, info }, total,
                  rowsChecked, truncated, listTabs? }
  -h, --help    Show this help

Exit status:
  0  no errors (warnings and info do not fail)
  1  at least one finding of severity error
  2  usage error, unreadable file, or the add-on could not run
`;

export const DIFF_USAGE = `Usage: mapspec diff OLD.xlsx NEW.xlsx [--tab NAME]... [--json]

Compares two workbooks as the Mapspec add-on compares two versions of a spec: each file is loaded
into the local Apps Script emulator, its tabs adopted as \`mapspec check\` adopts them, and the built
add-on's (build/Code.js) snapshots of the two are diffed by the add-on's own diff. Rows are matched
by their key (the ID column), tabs by name. Neither file is changed.

Output: per tab that differs, "+ row KEY" (added), "- row KEY" (removed), "~ row KEY: Column:
old → new" (one line per changed cell; long values shortened), rows that only moved, columns added
or removed; then "N added, N changed, N removed rows in M tabs", or "No differences".

Options:
  --tab NAME    Compare only this tab (repeatable); it must exist in at least one of the files.
  --json        Print one JSON object instead of text: { old, new, diff }, diff being
                { tabs: [{ sheetId, name, kind, status, renamedFrom, kindChanged,
                  keyColumnChanged, columnsAdded, columnsRemoved, columnsReordered,
                  counts: { added, removed, changed, unchanged, moved },
                  rows: [{ type, key, oldPosition, newPosition, moved, entry,
                  cells: [{ column, old, new }] }], rowsOmitted, moved, movedOmitted,
                  duplicateKeys }],
                  summary: { added, removed, changed, unchanged, moved, tabsAdded, tabsRemoved,
                  tabsRenamed, tabsModified, columnsAdded, columnsRemoved, duplicateKeys } }
  -h, --help    Show this help

Exit status:
  0  no differences
  1  the files differ
  2  usage error, unreadable file, or the add-on could not run
`;

function firstLine(text: string): string {
  return text.slice(0, text.indexOf('\n'));
}

export type Command =
  | { kind: 'help'; text: string }
  | { kind: 'version' }
  | { kind: 'check'; file: string; tabs: string[] | null; json: boolean }
  | { kind: 'diff'; old: string; new: string; tabs: string[] | null; json: boolean };

export function parseCommand(argv: readonly string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        tab: { type: 'string', multiple: true },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'V' },
      },
    });
  } catch (e) {
    // parseArgs' unknown-option message goes on about positionals after "--"; a typo needs less.
    const err = e as Error & { code?: string };
    const unknown = err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? /'([^']+)'/.exec(err.message)?.[1] : undefined;
    throw new CliError(`${unknown ? `unknown option ${unknown}` : err.message}\nRun \`mapspec --help\` for usage.`);
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help) return { kind: 'help', text: command === 'check' ? CHECK_USAGE : command === 'diff' ? DIFF_USAGE : USAGE };
  if (values.version) return { kind: 'version' };
  if (command === undefined) throw new CliError(`a command is needed\n${firstLine(USAGE)}\nRun \`mapspec --help\` for usage.`);
  const tabs = values.tab ?? null;
  if (tabs?.some((t) => t.trim() === '')) throw new CliError('--tab needs a tab name');
  if (command === 'diff') {
    if (rest.length !== 2) {
      const problem = rest.length < 2 ? 'diff needs two .xlsx files, the old one and the new one' : `diff takes two files, got ${rest.length}: ${rest.map((r) => JSON.stringify(r)).join(' ')}`;
      throw new CliError(`${problem}\n${firstLine(DIFF_USAGE)}\nRun \`mapspec diff --help\` for usage.`);
    }
    return { kind: 'diff', old: rest[0], new: rest[1], tabs, json: values.json === true };
  }
  if (command !== 'check') throw new CliError(`unknown command ${JSON.stringify(command)}\n${firstLine(USAGE)}\nRun \`mapspec --help\` for usage.`);
  if (rest.length !== 1) {
    const problem = rest.length === 0 ? 'check needs the .xlsx file to check' : `check takes one file, got ${rest.length}: ${rest.map((r) => JSON.stringify(r)).join(' ')}`;
    throw new CliError(`${problem}\n${firstLine(CHECK_USAGE)}\nRun \`mapspec check --help\` for usage.`);
  }
  return { kind: 'check', file: rest[0], tabs, json: values.json === true };
}
