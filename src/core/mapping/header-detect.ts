/**
 * Adopting an existing tab: find the header row within the first rows (after blank rows, a blank
 * first column, group-label rows and merged cells), map each column name to a role by its synonyms
 * and by the group label above it, and say how sure that is, per column and for the tab, so the
 * sidebar can show the roles for the person to confirm or change.
 */
import { columnLetter } from './a1';
import { headerFindings } from './checks-header';
import { FindingSink, type Finding } from './findings';
import { GridReader, type TabGrid } from './grid';
import { parseHeader, scoreHeader, tokens } from './header-match';
import { bandKindOf, bandSides, findBandRow, readHeader, type HeaderColumn } from './header-read';
import { isSideable, roleLabel, sidedRole, type BaseRole, type LayoutKind, type Role, type Side } from './roles';
import { resolveSettings, type MappingSettings } from './settings';
import { compareKey, isDateValue } from './text';
import { buildVocabulary, parseType } from './types';
import { findWideHeader } from './wide-lists';

/** A role suggestion for a column, with its confidence (0 to 1). */
export type RoleGuess = { role: Role; confidence: number };

export type DetectedColumn = {
  column: number;
  letter: string;
  /** The column name as written ('' when blank). */
  header: string;
  /** Group label above the column, or null. */
  band: string | null;
  /** What the column's side was taken to be: from its own words, else from its band. */
  side: Side | null;
  role: Role | null;
  /** Confidence in `role` (0 when no role). */
  confidence: number;
  /** Other plausible roles, best first (at most 2). */
  alternatives: RoleGuess[];
};

export type ConfidenceLevel = 'high' | 'medium' | 'low' | 'none';

/**
 * What adoption found in a tab. JSON-safe: the sidebar shows it as is. `findings` are the header
 * findings (duplicate/blank/merged headers, missing roles, or why no header was found).
 */
export type Detection = {
  tab: string;
  sheetId: number;
  kind: LayoutKind;
  headerRow: number | null;
  bandRow: number | null;
  /** First sheet row after the header. */
  firstDataRow: number | null;
  confidence: number;
  level: ConfidenceLevel;
  /** Band labels taken as the source and destination systems, if any. */
  sides: { source: string | null; destination: string | null };
  columns: DetectedColumn[];
  findings: Finding[];
};

/** Below this a guess is not offered at all. */
const MIN_ROLE_SCORE = 0.5;

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** Role scores of one column in context (side from its words, else its band). */
function columnGuesses(col: HeaderColumn): { side: Side | null; guesses: RoleGuess[] } {
  if (col.mergedFrom !== null || col.header.trim() === '') return { side: null, guesses: [] };
  const parsed = parseHeader(col.header);
  if (!parsed) return { side: null, guesses: [] };
  const side: Side | null = parsed.side ?? col.bandSide;
  const scores = scoreHeader(parsed, col.band ? tokens(col.band) : []);
  const byRole = new Map<Role, number>();
  for (const [base, score] of scores) {
    // "Data element ID" is the row ID of a dictionary but the path of a DHIS2 column under a side:
    // a small bias settles such ties by whether the column has a side.
    const sided = side === 'source' || side === 'destination';
    const bias = isSideable(base as BaseRole) === sided ? 0.02 : 0;
    const role = sidedRole(base as BaseRole, side);
    const s = Math.min(1, score + bias);
    if (s >= MIN_ROLE_SCORE && s > (byRole.get(role) ?? 0)) byRole.set(role, s);
  }
  const guesses = [...byRole.entries()].map(([role, s]) => ({ role, confidence: s })).sort((a, b) => b.confidence - a.confidence);
  return { side, guesses };
}

/** How header-like one row is: the sum of the best score of each distinct role its cells suggest. */
function rowScore(reader: GridReader, row: number): { score: number; roles: number; best: number } {
  const best = new Map<string, number>();
  let nonEmpty = 0;
  let dataLike = 0;
  for (let c = reader.firstColumn; c <= reader.lastColumn; c++) {
    const raw = reader.raw(row, c);
    const text = reader.text(row, c);
    if (text.trim() === '') continue;
    nonEmpty++;
    if (typeof raw === 'number' || typeof raw === 'boolean' || isDateValue(raw)) {
      dataLike++;
      continue;
    }
    const parsed = parseHeader(text);
    if (!parsed) continue;
    // Each cell counts once, for its best role: "Data element ID" is an ID or a path, not both.
    let cellRole: string | null = null;
    let cellScore = 0;
    for (const [base, s] of scoreHeader(parsed)) {
      if (s >= MIN_ROLE_SCORE && s > cellScore) {
        cellScore = s;
        cellRole = sidedRole(base, parsed.side);
      }
    }
    if (cellRole !== null && cellScore > (best.get(cellRole) ?? 0)) best.set(cellRole, cellScore);
  }
  if (nonEmpty === 0 || dataLike * 2 > nonEmpty) return { score: 0, roles: 0, best: 0 };
  // A bare "Source" / "Destination" names a side's values only beside a list name (a value map);
  // elsewhere such a row is a band row over the real header.
  if (!best.has('value-map')) {
    best.delete('source-value');
    best.delete('destination-value');
  }
  let score = 0;
  let top = 0;
  for (const s of best.values()) {
    score += s;
    if (s > top) top = s;
  }
  return { score, roles: best.size, best: top };
}

/** The header row: the most header-like row in the first rows, if it is header-like enough. */
export function findHeaderRow(reader: GridReader, scanRows: number): { row: number; score: number } | null {
  let found: { row: number; score: number } | null = null;
  const end = Math.min(reader.lastRow, reader.firstRow + scanRows - 1);
  for (let r = reader.firstRow; r <= end; r++) {
    const s = rowScore(reader, r);
    if (s.roles < 2 || s.best < 0.9 || s.score < 1.5) continue;
    if (!found || s.score > found.score + 1e-9) found = { row: r, score: s.score };
  }
  return found;
}

/**
 * A list of choices in long format — list name, code, label, one row per answer (XLSForm's
 * `choices` sheet: list_name | name | label; an option-set tab) — reads as a value map: its "name"
 * column holds each answer's code, not a field path. A tab with a type column stays a dictionary
 * (an XLSForm `survey` sheet names lists too).
 */
function longFormatChoices(roleOf: Map<number, { role: Role; score: number }>): void {
  const assigned = [...roleOf.values()].map((r) => r.role);
  const has = (role: Role) => assigned.includes(role);
  const sided = assigned.some((r) => (r.startsWith('source-') || r.startsWith('destination-')) && !r.endsWith('-value'));
  if (!has('value-map') || !has('path') || has('type') || has('value') || sided) return;
  // The list-name column beside it confirms what "name" holds: as sure as the list name itself.
  for (const r of roleOf.values()) if (r.role === 'path') Object.assign(r, { role: 'value', score: Math.max(r.score, 1) });
}

/**
 * An option-set tab — one row per answer, the list name repeated down its rows ("OptionSet name |
 * Answers | External ID | … | DHIS2 Option code"), the same answer in several lists — defines lists:
 * it is a value map, the answer's id the source value, the code the destination value.
 */
function optionSetTab(reader: GridReader, headerRow: number, cols: readonly HeaderColumn[], roleOf: Map<number, { role: Role; score: number }>): void {
  const at = (role: Role) => [...roleOf].find(([, r]) => r.role === role)?.[0];
  const list = at('value-map');
  const path = at('path');
  const value = at('value');
  const assigned = [...roleOf.values()].map((r) => r.role);
  if (list === undefined || path === undefined || value === undefined || assigned.includes('type') || assigned.some((r) => r.startsWith('source-') || r.startsWith('destination-'))) return;
  // Long format: a list name repeated on the next row.
  let repeats = false;
  const last = Math.min(reader.lastRow, headerRow + 200);
  for (let r = headerRow + 1; r < last && !repeats; r++) {
    const a = reader.text(r, cols[list]!.column).trim();
    repeats = a !== '' && a === reader.text(r + 1, cols[list]!.column).trim();
  }
  if (!repeats) return;
  roleOf.get(path)!.role = 'source-value';
  roleOf.get(value)!.role = 'destination-value';
  const choices = at('choices');
  if (choices !== undefined && !assigned.includes('label')) roleOf.get(choices)!.role = 'label';
}

/** Roles a column of a reference group (a terminology, a concept server) may take: its codes are not the integration's. */
const REFERENCE_ROLES: ReadonlySet<Role> = new Set(['status', 'comments', 'questions', 'description']);

function referenceOnly<G extends { guesses: { role: Role; confidence: number }[] }>(band: string | null, g: G): G {
  if (band === null || bandKindOf(band) !== 'reference') return g;
  return { ...g, guesses: g.guesses.filter((x) => REFERENCE_ROLES.has(x.role)) };
}

/** A value an API reads as a field's name or id: a UUID, a DHIS2 UID, a dotted or slash path, an identifier. */
const ID_LIKE = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[A-Za-z][A-Za-z0-9]{10}|[\p{L}_$@][\p{L}\p{N}_$@:-]*(?:[./[\]][\p{L}\p{N}_$@:\]-]*)*|\d+[A-Z]*)$/u;

/** How a column's values look: whether any is filled, and the share that look like ids or paths. */
function valueShape(reader: GridReader, headerRow: number, column: number): { filled: number; idLike: number } {
  const lastRow = Math.min(reader.lastRow, headerRow + 200);
  let filled = 0;
  let ids = 0;
  for (let r = headerRow + 1; r <= lastRow; r++) {
    const t = reader.text(r, column).trim();
    if (t === '') continue;
    filled++;
    if (ID_LIKE.test(t)) ids++;
  }
  return { filled, idLike: filled ? ids / filled : 0 };
}

/**
 * Several candidates for one path or code role: the values decide as a person would. A column empty
 * on every row is not that column ("OMRS Data Value Path" empty, the concept UUIDs in "External ID";
 * Go.Data's empty first "Code"), and a path column of prose ("First name of the client") yields to a
 * candidate whose values are ids or paths (UUIDs, DHIS2 UIDs, dotted or slash paths). The column that
 * loses is listed as the alternative.
 */
function pathsByValues(reader: GridReader, headerRow: number, cols: readonly HeaderColumn[], perColumn: readonly { guesses: { role: Role; confidence: number }[] }[], roleOf: Map<number, { role: Role; score: number }>): void {
  const shapes = new Map<number, { filled: number; idLike: number }>();
  const shape = (i: number) => shapes.get(i) ?? shapes.set(i, valueShape(reader, headerRow, cols[i]!.column)).get(i)!;
  for (const [i, assigned] of [...roleOf]) {
    const isPath = assigned.role.endsWith('path');
    if (!isPath && !assigned.role.endsWith('value')) continue;
    const mine = shape(i);
    const prose = isPath && mine.filled > 0 && mine.idLike < 0.5;
    if (mine.filled > 0 && !prose) continue;
    const other = perColumn
      .map((g, j) => ({ j, c: g.guesses.find((x) => x.role === assigned.role)?.confidence ?? 0 }))
      // Over prose, a column that took a lesser role ("Field ID" as the row ID) may give it up for the path.
      .filter((x) => x.c > 0 && x.j !== i && (!roleOf.has(x.j) || (prose && !roleOf.get(x.j)!.role.endsWith('path') && x.c >= roleOf.get(x.j)!.score)) && shape(x.j).filled > 0 && (!prose || shape(x.j).idLike >= 0.8))
      .sort((a, b) => b.c - a.c)[0];
    if (!other) continue;
    roleOf.delete(i);
    roleOf.set(other.j, { role: assigned.role, score: other.c });
  }
}

/**
 * A "type" column whose filled cells hold no type word of any tool ("COLUMN", "YEAR_OVER_YEAR_LINE":
 * a chart's type), or that is empty while the tab has rows, is no data-type column.
 */
function typesThatAreTypes(reader: GridReader, headerRow: number, cols: readonly HeaderColumn[], roleOf: Map<number, { role: Role; score: number }>, settings: MappingSettings): void {
  const vocab = buildVocabulary(settings.typeSynonyms);
  const lastRow = Math.min(reader.lastRow, headerRow + 200);
  for (const [i, r] of [...roleOf]) {
    if (r.role !== 'type') continue;
    let filled = 0;
    let known = 0;
    for (let row = headerRow + 1; row <= lastRow; row++) {
      const t = reader.text(row, cols[i]!.column).trim();
      if (t === '') continue;
      filled++;
      if (parseType(t, vocab).type !== null) known++;
    }
    if (known === 0 && (filled > 0 || lastRow > headerRow)) roleOf.delete(i);
  }
}

/**
 * "Name" beside the column that holds the IDs or UIDs (DHIS2's exports: UID | name | code) is what a
 * person reads as the label: when the path went to another column and nothing is the label.
 */
function nameAsLabel(cols: readonly HeaderColumn[], roleOf: Map<number, { role: Role; score: number }>): void {
  const assigned = new Set([...roleOf.values()].map((r) => r.role));
  if (assigned.has('label') || !(assigned.has('path') || assigned.has('source-value'))) return;
  const i = cols.findIndex((c, j) => !roleOf.has(j) && /^\s*(name|display ?name)\s*$/i.test(c.header));
  if (i >= 0) roleOf.set(i, { role: 'label', score: 0.8 });
}

/**
 * A generic column beside its sided twin takes the other side: with "Source Field" (source-path),
 * "Field" is the destination's path (commcare-export's query files), as a person reads it.
 */
function otherSide(roleOf: Map<number, { role: Role; score: number }>): void {
  const assigned = new Set([...roleOf.values()].map((r) => r.role));
  for (const generic of ['path', 'label', 'type'] as const) {
    if (!assigned.has(generic)) continue;
    const src = `source-${generic}` as Role;
    const dst = `destination-${generic}` as Role;
    const missing = assigned.has(src) && !assigned.has(dst) ? dst : assigned.has(dst) && !assigned.has(src) ? src : null;
    if (!missing) continue;
    for (const r of roleOf.values()) if (r.role === generic) r.role = missing;
    assigned.delete(generic);
    assigned.add(missing);
  }
}

/** The kind of tab its roles make it. */
export function kindOf(roles: ReadonlySet<Role>): LayoutKind {
  const has = (r: Role) => roles.has(r);
  const sidedNonValue = [...roles].some((r) => (r.startsWith('source-') || r.startsWith('destination-')) && !r.endsWith('-value'));
  const paths = has('source-path') || has('destination-path') || has('path');
  if (has('value-map') && (has('source-value') || has('destination-value') || has('value')) && !paths) return 'value-map';
  if (sidedNonValue) return 'mapping';
  // A data dictionary says what its fields hold: a type, choices or whether they are required. A list
  // of named things with descriptions (DHIS2's dashboards, indicators, maps) is not one.
  const dataRoles: Role[] = ['type', 'choices', 'choice-type', 'sample', 'required'];
  if ((has('label') || has('path')) && dataRoles.some(has)) return 'dictionary';
  return 'none';
}

function levelOf(confidence: number): ConfidenceLevel {
  if (confidence >= 0.75) return 'high';
  if (confidence >= 0.5) return 'medium';
  if (confidence > 0) return 'low';
  return 'none';
}

function noTable(reader: GridReader, sink: FindingSink, empty: boolean, scanRows: number): Detection {
  sink.add({
    tab: reader.name, row: null, column: null, columnName: null, rule: 'missing-header',
    text: empty
      ? 'the tab is empty, so there is no header row to read.'
      : `no header row was recognised in the first ${scanRows} rows (no row names at least two mapping columns such as ID, label, type or API name).`,
    hint: empty
      ? 'Add a header row (or insert the Mapspec template) before adopting this tab.'
      : 'If this tab is a mapping table, tell Mapspec which row holds the column names and what each column means.',
  });
  return {
    tab: reader.name, sheetId: reader.sheetId, kind: 'none', headerRow: null, bandRow: null, firstDataRow: null,
    confidence: 0, level: 'none', sides: { source: null, destination: null }, columns: [], findings: sink.findings,
  };
}

/**
 * Detects the layout of a tab: header row, band row, a role and confidence per column, the kind of
 * tab (mapping, dictionary, value-map, or none) and header findings. Never throws on odd content;
 * an empty tab or a tab with no recognisable header gives kind 'none' and a missing-header finding.
 */
export function detectLayout(grid: TabGrid, settings?: Partial<MappingSettings>): Detection {
  const d = detectTable(grid, settings);
  if (d.kind !== 'none') return d;
  // No list-name column, but lists side by side, named in the band row: a wide value map.
  const reader = new GridReader(grid);
  const wide = findWideHeader(reader, resolveSettings(settings).headerScanRows);
  return wide ? wideDetection(reader, wide, settings) : d;
}

/**
 * A wide value map (wide-lists.ts): its lists come from the band row over repeated column names, so
 * no column takes a role; the person confirms it as a value map.
 */
function wideDetection(reader: GridReader, wide: NonNullable<ReturnType<typeof findWideHeader>>, settings?: Partial<MappingSettings>): Detection {
  const sink = new FindingSink(resolveSettings(settings).severityOverrides);
  const cols = readHeader(reader, wide.headerRow, wide.bandRow);
  headerFindings(reader, wide.headerRow, cols, new Map(), 'value-map', sink);
  let lastNamed = reader.firstColumn - 1;
  for (const c of cols) if (c.header.trim() !== '' || c.mergedFrom !== null) lastNamed = c.column;
  return {
    tab: reader.name, sheetId: reader.sheetId, kind: 'value-map', headerRow: wide.headerRow, bandRow: wide.bandRow, firstDataRow: wide.headerRow + 1,
    confidence: 0.8, level: 'high', sides: { source: null, destination: null },
    columns: cols.filter((c) => c.column <= lastNamed).map((c) => ({ column: c.column, letter: columnLetter(c.column), header: c.header, band: c.band, side: null, role: null, confidence: 0, alternatives: [] })),
    findings: sink.findings,
  };
}

function detectTable(grid: TabGrid, settings?: Partial<MappingSettings>): Detection {
  const s = resolveSettings(settings);
  const reader = new GridReader(grid);
  const sink = new FindingSink(s.severityOverrides);
  if (reader.lastRow === 0) return noTable(reader, sink, true, s.headerScanRows);
  const header = findHeaderRow(reader, s.headerScanRows);
  if (!header) {
    let empty = true;
    for (let r = reader.firstRow; r <= reader.lastRow && empty; r++) empty = reader.rowIsBlank(r);
    return noTable(reader, sink, empty, s.headerScanRows);
  }
  const headerRow = header.row;
  const band = findBandRow(reader, headerRow, reader.firstColumn, reader.lastColumn);
  const cols = readHeader(reader, headerRow, band ? band.row : null);

  // Guesses per column, then a greedy assignment: the strongest (column, role) pairs first, each role
  // and each column used once. Ties go to the leftmost column.
  const perColumn = cols.map(columnGuesses).map((g, i) => referenceOnly(cols[i].band, g));
  const pairs: { i: number; role: Role; score: number }[] = [];
  perColumn.forEach((g, i) => g.guesses.forEach((x) => pairs.push({ i, role: x.role, score: x.confidence })));
  pairs.sort((a, b) => b.score - a.score || a.i - b.i);
  const roleOf = new Map<number, { role: Role; score: number }>();
  const taken = new Map<Role, number>();
  for (const p of pairs) {
    if (roleOf.has(p.i) || taken.has(p.role)) continue;
    roleOf.set(p.i, { role: p.role, score: p.score });
    taken.set(p.role, p.i);
  }

  longFormatChoices(roleOf);
  optionSetTab(reader, headerRow, cols, roleOf);
  otherSide(roleOf);
  pathsByValues(reader, headerRow, cols, perColumn, roleOf);
  nameAsLabel(cols, roleOf);
  typesThatAreTypes(reader, headerRow, cols, roleOf, s);
  const roles = new Map<number, Role>();
  for (const [i, r] of roleOf) roles.set(cols[i].column, r.role);
  const kind = kindOf(new Set(roles.values()));

  // Only columns that mean something are listed: named ones, and blank-named ones holding data.
  let lastNamed = reader.firstColumn - 1;
  for (const c of cols) if (c.header.trim() !== '' || c.mergedFrom !== null) lastNamed = c.column;
  const columns: DetectedColumn[] = [];
  cols.forEach((c, i) => {
    if (c.column > lastNamed) return;
    const assigned = roleOf.get(i);
    columns.push({
      column: c.column,
      letter: columnLetter(c.column),
      header: c.header,
      band: c.band,
      side: perColumn[i].side,
      role: assigned ? assigned.role : null,
      confidence: assigned ? round2(assigned.score) : 0,
      alternatives: perColumn[i].guesses
        .filter((g) => !assigned || g.role !== assigned.role)
        .slice(0, 2)
        .map((g) => ({ role: g.role, confidence: round2(g.confidence) })),
    });
  });

  if (kind === 'none') {
    // Some names matched, but not enough to make a table: say so, and report nothing finer.
    sink.add({
      tab: reader.name, row: headerRow, column: null, columnName: null, rule: 'missing-header',
      text: `row ${headerRow} has a few column names Mapspec knows, but not enough to make a mapping, data-dictionary or value-map table.`,
      hint: 'If this tab is a mapping table, tell Mapspec what each column means.',
    });
  } else {
    headerFindings(reader, headerRow, cols, roles, kind, sink);
  }
  // A strong candidate that lost its role to another column: say which column is used.
  perColumn.forEach((g, i) => {
    const top = g.guesses[0];
    if (kind === 'none' || !top || top.confidence < 0.9 || roleOf.has(i)) return;
    // The final holder of the role (pathsByValues may have moved it since the greedy pass).
    const winner = [...roleOf].find(([, r]) => r.role === top.role)?.[0];
    if (winner === undefined) return;
    sink.add({
      tab: reader.name, row: headerRow, column: columnLetter(cols[i].column), columnName: cols[i].header, rule: 'duplicate-role',
      text: `this column and column ${columnLetter(cols[winner].column)} both look like the ${roleLabel(top.role)} column; Mapspec uses column ${columnLetter(cols[winner].column)}.`,
      hint: 'Confirm which column holds it, or rename one of them.',
    });
  });

  let sum = 0;
  for (const r of roleOf.values()) sum += r.score;
  let confidence = Math.min(1, sum / 4);
  if (kind === 'none') confidence = Math.min(confidence, 0.3);
  const labels = band ? band.labels : [];
  const sides = bandSides(labels);
  const sideLabel = (want: Side): string | null => {
    for (const l of labels) if (l !== null && sides.get(compareKey(l)) === want) return l;
    return null;
  };
  return {
    tab: reader.name,
    sheetId: reader.sheetId,
    kind,
    headerRow,
    bandRow: band ? band.row : null,
    firstDataRow: headerRow + 1,
    confidence: round2(confidence),
    level: levelOf(confidence),
    sides: { source: sideLabel('source'), destination: sideLabel('destination') },
    columns,
    findings: sink.findings,
  };
}
