/**
 * `mapspec checklist import README.md --out FILE.xlsx` and `mapspec checklist export FILE.xlsx
 * [--into README.md]` (issue 17): the add-on's own checklist import and export, headless. The
 * README goes into a new spreadsheet in the Apps Script emulator through the BUILT add-on's
 * importChecklistMarkdown, exactly as the sidebar sends it, and the spreadsheet is saved as .xlsx
 * (the checklist tab and the hidden tab that keeps the README section). Export loads such a
 * workbook, adopts its checklist tab as "Use the active tab as the checklist" would, and calls
 * exportChecklistMarkdown; with --into, the README's checklist section is replaced in place and
 * the rest of the file is left as it was.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ChecklistView } from '../core/api';
import { Emulator } from '../emulator/emulator';
import { writeXlsx } from '../emulator/xlsx';
import { assertFile, openWorkbook, serverCaller } from './adopt';
import { CliError } from './cli-error';
import { locateBuild, type BuiltAddon } from './locate-build';

export type ChecklistImportOutput = { readme: string; out: string; tab: string; tasks: number; done: number; phases: number };

function readText(file: string): string {
  assertFile(file);
  const bytes = fs.readFileSync(file);
  return bytes.toString('utf8');
}

export async function runChecklistImport(options: { readme: string; out: string; addon?: BuiltAddon }): Promise<ChecklistImportOutput> {
  const markdown = readText(options.readme);
  if (markdown.trim() === '') throw new CliError(`${options.readme} is empty: there is no checklist to import`);
  if (!/\.xlsx$/i.test(options.out)) throw new CliError(`--out names the workbook to write, an .xlsx file; got ${JSON.stringify(options.out)}`);
  const addon = options.addon ?? locateBuild();
  const emulator = new Emulator({ scopes: addon.scopes });
  emulator.state.workbook.name = path.basename(options.out, path.extname(options.out));
  const call = serverCaller(emulator, addon);
  const view: ChecklistView = call('importChecklistMarkdown', { markdown }, `on ${options.readme}`);
  const bytes = await writeXlsx(emulator.state.workbook);
  fs.writeFileSync(options.out, bytes);
  const overall = view.progress?.overall;
  return { readme: options.readme, out: options.out, tab: view.tab?.name ?? '', tasks: overall?.total ?? 0, done: overall?.done ?? 0, phases: view.progress?.phases.length ?? 0 };
}

export type ChecklistExportOutput = { markdown: string; tab: string; into: string | null; changedLines: number | null };

export async function runChecklistExport(options: { file: string; into: string | null; addon?: BuiltAddon }): Promise<ChecklistExportOutput> {
  const readme = options.into === null ? undefined : readText(options.into);
  const wb = await openWorkbook(options.file, options.addon);
  const { call } = wb;
  // The checklist tab: the first visible tab the add-on recognises as one (a header with a task column).
  let adopted: { sheetId: number; name: string } | null = null;
  for (const sheet of wb.workbook.sheets) {
    if (sheet.hidden) continue;
    const d = call('detectChecklistTab', { sheetId: sheet.id }, `on tab "${sheet.name}"`).detection;
    if (d.headerRow === null || d.roles.task === undefined) continue;
    const roles = Object.entries(d.roles).map(([role, column]) => ({ role, column: column as number }));
    call('adoptChecklist', { sheetId: sheet.id, headerRow: d.headerRow, roles }, `on tab "${sheet.name}"`);
    adopted = { sheetId: sheet.id, name: sheet.name };
    break;
  }
  if (!adopted) throw new CliError(`${options.file} has no checklist tab: no tab has a header row with a task column (Phase, Task, Status…). Make one with \`mapspec checklist import README.md --out ${options.file}\``);
  const out = call('exportChecklistMarkdown', readme === undefined ? {} : { readme }, `on tab "${adopted.name}"`);
  if (options.into === null || readme === undefined) return { markdown: out.markdown, tab: adopted.name, into: null, changedLines: null };
  // Lines of the new README that the old one lacks (a multiset: a moved line is not a change).
  const left = new Map<string, number>();
  for (const line of readme.split(/\r?\n/)) left.set(line, (left.get(line) ?? 0) + 1);
  let changed = 0;
  for (const line of out.markdown.split(/\r?\n/)) {
    const n = left.get(line) ?? 0;
    if (n > 0) left.set(line, n - 1);
    else changed += 1;
  }
  if (out.markdown !== readme) fs.writeFileSync(options.into, out.markdown);
  return { markdown: out.markdown, tab: adopted.name, into: options.into, changedLines: changed };
}
