/**
 * Developer metadata (WorkbookData.developerMetadata) on the spreadsheet, a sheet, or a whole row
 * or column: adding it, the DeveloperMetadata objects, their locations, and finders.
 */
import type { DeveloperMetadataData, RectData } from '../state';
import type { Api, GDeveloperMetadata, GDeveloperMetadataFinder, GDeveloperMetadataLocation, GRange, GSheet, GSpreadsheet } from './api';
import { typeNames } from './messages';

type Location = DeveloperMetadataData['location'];
type Visibility = DeveloperMetadataData['visibility'];

/** Which metadata an object's getDeveloperMetadata/finder sees. */
export type MetadataScope =
  | { kind: 'spreadsheet' }
  | { kind: 'all' }
  | { kind: 'sheet'; sheetId: number }
  | { kind: 'range'; sheetId: number; rect: RectData };

function inScope(api: Api, md: DeveloperMetadataData, scope: MetadataScope, intersecting: boolean): boolean {
  const loc = md.location;
  switch (scope.kind) {
    case 'all':
      return true;
    case 'spreadsheet':
      return loc.type === 'SPREADSHEET';
    case 'sheet':
      return loc.type !== 'SPREADSHEET' && loc.sheetId === scope.sheetId && (intersecting || loc.type === 'SHEET');
    case 'range': {
      if (loc.type === 'SPREADSHEET' || loc.sheetId !== scope.sheetId) return false;
      if (loc.type === 'SHEET') return false;
      const sheet = api.sheetData(scope.sheetId);
      const { r1, c1, r2, c2 } = scope.rect;
      if (loc.type === 'ROW') return loc.index >= r1 && loc.index <= r2 && (intersecting || (c1 === 1 && c2 === sheet.maxColumns));
      return loc.index >= c1 && loc.index <= c2 && (intersecting || (r1 === 1 && r2 === sheet.maxRows));
    }
  }
}

const VISIBILITIES = new Set(['DOCUMENT', 'PROJECT']);

/** addDeveloperMetadata(key), (key, value), (key, visibility), (key, value, visibility). */
export function addMetadata(api: Api, location: Location, method: string, key: unknown, value?: unknown, visibility?: unknown): number {
  if (typeof key !== 'string') throw api.ctx.argumentError(`SpreadsheetApp.${method}`, typeNames([key, value, visibility].filter((a) => a !== undefined)));
  let v: string | null = null;
  let vis: Visibility = 'DOCUMENT';
  // Our enums are plain strings, so (key, SpreadsheetApp.DeveloperMetadataVisibility.X) is told
  // apart from (key, value) by the value being exactly an enum name.
  if (visibility === undefined && typeof value === 'string' && VISIBILITIES.has(value)) {
    vis = value as Visibility;
  } else {
    v = value === undefined || value === null ? null : String(value);
    if (visibility !== undefined) vis = String(visibility) === 'PROJECT' ? 'PROJECT' : 'DOCUMENT';
  }
  const book = api.book;
  const id = book.nextMetadataId++;
  book.developerMetadata.push({ id, key, value: v, visibility: vis, location });
  return id;
}

export class DeveloperMetadataImpl {
  constructor(
    private readonly _api: Api,
    private readonly _id: number,
  ) {}

  private get _md(): DeveloperMetadataData {
    const md = this._api.book.developerMetadata.find((m) => m.id === this._id);
    if (!md) throw this._api.ctx.error('The developer metadata was removed.');
    return md;
  }
  private _self(): GDeveloperMetadata {
    return this as unknown as GDeveloperMetadata;
  }

  getId(): number { return this._id; }
  getKey(): string { return this._md.key; }
  getValue(): string | null { return this._md.value; }
  getVisibility(): string { return this._md.visibility; }
  getLocation(): GDeveloperMetadataLocation { return this._api.metadataLocation(this._id); }
  setKey(key: string): GDeveloperMetadata {
    this._md.key = String(key);
    return this._self();
  }
  setValue(value: string): GDeveloperMetadata {
    this._md.value = value === null || value === undefined ? null : String(value);
    return this._self();
  }
  setVisibility(visibility: string): GDeveloperMetadata {
    this._md.visibility = String(visibility) === 'PROJECT' ? 'PROJECT' : 'DOCUMENT';
    return this._self();
  }
  moveToSpreadsheet(): GDeveloperMetadata {
    this._md.location = { type: 'SPREADSHEET' };
    return this._self();
  }
  moveToSheet(sheet: GSheet): GDeveloperMetadata {
    this._md.location = { type: 'SHEET', sheetId: sheet.getSheetId() };
    return this._self();
  }
  remove(): void {
    this._api.book.developerMetadata = this._api.book.developerMetadata.filter((m) => m.id !== this._id);
  }
}

export class DeveloperMetadataLocationImpl {
  constructor(
    private readonly _api: Api,
    private readonly _id: number,
  ) {}
  private get _loc(): Location {
    const md = this._api.book.developerMetadata.find((m) => m.id === this._id);
    if (!md) throw this._api.ctx.error('The developer metadata was removed.');
    return md.location;
  }
  getLocationType(): string { return this._loc.type; }
  getSpreadsheet(): GSpreadsheet | null { return this._loc.type === 'SPREADSHEET' ? this._api.spreadsheet() : null; }
  getSheet(): GSheet | null {
    const loc = this._loc;
    return loc.type === 'SPREADSHEET' ? null : this._api.sheet(loc.sheetId);
  }
  getRow(): GRange | null {
    const loc = this._loc;
    if (loc.type !== 'ROW') return null;
    const sheet = this._api.sheetData(loc.sheetId);
    return this._api.range(sheet.id, { r1: loc.index, r2: loc.index, c1: 1, c2: sheet.maxColumns });
  }
  getColumn(): GRange | null {
    const loc = this._loc;
    if (loc.type !== 'COLUMN') return null;
    const sheet = this._api.sheetData(loc.sheetId);
    return this._api.range(sheet.id, { r1: 1, r2: sheet.maxRows, c1: loc.index, c2: loc.index });
  }
}

export class DeveloperMetadataFinderImpl {
  private _key?: string;
  private _value?: string;
  private _id?: number;
  private _type?: string;
  private _visibility?: string;
  private _intersecting = false;

  constructor(
    private readonly _api: Api,
    private readonly _scope: MetadataScope,
  ) {}

  private _self(): GDeveloperMetadataFinder {
    return this as unknown as GDeveloperMetadataFinder;
  }
  withKey(key: string): GDeveloperMetadataFinder {
    this._key = String(key);
    return this._self();
  }
  withValue(value: string): GDeveloperMetadataFinder {
    this._value = String(value);
    return this._self();
  }
  withId(id: number): GDeveloperMetadataFinder {
    this._id = id;
    return this._self();
  }
  withLocationType(locationType: string): GDeveloperMetadataFinder {
    this._type = String(locationType);
    return this._self();
  }
  withVisibility(visibility: string): GDeveloperMetadataFinder {
    this._visibility = String(visibility);
    return this._self();
  }
  onIntersectingLocations(): GDeveloperMetadataFinder {
    this._intersecting = true;
    return this._self();
  }
  find(): GDeveloperMetadata[] {
    const scope = this._scope;
    // A spreadsheet's finder searches everything in it; its getDeveloperMetadata only its own level.
    return this._api.book.developerMetadata
      .filter((md) => inScope(this._api, md, scope, this._intersecting || scope.kind === 'sheet'))
      .filter((md) => (this._key === undefined || md.key === this._key) && (this._value === undefined || md.value === this._value))
      .filter((md) => (this._id === undefined || md.id === this._id) && (this._type === undefined || md.location.type === this._type))
      .filter((md) => this._visibility === undefined || md.visibility === this._visibility)
      .map((md) => this._api.metadata(md.id));
  }
}
