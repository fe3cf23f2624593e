/**
 * Protections of sheets and ranges (SheetData.protections): description, warning-only mode and
 * the editors list. A new protection's editors mirror the spreadsheet's editors, as Sheets does;
 * the owner can always edit.
 */
import type { ProtectionData, RectData, SheetData } from '../state';
import type { Api, GProtection, GRange } from './api';
import { typeNames } from './messages';

type P = GoogleAppsScript.Spreadsheet.Protection;
type User = GoogleAppsScript.Base.User;

let counter = 0;

/** Sheet.protect() returns the sheet's existing protection if it has one; ranges get a new one. */
export function newProtection(api: Api, sheet: SheetData, range?: RectData): GProtection {
  if (!range) {
    const existing = sheet.protections.find((p) => !p.range);
    if (existing) return api.protection(sheet.id, existing.id);
  }
  api.assertCanEdit(sheet, range);
  const data: ProtectionData = {
    id: `p${Date.now().toString(36)}${(counter++).toString(36)}`,
    description: '',
    warningOnly: false,
    editors: [...new Set([api.owner, api.ctx.user, ...api.ctx.state.users.known])],
  };
  if (range) data.range = range;
  sheet.protections.push(data);
  return api.protection(sheet.id, data.id);
}

function userObject(api: Api, email: string): User {
  return api.wrap('User', { getEmail: () => email }, { getEmail: { minAuth: 'LIMITED' } }) as User;
}

function emailOf(api: Api, method: string, u: unknown): string {
  if (typeof u === 'string') return u;
  if (u && typeof (u as User).getEmail === 'function') return (u as User).getEmail();
  throw api.ctx.argumentError(`SpreadsheetApp.Protection.${method}`, typeNames([u]));
}

export class ProtectionImpl
  implements Pick<P, 'getDescription' | 'isWarningOnly' | 'canEdit' | 'getRange' | 'remove' | 'getEditors'>
{
  constructor(
    private readonly _api: Api,
    private readonly _sheetId: number,
    private readonly _id: string,
  ) {}

  private get _data(): ProtectionData {
    const sheet = this._api.sheetData(this._sheetId);
    const p = sheet.protections.find((x) => x.id === this._id);
    if (!p) throw this._api.ctx.error('Protection has been removed.');
    return p;
  }

  private _self(): GProtection {
    return this as unknown as GProtection;
  }

  private _change(): ProtectionData {
    const data = this._data;
    if (!this._api.canEditProtection({ ...data, warningOnly: false })) {
      throw this._api.ctx.error('You do not have permission to modify this protection.');
    }
    return data;
  }

  getDescription(): string { return this._data.description; }
  setDescription(description: string): GProtection {
    this._change().description = String(description ?? '');
    return this._self();
  }
  isWarningOnly(): boolean { return this._data.warningOnly; }
  setWarningOnly(warningOnly: boolean): GProtection {
    this._change().warningOnly = !!warningOnly;
    return this._self();
  }
  getProtectionType(): string { return this._data.range ? 'RANGE' : 'SHEET'; }
  getRange(): GRange {
    const data = this._data;
    const sheet = this._api.sheetData(this._sheetId);
    return this._api.range(this._sheetId, data.range ?? { r1: 1, c1: 1, r2: sheet.maxRows, c2: sheet.maxColumns });
  }
  canEdit(): boolean { return this._api.canEditProtection(this._data); }
  remove(): void {
    this._change();
    const sheet = this._api.sheetData(this._sheetId);
    sheet.protections = sheet.protections.filter((p) => p.id !== this._id);
  }
  getEditors(): User[] { return this._data.editors.map((e) => userObject(this._api, e)); }
  addEditor(emailAddress: string | User): GProtection {
    const data = this._change();
    const email = emailOf(this._api, 'addEditor', emailAddress);
    if (!data.editors.includes(email)) data.editors.push(email);
    return this._self();
  }
  addEditors(emailAddresses: string[]): GProtection {
    for (const e of emailAddresses) this.addEditor(e);
    return this._self();
  }
  removeEditor(emailAddress: string | User): GProtection {
    const data = this._change();
    const email = emailOf(this._api, 'removeEditor', emailAddress);
    // The owner stays an editor whatever the script asks.
    data.editors = data.editors.filter((e) => e !== email || e === this._api.owner);
    return this._self();
  }
  removeEditors(emailAddresses: (string | User)[]): GProtection {
    for (const e of emailAddresses) this.removeEditor(e);
    return this._self();
  }
}
