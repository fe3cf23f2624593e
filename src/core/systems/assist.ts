/**
 * Assists from the imported systems (issue 12, D4), planned here and written by the add-on only when
 * the person asks: fill the empty sample cells of live rows from the sample records (the masked
 * examples, or the values when keeping them was chosen), and suggest a destination field for the live
 * rows that have none, by name and label similarity against the destination's metadata. Only cells
 * that are empty (no text, no formula) are planned; a suggestion is made only when one field clearly
 * wins, and a field already mapped on the tab is never suggested again.
 */
import { makeContext, rowShape, sectionRowsByMerge, TabView } from '../mapping/check-context';
import type { TabInput } from '../mapping/checks';
import { GridReader } from '../mapping/grid';
import { resolveLayout } from '../mapping/layout';
import { roleLabel, type Role } from '../mapping/roles';
import { resolveSettings, type MappingSettings } from '../mapping/settings';
import { compareKey } from '../mapping/text';
import { fieldIndex, type SystemField, type SystemMetadata } from './metadata';
import { lookup, namesIn, sampleNames } from './names';
import { appliesTo, systemFor, type SampleInput, type SystemInput } from './system-checks';

export type AssistAction = 'fill-samples' | 'suggest-destinations';

/** One empty cell to fill, and where the value comes from (shown to the person). */
export type CellFill = { row: number; value: string; from: string };

/** The fills of one column of one tab: the add-on writes them in one block. */
export type ColumnFill = { tab: string; sheetId: number; column: number; role: Role; title: string; fills: CellFill[] };

export type AssistPlan = { columns: ColumnFill[]; notes: string[] };

/** Each live field row of a mapping tab (headings, blank rows and skipped statuses left out). */
function liveRows(view: TabView, settings: MappingSettings): number[] {
  const ctx = makeContext(settings);
  const sections = sectionRowsByMerge(view.reader, view.firstDataRow);
  const rows: number[] = [];
  for (let r = view.firstDataRow; r <= view.reader.lastRow; r++) {
    if (rowShape(view, r, ctx.markers, sections).kind !== 'field') continue;
    const status = view.text('status', r);
    if (status.trim() !== '' && ctx.skipStatuses.has(compareKey(status))) continue;
    rows.push(r);
  }
  return rows;
}

/** A cell nobody wrote in: no text and no formula. */
function isEmpty(view: TabView, role: Role, row: number): boolean {
  const c = view.col(role);
  return c !== null && view.reader.text(row, c).trim() === '' && view.reader.formula(row, c) === '';
}


function mappingViews(tabs: readonly TabInput[]): TabView[] {
  return tabs
    .filter((t) => t.layout.kind === 'mapping')
    .map((t) => {
      const reader = new GridReader(t.grid);
      return new TabView(reader, t.layout, resolveLayout(reader, t.layout));
    });
}

/** Empty sample cells of live rows, from the sample records of the same side whose paths the row names. */
function planSamples(view: TabView, rows: readonly number[], samples: readonly SampleInput[], notes: string[]): ColumnFill[] {
  const tab = view.reader.name;
  const out: ColumnFill[] = [];
  for (const side of ['source', 'destination'] as const) {
    const mine = samples.filter((s) => s.side === side && appliesTo(s, tab));
    if (mine.length === 0) continue;
    const sampleRole: Role = side === 'source' ? 'source-sample' : 'destination-sample';
    const pathRole: Role = side === 'source' ? 'source-path' : 'destination-path';
    const column = view.col(sampleRole);
    if (column === null) {
      notes.push(`Tab "${tab}" has no ${side} sample column to fill.`);
      continue;
    }
    const index = new Map<string, { sample: string; example: string | null }>();
    for (const s of mine) for (const p of s.record.paths) for (const n of sampleNames(p)) if (!index.has(compareKey(n))) index.set(compareKey(n), { sample: s.name, example: p.example });
    const fills: CellFill[] = [];
    for (const r of rows) {
      if (!isEmpty(view, sampleRole, r)) continue;
      const path = view.text(pathRole, r).trim();
      if (path === '') continue;
      const hit = namesIn(path).map((n) => index.get(compareKey(n))).find((x) => x !== undefined && x.example !== null && x.example !== '');
      if (hit) fills.push({ row: r, value: hit.example!, from: `sample ${hit.sample}` });
    }
    if (fills.length > 0) out.push({ tab, sheetId: view.reader.sheetId, column, role: sampleRole, title: view.title(column) ?? roleLabel(sampleRole), fills });
  }
  return out;
}

const STOP_WORDS = new Set(['a', 'an', 'the', 'of', 'in', 'on', 'for', 'to', 'is', 'and', 'or', 'by', 'de', 'du', 'des', 'la', 'le', 'les', 'el', 'del']);

/** Words of a name or label: camelCase and snake_case split, any script, lower case, stop words out. */
export function words(text: string): string[] {
  const spaced = text.replace(/\[[^\]]*\]/g, ' ').replace(/([a-z0-9])([A-Z])/g, '$1 $2');
  return (spaced.toLowerCase().match(/[\p{L}\p{M}\p{N}]+/gu) ?? []).filter((w) => !STOP_WORDS.has(w));
}

/** How alike two word lists are: 1 for the same words, 0 for none shared (Dice's coefficient). */
function likeness(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const bs = new Set(b);
  const as = new Set(a);
  let shared = 0;
  for (const w of as) if (bs.has(w)) shared++;
  return (2 * shared) / (as.size + bs.size);
}

/** A suggestion must be at least this alike, and ahead of the next field by this much. */
const MIN_LIKENESS = 0.6;
const MIN_LEAD = 0.15;
/** Words more than this many fields share ("date", "name") find no candidates on their own. */
const MAX_WORD_FIELDS = 400;

/**
 * How the tab writes a field of the destination: when every destination cell that finds its field
 * writes it the same way around its id (`attributes[UID]`), the suggestion is written that way too.
 */
function writingPattern(view: TabView, rows: readonly number[], index: ReadonlyMap<string, SystemField>): (f: SystemField) => string {
  const patterns = new Set<string>();
  for (const r of rows) {
    const text = view.text('destination-path', r).trim();
    const f = text === '' ? undefined : lookup(index, text);
    if (f && text.includes(f.path)) patterns.add(text.replace(f.path, '\u0000'));
  }
  if (patterns.size !== 1) return (f) => f.path;
  const p = [...patterns][0]!;
  return (f) => p.replace('\u0000', f.path);
}

/** Empty destination paths of live rows, each the one field of the destination clearly named like the row. */
function planDestinations(view: TabView, rows: readonly number[], dest: SystemInput, notes: string[]): ColumnFill[] {
  const tab = view.reader.name;
  const column = view.col('destination-path');
  if (column === null) {
    notes.push(`Tab "${tab}" has no destination path column to suggest into.`);
    return [];
  }
  const meta: SystemMetadata = dest.meta;
  const index = fieldIndex(meta);
  const taken = new Set<string>();
  for (const r of rows) {
    const text = view.text('destination-path', r).trim();
    const f = text === '' ? undefined : lookup(index, text);
    if (f) taken.add(f.path);
  }
  const fieldWords = meta.fields.map((f) => [f.label, f.path, ...f.aliases].filter((n): n is string => n !== null).map(words));
  const byWord = new Map<string, number[]>();
  fieldWords.forEach((names, i) => {
    for (const w of new Set(names.flat())) {
      const list = byWord.get(w);
      if (list) list.push(i);
      else byWord.set(w, [i]);
    }
  });

  const write = writingPattern(view, rows, index);
  const candidates: { row: number; field: SystemField; score: number; named: string }[] = [];
  for (const r of rows) {
    if (!isEmpty(view, 'destination-path', r)) continue;
    const rowNames = (['destination-label', 'source-label', 'source-path'] as const)
      .map((role) => view.text(role, r).trim())
      .filter((t) => t !== '')
      .map((t) => (t.includes('/') || t.includes('.') ? (namesIn(t).pop() ?? t) : t));
    if (rowNames.length === 0) continue;
    const rowWords = rowNames.map(words);
    const pool = new Set<number>();
    for (const w of new Set(rowWords.flat())) {
      const list = byWord.get(w);
      if (list && list.length <= MAX_WORD_FIELDS) for (const i of list) pool.add(i);
    }
    let best: { i: number; score: number; named: string } | null = null;
    let second = 0;
    // Fields mapped already count as rivals (a row named like one is probably its duplicate), but are not suggested.
    for (const i of pool) {
      let score = 0;
      let named = '';
      rowWords.forEach((rw, k) => {
        for (const fw of fieldWords[i]!) {
          const s = likeness(rw, fw);
          if (s > score) {
            score = s;
            named = rowNames[k]!;
          }
        }
      });
      if (!best || score > best.score) {
        second = best ? Math.max(second, best.score) : second;
        best = { i, score, named };
      } else second = Math.max(second, score);
    }
    if (best && best.score >= MIN_LIKENESS && best.score - second >= MIN_LEAD && !taken.has(meta.fields[best.i]!.path)) {
      candidates.push({ row: r, field: meta.fields[best.i]!, score: best.score, named: best.named });
    }
  }
  // The closest pairs first; a field goes to one row only.
  candidates.sort((a, b) => b.score - a.score || a.row - b.row);
  const fills: CellFill[] = [];
  for (const c of candidates) {
    if (taken.has(c.field.path)) continue;
    taken.add(c.field.path);
    fills.push({ row: c.row, value: write(c.field), from: `${dest.name}: ${c.field.label ?? c.field.path} (like "${c.named}")` });
  }
  fills.sort((a, b) => a.row - b.row);
  return fills.length > 0 ? [{ tab, sheetId: view.reader.sheetId, column, role: 'destination-path', title: view.title(column) ?? roleLabel('destination-path'), fills }] : [];
}

/** What an assist would write, per tab and column; nothing when there is nothing to fill. */
export function planAssist(action: AssistAction, tabs: readonly TabInput[], systems: readonly SystemInput[], samples: readonly SampleInput[], settings?: Partial<MappingSettings>): AssistPlan {
  const s = resolveSettings(settings);
  const notes: string[] = [];
  const columns: ColumnFill[] = [];
  for (const view of mappingViews(tabs)) {
    const rows = liveRows(view, s);
    if (action === 'fill-samples') columns.push(...planSamples(view, rows, samples, notes));
    else {
      const dest = systemFor(systems, 'destination', view.reader.name);
      if (dest) columns.push(...planDestinations(view, rows, dest, notes));
    }
  }
  if (action === 'fill-samples' && !samples.length) notes.push('No sample record is imported: import one under Systems first.');
  if (action === 'suggest-destinations' && !systems.some((x) => x.side === 'destination')) notes.push("No destination system's metadata is imported: import it under Systems first.");
  return { columns, notes };
}
