/**
 * `--metadata [dest=|source=]FILE` and `--sample [source=|dest=]FILE` of `mapspec check`: the file is
 * read here, with the same core readers the sidebar uses (a DHIS2 export, an XLSForm workbook or Kobo
 * form, a flat field list as CSV or JSON; a sample record as JSON), and only its compact form is handed
 * to the add-on (saveSystem), as the sidebar would. The side, when not given, is the one the format
 * implies (a DHIS2 export describes a destination, a form a source) and the output says so.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UserError } from '../core/errors';
import { assertStorable, type SystemMetadata } from '../core/systems/metadata';
import { impliedSide, readMetadataText, readSampleText } from '../core/systems/read-file';
import type { SampleRecord } from '../core/systems/sample';
import type { SystemSide } from '../core/systems/system-checks';
import { readXlsFormSheets } from '../core/systems/xlsform';
import { readXlsx } from '../emulator/xlsx';
import { CliError } from './cli-error';

export type SystemFile = { name: string; side: SystemSide; sideGiven: boolean; metadata?: SystemMetadata; sample?: SampleRecord };

/** Larger files are refused before they are read: a DHIS2 instance's whole export is not a spec's system. */
const MAX_BYTES = 64 * 1024 * 1024;

/** "dest=FILE", "destination=FILE", "source=FILE" or "FILE". */
function parseOption(value: string, option: string): { side: SystemSide | null; file: string } {
  const m = /^(dest|destination|source|src)=(.+)$/i.exec(value);
  if (!m) return { side: null, file: value };
  return { side: /^src|^source/i.test(m[1]!) ? 'source' : 'destination', file: m[2]! };
}

function readText(file: string, option: string): string {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new CliError(`${option} ${file}: no such file`);
  }
  if (stat.size > MAX_BYTES) throw new CliError(`${option} ${file}: ${Math.round(stat.size / 1024 / 1024)} MB is more than the ${MAX_BYTES / 1024 / 1024} MB Mapspec reads; export only the program or form the spec maps`);
  return fs.readFileSync(file, 'utf8');
}

function wrap<T>(fn: () => T, option: string): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof UserError) throw new CliError(`${option} ${e.message}`);
    throw e;
  }
}

export async function readMetadataOption(value: string): Promise<SystemFile> {
  const { side, file } = parseOption(value, '--metadata');
  const name = path.basename(file);
  const option = '--metadata';
  let metadata: SystemMetadata;
  if (/\.xlsx$/i.test(file)) {
    if (!fs.existsSync(file)) throw new CliError(`${option} ${file}: no such file`);
    const wb = await readXlsx(file).catch((e: Error) => {
      throw new CliError(`${option} cannot read ${file} as an .xlsx workbook (${String(e.message).split('\n')[0]})`);
    });
    metadata = wrap(() => readXlsFormSheets(wb.sheets.map((s) => ({ name: s.name, values: s.rows.map((r) => r.map((c) => (c?.v === undefined || (typeof c.v === 'object' && c.v !== null) ? null : c.v))) })), name), option);
    wrap(() => assertStorable(metadata, name), option);
  } else {
    metadata = wrap(() => readMetadataText(readText(file, option), name, file), option);
  }
  return { name, side: side ?? impliedSide(metadata), sideGiven: side !== null, metadata };
}

export function readSampleOption(value: string, keepValues: boolean): SystemFile {
  const { side, file } = parseOption(value, '--sample');
  const option = '--sample';
  const sample = wrap(() => readSampleText(readText(file, option), file, keepValues), option);
  return { name: path.basename(file), side: side ?? 'source', sideGiven: side !== null, sample };
}
