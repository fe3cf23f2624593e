/**
 * Range formatting: backgrounds, font colour/weight/style/line, wrapping, number formats,
 * horizontal alignment and notes — each as a single-cell getter, a 2-D getter, a fill-all setter
 * and a 2-D setter, with Sheets' defaults ("#ffffff", "normal", "none"...).
 */
import type { CellData } from '../state';
import type { GRange } from './api';
import { normalizeColor } from './color';
import { typeNames } from './messages';
import { reportedNumberFormat } from './number-format';
import { RangeBase } from './range-base';

type R = GoogleAppsScript.Spreadsheet.Range;
type FontLine = GoogleAppsScript.Spreadsheet.FontLine;
type FontStyle = GoogleAppsScript.Spreadsheet.FontStyle;
type FontWeight = GoogleAppsScript.Spreadsheet.FontWeight;
type WrapStrategy = GoogleAppsScript.Spreadsheet.WrapStrategy;

const bg = (c: CellData | undefined) => c?.bg ?? '#ffffff';
const fc = (c: CellData | undefined) => c?.fc ?? '#000000';
const weight = (c: CellData | undefined): FontWeight => (c?.bold ? 'bold' : 'normal');
const style = (c: CellData | undefined): FontStyle => (c?.italic ? 'italic' : 'normal');
const line = (c: CellData | undefined): FontLine => (c?.strike ? 'line-through' : c?.underline ? 'underline' : 'none');
const note = (c: CellData | undefined) => c?.note ?? '';
const wrapStrategy = (c: CellData | undefined) => (c?.wrap ? 'WRAP' : c?.clip ? 'CLIP' : 'OVERFLOW') as unknown as WrapStrategy;
const halign = (c: CellData | undefined) => c?.halign ?? 'general';

export class RangeFormat
  extends RangeBase
  implements
    Pick<
      R,
      | 'getBackground' | 'getBackgrounds' | 'setBackground' | 'setBackgrounds' | 'setBackgroundRGB'
      | 'setFontColor' | 'setFontColors' | 'getFontWeight' | 'getFontWeights' | 'setFontWeight' | 'setFontWeights'
      | 'getFontStyle' | 'getFontStyles' | 'setFontStyle' | 'setFontStyles' | 'getFontLine' | 'getFontLines'
      | 'setFontLine' | 'setFontLines' | 'getNote' | 'getNotes' | 'setNote' | 'setNotes' | 'clearNote'
      | 'getWrap' | 'getWraps' | 'setWrap' | 'setWraps' | 'getWrapStrategy' | 'getWrapStrategies'
      | 'setWrapStrategy' | 'setWrapStrategies' | 'getNumberFormat' | 'getNumberFormats' | 'setNumberFormat'
      | 'setNumberFormats' | 'getHorizontalAlignment' | 'getHorizontalAlignments' | 'setHorizontalAlignment'
      | 'setHorizontalAlignments'
    >
{
  protected _self(): GRange {
    return this as unknown as GRange;
  }

  /** A colour argument: CSS colour to #rrggbb; null (or an unknown colour) resets to the default. */
  private _color(c: unknown, method: string): string | undefined {
    if (c === null || c === undefined) return undefined;
    if (typeof c !== 'string') throw this._api.ctx.argumentError(`SpreadsheetApp.Range.${method}`, typeNames([c]));
    return normalizeColor(c) ?? undefined;
  }

  private _setAttr<K extends keyof CellData>(key: K, value: CellData[K] | undefined): (cell: CellData) => void {
    return (cell) => {
      if (value === undefined) delete cell[key];
      else cell[key] = value;
    };
  }

  getBackground(): string { return this._top(bg); }
  getBackgrounds(): string[][] { return this._read(bg); }
  setBackground(color: string | null): GRange {
    this._each(this._setAttr('bg', this._color(color, 'setBackground')));
    return this._self();
  }
  setBackgrounds(color: string[][]): GRange {
    this._checkGrid('setBackgrounds', color);
    const colors = color.map((row) => row.map((c) => this._color(c, 'setBackgrounds')));
    this._write(colors, (cell, c) => this._setAttr('bg', c)(cell));
    return this._self();
  }
  setBackgroundRGB(red: number, green: number, blue: number): GRange {
    const hex = [red, green, blue].map((n) => Math.max(0, Math.min(255, Math.round(n))).toString(16).padStart(2, '0')).join('');
    return this.setBackground('#' + hex);
  }

  getFontColor(): string { return this._top(fc); }
  getFontColors(): string[][] { return this._read(fc); }
  setFontColor(color: string | null): GRange {
    this._each(this._setAttr('fc', this._color(color, 'setFontColor')));
    return this._self();
  }
  setFontColors(colors: string[][]): GRange {
    this._checkGrid('setFontColors', colors);
    const out = colors.map((row) => row.map((c) => this._color(c, 'setFontColors')));
    this._write(out, (cell, c) => this._setAttr('fc', c)(cell));
    return this._self();
  }

  getFontWeight(): FontWeight { return this._top(weight); }
  getFontWeights(): FontWeight[][] { return this._read(weight); }
  setFontWeight(fontWeight: FontWeight | null): GRange {
    this._each(this._setAttr('bold', fontWeight === 'bold' ? true : undefined));
    return this._self();
  }
  setFontWeights(fontWeights: (FontWeight | null)[][]): GRange {
    this._checkGrid('setFontWeights', fontWeights);
    this._write(fontWeights, (cell, w) => this._setAttr('bold', w === 'bold' ? true : undefined)(cell));
    return this._self();
  }

  getFontStyle(): FontStyle { return this._top(style); }
  getFontStyles(): FontStyle[][] { return this._read(style); }
  setFontStyle(fontStyle: FontStyle | null): GRange {
    this._each(this._setAttr('italic', fontStyle === 'italic' ? true : undefined));
    return this._self();
  }
  setFontStyles(fontStyles: (FontStyle | null)[][]): GRange {
    this._checkGrid('setFontStyles', fontStyles);
    this._write(fontStyles, (cell, s) => this._setAttr('italic', s === 'italic' ? true : undefined)(cell));
    return this._self();
  }

  getFontLine(): FontLine { return this._top(line); }
  getFontLines(): FontLine[][] { return this._read(line); }
  private _applyLine(cell: CellData, l: FontLine | null): void {
    delete cell.strike;
    delete cell.underline;
    if (l === 'line-through') cell.strike = true;
    else if (l === 'underline') cell.underline = true;
  }
  setFontLine(fontLine: FontLine | null): GRange {
    this._each((cell) => this._applyLine(cell, fontLine));
    return this._self();
  }
  setFontLines(fontLines: (FontLine | null)[][]): GRange {
    this._checkGrid('setFontLines', fontLines);
    this._write(fontLines, (cell, l) => this._applyLine(cell, l));
    return this._self();
  }

  getNote(): string { return this._top(note); }
  getNotes(): string[][] { return this._read(note); }
  setNote(text: string | null): GRange {
    const t = text === null || text === undefined || text === '' ? undefined : String(text);
    this._each(this._setAttr('note', t));
    return this._self();
  }
  setNotes(notes: (string | null)[][]): GRange {
    this._checkGrid('setNotes', notes);
    this._write(notes, (cell, n) => this._setAttr('note', n === null || n === undefined || n === '' ? undefined : String(n))(cell));
    return this._self();
  }
  clearNote(): GRange {
    this._eachExisting((cell) => delete cell.note);
    return this._self();
  }

  getWrap(): boolean { return this._top((c) => !!c?.wrap); }
  getWraps(): boolean[][] { return this._read((c) => !!c?.wrap); }
  private _applyWrap(cell: CellData, strategy: string): void {
    delete cell.wrap;
    delete cell.clip;
    if (strategy === 'WRAP') cell.wrap = true;
    else if (strategy === 'CLIP') cell.clip = true;
  }
  setWrap(isWrapEnabled: boolean): GRange {
    this._each((cell) => this._applyWrap(cell, isWrapEnabled ? 'WRAP' : 'OVERFLOW'));
    return this._self();
  }
  setWraps(isWrapEnabled: boolean[][]): GRange {
    this._checkGrid('setWraps', isWrapEnabled);
    this._write(isWrapEnabled, (cell, w) => this._applyWrap(cell, w ? 'WRAP' : 'OVERFLOW'));
    return this._self();
  }
  getWrapStrategy(): WrapStrategy { return this._top(wrapStrategy); }
  getWrapStrategies(): WrapStrategy[][] { return this._read(wrapStrategy); }
  setWrapStrategy(strategy: WrapStrategy): GRange {
    this._each((cell) => this._applyWrap(cell, String(strategy)));
    return this._self();
  }
  setWrapStrategies(strategies: WrapStrategy[][]): GRange {
    this._checkGrid('setWrapStrategies', strategies);
    this._write(strategies, (cell, s) => this._applyWrap(cell, String(s)));
    return this._self();
  }

  getNumberFormat(): string {
    const tz = this._api.book.timeZone;
    return this._top((c) => reportedNumberFormat(c?.v, c?.nf, tz));
  }
  getNumberFormats(): string[][] {
    const tz = this._api.book.timeZone;
    return this._read((c) => reportedNumberFormat(c?.v, c?.nf, tz));
  }
  setNumberFormat(numberFormat: string): GRange {
    this._each(this._setAttr('nf', numberFormat ? String(numberFormat) : undefined));
    return this._self();
  }
  setNumberFormats(numberFormats: string[][]): GRange {
    this._checkGrid('setNumberFormats', numberFormats);
    this._write(numberFormats, (cell, f) => this._setAttr('nf', f ? String(f) : undefined)(cell));
    return this._self();
  }

  getHorizontalAlignment(): string { return this._top(halign); }
  getHorizontalAlignments(): string[][] { return this._read(halign); }
  private _align(a: string | null): CellData['halign'] {
    const v = a?.toLowerCase();
    return v === 'left' || v === 'center' || v === 'right' ? v : undefined;
  }
  setHorizontalAlignment(alignment: 'left' | 'center' | 'normal' | null): GRange {
    this._each(this._setAttr('halign', this._align(alignment)));
    return this._self();
  }
  setHorizontalAlignments(alignments: (string | null)[][]): GRange {
    this._checkGrid('setHorizontalAlignments', alignments);
    this._write(alignments, (cell, a) => this._setAttr('halign', this._align(a))(cell));
    return this._self();
  }
}
