/**
 * A system's file as the person hands it over — the text of a JSON or CSV file — read with the reader
 * of its format, for the command line and the sidebar alike: a DHIS2 metadata export, a Kobo form or
 * a field list (JSON), a field list (CSV), or a sample record (JSON). Every problem is a UserError
 * naming the file. An XLSForm workbook is binary: readXlsFormBytes reads it with the small zip reader
 * (the sidebar's way; the command line reads .xlsx with exceljs).
 */
import { UserError } from '../errors';
import { isDhis2Metadata, readDhis2Metadata } from './dhis2-metadata';
import { isFieldListJson, readFieldCsv, readFieldListJson } from './field-list';
import { assertStorable, type SystemMetadata } from './metadata';
import { flattenSample, type SampleRecord } from './sample';
import type { SystemSide } from './system-checks';
import { isKoboForm, readKoboForm, readXlsFormSheets } from './xlsform';
import { readXlsxSheets, type Inflate } from './xlsx-sheets';

/** JSON text (a leading BOM allowed); a file cut off mid-way is said to be. */
export function parseJsonText(text: string, label: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    const why = String((e as Error).message).split('\n')[0];
    const cut = /end of (JSON )?input|Unterminated/i.test(why) ? ' — the file ends mid-way: was the export cut off?' : '';
    throw new UserError(`${label} is not valid JSON (${why})${cut}`);
  }
}

/**
 * Metadata from a file's text: CSV by its name, else JSON of one of the formats. `name` is the file's
 * name (in summaries), `label` how messages name it (default: the name).
 */
export function readMetadataText(text: string, name: string, label = name): SystemMetadata {
  let meta: SystemMetadata;
  if (/\.csv$/i.test(name)) meta = readFieldCsv(text, name);
  else {
    const json = parseJsonText(text, label);
    if (isDhis2Metadata(json)) meta = readDhis2Metadata(json);
    else if (isKoboForm(json)) meta = readKoboForm(json, name);
    else if (isFieldListJson(json)) meta = readFieldListJson(json, name);
    else {
      throw new UserError(`${label} is none of the formats Mapspec reads: a DHIS2 metadata export (JSON with dataElements, trackedEntityAttributes or optionSets), an XLSForm (.xlsx with a survey sheet), a Kobo form (JSON with content.survey), or a field list (CSV or JSON with path and type)`);
    }
  }
  assertStorable(meta, name);
  return meta;
}

export function readSampleText(text: string, label: string, keepValues: boolean): SampleRecord {
  return flattenSample(parseJsonText(text, label), { keepValues });
}

/** The side a format describes when the person did not say: a form is a source, the rest a destination. */
export function impliedSide(meta: SystemMetadata): SystemSide {
  return meta.format === 'xlsform' ? 'source' : 'destination';
}

/** An XLSForm workbook from its bytes (the sidebar's file), checked like any other metadata. */
export async function readXlsFormBytes(bytes: Uint8Array, name: string, inflate: Inflate): Promise<SystemMetadata> {
  let sheets;
  try {
    sheets = await readXlsxSheets(bytes, inflate);
  } catch (e) {
    if (e instanceof UserError) throw new UserError(`${name}: ${e.message}`);
    throw new UserError(`${name} could not be read as an .xlsx workbook (${String((e as Error).message).split('\n')[0]}).`);
  }
  const meta = readXlsFormSheets(sheets, name);
  assertStorable(meta, name);
  return meta;
}
