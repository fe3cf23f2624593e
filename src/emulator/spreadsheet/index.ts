/**
 * The emulated SpreadsheetApp of one execution: the bound spreadsheet (getActive...), openById /
 * openByUrl of that same file, selection, getUi, flush, rule builders and the enums. Everything it
 * returns is instrumented (see api.ts); the Ui lives in ui.ts.
 */
import { SCOPES, type ExecutionContext, type MethodPolicy } from '../context';
import { Api, FREE, READ, refOf, sheetIdOf, WRITE, type GRange, type GSheet, type GSpreadsheet } from './api';
import { ENUMS } from './enums';
import { MSG, typeNames } from './messages';
import { createUi } from './ui';
import { rectA1 } from './a1-notation';

export { Api } from './api';
export { applyUserEdit, makeEditEvent } from './user-edit';
export { renderSheet } from './render';

const OPEN: MethodPolicy = { minAuth: 'FULL', scopes: [SCOPES.spreadsheets] };

class SpreadsheetAppImpl {
  constructor(private readonly _api: Api) {}

  getActiveSpreadsheet(): GSpreadsheet { return this._api.spreadsheet(); }
  getActive(): GSpreadsheet { return this._api.spreadsheet(); }
  getActiveSheet(): GSheet { return this._api.sheet(this._api.activeSheetData().id); }
  getActiveRange(): GRange | null {
    const sheet = this._api.activeSheetData();
    return this._api.range(sheet.id, this._api.resolveA1(this._api.book.active.a1, sheet).rect);
  }
  getCurrentCell(): GRange | null {
    const sheet = this._api.activeSheetData();
    const r = this._api.resolveA1(this._api.book.active.a1, sheet).rect;
    return this._api.range(sheet.id, { r1: r.r1, c1: r.c1, r2: r.r1, c2: r.c1 });
  }
  setActiveSheet(sheet: GSheet): GSheet {
    const id = sheetIdOf(sheet);
    if (id === undefined) throw this._api.ctx.argumentError('SpreadsheetApp.setActiveSheet', typeNames([sheet]));
    this._api.sheetData(id).hidden = false;
    this._api.book.active = { sheetId: id, a1: 'A1' };
    return this._api.sheet(id);
  }
  setActiveRange(range: GRange): GRange {
    const ref = refOf(range);
    if (!ref) throw this._api.ctx.argumentError('SpreadsheetApp.setActiveRange', typeNames([range]));
    this._api.book.active = { sheetId: ref.sheetId, a1: rectA1(ref.rect) };
    return range;
  }
  openById(id: string): GSpreadsheet {
    if (typeof id !== 'string') throw this._api.ctx.argumentError('SpreadsheetApp.openById', typeNames([id]));
    // The emulator holds one spreadsheet: any other id is a file the user can't open.
    if (id !== this._api.book.id) throw this._api.ctx.error(MSG.openById);
    return this._api.spreadsheet();
  }
  openByUrl(url: string): GSpreadsheet {
    if (typeof url !== 'string') throw this._api.ctx.argumentError('SpreadsheetApp.openByUrl', typeNames([url]));
    const m = /^https:\/\/docs\.google\.com\/spreadsheets\/d\/([^/?#]+)/.exec(url);
    if (!m) throw this._api.ctx.error(MSG.invalidUrl);
    if (m[1] !== this._api.book.id) throw this._api.ctx.error(MSG.openByUrl);
    return this._api.spreadsheet();
  }
  getUi(): GoogleAppsScript.Base.Ui { return createUi(this._api.ctx); }
  /** Writes are applied at once in the emulator, so there is nothing pending to flush. */
  flush(): void {}
  newDataValidation(): GoogleAppsScript.Spreadsheet.DataValidationBuilder { return this._api.validationBuilder(); }
}

export function createSpreadsheetApp(ctx: ExecutionContext): GoogleAppsScript.Spreadsheet.SpreadsheetApp {
  const api = new Api(ctx);
  const impl = Object.assign(new SpreadsheetAppImpl(api), ENUMS);
  const policies: Record<string, MethodPolicy> = {
    getActiveSpreadsheet: READ, getActive: READ, getActiveSheet: READ, getActiveRange: READ, getCurrentCell: READ,
    setActiveSheet: WRITE, setActiveRange: WRITE,
    openById: OPEN, openByUrl: OPEN,
    getUi: FREE, flush: FREE, newDataValidation: FREE,
  };
  return api.wrap('SpreadsheetApp', impl, policies, WRITE) as unknown as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
}
export { recalculate, markFormulasChanged } from './formula';
export { displayValue } from './number-format';
export { parseEntered } from './values';
