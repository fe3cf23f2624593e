/**
 * Reading the header of a tab once its header row is known: each column's name (following merged
 * cells as Sheets stores them: the text sits in the merge's top-left cell), the band of group
 * labels above it (SOURCE / DESTINATION / OPENFN, or system names such as CommCare / DHIS2) and the
 * side each band stands for.
 */
import { GridReader } from './grid';
import { compareKey, collapseSpaces } from './text';
import { tokens } from './header-match';
import { SOURCE_WORDS, DESTINATION_WORDS, REFERENCE_BAND_WORDS, RULE_BAND_WORDS, SYSTEM_WORDS, type Side } from './roles';

export type HeaderColumn = {
  column: number;
  /** The column name as written (line breaks kept), '' when blank. */
  header: string;
  /** When the header cell continues a merge started in an earlier column: that column. */
  mergedFrom: number | null;
  /** Group label above the column, or null. */
  band: string | null;
  /** The side the band stands for (from its words, else the order of system bands). */
  bandSide: Side | null;
};

/** Band labels are short ("SOURCE", "DHIS2", "Source: CommCare"); longer text is a note, not a band. */
const MAX_BAND_CHARS = 32;
const MAX_BAND_WORDS = 4;

function isBandLabel(text: string): boolean {
  const t = collapseSpaces(text);
  if (t === '' || t.length > MAX_BAND_CHARS) return false;
  const w = t.split(' ').length;
  if (w > MAX_BAND_WORDS) return false;
  return !/^[\d.,\s%-]+$/.test(t);
}

/** Text of the header cell at (row, column), following a vertical merge from above. */
export function headerCell(reader: GridReader, row: number, column: number): { text: string; mergedFrom: number | null } {
  const t = reader.text(row, column);
  if (t.trim() !== '') return { text: t, mergedFrom: null };
  const m = reader.mergeAt(row, column);
  if (!m || (m.r1 === row && m.c1 === column)) return { text: '', mergedFrom: null };
  if (m.c1 === column) return { text: reader.text(m.r1, m.c1), mergedFrom: null };
  return { text: '', mergedFrom: m.c1 };
}

/** Band labels of one row over columns first..last (merged spans, else filled rightwards). */
function bandLabels(reader: GridReader, row: number, headerRow: number, first: number, last: number): (string | null)[] {
  const out: (string | null)[] = new Array(last - first + 1).fill(null);
  let current: string | null = null;
  for (let c = first; c <= last; c++) {
    const m = reader.mergeAt(row, c);
    if (m && m.r2 >= headerRow) {
      // Merged down into the header row: this is the column's name, not a group label.
      current = null;
      continue;
    }
    if (m) {
      const t = reader.text(m.r1, m.c1);
      const label = isBandLabel(t) ? collapseSpaces(t) : null;
      const end = Math.min(m.c2, last);
      for (let k = c; k <= end; k++) out[k - first] = label;
      c = end;
      current = null; // a merged band ends where the merge ends
      continue;
    }
    const t = reader.text(row, c);
    if (t.trim() !== '') current = isBandLabel(t) ? collapseSpaces(t) : null;
    out[c - first] = current;
  }
  return out;
}

/** The nearest of the (up to 3) rows above the header that holds group labels, or null. */
export function findBandRow(reader: GridReader, headerRow: number, first: number, last: number): { row: number; labels: (string | null)[] } | null {
  for (let r = headerRow - 1; r >= Math.max(reader.firstRow, headerRow - 3); r--) {
    const labels = bandLabels(reader, r, headerRow, first, last);
    if (labels.some((l) => l !== null)) return { row: r, labels };
  }
  return null;
}

export function bandKindOf(label: string): Side | 'system' | 'reference' {
  const words = tokens(label);
  if (words.some((w) => SOURCE_WORDS.has(w))) return 'source';
  if (words.some((w) => DESTINATION_WORDS.has(w))) return 'destination';
  if (words.some((w) => RULE_BAND_WORDS.has(w))) return 'rules';
  // "ICD-10" reads as the words icd and 10: the joined form counts too.
  if (words.some((w) => REFERENCE_BAND_WORDS.has(w)) || REFERENCE_BAND_WORDS.has(words.join(''))) return 'reference';
  return 'system';
}

/**
 * The side of each distinct band label. Explicit words win (source/from/origin, destination/target/
 * to, OpenFn/rules); reference groups (a terminology, a concept server) take none; system bands
 * (CommCare, DHIS2…, known systems before unknown labels) then fill the sides still free, left to right.
 * A lone system band gets no side: a DHIS2 data dictionary is not half of a mapping.
 */
export function bandSides(labelsLeftToRight: readonly (string | null)[]): Map<string, Side | null> {
  const sides = new Map<string, Side | null>();
  const systems: string[] = [];
  let haveSource = false;
  let haveDestination = false;
  for (const label of labelsLeftToRight) {
    if (label === null) continue;
    const key = compareKey(label);
    if (sides.has(key)) continue;
    const kind = bandKindOf(label);
    if (kind === 'reference') {
      sides.set(key, null);
    } else if (kind === 'system') {
      sides.set(key, null);
      systems.push(key);
    } else {
      sides.set(key, kind);
      if (kind === 'source') haveSource = true;
      if (kind === 'destination') haveDestination = true;
    }
  }
  const free: ('source' | 'destination')[] = [];
  if (!haveSource) free.push('source');
  if (!haveDestination) free.push('destination');
  const enough = free.length === 2 ? systems.length >= 2 : free.length === 1 ? systems.length >= 1 : false;
  // Systems Mapspec knows (OpenMRS, DHIS2…) take the free sides before bands it does not know,
  // each group in its left-to-right order.
  const known = (key: string) => tokens(key).some((w) => SYSTEM_WORDS.has(w));
  const ordered = [...systems.filter(known), ...systems.filter((k) => !known(k))];
  const picked = new Set(ordered.slice(0, free.length));
  if (enough) systems.filter((k) => picked.has(k)).forEach((key, i) => sides.set(key, free[i]));
  return sides;
}

/** Reads every column of the header row, with its band (bandRow null: no band). */
export function readHeader(reader: GridReader, headerRow: number, bandRow: number | null): HeaderColumn[] {
  const first = reader.firstColumn;
  const last = reader.lastColumn;
  const labels = bandRow !== null ? bandLabels(reader, bandRow, headerRow, first, last) : [];
  const sides = bandSides(labels);
  const out: HeaderColumn[] = [];
  for (let c = first; c <= last; c++) {
    const { text, mergedFrom } = headerCell(reader, headerRow, c);
    const band = labels[c - first] ?? null;
    out.push({ column: c, header: text, mergedFrom, band, bandSide: band === null ? null : (sides.get(compareKey(band)) ?? null) });
  }
  return out;
}

/** True when some row below the header shows something in the column (stops at the first). */
/**
 * True when an unheaded column holds data rather than a note in the margin: one or two cells of
 * prose (four or more words: "In order to sync with a SQL database, id is mandatory") beside the
 * table are a person's remarks, not a column that lacks its name.
 */
export function columnHoldsData(reader: GridReader, column: number, fromRow: number): boolean {
  let cells = 0;
  let prose = 0;
  for (let r = fromRow; r <= reader.lastRow; r++) {
    const t = reader.text(r, column).trim();
    if (t === '') continue;
    cells++;
    if (t.split(/\s+/).length >= 4) prose++;
    if (cells > 2) return true;
  }
  return cells > prose;
}

