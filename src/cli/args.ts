/**
 * The command line's arguments and usage text. node:util parseArgs in strict mode, so a mistyped
 * option is a usage error (exit 2) rather than silently ignored in someone's CI.
 */
import { parseArgs } from 'node:util';
import type { OwnWordChoices } from './check';
import { CliError } from './cli-error';

export const USAGE = `Usage: mapspec <command> [options]

Commands:
  check FILE.xlsx [--tab NAME] [--json]            Adopt and check the mapping-spec tabs of a workbook
  diff OLD.xlsx NEW.xlsx [--tab NAME] [--json]     Rows added, removed and changed between two workbooks
  checklist import README.md --out FILE.xlsx       A README's checklist as a workbook with the checklist tab
  checklist export FILE.xlsx [--into README.md]    The checklist tab back as Markdown, or into the README

Options:
  -h, --help      Show this help; \`mapspec check --help\`, \`mapspec diff --help\`, \`mapspec checklist --help\` for a command's
  -V, --version   Print the version
`;

export const CHECK_USAGE = `Usage: mapspec check FILE.xlsx [--tab NAME]... [--key [TAB!]COLUMN]... [--status WORD=STATUS]... [--type WORD=TYPE]...
                     [--metadata [dest=|source=]FILE]... [--sample [source=|dest=]FILE]... [--json | --format github]

Runs the Mapspec add-on's own adoption and checks on FILE.xlsx, headless: the built add-on
(build/Code.js) in the local Apps Script emulator. Each tab's header row and column roles are
detected as in "Use this tab as a mapping spec", every tab that looks like a mapping spec, data
dictionary or value map is checked, and the findings are printed. The file is never changed.

Options:
  --tab NAME    Check only this tab (repeatable); it fails if it has no recognisable header.
                Value-map tabs are still read for the lists it refers to (listTabs).
  --key [TAB!]COLUMN
                Confirm the column (header text or letter) that holds each row's own ID, in TAB
                or in every tab that has it (repeatable). Only a confirmed key is checked for
                missing and duplicate IDs: a detected "ID" column may be a code list.
  --status WORD=STATUS, --type WORD=TYPE
                Say what the spec's own status or type words mean ("Added=Agreed",
                "Freetext=text"), as "This spec's own words" in the sidebar does (repeatable).
                The words Mapspec does not know are listed at the end of the output.
  --metadata [dest=|source=]FILE
                Check the spec against a system's metadata (repeatable): a DHIS2 metadata export
                (JSON), an XLSForm (.xlsx), a Kobo form (JSON) or a field list (CSV/JSON: path,
                type, label). Without dest= or source=, a DHIS2 export is the destination and a
                form the source; the output says which.
  --sample [source=|dest=]FILE
                A sample record (JSON: a CommCare form, a Kobo/ODK submission, a DHIS2 payload),
                flattened to paths with masked examples (repeatable; the source by default).
  --format github
                Print one ::error / ::warning / ::notice line per finding, for GitHub Actions.
  --json        Print one JSON object instead of text:
                { file, tabs: [{ name, sheetId, kind, headerRow, bandRow, level,
                  columns: [{ column, letter, header, group, role, confidence }],
                  key: { column, letter, header, confirmed } | null }],
                  findings: [{ tab, row, column, columnName, rule, severity, message, hint,
                  sheetId, columnIndex }], bySeverity: { error, warning, info }, total,
                  rowsChecked, truncated, listTabs?, ownWords: [{ kind, word, rows, tabs,
                  suggestion }], systems?: [{ name, side, sideGiven, summary }],
                  coverage: [{ tab, system, mapped, inSample, unmapped }] }
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

export const CHECKLIST_USAGE = `Usage: mapspec checklist import README.md --out FILE.xlsx
       mapspec checklist export FILE.xlsx [--into README.md]

import  Reads the implementation checklist of a README (GitHub task list: "- [ ]" / "- [x]" items
        under headings) as the add-on's "Import Markdown" does — phases, sub-sections, the text
        between items, ticks and owners — and writes FILE.xlsx: a workbook with the checklist tab
        and the hidden tab that keeps the README section, ready to open in Sheets or Excel.
export  Prints the checklist tab of FILE.xlsx as Markdown: the README section it was imported
        from, written back line for line (only what changed in the tab changes), or a plain task
        list for a tab made otherwise. With --into README.md, that README's checklist section is
        replaced in place (found by its heading) and the rest of the file is left as it was.

Options:
  --out FILE.xlsx    The workbook import writes (required; replaced if it exists).
  --into README.md   The README export writes the checklist back into.
  -h, --help         Show this help

Exit status:
  0  done
  2  usage error, unreadable file, no checklist, or the add-on could not run
`;

function firstLine(text: string): string {
  return text.slice(0, text.indexOf('\n'));
}

export type Command =
  | { kind: 'help'; text: string }
  | { kind: 'version' }
  | { kind: 'check'; file: string; tabs: string[] | null; keys: string[]; words: OwnWordChoices; metadata: string[]; samples: string[]; json: boolean; github: boolean }
  | { kind: 'diff'; old: string; new: string; tabs: string[] | null; json: boolean }
  | { kind: 'checklist-import'; readme: string; out: string }
  | { kind: 'checklist-export'; file: string; into: string | null };

export function parseCommand(argv: readonly string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        tab: { type: 'string', multiple: true },
        key: { type: 'string', multiple: true },
        status: { type: 'string', multiple: true },
        metadata: { type: 'string', multiple: true },
        sample: { type: 'string', multiple: true },
        format: { type: 'string' },
        out: { type: 'string' },
        into: { type: 'string' },
        type: { type: 'string', multiple: true },
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
  if (values.help) return { kind: 'help', text: command === 'check' ? CHECK_USAGE : command === 'diff' ? DIFF_USAGE : command === 'checklist' ? CHECKLIST_USAGE : USAGE };
  if (values.version) return { kind: 'version' };
  if (command === undefined) throw new CliError(`a command is needed\n${firstLine(USAGE)}\nRun \`mapspec --help\` for usage.`);
  if (command === 'checklist') return checklistCommand(rest, values);
  if (values.out !== undefined || values.into !== undefined) throw new CliError('--out and --into are options of checklist\nRun `mapspec checklist --help` for usage.');
  const tabs = values.tab ?? null;
  if (tabs?.some((t) => t.trim() === '')) throw new CliError('--tab needs a tab name');
  const keys = values.key ?? [];
  if (keys.some((k) => k.replace(/^.*!/, '').trim() === '')) throw new CliError('--key needs a column: its header text or letter, optionally after TAB!');
  const words: OwnWordChoices = { statuses: wordPairs(values.status ?? [], '--status', 'STATUS'), types: wordPairs(values.type ?? [], '--type', 'TYPE') };
  if (command === 'diff') {
    if (values.status || values.type || values.metadata || values.sample || values.format) throw new CliError('--status, --type, --metadata, --sample and --format are options of check\nRun `mapspec diff --help` for usage.');
    if (keys.length > 0) throw new CliError('--key is an option of check (diff matches rows by the detected ID column)\nRun `mapspec diff --help` for usage.');
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
  if (values.format !== undefined && values.format !== 'github') throw new CliError(`--format takes github (one annotation line per finding), not ${JSON.stringify(values.format)}`);
  if (values.format === 'github' && values.json) throw new CliError('--json and --format github print different things: choose one');
  return { kind: 'check', file: rest[0], tabs, keys, words, metadata: values.metadata ?? [], samples: values.sample ?? [], json: values.json === true, github: values.format === 'github' };
}

function checklistCommand(rest: readonly string[], values: { [k: string]: unknown }): Command {
  const others = ['tab', 'key', 'status', 'type', 'metadata', 'sample', 'format', 'json'].filter((k) => values[k] !== undefined);
  if (others.length) throw new CliError(`${others.map((k) => `--${k}`).join(', ')}: not an option of checklist\nRun \`mapspec checklist --help\` for usage.`);
  const [sub, ...files] = rest;
  const out = values.out as string | undefined;
  const into = values.into as string | undefined;
  if (sub === 'import') {
    if (files.length !== 1) throw new CliError(`checklist import takes one README, got ${files.length}\n${firstLine(CHECKLIST_USAGE)}`);
    if (out === undefined || out.trim() === '') throw new CliError('checklist import needs --out FILE.xlsx, the workbook to write');
    if (into !== undefined) throw new CliError('--into is an option of checklist export');
    return { kind: 'checklist-import', readme: files[0]!, out };
  }
  if (sub === 'export') {
    if (files.length !== 1) throw new CliError(`checklist export takes one .xlsx workbook, got ${files.length}\n${firstLine(CHECKLIST_USAGE)}`);
    if (out !== undefined) throw new CliError('--out is an option of checklist import; export prints the Markdown, or writes it into the README named by --into');
    if (into !== undefined && into.trim() === '') throw new CliError('--into needs the README to write into');
    return { kind: 'checklist-export', file: files[0]!, into: into ?? null };
  }
  throw new CliError(`checklist needs import or export${sub === undefined ? '' : `, not ${JSON.stringify(sub)}`}\n${firstLine(CHECKLIST_USAGE)}\nRun \`mapspec checklist --help\` for usage.`);
}

/** "Added=Agreed" pairs (split at the last "=", so a word may hold one) into { word: meaning }. */
function wordPairs(pairs: readonly string[], option: string, what: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of pairs) {
    const eq = p.lastIndexOf('=');
    const word = p.slice(0, eq).trim();
    const meaning = p.slice(eq + 1).trim();
    if (eq < 0 || word === '' || meaning === '') throw new CliError(`${option} needs WORD=${what}, e.g. ${option === '--status' ? '"Added=Agreed"' : '"Freetext=text"'}; got ${JSON.stringify(p)}`);
    out[word] = meaning;
  }
  return out;
}
