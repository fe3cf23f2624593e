/**
 * What a person does in the Sheets UI, for the playground: typing or pasting into cells (parsed
 * like the UI parses typed text, checked against strict validation rules, formulas recomputed),
 * and the onEdit event object a simple or installable trigger then receives. Nothing here is a
 * counted API call.
 */
import type { AuthModeName, ExecutionContext } from '../context';
import type { CellData, RectData, StoredValue, WorkbookData } from '../state';
import { Api, type GRange, type GSpreadsheet } from './api';
import { cellA1, rectA1 } from './a1-notation';
import { applyInput } from './cells';
import { toSerial } from './dates';
import { markFormulasChanged, recalculate } from './formula';
import { MSG } from './messages';
import { cellAt, cellFor, MAX_WORKBOOK_CELLS, sheetById, workbookCells } from './model';
import { generalNumber } from './number-format';
import { fromScript, MAX_CELL_CHARS, inputLength, type CellInput } from './values';

export interface UserEdit {
  sheetId: number;
  a1: string;
  rect: RectData;
  /** The cell's value before the edit; only for a single-cell edit of a cell that had one (as onEdit's e.oldValue). */
  oldValue?: StoredValue;
  /** The cell's value after the edit; only for a single-cell edit (as onEdit's e.value). */
  value?: StoredValue;
}

function isValid(dv: NonNullable<CellData['dv']>, input: CellInput): boolean {
  const v = input.v;
  if (input.f !== undefined || v === undefined) return true;
  switch (dv.kind) {
    case 'checkbox':
      return dv.checked === undefined ? typeof v === 'boolean' : String(v) === dv.checked || String(v) === (dv.unchecked ?? '');
    case 'list':
      return dv.values.some((x) => x.toLowerCase() === String(v).toLowerCase());
    case 'number':
      return typeof v === 'number' && (dv.min === undefined || v >= dv.min) && (dv.max === undefined || v <= dv.max);
    case 'date':
      return typeof v === 'object';
    case 'email':
      return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(String(v));
    case 'range':
      return true;
  }
}

/** Typed text into a checkbox cell: TRUE/FALSE toggle it to its checked/unchecked values. */
function checkboxInput(cell: CellData | undefined, input: CellInput): CellInput {
  const dv = cell?.dv;
  if (dv?.kind !== 'checkbox' || typeof input.v !== 'boolean' || dv.checked === undefined) return input;
  return { v: input.v ? dv.checked : (dv.unchecked ?? '') };
}

/**
 * Applies what a person typed or pasted at (row, column) of a sheet: strings are parsed as the UI
 * parses them, other values stored as they are. Throws Error with Sheets' message for text over
 * 50,000 characters, a paste that would pass 10,000,000 cells, or a value a strict rule rejects.
 */
export function applyUserEdit(
  workbook: WorkbookData,
  sheetId: number,
  row: number,
  column: number,
  values: (StoredValue | null)[][] | string[][],
): UserEdit {
  const sheet = sheetById(workbook, sheetId);
  if (!sheet) throw new Error(MSG.sheetDeleted(sheetId));
  const rect: RectData = { r1: row, c1: column, r2: row + values.length - 1, c2: column + Math.max(1, ...values.map((r) => r.length)) - 1 };
  const inputs = values.map((line, i) =>
    line.map((v, j): CellInput => {
      const cell = cellAt(sheet, row + i, column + j);
      let input: CellInput;
      if (v === null) input = {};
      else if (typeof v === 'string') input = fromScript(v, workbook.locale, workbook.timeZone, cell?.nf === '@');
      else input = { v };
      if (inputLength(input) > MAX_CELL_CHARS) throw new Error(MSG.cellTooLong);
      input = checkboxInput(cell, input);
      if (cell?.dv && cell.dv.kind !== 'range' && (cell.dv.kind === 'checkbox' ? cell.dv.strict !== false : cell.dv.strict) && !isValid(cell.dv, input)) {
        throw new Error(cell.dv.helpText || `The data you entered in cell ${cellA1(row + i, column + j)} violates the data validation rules set on this cell.`);
      }
      return input;
    }),
  );
  // A paste past the grid's edge grows the sheet, as in Sheets.
  const extraRows = Math.max(0, rect.r2 - sheet.maxRows);
  const extraCols = Math.max(0, rect.c2 - sheet.maxColumns);
  if (extraRows || extraCols) {
    const added = (sheet.maxRows + extraRows) * (sheet.maxColumns + extraCols) - sheet.maxRows * sheet.maxColumns;
    if (workbookCells(workbook) + added > MAX_WORKBOOK_CELLS) throw new Error(MSG.tooManyCells);
    sheet.maxRows += extraRows;
    sheet.maxColumns += extraCols;
  }
  const single = values.length === 1 && values[0].length === 1;
  const oldValue = single ? cellAt(sheet, row, column)?.v : undefined;
  let formulas = false;
  inputs.forEach((line, i) =>
    line.forEach((input, j) => {
      if (applyInput(cellFor(sheet, row + i, column + j), input)) formulas = true;
    }),
  );
  if (formulas) markFormulasChanged(workbook);
  recalculate(workbook);
  const edit: UserEdit = { sheetId, a1: rectA1(rect), rect };
  if (single) {
    if (oldValue !== undefined && oldValue !== '') edit.oldValue = oldValue;
    const now = cellAt(sheet, row, column)?.v;
    if (now !== undefined) edit.value = now;
  }
  return edit;
}

/** onEdit's e.value / e.oldValue are strings: booleans "TRUE"/"FALSE", dates their serial number. */
function eventString(v: StoredValue, timeZone: string): string {
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'number') return generalNumber(v);
  if (typeof v === 'object') return generalNumber(toSerial(v.d, timeZone));
  return v;
}

export interface EditEvent {
  [key: string]: unknown;
  authMode: AuthModeName;
  range: GRange;
  source: GSpreadsheet;
  oldValue?: string;
  value?: string;
  user: GoogleAppsScript.Base.User;
  triggerUid?: string;
}

/** The event object of onEdit for an edit, with this execution's Range and Spreadsheet (no calls counted). */
export function makeEditEvent(
  ctx: ExecutionContext,
  edit: Pick<UserEdit, 'sheetId' | 'rect' | 'oldValue' | 'value'>,
  authMode: AuthModeName = ctx.authMode,
  triggerUid?: string,
): EditEvent {
  const api = new Api(ctx);
  const tz = ctx.state.workbook.timeZone;
  const email = ctx.user;
  const user = api.wrap('User', { getEmail: () => email, getUserLoginId: () => email, getNickname: () => email.split('@')[0] }, {}, { minAuth: 'LIMITED' });
  const e: EditEvent = { authMode, range: api.range(edit.sheetId, edit.rect), source: api.spreadsheet(), user };
  if (edit.oldValue !== undefined) e.oldValue = eventString(edit.oldValue, tz);
  if (edit.value !== undefined) e.value = eventString(edit.value, tz);
  if (triggerUid !== undefined) e.triggerUid = triggerUid;
  return e;
}
