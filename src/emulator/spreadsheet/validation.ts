/**
 * Data validation rules: SpreadsheetApp.newDataValidation() builders, DataValidation objects, and
 * their mapping to the stored ValidationData (checkbox, list, range, date, number, email). Rules
 * Sheets has but the model can't store are left "not emulated".
 */
import type { ValidationData } from '../state';
import { refOf, type Api, type GDataValidation, type GDataValidationBuilder, type GRange } from './api';
import { quoteSheetName, rectA1 } from './a1-notation';
import { typeNames } from './messages';

type B = GoogleAppsScript.Spreadsheet.DataValidationBuilder;
type Criteria = GoogleAppsScript.Spreadsheet.DataValidationCriteria;

/** The ValidationData behind a DataValidation the script passes back, or an argument error. */
export function validationOf(api: Api, rule: unknown, method: string): ValidationData {
  const data = rule && typeof rule === 'object' ? (rule as { _data?: () => ValidationData })._data?.() : undefined;
  if (!data) throw api.ctx.argumentError(`SpreadsheetApp.Range.${method}`, typeNames([rule]));
  return data;
}

function criteriaOf(api: Api, d: ValidationData): { type: string; values: unknown[] } {
  switch (d.kind) {
    case 'checkbox':
      return { type: 'CHECKBOX', values: d.checked === undefined ? [] : d.unchecked === undefined ? [d.checked] : [d.checked, d.unchecked] };
    case 'list':
      return { type: 'VALUE_IN_LIST', values: [[...d.values], d.showDropdown] };
    case 'range': {
      const { sheet, rect } = api.resolveA1(d.a1, api.activeSheetData());
      return { type: 'VALUE_IN_RANGE', values: [api.range(sheet.id, rect), d.showDropdown] };
    }
    case 'date':
      return { type: 'DATE_IS_VALID_DATE', values: [] };
    case 'email':
      return { type: 'TEXT_IS_VALID_EMAIL', values: [] };
    case 'number':
      if (d.min !== undefined && d.max !== undefined) return { type: 'NUMBER_BETWEEN', values: [d.min, d.max] };
      if (d.min !== undefined) return { type: 'NUMBER_GREATER_THAN_OR_EQUAL_TO', values: [d.min] };
      return { type: 'NUMBER_LESS_THAN_OR_EQUAL_TO', values: [d.max] };
  }
}

const allowInvalid = (d: ValidationData) => (d.kind === 'checkbox' ? d.strict === false : !d.strict);

export class DataValidationImpl {
  private readonly _dv: ValidationData;
  constructor(
    private readonly _api: Api,
    data: ValidationData,
  ) {
    this._dv = structuredClone(data);
  }
  /** Uncounted: the stored rule, for Range.setDataValidation(s). */
  _data(): ValidationData {
    return structuredClone(this._dv);
  }
  getCriteriaType(): Criteria { return criteriaOf(this._api, this._dv).type as unknown as Criteria; }
  getCriteriaValues(): unknown[] { return criteriaOf(this._api, this._dv).values; }
  getAllowInvalid(): boolean { return allowInvalid(this._dv); }
  getHelpText(): string { return this._dv.helpText ?? ''; }
  copy(): GDataValidationBuilder { return this._api.validationBuilder(this._dv); }
}

export class DataValidationBuilderImpl
  implements Pick<B, 'requireCheckbox' | 'requireValueInList' | 'requireValueInRange' | 'requireDate' | 'requireNumberBetween' | 'requireTextIsEmail' | 'setAllowInvalid' | 'setHelpText' | 'build' | 'copy'>
{
  private _d: ValidationData | undefined;
  private _strict = true;
  private _help: string | undefined;

  constructor(
    private readonly _api: Api,
    data?: ValidationData,
  ) {
    if (data) {
      this._d = structuredClone(data);
      this._strict = !allowInvalid(data);
      this._help = data.helpText;
    }
  }

  private _set(d: ValidationData): GDataValidationBuilder {
    this._d = d;
    return this as unknown as GDataValidationBuilder;
  }

  private _num(method: string, args: unknown[]): void {
    if (args.some((a) => typeof a !== 'number')) throw this._api.ctx.argumentError(`SpreadsheetApp.DataValidationBuilder.${method}`, typeNames(args));
  }

  requireCheckbox(checkedValue?: unknown, uncheckedValue?: unknown): GDataValidationBuilder {
    const d: ValidationData = { kind: 'checkbox' };
    if (checkedValue !== undefined) d.checked = String(checkedValue);
    if (uncheckedValue !== undefined) d.unchecked = String(uncheckedValue);
    return this._set(d);
  }
  requireValueInList(values: string[], showDropdown = true): GDataValidationBuilder {
    if (!Array.isArray(values)) throw this._api.ctx.argumentError('SpreadsheetApp.DataValidationBuilder.requireValueInList', typeNames([values]));
    return this._set({ kind: 'list', values: values.map(String), showDropdown: !!showDropdown, strict: true });
  }
  requireValueInRange(range: GRange, showDropdown = true): GDataValidationBuilder {
    const ref = refOf(range);
    if (!ref) throw this._api.ctx.argumentError('SpreadsheetApp.DataValidationBuilder.requireValueInRange', typeNames([range]));
    const sheet = this._api.sheetData(ref.sheetId);
    return this._set({ kind: 'range', a1: `${quoteSheetName(sheet.name)}!${rectA1(ref.rect)}`, showDropdown: !!showDropdown, strict: true });
  }
  requireDate(): GDataValidationBuilder { return this._set({ kind: 'date', strict: true }); }
  requireNumberBetween(start: number, end: number): GDataValidationBuilder {
    this._num('requireNumberBetween', [start, end]);
    return this._set({ kind: 'number', min: Math.min(start, end), max: Math.max(start, end), strict: true });
  }
  requireNumberGreaterThanOrEqualTo(number: number): GDataValidationBuilder {
    this._num('requireNumberGreaterThanOrEqualTo', [number]);
    return this._set({ kind: 'number', min: number, strict: true });
  }
  requireNumberLessThanOrEqualTo(number: number): GDataValidationBuilder {
    this._num('requireNumberLessThanOrEqualTo', [number]);
    return this._set({ kind: 'number', max: number, strict: true });
  }
  requireTextIsEmail(): GDataValidationBuilder { return this._set({ kind: 'email', strict: true }); }
  setAllowInvalid(allowInvalidData: boolean): GDataValidationBuilder {
    this._strict = !allowInvalidData;
    return this as unknown as GDataValidationBuilder;
  }
  setHelpText(helpText: string): GDataValidationBuilder {
    this._help = helpText === null || helpText === undefined ? undefined : String(helpText);
    return this as unknown as GDataValidationBuilder;
  }
  getAllowInvalid(): boolean { return !this._strict; }
  getHelpText(): string | null { return this._help ?? null; }
  getCriteriaType(): Criteria { return (this._d ? criteriaOf(this._api, this._d).type : null) as unknown as Criteria; }
  getCriteriaValues(): unknown[] { return this._d ? criteriaOf(this._api, this._d).values : []; }
  copy(): GDataValidationBuilder { return this._api.validationBuilder(this._d ? this._build() : undefined); }
  private _build(): ValidationData {
    const d = structuredClone(this._d!);
    d.strict = this._strict;
    if (this._help !== undefined) d.helpText = this._help;
    else delete d.helpText;
    return d;
  }
  build(): GDataValidation {
    // Sheets refuses a rule with no criteria; the emulator's wording is its own.
    if (!this._d) throw this._api.ctx.error('not emulated: DataValidationBuilder.build without criteria (set one with require...)');
    return this._api.validation(this._build());
  }
}
