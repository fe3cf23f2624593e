/**
 * Value-map tabs: lists that map each source choice to a destination choice, one row per choice
 * (list name, source value, source label, destination value, destination label). The list name may
 * be written only on a list's first row (or in a cell merged down): blank list names continue the
 * list above. Builds the index of list names that mapping rows refer to, and checks the lists.
 */
import { ERROR_HINTS, errorCode, sectionRowsByMerge, type CheckContext, type TabView } from './check-context';
import { FindingSink, quote } from './findings';
import { blankKind, compareKey, isPlaceholder, whitespaceProblem, WHITESPACE_WORDS } from './text';
import type { Role } from './roles';

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
    if (blankKind(listText, markers) === null) {
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
