/**
 * The per-execution factory of Spreadsheet service objects. It hands out instrumented Spreadsheet,
 * Sheet, Range, Protection... objects (each method call counted and auth/scope-checked by
 * `instrument`), and holds the uncounted internals they share: sheet lookup, protection checks,
 * recalculation after writes. Creating an object is never counted; only calling its methods is.
 */
import { instrument, SCOPES, type ExecutionContext, type MethodPolicy } from '../context';
import type { ProtectionData, RectData, SheetData, WorkbookData } from '../state';
import { closeRect, parseA1, rectsIntersect } from './a1-notation';
import { recalculate, markFormulasChanged } from './formula';
import { MSG } from './messages';
import { sheetById, sheetByName } from './model';
import { RangeImpl } from './range';
import { SheetImpl } from './sheet';
import { SpreadsheetImpl } from './spreadsheet';
import { ProtectionImpl } from './protection';
import { DataValidationImpl, DataValidationBuilderImpl } from './validation';
import { DeveloperMetadataImpl, DeveloperMetadataFinderImpl, DeveloperMetadataLocationImpl, type MetadataScope } from './metadata';
import type { ValidationData } from '../state';

export type GSpreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
export type GSheet = GoogleAppsScript.Spreadsheet.Sheet;
export type GRange = GoogleAppsScript.Spreadsheet.Range;
export type GProtection = GoogleAppsScript.Spreadsheet.Protection;
export type GDataValidation = GoogleAppsScript.Spreadsheet.DataValidation;
export type GDataValidationBuilder = GoogleAppsScript.Spreadsheet.DataValidationBuilder;
export type GDeveloperMetadata = GoogleAppsScript.Spreadsheet.DeveloperMetadata;
export type GDeveloperMetadataFinder = GoogleAppsScript.Spreadsheet.DeveloperMetadataFinder;
export type GDeveloperMetadataLocation = GoogleAppsScript.Spreadsheet.DeveloperMetadataLocation;

/** Where a Range object points, read through its uncounted `_ref` (undefined for anything else). */
export function refOf(range: unknown): { sheetId: number; rect: RectData } | undefined {
  return range && typeof range === 'object' ? (range as { _ref?: () => { sheetId: number; rect: RectData } })._ref?.() : undefined;
}

/** The id of a Sheet object, read through its uncounted `_sheetIdOf` (undefined for anything else). */
export function sheetIdOf(sheet: unknown): number | undefined {
  return sheet && typeof sheet === 'object' ? (sheet as { _sheetIdOf?: () => number })._sheetIdOf?.() : undefined;
}

export const SHEET_SCOPES = [SCOPES.spreadsheetsCurrentOnly, SCOPES.spreadsheets] as const;
/** Reads work in custom functions (read-only Spreadsheet access); writes need LIMITED or more. */
export const READ: MethodPolicy = { minAuth: 'CUSTOM_FUNCTION', scopes: SHEET_SCOPES };
export const WRITE: MethodPolicy = { minAuth: 'LIMITED', scopes: SHEET_SCOPES };
/** Objects that touch no document data (rule builders, enums' helpers). */
export const FREE: MethodPolicy = { minAuth: 'NONE' };

const policyCache = new Map<object, Record<string, MethodPolicy>>();

/** get*, is*, can* read; everything else writes. */
export function policiesOf(proto: object): Record<string, MethodPolicy> {
  let p = policyCache.get(proto);
  if (!p) {
    p = {};
    for (const name of Object.getOwnPropertyNames(proto)) {
      if (name === 'constructor' || name.startsWith('_')) continue;
      p[name] = /^(get|is|can|create|find|with|offset)/.test(name) ? READ : WRITE;
    }
    policyCache.set(proto, p);
  }
  return p;
}

export class Api {
  constructor(readonly ctx: ExecutionContext) {}

  get book(): WorkbookData {
    return this.ctx.state.workbook;
  }

  /** The spreadsheet owner: the first user the emulator knew (who made the file). */
  get owner(): string {
    return this.ctx.state.users.known[0] ?? this.ctx.user;
  }

  wrap<T extends object>(typeName: string, obj: T, policies?: Record<string, MethodPolicy>, defaultPolicy: MethodPolicy = WRITE): T {
    return instrument(this.ctx, typeName, obj, policies ?? policiesOf(Object.getPrototypeOf(obj)), defaultPolicy);
  }

  spreadsheet(): GSpreadsheet {
    return this.wrap('Spreadsheet', new SpreadsheetImpl(this)) as unknown as GSpreadsheet;
  }

  sheet(id: number): GSheet {
    return this.wrap('Sheet', new SheetImpl(this, id)) as unknown as GSheet;
  }

  range(sheetId: number, rect: RectData): GRange {
    return this.wrap('Range', new RangeImpl(this, sheetId, { ...rect })) as unknown as GRange;
  }

  protection(sheetId: number, id: string): GProtection {
    return this.wrap('Protection', new ProtectionImpl(this, sheetId, id)) as unknown as GProtection;
  }

  validation(data: ValidationData): GDataValidation {
    return this.wrap('DataValidation', new DataValidationImpl(this, data), undefined, FREE) as unknown as GDataValidation;
  }

  validationBuilder(data?: ValidationData): GDataValidationBuilder {
    const b = new DataValidationBuilderImpl(this, data);
    const free = Object.fromEntries(Object.getOwnPropertyNames(Object.getPrototypeOf(b)).map((n) => [n, FREE]));
    return this.wrap('DataValidationBuilder', b, free, FREE) as unknown as GDataValidationBuilder;
  }

  metadata(id: number): GDeveloperMetadata {
    return this.wrap('DeveloperMetadata', new DeveloperMetadataImpl(this, id)) as unknown as GDeveloperMetadata;
  }

  metadataFinder(scope: MetadataScope): GDeveloperMetadataFinder {
    return this.wrap('DeveloperMetadataFinder', new DeveloperMetadataFinderImpl(this, scope)) as unknown as GDeveloperMetadataFinder;
  }

  metadataLocation(id: number): GDeveloperMetadataLocation {
    return this.wrap('DeveloperMetadataLocation', new DeveloperMetadataLocationImpl(this, id)) as unknown as GDeveloperMetadataLocation;
  }

  /** The sheet's data; a Sheet or Range object of a deleted sheet fails like a stale object does. */
  sheetData(id: number): SheetData {
    const sheet = sheetById(this.book, id);
    if (!sheet) throw this.ctx.error(MSG.sheetDeleted(id));
    return sheet;
  }

  activeSheetData(): SheetData {
    const book = this.book;
    const active = sheetById(book, book.active.sheetId);
    if (active) return active;
    const first = book.sheets.find((s) => !s.hidden) ?? book.sheets[0];
    book.active = { sheetId: first.id, a1: 'A1' };
    return first;
  }

  /** Resolves "Sheet1!A1:B2" (or "A1:B2" on `defaultSheet`) to a sheet and rectangle, or throws "Range not found". */
  resolveA1(a1: string, defaultSheet: SheetData): { sheet: SheetData; rect: RectData } {
    const parsed = typeof a1 === 'string' ? parseA1(a1) : null;
    if (!parsed) throw this.ctx.error(MSG.rangeNotFound);
    const sheet = parsed.sheetName !== undefined ? sheetByName(this.book, parsed.sheetName) : defaultSheet;
    if (!sheet) throw this.ctx.error(MSG.rangeNotFound);
    const rect = closeRect(parsed, sheet.maxRows, sheet.maxColumns);
    if (rect.r2 > sheet.maxRows || rect.c2 > sheet.maxColumns) throw this.ctx.error(MSG.rangeNotFound);
    return { sheet, rect };
  }

  canEditProtection(p: ProtectionData, user = this.ctx.user): boolean {
    return p.warningOnly || user === this.owner || p.editors.includes(user);
  }

  /** Refuses an edit of cells a protection keeps from the running user, as Sheets does. */
  assertCanEdit(sheet: SheetData, rect?: RectData): void {
    for (const p of sheet.protections) {
      if (this.canEditProtection(p)) continue;
      if (!p.range || !rect || rectsIntersect(p.range, rect)) throw this.ctx.error(MSG.protectedCell);
    }
  }

  /** After values or formulas changed: recompute the workbook's formulas (no-op without any). */
  afterWrite(formulasChanged: boolean): void {
    if (formulasChanged) markFormulasChanged(this.book);
    recalculate(this.book, this.ctx.now());
  }
}
