/**
 * An XLSForm (Kobo, ODK, CommCare-style forms) read as a system's metadata: each question of the
 * `survey` sheet is a field whose path is its name under its groups and repeats (`group/field`, as a
 * submission names it), with its type, first label and list; the `choices` sheet gives the lists'
 * codes. Read from the workbook's sheets or from a Kobo form's JSON (`content.survey`, `content.choices`).
 */
import { UserError } from '../errors';
import { buildVocabulary, parseType } from '../mapping/types';
import type { SystemField, SystemMetadata } from './metadata';

type Row = { [column: string]: unknown };

function text(v: unknown): string {
  if (Array.isArray(v)) return text(v.find((x) => typeof x === 'string' && x.trim() !== ''));
  return typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';
}

/** The first label column ("label", "label::English (en)"): its value on a row. */
function labelOf(row: Row): string | null {
  for (const [k, v] of Object.entries(row)) if (/^label(\b|::|$)/i.test(k) && text(v) !== '') return text(v);
  return null;
}

const GROUP_BEGIN = /^begin[ _](group|repeat)$/i;
const GROUP_END = /^end[ _](group|repeat)$/i;

/** Fields and lists from the rows of `survey` and `choices`, as objects keyed by column name. */
export function readXlsFormRows(survey: readonly Row[], choices: readonly Row[], source: string): SystemMetadata {
  const vocab = buildVocabulary();
  const groups: string[] = [];
  const fields: SystemField[] = [];
  for (const row of survey) {
    const type = text(row.type);
    const name = text(row.name) || text(row.$autoname);
    if (type === '') continue;
    if (GROUP_BEGIN.test(type)) {
      groups.push(name || '?');
      continue;
    }
    if (GROUP_END.test(type)) {
      groups.pop();
      continue;
    }
    if (name === '') continue;
    const parsed = parseType(type, vocab);
    // Notes and other structure hold no data a submission carries.
    if (parsed.type === 'structure') continue;
    const listName = parsed.list ?? (text(row.select_from_list_name) || null);
    fields.push({ path: [...groups, name].join('/'), aliases: [name], type: parsed.type, rawType: type, label: labelOf(row), list: listName });
  }
  const lists: SystemMetadata['lists'] = {};
  for (const row of choices) {
    const list = text(row.list_name) || text(row['list name']);
    const code = text(row.name) || text(row.$autovalue);
    if (!list || !code) continue;
    (lists[list] ??= []).push(code);
  }
  return { format: 'xlsform', summary: `XLSForm (${source}): ${fields.length} question${fields.length === 1 ? '' : 's'}, ${Object.keys(lists).length} choice list${Object.keys(lists).length === 1 ? '' : 's'}`, fields, lists };
}

/** Rows of a sheet (first row the header) as objects keyed by the header's names (trimmed). */
function rowsOf(values: readonly (readonly unknown[])[]): Row[] {
  const header = (values[0] ?? []).map((h) => text(h));
  return values.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]] as const).filter(([h]) => h !== '')));
}

/** An XLSForm workbook's sheets (name and values); the `survey` sheet is required. */
export function readXlsFormSheets(sheets: readonly { name: string; values: readonly (readonly unknown[])[] }[], file: string): SystemMetadata {
  const find = (n: string) => sheets.find((s) => s.name.trim().toLowerCase() === n);
  const survey = find('survey');
  if (!survey) {
    throw new UserError(`${file} has no "survey" sheet, so it is not an XLSForm (its sheets: ${sheets.map((s) => `"${s.name}"`).join(', ')}).`);
  }
  return readXlsFormRows(rowsOf(survey.values), rowsOf(find('choices')?.values ?? []), file);
}

/** True when the JSON is a Kobo form (an asset with `content.survey`). */
export function isKoboForm(json: unknown): boolean {
  const content = typeof json === 'object' && json !== null ? (json as Row).content : undefined;
  return typeof content === 'object' && content !== null && Array.isArray((content as Row).survey);
}

export function readKoboForm(json: unknown, file: string): SystemMetadata {
  if (!isKoboForm(json)) throw new UserError(`${file} is not a Kobo form: it has no content.survey.`);
  const content = (json as Row).content as Row;
  const rows = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is Row => typeof x === 'object' && x !== null) : []);
  return readXlsFormRows(rows(content.survey), rows(content.choices), file);
}
