/**
 * What the playground page draws for a sheet: its layout (sizes, frozen panes, merges, row heights
 * including Sheets' automatic height for wrapped text) and a window of cells as display values with
 * their formatting. Read-only over the emulator's state; the page asks for the window it scrolls to.
 */
import type { CellData, SheetData, WorkbookData } from '../emulator/state';
import { displayValue } from '../emulator/spreadsheet/number-format';

export const DEFAULT_ROW_HEIGHT = 21;
export const DEFAULT_COLUMN_WIDTH = 100;

/** One cell as the page draws it (short keys: a 5,000-row window is sent often). */
export interface ViewCell {
  r: number;
  c: number;
  /** Display text. */
  t: string;
  /** What the formula bar shows and the editor starts from: the formula, or the value as typed. */
  in: string;
  /** Value kind, for default alignment: number, string, boolean, date, error. */
  k: 'n' | 's' | 'b' | 'd' | 'e';
  bg?: string;
  fc?: string;
  b?: true;
  i?: true;
  s?: true;
  u?: true;
  w?: true;
  clip?: true;
  h?: 'left' | 'center' | 'right';
  note?: string;
  /** Checkbox: whether it is checked. */
  cb?: boolean;
  /** Dropdown choices (list validation). */
  list?: string[];
  /** Merged area size when this cell is the top-left of a merge. */
  rs?: number;
  cs?: number;
}

export interface SheetLayout {
  id: number;
  name: string;
  hidden: boolean;
  tabColor: string | null;
  maxRows: number;
  maxColumns: number;
  frozenRows: number;
  frozenColumns: number;
  /** Pixel widths of columns that are not 100 px. */
  columnWidths: Record<number, number>;
  /** Pixel heights of rows that are not 21 px (set, or grown to fit wrapped text). */
  rowHeights: Record<number, number>;
  merges: { r1: number; c1: number; r2: number; c2: number }[];
  /** Last row and column holding anything. */
  lastRow: number;
  lastColumn: number;
  /** Ranges under warning-only protection (the whole sheet as one range): an edit there asks first. */
  warnings: { r1: number; c1: number; r2: number; c2: number }[];
}

const ERRORS = new Set(['#N/A', '#REF!', '#DIV/0!', '#NAME?', '#VALUE!', '#NUM!', '#NULL!', '#ERROR!']);

function cellAt(sheet: SheetData, row: number, column: number): CellData | null | undefined {
  return sheet.rows[row - 1]?.[column - 1];
}

/** Roughly how many pixels wide a text is in Sheets' 10 pt Arial (no DOM on the server to measure). */
function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    // Wide scripts (CJK, Khmer with its stacked glyphs) take more room per character.
    w +=
      code > 0x2e80 ? 13
      : code >= 0x1780 && code <= 0x17ff ? 9
      : ch === ' ' ? 3.6
      : /[ilj.,:;'|!]/.test(ch) ? 3.3
      : /[ftrI()[\]\-"/]/.test(ch) ? 4.3
      : /[mwMW]/.test(ch) ? 10.5
      : /[A-Z]/.test(ch) ? 8.4
      : /[0-9]/.test(ch) ? 7.2
      : 6.9;
  }
  return w;
}

/** The height Sheets gives a row whose wrapped text needs more than one line. */
function autoHeight(sheet: SheetData, row: number, workbook: WorkbookData): number {
  const cells = sheet.rows[row - 1];
  if (!cells) return DEFAULT_ROW_HEIGHT;
  let lines = 1;
  cells.forEach((cell, i) => {
    if (!cell || cell.v === undefined) return;
    const text = displayValue(cell.v, cell.nf, workbook.locale, workbook.timeZone);
    const paragraphs = text.split('\n');
    if (!cell.wrap) {
      lines = Math.max(lines, paragraphs.length);
      return;
    }
    if (sheet.merges.some((m) => m.r1 <= row && row <= m.r2 && m.c1 <= i + 1 && i + 1 <= m.c2 && m.r2 > m.r1)) return;
    const width = Math.max(20, (sheet.columnWidths[i + 1] ?? DEFAULT_COLUMN_WIDTH) - 8);
    let n = 0;
    for (const p of paragraphs) n += Math.max(1, Math.ceil(textWidth(p) / width));
    lines = Math.max(lines, n);
  });
  return lines <= 1 ? DEFAULT_ROW_HEIGHT : Math.min(800, 5 + lines * 16);
}

export function sheetLayout(workbook: WorkbookData, sheet: SheetData): SheetLayout {
  const rowHeights: Record<number, number> = {};
  let lastRow = 0;
  let lastColumn = 0;
  sheet.rows.forEach((cells, i) => {
    const r = i + 1;
    if (cells?.some((c) => c && (c.v !== undefined || c.f))) {
      lastRow = r;
      cells.forEach((c, j) => {
        if (c && (c.v !== undefined || c.f)) lastColumn = Math.max(lastColumn, j + 1);
      });
    }
    const h = sheet.rowHeights[r] ?? autoHeight(sheet, r, workbook);
    if (h !== DEFAULT_ROW_HEIGHT) rowHeights[r] = h;
  });
  for (const [r, h] of Object.entries(sheet.rowHeights)) if (!(Number(r) - 1 in sheet.rows) && h !== DEFAULT_ROW_HEIGHT) rowHeights[Number(r)] = h;
  return {
    id: sheet.id,
    name: sheet.name,
    hidden: sheet.hidden,
    tabColor: sheet.tabColor,
    maxRows: sheet.maxRows,
    maxColumns: sheet.maxColumns,
    frozenRows: sheet.frozenRows,
    frozenColumns: sheet.frozenColumns,
    columnWidths: { ...sheet.columnWidths },
    rowHeights,
    merges: sheet.merges.map((m) => ({ ...m })),
    lastRow,
    lastColumn,
    warnings: sheet.protections.filter((p) => p.warningOnly).map((p) => (p.range ? { ...p.range } : { r1: 1, c1: 1, r2: sheet.maxRows, c2: sheet.maxColumns })),
  };
}

function viewCell(workbook: WorkbookData, data: CellData, r: number, c: number): ViewCell {
  const v = data.v;
  const t = displayValue(v, data.nf, workbook.locale, workbook.timeZone);
  const k: ViewCell['k'] =
    typeof v === 'number' ? 'n' : typeof v === 'boolean' ? 'b' : typeof v === 'object' && v !== null ? 'd' : typeof v === 'string' && data.f && ERRORS.has(v) ? 'e' : 's';
  const input = data.f ?? (v === undefined ? '' : typeof v === 'object' ? displayValue(v, undefined, workbook.locale, workbook.timeZone) : typeof v === 'number' ? String(v) : typeof v === 'boolean' ? (v ? 'TRUE' : 'FALSE') : v);
  const cell: ViewCell = { r, c, t, in: input, k };
  if (data.bg) cell.bg = data.bg;
  if (data.fc) cell.fc = data.fc;
  if (data.bold) cell.b = true;
  if (data.italic) cell.i = true;
  if (data.strike) cell.s = true;
  if ((data as { underline?: boolean }).underline) cell.u = true;
  if (data.wrap) cell.w = true;
  if ((data as { clip?: boolean }).clip) cell.clip = true;
  if (data.halign) cell.h = data.halign;
  if (data.note) cell.note = data.note;
  if (data.dv?.kind === 'checkbox') {
    const checkedValue = data.dv.checked;
    cell.cb = checkedValue !== undefined ? String(v) === checkedValue : v === true;
  } else if (data.dv?.kind === 'list' && data.dv.showDropdown) {
    cell.list = [...data.dv.values];
  }
  return cell;
}

/** Cells of a window (1-based inclusive), plus the top-left cells of merges reaching into it. */
export function sheetWindow(workbook: WorkbookData, sheet: SheetData, r1: number, r2: number, c1: number, c2: number): ViewCell[] {
  const out: ViewCell[] = [];
  const mergeAt = new Map<string, { rs: number; cs: number }>();
  const covered = new Set<string>();
  for (const m of sheet.merges) {
    mergeAt.set(`${m.r1},${m.c1}`, { rs: m.r2 - m.r1 + 1, cs: m.c2 - m.c1 + 1 });
    for (let r = m.r1; r <= m.r2; r++) for (let c = m.c1; c <= m.c2; c++) if (r !== m.r1 || c !== m.c1) covered.add(`${r},${c}`);
  }
  const push = (r: number, c: number): void => {
    const data = cellAt(sheet, r, c);
    const merge = mergeAt.get(`${r},${c}`);
    if (!data && !merge) return;
    const cell = viewCell(workbook, data ?? {}, r, c);
    if (merge) Object.assign(cell, merge);
    out.push(cell);
  };
  const lastRow = Math.min(r2, sheet.rows.length);
  for (let r = Math.max(1, r1); r <= lastRow; r++) {
    const cells = sheet.rows[r - 1];
    if (!cells) continue;
    const lastCol = Math.min(c2, cells.length);
    for (let c = Math.max(1, c1); c <= lastCol; c++) {
      if (!cells[c - 1] || covered.has(`${r},${c}`)) continue;
      push(r, c);
    }
  }
  // Merges whose top-left lies outside the window but which reach into it, and empty merged areas.
  for (const m of sheet.merges) {
    if (m.r2 < r1 || m.r1 > r2 || m.c2 < c1 || m.c1 > c2) continue;
    const inside = m.r1 >= r1 && m.r1 <= lastRow && m.c1 >= c1 && m.c1 <= c2 && !!cellAt(sheet, m.r1, m.c1);
    if (!inside) push(m.r1, m.c1);
  }
  return out;
}
