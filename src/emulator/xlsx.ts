/**
 * Reads an .xlsx file into the emulator's WorkbookData and writes WorkbookData back to .xlsx (with
 * exceljs), so the playground and tests can start from a real spreadsheet and hand one back.
 * What is kept: values (dates as {d: ms}, rich text and hyperlinks as plain text — their runs and
 * link kept beside it for writing the file back —, formulas with
 * their cached result, error values as their string), fills, bold/italic/strike, font colour,
 * wrap, horizontal alignment, number formats, notes, merges, data validations (lists, ranges,
 * checkboxes, dates, numbers), frozen panes, hidden sheets, tab colours, column widths, row
 * heights and tab order. Anything else (charts, conditional formats, images) is dropped.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ExcelJS from 'exceljs';
import type { CellData, RichData, RichRun, SheetData, StoredValue, ValidationData, WorkbookData } from './state';
import { MAX_WORKBOOK_CELLS, newSheet } from './spreadsheet/model';
import { cellA1, parseCell, parseRange, rangeA1 } from './xlsx/a1';
import { themePalette, toArgb, toHex } from './xlsx/colors';

const ERROR_VALUES = new Set(['#NULL!', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#N/A', '#ERROR!', '#GETTING_DATA']);

/** Sheets' grid is at least this big when a smaller sheet is imported (Google pads imports too). */
const MIN_ROWS = 1000;
const MIN_COLUMNS = 26;

/** Excel column width (characters of the default font) ↔ pixels, as Excel computes for Calibri 11. */
const widthToPixels = (w: number): number => Math.round(w * 7 + 5);
const pixelsToWidth = (px: number): number => Math.max(0, (px - 5) / 7);
/** Row heights: points ↔ pixels at 96 dpi. */
const pointsToPixels = (pt: number): number => Math.round((pt * 4) / 3);
const pixelsToPoints = (px: number): number => (px * 3) / 4;

/** A workbook over Google's cell limit: Sheets could not hold it either (the message names the sheet and its used size). */
export class WorkbookTooLarge extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkbookTooLarge';
  }
}

export interface ReadXlsxOptions {
  /** Spreadsheet name (default: the file's base name, or "Imported spreadsheet" for a buffer). */
  name?: string;
}

/** Loads an .xlsx (path or bytes) as the emulator's workbook. Sheet ids are 0, 1, 2… in tab order. */
export async function readXlsx(fileOrBuffer: string | Buffer | Uint8Array | ArrayBuffer, options: ReadXlsxOptions = {}): Promise<WorkbookData> {
  const wb = new ExcelJS.Workbook();
  let name = options.name;
  if (typeof fileOrBuffer === 'string') {
    await wb.xlsx.load(fs.readFileSync(fileOrBuffer) as unknown as ExcelJS.Buffer);
    name ??= path.basename(fileOrBuffer).replace(/\.xlsx$/i, '');
  } else {
    const bytes = fileOrBuffer instanceof ArrayBuffer ? Buffer.from(fileOrBuffer) : Buffer.from(fileOrBuffer.buffer, fileOrBuffer.byteOffset, fileOrBuffer.byteLength);
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  }
  const themes = (wb as unknown as { _themes?: Record<string, string> })._themes;
  const palette = themePalette(themes?.theme1);
  const order = (ws: ExcelJS.Worksheet): number => (ws as unknown as { orderNo?: number }).orderNo ?? 0;
  const worksheets = [...wb.worksheets].sort((a, b) => order(a) - order(b));
  const sheets = worksheets.map((ws, index) => readSheet(ws, index, palette));
  // Google's limit is for the whole spreadsheet: each sheet under it can still add up to more.
  const total = sheets.reduce((n, sh) => n + sh.maxRows * sh.maxColumns, 0);
  if (total > MAX_WORKBOOK_CELLS) {
    const largest = sheets.reduce((a, b) => (b.maxRows * b.maxColumns > a.maxRows * a.maxColumns ? b : a));
    throw new WorkbookTooLarge(`its sheets take ${total.toLocaleString('en-US')} cells in all (the largest, "${largest.name}", ${largest.maxRows.toLocaleString('en-US')} rows × ${largest.maxColumns.toLocaleString('en-US')} columns), more than the ${MAX_WORKBOOK_CELLS.toLocaleString('en-US')} cells Google Sheets holds in a spreadsheet`);
  }
  const activeTab = Math.min(Math.max(0, wb.views?.[0]?.activeTab ?? 0), Math.max(0, sheets.length - 1));
  let active = sheets[activeTab];
  if (!active || active.hidden) active = sheets.find((s) => !s.hidden) ?? sheets[0];
  const activeView = worksheets[sheets.indexOf(active)]?.views?.[0] as { activeCell?: string } | undefined;
  return {
    id: 'xlsx-' + Math.random().toString(36).slice(2, 12),
    name: name ?? 'Imported spreadsheet',
    locale: 'en_US',
    timeZone: 'Etc/UTC',
    sheets,
    nextSheetId: sheets.length,
    active: { sheetId: active?.id ?? 0, a1: activeView?.activeCell && parseCell(activeView.activeCell) ? activeView.activeCell : 'A1' },
    developerMetadata: [],
    nextMetadataId: 1,
  };
}

function readSheet(ws: ExcelJS.Worksheet, id: number, palette: string[]): SheetData {
  const sheet = newSheet(id, ws.name);
  sheet.hidden = ws.state === 'hidden' || ws.state === 'veryHidden';
  sheet.tabColor = toHex(ws.properties?.tabColor as ExcelJS.Color | undefined, palette) ?? null;
  const view = ws.views?.[0] as { state?: string; xSplit?: number; ySplit?: number } | undefined;
  if (view?.state === 'frozen') {
    sheet.frozenRows = view.ySplit ?? 0;
    sheet.frozenColumns = view.xSplit ?? 0;
  }
  // The merge map directly: `ws.model` would rebuild the whole sheet model just to list them.
  const merges = (ws as unknown as { _merges?: Record<string, { top: number; left: number; bottom: number; right: number }> })._merges ?? {};
  sheet.merges = Object.values(merges)
    .map((m) => ({ r1: m.top, c1: m.left, r2: m.bottom, c2: m.right }))
    .sort((a, b) => a.r1 - b.r1 || a.c1 - b.c1);

  // Only the rows the file holds (a sparse list): a sheet formatted down to row 1,048,576 keeps
  // exceljs's rowCount there, and walking every index would build a million empty rows.
  const fileRows = (ws as unknown as { _rows?: (ExcelJS.Row | undefined)[] })._rows ?? [];
  const cells: { r: number; c: number; data: CellData }[] = [];
  const heights: { r: number; px: number }[] = [];
  fileRows.forEach((row) => {
    if (!row) return;
    const r = row.number;
    if (typeof row.height === 'number' && row.height > 0) heights.push({ r, px: pointsToPixels(row.height) });
    // includeEmpty: cells with a style but no value (a coloured blank) matter too.
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      const data = readCell(cell, palette);
      if (Object.keys(data).length > 0) cells.push({ r, c, data });
    });
  });
  const validations = (ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations.model;
  const dvs: { r: number; c: number; dv: ValidationData }[] = [];
  for (const [address, dv] of Object.entries(validations)) {
    const at = parseCell(address);
    const data = at && readValidation(dv);
    if (at && data) dvs.push({ r: at.row, c: at.column, dv: data });
  }

  // The sheet is sized by what it holds — values, formulas, notes and merges — not by formatting
  // that runs to the sheet's last row; formats, row heights and validations are kept inside that
  // grid (padded like an import), so a template's formatted empty rows stay and the rest is dropped.
  let usedRows = 0;
  let usedColumns = 0;
  for (const { r, c, data } of cells) {
    if (data.v === undefined && data.f === undefined && data.note === undefined) continue;
    if (r > usedRows) usedRows = r;
    if (c > usedColumns) usedColumns = c;
  }
  for (const m of sheet.merges) {
    if (m.r2 > usedRows) usedRows = m.r2;
    if (m.c2 > usedColumns) usedColumns = m.c2;
  }
  if (usedRows * usedColumns > MAX_WORKBOOK_CELLS) {
    throw new WorkbookTooLarge(`sheet "${ws.name}" uses ${usedRows.toLocaleString('en-US')} rows × ${usedColumns.toLocaleString('en-US')} columns (${(usedRows * usedColumns).toLocaleString('en-US')} cells), more than the ${MAX_WORKBOOK_CELLS.toLocaleString('en-US')} cells Google Sheets holds in a spreadsheet`);
  }
  sheet.maxRows = Math.max(MIN_ROWS, usedRows);
  sheet.maxColumns = Math.max(MIN_COLUMNS, usedColumns);
  const inside = (r: number, c: number) => r <= sheet.maxRows && c <= sheet.maxColumns;

  const rows: (CellData | null)[][] = [];
  const put = (r: number, c: number, cell: CellData): void => {
    if (!inside(r, c)) return;
    const row = (rows[r - 1] ??= []);
    row[c - 1] = { ...(row[c - 1] ?? {}), ...cell };
  };
  for (const { r, c, data } of cells) put(r, c, data);
  for (const { r, c, dv } of dvs) put(r, c, { dv });
  for (const { r, px } of heights) if (r <= sheet.maxRows) sheet.rowHeights[r] = px;
  // A list of TRUE/FALSE on boolean cells is how Sheets exports checkboxes.
  for (const row of rows) {
    for (const cell of row ?? []) {
      if (cell?.dv?.kind === 'list' && cell.dv.values.length === 2 && cell.dv.values.map((v) => v.toUpperCase()).sort().join() === 'FALSE,TRUE' && (cell.v === undefined || typeof cell.v === 'boolean')) {
        cell.dv = { kind: 'checkbox' };
      }
    }
  }
  // Dense arrays (holes → null / []) so the state is the same after a JSON round trip.
  sheet.rows = Array.from(rows, (row) => Array.from(row ?? [], (cell) => cell ?? null));
  // Column widths inside the grid: files often size every column up to XFD (16,384).
  (ws.columns ?? []).slice(0, sheet.maxColumns).forEach((column, i) => {
    // A zero width is a hidden column; the state has no hidden columns, so it stays narrow instead.
    if (typeof column.width === 'number') sheet.columnWidths[i + 1] = Math.max(6, widthToPixels(column.width));
  });
  return sheet;
}

function readCell(cell: ExcelJS.Cell, palette: string[]): CellData {
  const data: CellData = {};
  if (cell.type !== ExcelJS.ValueType.Merge) {
    const value = cell.value as unknown;
    if (cell.type === ExcelJS.ValueType.Formula) {
      const formula = cell.formula;
      if (formula) data.f = '=' + formula;
      const v = plainValue(cell.result as unknown);
      if (v !== undefined) data.v = v;
    } else {
      const v = plainValue(value);
      if (v !== undefined) data.v = v;
      const rich = richOf(value, palette);
      if (rich && typeof v === 'string' && rich.text === v) data.rich = rich;
    }
  }
  const style = cell.style ?? {};
  const fill = style.fill as ExcelJS.FillPattern | undefined;
  if (fill?.type === 'pattern' && fill.pattern === 'solid') {
    const bg = toHex(fill.fgColor as ExcelJS.Color | undefined, palette);
    if (bg && bg !== '#ffffff') data.bg = bg;
  }
  const font = style.font;
  if (font) {
    if (font.bold) data.bold = true;
    if (font.italic) data.italic = true;
    if (font.strike) data.strike = true;
    const fc = toHex(font.color as ExcelJS.Color | undefined, palette);
    if (fc && fc !== '#000000') data.fc = fc;
  }
  const align = style.alignment;
  if (align?.wrapText) data.wrap = true;
  if (align?.horizontal === 'left' || align?.horizontal === 'center' || align?.horizontal === 'right') data.halign = align.horizontal;
  if (style.numFmt && style.numFmt !== 'General') data.nf = style.numFmt;
  const note = noteText(cell.note as unknown);
  if (note) data.note = note;
  return data;
}

/** A hyperlink and rich-text runs of an exceljs value, to write back with the file; null for plain text. */
function richOf(value: unknown, palette: string[]): RichData | null {
  if (typeof value !== 'object' || value === null) return null;
  const o = value as { richText?: ExcelJS.RichText[]; text?: unknown; hyperlink?: string };
  const runsOf = (rt: ExcelJS.RichText[]): RichRun[] =>
    rt.map((r) => {
      const run: RichRun = { t: r.text };
      const f = r.font;
      if (f?.bold) run.b = true;
      if (f?.italic) run.i = true;
      if (f?.strike) run.s = true;
      if (f?.underline) run.u = true;
      const fc = toHex(f?.color as ExcelJS.Color | undefined, palette);
      if (fc && fc !== '#000000') run.fc = fc;
      return run;
    });
  const inner = typeof o.text === 'object' && o.text !== null ? (o.text as { richText?: ExcelJS.RichText[] }) : null;
  const rt = Array.isArray(o.richText) ? o.richText : Array.isArray(inner?.richText) ? inner!.richText! : null;
  // Runs only when they differ in something the state can show (bold, italic, strike, underline, colour).
  const all = rt ? runsOf(rt) : [];
  const runs = all.some((r) => Object.keys(r).length > 1) ? all : undefined;
  const link = typeof o.hyperlink === 'string' && o.hyperlink !== '' ? o.hyperlink : undefined;
  if (!runs && !link) return null;
  const text = rt ? rt.map((r) => r.text).join('') : typeof o.text === 'string' ? o.text : link ?? '';
  return { text, ...(link ? { link } : {}), ...(runs ? { runs } : {}) };
}

/** Rich text and a hyperlink as exceljs writes them, from what was read (null when they no longer apply). */
function richValue(data: CellData): ExcelJS.CellValue | null {
  const rich = data.rich;
  if (!rich || data.f || data.v !== rich.text) return null;
  const text = rich.runs
    ? {
        richText: rich.runs.map((r) => ({
          text: r.t,
          font: { ...(r.b ? { bold: true } : {}), ...(r.i ? { italic: true } : {}), ...(r.s ? { strike: true } : {}), ...(r.u ? { underline: true } : {}), ...(r.fc ? { color: { argb: toArgb(r.fc) } } : {}) },
        })),
      }
    : rich.text;
  return (rich.link ? { text, hyperlink: rich.link } : text) as ExcelJS.CellValue;
}

/** An exceljs value as the emulator stores it. */
function plainValue(value: unknown): StoredValue | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (value instanceof Date) return { d: value.getTime() };
  if (typeof value === 'object') {
    const o = value as { richText?: { text: string }[]; text?: unknown; error?: string; hyperlink?: string };
    if (Array.isArray(o.richText)) return o.richText.map((run) => run.text).join('') || undefined;
    if (typeof o.error === 'string') return o.error;
    if ('text' in o) return plainValue(o.text);
    if (typeof o.hyperlink === 'string') return o.hyperlink;
  }
  return undefined;
}

function noteText(note: unknown): string | undefined {
  if (!note) return undefined;
  if (typeof note === 'string') return note;
  const texts = (note as { texts?: { text: string }[] }).texts;
  if (Array.isArray(texts)) return texts.map((t) => t.text).join('') || undefined;
  return undefined;
}

function readValidation(dv: ExcelJS.DataValidation): ValidationData | undefined {
  const strict = !!dv.showErrorMessage && (dv.errorStyle ?? 'stop') === 'stop';
  const helpText = dv.prompt || undefined;
  const extra = helpText ? { helpText } : {};
  const formula = dv.formulae?.[0];
  switch (dv.type) {
    case 'list': {
      if (typeof formula !== 'string') return undefined;
      if (formula.startsWith('"')) {
        const values = formula.slice(1, formula.endsWith('"') ? -1 : undefined).split(',').map((s) => s.trim());
        return { kind: 'list', values, showDropdown: true, strict, ...extra };
      }
      return { kind: 'range', a1: formula.replace(/\$/g, ''), showDropdown: true, strict, ...extra };
    }
    case 'date':
      return { kind: 'date', strict, ...extra };
    case 'whole':
    case 'decimal': {
      const [a, b] = (dv.formulae ?? []).map(Number);
      const op = dv.operator ?? 'between';
      const out: ValidationData = { kind: 'number', strict, ...extra };
      // ±1e308 is how writeXlsx says "any number" (xlsx has no unbounded number rule).
      const finite = (x: number): boolean => Number.isFinite(x) && Math.abs(x) < 1e307;
      if (op === 'between') Object.assign(out, finite(a) ? { min: a } : {}, finite(b) ? { max: b } : {});
      else if (op === 'greaterThanOrEqual' || op === 'greaterThan') Object.assign(out, finite(a) ? { min: a } : {});
      else if (op === 'lessThanOrEqual' || op === 'lessThan') Object.assign(out, finite(a) ? { max: a } : {});
      return out;
    }
    case 'custom':
      if (typeof formula === 'string' && /^ISEMAIL\(/i.test(formula)) return { kind: 'email', strict, ...extra };
      return undefined;
    default:
      return undefined;
  }
}

/** Writes the workbook as .xlsx bytes. */
export async function writeXlsx(workbook: WorkbookData): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Mapspec';
  const activeIndex = Math.max(0, workbook.sheets.findIndex((s) => s.id === workbook.active.sheetId));
  workbook.sheets.forEach((sheet, index) => writeSheet(wb, sheet, index === activeIndex ? workbook.active.a1 : undefined));
  wb.views = [{ x: 0, y: 0, width: 10000, height: 20000, firstSheet: 0, activeTab: activeIndex, visibility: 'visible' }];
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}

function writeSheet(wb: ExcelJS.Workbook, sheet: SheetData, activeA1: string | undefined): void {
  const activeCell = activeA1 ? cellA1(parseRange(activeA1)?.r1 ?? 1, parseRange(activeA1)?.c1 ?? 1) : undefined;
  const view: Partial<ExcelJS.WorksheetView> =
    sheet.frozenRows > 0 || sheet.frozenColumns > 0
      ? { state: 'frozen', xSplit: sheet.frozenColumns, ySplit: sheet.frozenRows, topLeftCell: cellA1(sheet.frozenRows + 1, sheet.frozenColumns + 1), activeCell }
      : { state: 'normal', activeCell };
  const ws = wb.addWorksheet(sheet.name, {
    state: sheet.hidden ? 'hidden' : 'visible',
    properties: sheet.tabColor ? { tabColor: { argb: toArgb(sheet.tabColor) } } : {},
    views: [view],
  });
  for (const [c, px] of Object.entries(sheet.columnWidths)) ws.getColumn(Number(c)).width = pixelsToWidth(px);
  for (const [r, px] of Object.entries(sheet.rowHeights)) ws.getRow(Number(r)).height = pixelsToPoints(px);
  // Merge first (without copying the top-left's style): the covered cells keep their own styles, set below.
  for (const m of sheet.merges) ws.mergeCellsWithoutStyle(m.r1, m.c1, m.r2, m.c2);
  sheet.rows.forEach((row, r) => {
    row?.forEach((data, c) => {
      if (data) writeCell(ws, ws.getCell(r + 1, c + 1), data);
    });
  });
}

function writeCell(ws: ExcelJS.Worksheet, cell: ExcelJS.Cell, data: CellData): void {
  const isSlave = cell.type === ExcelJS.ValueType.Merge;
  if (!isSlave) {
    const v = data.v === undefined ? undefined : toExcelValue(data.v);
    if (data.f) {
      const result = typeof data.v === 'string' && ERROR_VALUES.has(data.v) ? { error: data.v } : v;
      cell.value = { formula: data.f.replace(/^=/, ''), result } as ExcelJS.CellFormulaValue;
    } else if (v !== undefined) {
      cell.value = richValue(data) ?? v;
    }
  }
  if (data.bg) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: toArgb(data.bg) } };
  if (data.bold || data.italic || data.strike || data.fc) {
    cell.font = {
      ...(data.bold ? { bold: true } : {}),
      ...(data.italic ? { italic: true } : {}),
      ...(data.strike ? { strike: true } : {}),
      ...(data.fc ? { color: { argb: toArgb(data.fc) } } : {}),
    };
  }
  if (data.wrap || data.halign) cell.alignment = { ...(data.wrap ? { wrapText: true } : {}), ...(data.halign ? { horizontal: data.halign } : {}) };
  if (data.nf) cell.numFmt = data.nf;
  if (data.note) cell.note = data.note;
  if (data.dv) {
    const dv = writeValidation(data.dv);
    if (dv) (ws as unknown as { dataValidations: { add(a: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(cell.address, dv);
  }
}

function toExcelValue(v: StoredValue): ExcelJS.CellValue {
  if (typeof v === 'object' && v !== null) return new Date(v.d);
  return v;
}

function writeValidation(dv: ValidationData): ExcelJS.DataValidation | undefined {
  const common = {
    allowBlank: true,
    showErrorMessage: 'strict' in dv ? dv.strict : false,
    ...('helpText' in dv && dv.helpText ? { showInputMessage: true, prompt: dv.helpText } : {}),
  };
  switch (dv.kind) {
    case 'checkbox':
      return { type: 'list', formulae: ['"TRUE,FALSE"'], ...common };
    case 'list':
      return { type: 'list', formulae: ['"' + dv.values.join(',') + '"'], ...common };
    case 'range': {
      const rect = parseRange(dv.a1.includes('!') ? dv.a1.slice(dv.a1.lastIndexOf('!') + 1) : dv.a1);
      const ref = dv.a1.includes('!') || !rect ? dv.a1 : rangeA1(rect);
      return { type: 'list', formulae: [ref], ...common };
    }
    case 'date':
      return { type: 'date', operator: 'greaterThan', formulae: [new Date(Date.UTC(1900, 0, 1))], ...common };
    case 'number':
      if (dv.min !== undefined && dv.max !== undefined) return { type: 'decimal', operator: 'between', formulae: [dv.min, dv.max], ...common };
      if (dv.min !== undefined) return { type: 'decimal', operator: 'greaterThanOrEqual', formulae: [dv.min], ...common };
      if (dv.max !== undefined) return { type: 'decimal', operator: 'lessThanOrEqual', formulae: [dv.max], ...common };
      return { type: 'decimal', operator: 'between', formulae: [-1e308, 1e308], ...common };
    case 'email':
      return { type: 'custom', formulae: ['ISEMAIL(INDIRECT("RC",FALSE))'], ...common };
  }
}
