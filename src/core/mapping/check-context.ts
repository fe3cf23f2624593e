/**
 * What the row checks share: settings turned into lookup sets once per run (blank markers,
 * statuses, type vocabulary and compatibility), and reading a role's cell on a row.
 */
import { columnLetter } from './a1';
import { columnTitle } from './checks-header';
import type { FindingWhere } from './findings';
import type { Layout, ResolvedLayout } from './layout';
import { GridReader } from './grid';
import type { HeaderColumn } from './header-read';
import type { Role } from './roles';
import { OwnWords } from './own-words';
import type { MappingSettings } from './settings';
import { blankKind, blankMarkerSet, compareKey, isEmptyText, type BlankKind, type BlankMarkers } from './text';
import { buildCompatibility, type Compatibility } from './type-compat';
import { buildVocabulary, parseType, typeKey, type ParsedType, type TypeVocabulary } from './types';

export type CheckContext = {
  settings: MappingSettings;
  markers: BlankMarkers;
  statuses: ReadonlySet<string>;
  skipStatuses: ReadonlySet<string>;
  truthy: ReadonlySet<string>;
  vocab: TypeVocabulary;
  compat: Compatibility;
  /** The unknown status and type words met in this run, offered for adoption. */
  ownWords: OwnWords;
  /** parseType, memoised: a spec uses a handful of type words over thousands of rows. */
  typeOf(text: string): ParsedType;
};

export function makeContext(settings: MappingSettings): CheckContext {
  const vocab = buildVocabulary(settings.typeSynonyms);
  const typeCache = new Map<string, ParsedType>();
  const canon = (t: string) => parseType(t, vocab).type ?? typeKey(t).replace(/ /g, '_');
  return {
    settings,
    markers: blankMarkerSet(settings.blankMarkers),
    statuses: new Set([...settings.statusValues, ...Object.keys(settings.statusSynonyms)].map(compareKey)),
    // A spec's own word for a skipped status ("Do not create concept" for Deprecated) is skipped too.
    skipStatuses: new Set([...settings.skipStatuses, ...Object.entries(settings.statusSynonyms).filter(([, to]) => settings.skipStatuses.some((x) => compareKey(x) === compareKey(to))).map(([w]) => w)].map(compareKey)),
    truthy: new Set(settings.truthyValues.map(compareKey)),
    vocab,
    compat: buildCompatibility(settings.compatibleTypes.map(([a, b]) => [canon(a), canon(b)] as const)),
    ownWords: new OwnWords(),
    typeOf(text: string): ParsedType {
      let p = typeCache.get(text);
      if (!p) {
        p = parseType(text, vocab);
        if (typeCache.size > 5000) typeCache.clear();
        typeCache.set(text, p);
      }
      return p;
    },
  };
}

/** One tab's grid with its resolved layout: cells by role, names of columns for messages. */
export class TabView {
  readonly reader: GridReader;
  readonly layout: Layout;
  readonly resolved: ResolvedLayout;
  readonly firstDataRow: number;
  private readonly titles = new Map<number, string | null>();
  private readonly headers = new Map<number, HeaderColumn>();

  constructor(reader: GridReader, layout: Layout, resolved: ResolvedLayout) {
    this.reader = reader;
    this.layout = layout;
    this.resolved = resolved;
    this.firstDataRow = layout.headerRow + 1;
    for (const h of resolved.header) {
      this.titles.set(h.column, columnTitle(h));
      this.headers.set(h.column, h);
    }
  }

  col(role: Role): number | null {
    return this.resolved.columnOf.get(role) ?? null;
  }

  has(role: Role): boolean {
    return this.resolved.columnOf.has(role);
  }

  /** Text of a role's cell on a row ('' when the tab has no such column). */
  text(role: Role, row: number): string {
    const c = this.resolved.columnOf.get(role);
    return c === undefined ? '' : this.reader.text(row, c);
  }

  raw(role: Role, row: number): unknown {
    const c = this.resolved.columnOf.get(role);
    return c === undefined ? null : this.reader.raw(row, c);
  }

  blank(role: Role, row: number, markers: BlankMarkers): BlankKind {
    return blankKind(this.text(role, row), markers);
  }

  title(column: number): string | null {
    return this.titles.get(column) ?? null;
  }

  /** Location fields of a finding about a role's cell. */
  where(role: Role, row: number | null): FindingWhere {
    const c = this.resolved.columnOf.get(role);
    return this.whereColumn(c ?? null, row);
  }

  whereColumn(column: number | null, row: number | null): FindingWhere {
    if (column === null) return { tab: this.reader.name, row, column: null, columnName: null, columnTitle: null };
    const h = this.headers.get(column);
    const name = h ? h.header.replace(/\s+/g, ' ').trim() : '';
    return { tab: this.reader.name, row, column: columnLetter(column), columnName: name === '' ? null : name, columnTitle: this.title(column) };
  }
}

/** Rows that hold a merge across three or more columns: section headings, not data. */
export function sectionRowsByMerge(reader: GridReader, fromRow: number): Set<number> {
  const rows = new Set<number>();
  for (const m of reader.merges) {
    if (m.c2 - m.c1 >= 2 && m.r2 >= fromRow) for (let r = Math.max(m.r1, fromRow); r <= m.r2; r++) rows.add(r);
  }
  return rows;
}

const ERROR_CODES = /^#(REF!|N\/A|DIV\/0!|VALUE!|NAME\?|NUM!|NULL!|ERROR!)$/;

/** The spreadsheet error a cell shows (#REF!…), or null. Cheap for the usual cell. */
export function errorCode(text: string): string | null {
  if (text.length === 0 || text.length > 40) return null;
  const first = text.charCodeAt(0);
  if (first !== 35 && first > 32 && first !== 160) return null;
  const t = text.trim();
  return ERROR_CODES.test(t) ? t : null;
}

export const ERROR_HINTS: { readonly [code: string]: string } = {
  '#REF!': 'The formula points to a cell, range or tab that was deleted; fix the reference.',
  '#N/A': 'A lookup found no match; check that the looked-up value exists in the list it searches.',
  '#DIV/0!': 'The formula divides by zero or by an empty cell.',
  '#VALUE!': 'The formula got text where it needs a number (or the reverse).',
  '#NAME?': 'The formula uses a function or named range that does not exist; check its spelling.',
  '#NUM!': 'The formula gives a number that is not valid (too large, or the square root of a negative).',
  '#NULL!': 'Two ranges in the formula do not intersect.',
  '#ERROR!': 'The formula cannot be parsed; check its syntax.',
};

/** Roles whose cells make a row a field of its own (and not a continuation of the row above). */
const FIELD_ROLES: readonly Role[] = [
  'source-path', 'destination-path', 'path', 'source-label', 'destination-label', 'label', 'source-type', 'destination-type', 'type', 'value-map',
];
const PATH_ROLES: readonly Role[] = ['source-path', 'destination-path', 'path'];
const TYPE_ROLES: readonly Role[] = ['source-type', 'destination-type', 'type'];

export type RowShape = {
  /** blank: nothing shows; section: a heading ("Demographics"); continuation: only cells outside
   * the field columns (more codes or notes for the row above); field: a row to check. */
  kind: 'blank' | 'section' | 'continuation' | 'field';
  /** Columns showing a spreadsheet error. */
  errors: number[] | null;
};

/** What a row is, from one pass over its cells. */
export function rowShape(view: TabView, row: number, markers: BlankMarkers, sections: ReadonlySet<number>): RowShape {
  const { reader } = view;
  const keyCol = view.resolved.keyColumn;
  let nonBlank = 0;
  let nonBlankOutsideKey = 0;
  let errors: number[] | null = null;
  for (let c = reader.firstColumn; c <= reader.lastColumn; c++) {
    const t = reader.text(row, c);
    if (isEmptyText(t)) continue;
    nonBlank++;
    if (c !== keyCol) nonBlankOutsideKey++;
    if (errorCode(t)) (errors ??= []).push(c);
  }
  if (nonBlank === 0) return { kind: 'blank', errors: null };
  if (sections.has(row)) return { kind: 'section', errors };
  const keyBlank = keyCol === null || blankKind(reader.text(row, keyCol), markers) !== null;
  const anyPath = PATH_ROLES.some((p) => view.has(p) && view.blank(p, row, markers) === null);
  if (nonBlankOutsideKey <= 1 && keyBlank && !anyPath) return { kind: 'section', errors };
  // In a data dictionary a label with no ID, name or type is a category divider ("Height and
  // weight"). Not in a mapping: there, labels without paths are exactly what missing-value reports.
  const typed = TYPE_ROLES.some((p) => view.has(p) && view.blank(p, row, markers) === null);
  if (view.layout.kind !== 'mapping' && keyBlank && !anyPath && !typed) {
    return { kind: 'section', errors };
  }
  // Nor is a lone cell in a dictionary, whichever column holds it ("TEAMS & ASSIGNMENTS" in the code column).
  if (view.layout.kind !== 'mapping' && nonBlank === 1 && !typed) return { kind: 'section', errors };
  if (keyBlank && !FIELD_ROLES.some((p) => view.has(p) && view.blank(p, row, markers) === null)) return { kind: 'continuation', errors };
  return { kind: 'field', errors };
}
