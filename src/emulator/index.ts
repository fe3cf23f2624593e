/**
 * The emulator's public entry, for us and for other add-on authors: a fresh set of Apps Script
 * globals for one execution over a workbook — a new one, an .xlsx file, or a playground state
 * file — plus the pieces to run a built script the way Apps Script does.
 */
import * as fs from 'node:fs';
import { Emulator, type EmulatorOptions } from './emulator';
import type { ExecutionOptions } from './context';
import type { EmulatorState, WorkbookData } from './state';
import { readXlsx } from './xlsx';

export { Emulator, ALL_SCOPES, DEFAULT_USER } from './emulator';
export type { EmulatorOptions, Execution } from './emulator';
export { runFunction, loadScript, intoRealm } from './sandbox';
export type { RunOptions, RunResult } from './sandbox';
export { CallCounter, SCOPES, SPREADSHEET_SERVICE_PREFIXES, isDate } from './context';
export type { AuthModeName, Effects, ExecutionOptions, MenuSpec, UiRequest, UiResponse } from './context';
export type { EmulatorState, WorkbookData, SheetData, CellData, StoredValue } from './state';
export { readXlsx, writeXlsx } from './xlsx';
export type { AppsScriptGlobals } from './globals';

export interface GlobalsOptions extends Omit<EmulatorOptions, 'workbook' | 'state'>, ExecutionOptions {
  /**
   * The workbook: a WorkbookData, a path to an .xlsx file, or a path to a playground state file
   * (.json, as `npm start` saves it). Default: a new spreadsheet with one empty sheet.
   */
  workbook?: WorkbookData | string;
}

/** Loads an emulator over a workbook given as data, an .xlsx path, or a playground .json path. */
export async function loadEmulator(options: Omit<GlobalsOptions, keyof ExecutionOptions> & { user?: string } = {}): Promise<Emulator> {
  const { workbook, ...rest } = options;
  if (typeof workbook === 'string') {
    if (/\.json$/i.test(workbook)) {
      const saved = JSON.parse(fs.readFileSync(workbook, 'utf8')) as { format?: string; state?: EmulatorState };
      // The playground saves { format: 'mapspec-playground', state, playground }; a bare EmulatorState is accepted too.
      const state = (saved.format === 'mapspec-playground' ? saved.state : saved) as EmulatorState;
      return new Emulator({ ...rest, state });
    }
    return new Emulator({ ...rest, workbook: await readXlsx(workbook) });
  }
  return new Emulator({ ...rest, workbook });
}

/**
 * A fresh set of Apps Script globals for one execution. Call `execution.end()` when the code
 * you ran returns: it releases the execution's locks, as Apps Script does.
 */
export async function createAppsScriptGlobals(options: GlobalsOptions = {}) {
  const { user, authMode, timeLimitMs, onCall, uiResponder, console, ...emulatorOptions } = options;
  const emulator = await loadEmulator({ ...emulatorOptions, user });
  const execution = emulator.execution({ user, authMode, timeLimitMs, onCall, uiResponder, console });
  return { globals: execution.globals, emulator, execution };
}
