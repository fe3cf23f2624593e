/**
 * One execution of one benchmark operation in a process of its own, for its memory:
 * `exec-child.ts <operation id> <serialised workbook> <script path>`. Revives the workbook, runs the
 * operation's setup, forces a GC and measures the execution (measure.ts, the heap sampled at every service call); prints the measure as JSON.
 */
import * as fs from 'node:fs';
import * as v8 from 'node:v8';
import type { Emulator } from '../../emulator/emulator';
import { measureExecution } from './measure';
import { OPERATIONS } from './operations';
import { newEmulator } from './workbook';

const [id, workbookPath, codePath] = process.argv.slice(2);
const op = OPERATIONS.find((o) => o.id === id);
if (!op || !workbookPath || !codePath) throw new Error(`usage: exec-child.ts <operation id> <workbook.v8> <Code.js> (got ${process.argv.slice(2).join(' ')})`);
const emulator = newEmulator(v8.deserialize(fs.readFileSync(workbookPath)) as Emulator['state']);
op.setup?.(emulator);
const { measure } = measureExecution(emulator, { codePath, functionName: op.functionName, viaScriptRun: op.via === 'script-run', ...(op.payload === undefined ? {} : { payload: op.payload }) }, 1);
process.stdout.write(JSON.stringify(measure));
