/**
 * Value-map tabs: lists that map each source choice to a destination choice, one row per choice
 * (list name, source value, source label, destination value, destination label). The list name may
 * be written only on a list's first row (or in a cell merged down): blank list names continue the
 * list above. Builds the index of list names that mapping rows refer to, and checks the lists.
 */
import { ERROR_HINTS, errorCode, sectionRowsByMerge, type CheckContext, type TabView } from './check-context';
import { FindingSink, quote } from './findings';
import { blankKind, compareKey, isEmptyText, isPlaceholder, whitespaceProblem, WHITESPACE_WORDS } from './text';
import { readHeader } from './header-read';
import type { Role } from './roles';
import { wideLists, type WideList } from './wide-lists';

/** The value-map lists of a spreadsheet, by compareKey of their names. JSON-safe (cacheable). */
export type ValueMapIndex = {
  lists: { [key: string]: { name: string; tab: string; row: number; values: number } };
};

export function emptyValueMapIndex(): ValueMapIndex {
  return { lists: {} };
}

/** An index from plain list names (e.g. cached from an earlier run). */
export function valueMapIndexFromNames(names: readonly string[]): ValueMapIndex {
  const index = emptyValueMapIndex();
  for (const name of names) {
    const key = compareKey(name);
    if (key !== '' && !(key in index.lists)) index.lists[key] = { name, tab: '', row: 0, values: 0 };
  }
  return index;
}

export function hasValueMap(index: ValueMapIndex, name: string): boolean {
  return Object.prototype.hasOwnProperty.call(index.lists, compareKey(name));
}

/**
 * A value-map cell that spells the mapping out ("yes → true", "1=Male\n2=Female") instead of naming
 * a list: nothing to look up.
 */
export function isInlineValueMap(text: string): boolean {
  return /[\n→⇒]|->|=>|=|:/.test(text);
}

/**
 * Checks one value-map tab and adds its lists to the index: formula errors, spacing in list names
 * and codes, source values with no destination, and source values listed twice in a list.
 */
export function checkValueMapTab(view: TabView, ctx: CheckContext, index: ValueMapIndex, sink: FindingSink): number {
  if (!view.has('value-map') && view.layout.bandRow !== null) {
    const lists = wideLists(readHeader(view.reader, view.layout.headerRow, view.layout.bandRow));
    if (lists.length > 0) return checkWideLists(view, ctx, lists, index, sink);
  }
  const { reader } = view;
  const tab = reader.name;
  const markers = ctx.markers;
  const sourceRole: Role | null = view.has('source-value') ? 'source-value' : view.has('value') ? 'value' : null;
  const sections = sectionRowsByMerge(reader, view.firstDataRow);
  // list key → source value key → first row
  const seen = new Map<string, Map<string, number>>();
  let current: { key: string; name: string } | null = null;
  let rows = 0;
  for (let r = view.firstDataRow; r <= reader.lastRow; r++) {
    if (sections.has(r) || reader.rowIsBlank(r)) continue;
    rows++;
    for (let c = reader.firstColumn; c <= reader.lastColumn; c++) {
      const code = errorCode(reader.text(r, c));
      if (code) {
        const f = reader.formula(r, c);
        sink.addAt(view.whereColumn(c, r), 'formula-error', `the cell shows ${code}${f ? ` (formula ${quote(f)})` : ''}.`, ERROR_HINTS[code] ?? 'Fix the formula.');
      }
    }
    for (const role of ['value-map', 'source-value', 'value', 'destination-value'] as const) {
      const t = view.text(role, r);
      const p = t === '' ? null : whitespaceProblem(t);
      if (p) {
        sink.addAt(view.where(role, r), 'stray-whitespace', `${quote(t)} ${WHITESPACE_WORDS[p]}.`, 'Remove the extra spaces: systems compare codes character by character, so "yes " and "yes" are different values.', t);
      }
    }
    const listText = view.text('value-map', r);
    // Only an empty cell continues the list above: "none" or "NA" may be a list's name (Go.Data's "none" symptom).
    if (!isEmptyText(listText)) {
      const key = compareKey(listText);
      current = { key, name: listText.trim() };
      const entry = index.lists[key];
      if (!entry) index.lists[key] = { name: current.name, tab, row: r, values: 0 };
    } else if (current === null && view.has('value-map')) {
      sink.addAt(view.where('value-map', r), 'missing-value', 'this value-map row has no list name, and no list above it to belong to.', 'Write the list name on the first row of each list.');
    }
    if (!sourceRole) continue;
    const src = view.text(sourceRole, r);
    if (blankKind(src, markers) !== null || isPlaceholder(src)) continue;
    if (current) {
      const entry = index.lists[current.key];
      if (entry) entry.values++;
    }
    const listKey = current ? current.key : '';
    const listName = current ? current.name : '';
    let values = seen.get(listKey);
    if (!values) seen.set(listKey, (values = new Map()));
    const srcKey = compareKey(src);
    const first = values.get(srcKey);
    if (first !== undefined) {
      sink.addAt(view.where(sourceRole, r), 'value-map-duplicate-source', `the source value ${quote(src)} is already in list ${quote(listName)} on row ${first}.`, 'Keep one row per source value in each list; a second row makes the mapping ambiguous.');
    } else values.set(srcKey, r);
    if (view.has('destination-value') && view.blank('destination-value', r, markers) === 'empty') {
      sink.addAt(view.where('destination-value', r), 'value-map-unmapped-choice', `the source value ${quote(src)} of list ${quote(listName)} has no destination value.`, 'Write the destination code this choice becomes (or N/A if it is deliberately not sent).');
    }
  }
  return rows;
}

/**
 * A wide value map: each list is a group of columns named in the band row. The same checks as the
 * long format, per list: spacing in codes, a source value with no destination, a source value twice.
 */
function checkWideLists(view: TabView, ctx: CheckContext, lists: readonly WideList[], index: ValueMapIndex, sink: FindingSink): number {
  const { reader } = view;
  const tab = reader.name;
  const seen = lists.map(() => new Map<string, number>());
  for (const l of lists) {
    const key = compareKey(l.name);
    if (!index.lists[key]) index.lists[key] = { name: l.name, tab, row: view.layout.bandRow ?? view.layout.headerRow, values: 0 };
  }
  let rows = 0;
  for (let r = view.firstDataRow; r <= reader.lastRow; r++) {
    if (reader.rowIsBlank(r)) continue;
    rows++;
    for (let c = reader.firstColumn; c <= reader.lastColumn; c++) {
      const code = errorCode(reader.text(r, c));
      if (code) sink.addAt(view.whereColumn(c, r), 'formula-error', `the cell shows ${code}.`, ERROR_HINTS[code] ?? 'Fix the formula.');
    }
    lists.forEach((l, i) => {
      for (const c of l.destination === null ? [l.source] : [l.source, l.destination]) {
        const t = reader.text(r, c);
        const p = t === '' ? null : whitespaceProblem(t);
        if (p) sink.addAt(view.whereColumn(c, r), 'stray-whitespace', `${quote(t)} ${WHITESPACE_WORDS[p]}.`, 'Remove the extra spaces: systems compare codes character by character, so "yes " and "yes" are different values.', t);
      }
      const src = reader.text(r, l.source);
      if (isEmptyText(src) || blankKind(src, ctx.markers) !== null || isPlaceholder(src)) return;
      index.lists[compareKey(l.name)]!.values++;
      const first = seen[i]!.get(compareKey(src));
      if (first !== undefined) {
        sink.addAt(view.whereColumn(l.source, r), 'value-map-duplicate-source', `the source value ${quote(src)} is already in list ${quote(l.name)} on row ${first}.`, 'Keep one row per source value in each list; a second row makes the mapping ambiguous.');
      } else seen[i]!.set(compareKey(src), r);
      if (l.destination !== null && isEmptyText(reader.text(r, l.destination))) {
        sink.addAt(view.whereColumn(l.destination, r), 'value-map-unmapped-choice', `the source value ${quote(src)} of list ${quote(l.name)} has no destination value.`, 'Write the destination code this choice becomes (or N/A if it is deliberately not sent).');
      }
    });
  }
  return rows;
}
