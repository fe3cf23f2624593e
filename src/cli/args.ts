/**
 * The command line's arguments and usage text. node:util parseArgs in strict mode, so a mistyped
 * option is a usage error (exit 2) rather than silently ignored in someone's CI.
 */
import { parseArgs } from 'node:util';
import { CliError } from './cli-error';

export const USAGE = `Usage: mapspec <command> [options]

Commands:
  check FILE.xlsx [--tab NAME] [--json]   Adopt and check the mapping-spec tabs of a workbook

Options:
  -h, --help      Show this help; \`mapspec check --help\` for the command's
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

function firstLine(text: string): string {
  return text.slice(0, text.indexOf('\n'));
}

export type Command =
  | { kind: 'help'; text: string }
  | { kind: 'version' }
  | { kind: 'check'; file: string; tabs: string[] | null; json: boolean };

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
  if (values.help) return { kind: 'help', text: command === 'check' ? CHECK_USAGE : USAGE };
  if (values.version) return { kind: 'version' };
  if (command === undefined) throw new CliError(`a command is needed\n${firstLine(USAGE)}\nRun \`mapspec --help\` for usage.`);
  if (command !== 'check') throw new CliError(`unknown command ${JSON.stringify(command)}\n${firstLine(USAGE)}\nRun \`mapspec --help\` for usage.`);
  if (rest.length !== 1) {
    const problem = rest.length === 0 ? 'check needs the .xlsx file to check' : `check takes one file, got ${rest.length}: ${rest.map((r) => JSON.stringify(r)).join(' ')}`;
    throw new CliError(`${problem}\n${firstLine(CHECK_USAGE)}\nRun \`mapspec check --help\` for usage.`);
  }
  const tabs = values.tab ?? null;
  if (tabs?.some((t) => t.trim() === '')) throw new CliError('--tab needs a tab name');
  return { kind: 'check', file: rest[0], tabs, json: values.json === true };
}
