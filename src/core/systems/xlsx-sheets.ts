/**
 * The cell values of an .xlsx workbook's sheets, read from its bytes with no library: enough for an
 * XLSForm in the sidebar (issue 12), where the person's file is read in the browser and exceljs would
 * weigh more than the whole sidebar. An .xlsx is a zip of XML parts; this reads the central directory,
 * inflates the parts it needs with the `inflate` given (the browser's DecompressionStream, Node's zlib
 * in tests), and takes each cell's value: shared strings, inline strings, numbers, booleans. Styles,
 * dates-as-formats and formulas are not needed for a form and are not read.
 */
import { UserError } from '../errors';

export type Inflate = (deflated: Uint8Array) => Promise<Uint8Array>;
export type XlsxSheet = { name: string; values: (string | number | boolean | null)[][] };

/** Parts larger than this are refused: an XLSForm is kilobytes, a part of 50 MB is not a form. */
const MAX_PART_BYTES = 50 * 1024 * 1024;

/** UTF-8 bytes as text (the core has no TextDecoder: it runs where Apps Script's V8 does too). */
function utf8(b: Uint8Array): string {
  let out = '';
  const points: number[] = [];
  for (let i = 0; i < b.length; ) {
    const c = b[i++]!;
    const next = () => (b[i++] ?? 0) & 63;
    if (c < 0x80) points.push(c);
    else if (c < 0xe0) points.push(((c & 31) << 6) | next());
    else if (c < 0xf0) points.push(((c & 15) << 12) | (next() << 6) | next());
    else points.push(((c & 7) << 18) | (next() << 12) | (next() << 6) | next());
    if (points.length >= 8192) {
      out += String.fromCodePoint(...points);
      points.length = 0;
    }
  }
  return out + String.fromCodePoint(...points);
}

type Entry = { method: number; compressedSize: number; size: number; offset: number };

function entries(bytes: Uint8Array): Map<string, Entry> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new UserError('This file is not an .xlsx workbook (no zip directory in it): save it from Excel or Google Sheets as .xlsx.');
  const count = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  const out = new Map<string, Entry>();
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== 0x02014b50) throw new UserError('This .xlsx workbook is damaged (its zip directory is cut short).');
    const method = view.getUint16(p + 10, true);
    const compressedSize = view.getUint32(p + 20, true);
    const size = view.getUint32(p + 24, true);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    const offset = view.getUint32(p + 42, true);
    out.set(utf8(bytes.subarray(p + 46, p + 46 + nameLength)), { method, compressedSize, size, offset });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return out;
}

async function part(bytes: Uint8Array, all: Map<string, Entry>, name: string, inflate: Inflate): Promise<string | null> {
  const e = all.get(name);
  if (!e) return null;
  if (e.size > MAX_PART_BYTES) throw new UserError(`This workbook's part ${name} is ${Math.round(e.size / 1024 / 1024)} MB: too large for a form.`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(e.offset, true) !== 0x04034b50) throw new UserError('This .xlsx workbook is damaged (a part is not where its directory says).');
  const start = e.offset + 30 + view.getUint16(e.offset + 26, true) + view.getUint16(e.offset + 28, true);
  const data = bytes.subarray(start, start + e.compressedSize);
  if (e.method !== 0 && e.method !== 8) throw new UserError(`This .xlsx workbook uses a compression Mapspec cannot read (method ${e.method}).`);
  return utf8(e.method === 0 ? data : await inflate(data));
}

const ENTITIES: { [k: string]: string } = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescapeXml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : ENTITIES[e.toLowerCase()]!,
  );
}

/** The text of every <t> in a fragment (a shared string or an inline string, rich-text runs joined). */
function texts(xml: string): string {
  let out = '';
  for (const m of xml.matchAll(/<(?:\w+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?t>|<(?:\w+:)?t(?:\s[^>]*)?\/>/g)) out += unescapeXml(m[1] ?? '');
  return out;
}

function attr(tag: string, name: string): string | null {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? unescapeXml(m[1]!) : null;
}

/** "BC12" → 0-based column 54. */
function columnIndex(ref: string): number {
  let n = 0;
  for (const ch of ref.replace(/\d+$/, '').toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

function sheetValues(xml: string, shared: readonly string[]): XlsxSheet['values'] {
  const rows: XlsxSheet['values'] = [];
  for (const row of xml.matchAll(/<(?:\w+:)?row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?row>)/g)) {
    const r = Number(attr(row[1]!, 'r') ?? rows.length + 1) - 1;
    const cells: (string | number | boolean | null)[] = [];
    for (const c of (row[2] ?? '').matchAll(/<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g)) {
      const ref = attr(c[1]!, 'r');
      const col = ref ? columnIndex(ref) : cells.length;
      const type = attr(c[1]!, 't');
      const body = c[2] ?? '';
      const v = /<(?:\w+:)?v>([\s\S]*?)<\/(?:\w+:)?v>/.exec(body)?.[1];
      let value: string | number | boolean | null = null;
      if (type === 's') value = v === undefined ? null : (shared[Number(v)] ?? null);
      else if (type === 'inlineStr') value = texts(body);
      else if (type === 'b') value = v === '1';
      else if (type === 'str' || type === 'e') value = v === undefined ? null : unescapeXml(v);
      else if (v !== undefined) value = Number(v);
      while (cells.length < col) cells.push(null);
      cells[col] = value;
    }
    // Empty rows (Excel writes formatted ones down to row 1,048,576) add nothing.
    if (cells.every((c) => c === null)) continue;
    while (rows.length < r) rows.push([]);
    rows[r] = cells;
  }
  return rows;
}

/** Every sheet of the workbook, in order, with its cell values. */
export async function readXlsxSheets(bytes: Uint8Array, inflate: Inflate): Promise<XlsxSheet[]> {
  const all = entries(bytes);
  const workbook = await part(bytes, all, 'xl/workbook.xml', inflate);
  if (workbook === null) throw new UserError('This zip file is not an .xlsx workbook (it has no xl/workbook.xml).');
  const rels = (await part(bytes, all, 'xl/_rels/workbook.xml.rels', inflate)) ?? '';
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<(?:\w+:)?Relationship\b([^>]*)\/?>/g)) {
    const id = attr(m[1]!, 'Id');
    const target = attr(m[1]!, 'Target');
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  const sharedXml = (await part(bytes, all, 'xl/sharedStrings.xml', inflate)) ?? '';
  const shared = [...sharedXml.matchAll(/<(?:\w+:)?si>([\s\S]*?)<\/(?:\w+:)?si>/g)].map((m) => texts(m[1]!));
  const sheets: XlsxSheet[] = [];
  for (const m of workbook.matchAll(/<(?:\w+:)?sheet\b([^>]*)\/?>/g)) {
    const name = attr(m[1]!, 'name') ?? `Sheet${sheets.length + 1}`;
    const target = targets.get(attr(m[1]!, 'r:id') ?? '') ?? `xl/worksheets/sheet${sheets.length + 1}.xml`;
    const xml = await part(bytes, all, target, inflate);
    sheets.push({ name, values: xml === null ? [] : sheetValues(xml, shared) });
  }
  return sheets;
}
