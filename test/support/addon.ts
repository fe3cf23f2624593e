// Runs the built add-on (build/Code.js) in the emulator the way Apps Script does: a fresh sandbox per
// execution, the manifest's own scopes, HtmlService reading the built Sidebar.html.
import { Emulator, type EmulatorOptions } from '../../src/emulator/emulator';
import { runFunction, type RunOptions, type RunResult } from '../../src/emulator/sandbox';
import { manifestScopes, readProjectFile } from '../../src/tools/build';
import { callServer as simulateCallServer } from '../../src/emulator/simulate';
import { BUILD_DIR, CODE_PATH } from './paths';

export function newEmulator(options: EmulatorOptions = {}): Emulator {
  return new Emulator({ scopes: manifestScopes(BUILD_DIR), readProjectFile: (name) => readProjectFile(BUILD_DIR, name), ...options });
}

/** Calls a top-level function of Code.js in a fresh execution (FULL auth unless told otherwise). */
export function run<T = unknown>(emulator: Emulator, fn: string, options: RunOptions = {}): RunResult<T> {
  return runFunction<T>(emulator, fn, { codePath: CODE_PATH, ...options });
}

/** Like google.script.run (the playground's bridge): JSON payload in, JSON result or error message out. */
export function callServer<T = unknown>(emulator: Emulator, fn: string, payload: unknown) {
  const r = simulateCallServer(emulator, fn, payload, { codePath: CODE_PATH });
  return r.ok ? { ok: true as const, value: r.value as T } : { ok: false as const, message: r.message };
}

/** The value of a server call that must succeed (its message otherwise, as the test's failure). */
export function ok<T>(r: { ok: true; value: T } | { ok: false; message: string }): T {
  if (!r.ok) throw new Error(`server call failed: ${r.message}`);
  return r.value;
}

/** The emulated spreadsheet, as the script sees it, to arrange and inspect a test's sheets. */
export function sheets(emulator: Emulator) {
  return emulator.execution().globals.SpreadsheetApp.getActiveSpreadsheet();
}

/** A mapping row in the template's 17 columns (ID, status, source label/path/type, destination…, rule). */
export function templateRow(id: string, srcPath: string, dstPath: string, rule = ''): string[] {
  const r = Array<string>(17).fill('');
  r[0] = id;
  r[1] = 'Agreed';
  r[2] = srcPath;
  r[3] = srcPath;
  r[4] = 'text';
  r[7] = dstPath;
  r[8] = dstPath;
  r[9] = 'text';
  r[12] = 'Yes';
  r[13] = 'No';
  r[14] = rule;
  return r;
}

/** Changes one character in the middle of a version's stored chunk in `_mapspec_versions`, as a hand edit would. */
export function tamperWithVersion(emulator: Emulator, label: string): void {
  const hidden = sheets(emulator).getSheetByName('_mapspec_versions')!;
  const rows = hidden.getDataRange().getValues();
  const at = rows.findIndex((r) => r[0] === label);
  const text = String(rows[at]![3]);
  const mid = Math.floor(text.length / 2);
  hidden.getRange(at + 1, 4).setValue(text.slice(0, mid) + (text[mid] === 'A' ? 'B' : 'A') + text.slice(mid + 1));
}
