/**
 * Checks a spec against what the systems really are (issue 12): the destination's metadata (does
 * the field exist, is its type the row's, are the value map's codes in its option set), the source's
 * metadata and sample records (does the source path exist, does a sample carry it, which sample
 * fields nobody mapped, which source choices no value-map row maps), and a coverage summary per tab
 * and system. Reads the adopted tabs as the row checks do (live rows only: skipped statuses,
 * headings and blank rows left out) and reports in the same findings format.
 */
import { makeContext, rowShape, sectionRowsByMerge, TabView, type CheckContext } from '../mapping/check-context';
import type { TabInput } from '../mapping/checks';
import { FindingSink, groupFindings, quote, type Finding } from '../mapping/findings';
import { GridReader } from '../mapping/grid';
import { resolveLayout } from '../mapping/layout';
import type { Role } from '../mapping/roles';
import { resolveSettings, type MappingSettings } from '../mapping/settings';
import { compareKey } from '../mapping/text';
import { fieldIndex, type SystemField, type SystemMetadata } from './metadata';
import type { SampleRecord } from './sample';
import { lookup, namesIn, sampleNames } from './names';
import { isDhis2PayloadField } from './dhis2-metadata';
import type { Coverage } from './coverage';

export type SystemSide = 'source' | 'destination';

/** A system's metadata, the side it describes and the tabs it applies to (null: every mapping tab). */
export type SystemInput = { name: string; side: SystemSide; tabs: readonly string[] | null; meta: SystemMetadata };
export type SampleInput = { name: string; side: SystemSide; tabs: readonly string[] | null; record: SampleRecord };

/** Whether an import describes the tab: it names the tab, or it was imported for every tab (null). */
export const appliesTo = (x: { tabs: readonly string[] | null }, tab: string): boolean => x.tabs === null || x.tabs.some((t) => compareKey(t) === compareKey(tab));

/** The system a tab is checked against on one side: one tied to the tab by name wins over one for every tab. */
export function systemFor(systems: readonly SystemInput[], side: SystemSide, tab: string): SystemInput | undefined {
  return systems.find((x) => x.side === side && x.tabs !== null && appliesTo(x, tab)) ?? systems.find((x) => x.side === side && x.tabs === null);
}

export type { Coverage } from './coverage';

export type SystemCheckReport = { findings: Finding[]; coverage: Coverage[] };

/** Sample paths that are the platform's bookkeeping, not the form's data: nobody maps them. */
function isBookkeeping(path: string): boolean {
  return /(^|[./])(_|@|#)/.test(path) || /^(meta|formhub|__system|__id)([./]|$)/.test(path);
}

/**
 * Near names of a system's fields, to say what a person meant: the same name with its leading zeros
 * lost (a UUID typed as a number once), or one at most two characters off — looked up among the names
 * sharing the first or the last three characters, so a spec of thousands of rows against metadata of
 * thousands of fields stays fast.
 */
const MAX_NEAR_CANDIDATES = 300;

class NearNames {
  private readonly stripped = new Map<string, string>();
  private readonly byEnd = new Map<string, string[]>();
  constructor(private readonly index: ReadonlyMap<string, SystemField>) {
    for (const [k, f] of index) {
      const z = k.replace(/^0+/, '');
      if (!this.stripped.has(z)) this.stripped.set(z, f.path);
      for (const end of [`<${k.slice(0, 3)}`, `>${k.slice(-3)}`]) {
        const list = this.byEnd.get(end);
        if (list) list.push(k);
        else this.byEnd.set(end, [k]);
      }
    }
  }

  /** The near name of the first of a cell's names (namesIn: an id in brackets, the last segment) that has one. */
  of(text: string): string | null {
    const names = namesIn(text);
    // A cell with an id in brackets means that id: its whole text is no name to be near.
    for (const n of names.length > 1 && /\[[^\]]+\]/.test(text) ? names.slice(1) : names) {
      const near = this.ofName(n);
      if (near) return near;
    }
    return null;
  }

  private ofName(text: string): string | null {
    const key = compareKey(text);
    if (key.length < 4) return null;
    const zero = this.stripped.get(key.replace(/^0+/, ''));
    if (zero) return zero;
    let best: { name: string; d: number } | null = null;
    for (const end of [`<${key.slice(0, 3)}`, `>${key.slice(-3)}`]) {
      const names = this.byEnd.get(end) ?? [];
      // Thousands of names share a prefix like "datavalues.": too many to say which was meant.
      if (names.length > MAX_NEAR_CANDIDATES) continue;
      for (const k of names) {
        if (Math.abs(k.length - key.length) > 2) continue;
        const d = distance(k, key, 2);
        if (d <= 2 && (!best || d < best.d)) best = { name: this.index.get(k)!.path, d };
      }
    }
    return best ? best.name : null;
  }
}

/** Edit distance, stopping early once over `max`. */
function distance(a: string, b: string, max: number): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      rowMin = Math.min(rowMin, cur[j]!);
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

type ListValue = { value: string; tab: string; view: TabView; row: number; role: Role };

/** The value-map lists of the spec: each list's source and destination values, where they are. */
function valueMapLists(views: readonly TabView[], ctx: CheckContext): Map<string, { sources: ListValue[]; destinations: ListValue[] }> {
  const lists = new Map<string, { sources: ListValue[]; destinations: ListValue[] }>();
  for (const view of views) {
    if (view.layout.kind !== 'value-map' || !view.has('value-map')) continue;
    const srcRole: Role | null = view.has('source-value') ? 'source-value' : view.has('value') ? 'value' : null;
    let current: string | null = null;
    for (let r = view.firstDataRow; r <= view.reader.lastRow; r++) {
      const name = view.text('value-map', r).trim();
      if (name !== '') current = compareKey(name);
      if (current === null) continue;
      const entry = lists.get(current) ?? { sources: [], destinations: [] };
      lists.set(current, entry);
      const add = (role: Role | null, into: ListValue[]) => {
        if (!role) return;
        const v = view.text(role, r).trim();
        if (v !== '' && view.blank(role, r, ctx.markers) === null) into.push({ value: v, tab: view.reader.name, view, row: r, role });
      };
      add(srcRole, entry.sources);
      add(view.has('destination-value') ? 'destination-value' : null, entry.destinations);
    }
  }
  return lists;
}

export function checkAgainstSystems(tabs: readonly TabInput[], systems: readonly SystemInput[], samples: readonly SampleInput[], settings?: Partial<MappingSettings>): SystemCheckReport {
  const s: MappingSettings = resolveSettings(settings);
  const ctx = makeContext(s);
  const sink = new FindingSink(s.severityOverrides);
  const views = tabs.map((t) => {
    const reader = new GridReader(t.grid);
    return new TabView(reader, t.layout, resolveLayout(reader, t.layout));
  });
  const lists = valueMapLists(views, ctx);
  const coverage: Coverage[] = [];
  const reportedCodes = new Set<string>();

  for (const view of views) {
    if (view.layout.kind !== 'mapping') continue;
    const tab = view.reader.name;
    const dest = systemFor(systems, 'destination', tab);
    const src = systemFor(systems, 'source', tab);
    const srcSamples = samples.filter((x) => x.side === 'source' && appliesTo(x, tab));
    if (!dest && !src && srcSamples.length === 0) continue;
    const destIndex = dest ? fieldIndex(dest.meta) : null;
    const srcIndex = src ? fieldIndex(src.meta) : null;
    const destNear = destIndex ? new NearNames(destIndex) : null;
    const srcNear = srcIndex ? new NearNames(srcIndex) : null;
    const sampleIndex = new Map<string, { sample: SampleInput; path: string }>();
    for (const sample of srcSamples) {
      for (const p of sample.record.paths) for (const n of sampleNames(p)) if (!sampleIndex.has(compareKey(n))) sampleIndex.set(compareKey(n), { sample, path: p.path });
    }
    // A path naming a group of the sample (CommCare's `indices.parent`) is in it when its fields are.
    const sampleGroups = new Map<string, string[]>();
    for (const sample of srcSamples) {
      for (const p of sample.record.paths) {
        const key = compareKey(p.path);
        for (const m of key.matchAll(/[./[]/g)) {
          if (m.index === 0) continue;
          const group = key.slice(0, m.index);
          const list = sampleGroups.get(group);
          if (list) list.push(p.path);
          else sampleGroups.set(group, [p.path]);
        }
      }
    }
    /** The sample paths a source cell names: one field, or every field of a group it names. */
    const samplePathsOf = (text: string): string[] => {
      const names = namesIn(text).map(compareKey);
      const hit = names.map((n) => sampleIndex.get(n)).find((x) => x !== undefined);
      if (hit) return [hit.path];
      return names.map((n) => sampleGroups.get(n)).find((x) => x !== undefined) ?? [];
    };
    const mappedSample = new Set<string>();
    /** Sample fields a skipped row (Deprecated, N/A) names: decided, deliberately not sent. */
    const decidedSample = new Set<string>();
    const mappedDest = new Set<string>();
    const mappedSrc = new Set<string>();
    const sections = sectionRowsByMerge(view.reader, view.firstDataRow);

    for (let r = view.firstDataRow; r <= view.reader.lastRow; r++) {
      if (rowShape(view, r, ctx.markers, sections).kind !== 'field') continue;
      const status = view.text('status', r);
      if (status.trim() !== '' && ctx.skipStatuses.has(compareKey(status))) {
        if (sampleIndex.size > 0 && view.blank('source-path', r, ctx.markers) === null) for (const p of samplePathsOf(view.text('source-path', r))) decidedSample.add(p);
        continue;
      }

      const dstText = view.text('destination-path', r);
      let destField: SystemField | undefined;
      if (dest && destIndex && view.blank('destination-path', r, ctx.markers) === null) {
        destField = lookup(destIndex, dstText);
        if (!destField && dest.meta.format === 'dhis2' && isDhis2PayloadField(dstText)) {
          // DHIS2's own payload field (orgUnit, enrollmentDate): known to DHIS2, in no metadata export.
        } else if (!destField) {
          const near = destNear!.of(dstText);
          sink.addAt(view.where('destination-path', r), 'unknown-destination', `${quote(dstText)} is not in ${dest.name}${near ? `; did you mean ${quote(near)}?` : '.'}`, `Check the spelling against ${dest.name}, or import its newer metadata if the field was added since.`);
        } else {
          // Every field the cell names counts as mapped: "attributes[w75KJ2mc4zz]; attributes[zDhUuAYrxNC]".
          for (const n of namesIn(dstText)) {
            const f = destIndex.get(compareKey(n));
            if (f) mappedDest.add(f.path);
          }
          const rowType = view.blank('destination-type', r, ctx.markers) === null ? ctx.typeOf(view.text('destination-type', r)).type : null;
          if (rowType && destField.type && rowType !== destField.type && ctx.compat.needsRule(rowType, destField.type)) {
            sink.addAt(view.where('destination-type', r), 'destination-type-mismatch', `the row says ${rowType}, but ${dest.name} has ${quote(destField.path)} as ${destField.rawType ?? destField.type} (${destField.type}).`, `Write the type ${dest.name} expects, or add the conversion to the transformation rule.`);
          }
        }
      }

      const srcText = view.text('source-path', r);
      let srcField: SystemField | undefined;
      if (view.blank('source-path', r, ctx.markers) === null && (srcIndex || sampleIndex.size > 0)) {
        srcField = srcIndex ? lookup(srcIndex, srcText) : undefined;
        const inSample = samplePathsOf(srcText);
        for (const p of inSample) mappedSample.add(p);
        if (srcField) mappedSrc.add(srcField.path);
        if (!srcField && inSample.length === 0) {
          const near = srcNear ? srcNear.of(srcText) : null;
          const places = [src?.name, srcSamples.length ? `the sample${srcSamples.length > 1 ? 's' : ''}` : null].filter((p): p is string => Boolean(p));
          const where = places.length === 2 ? `in neither ${places[0]} nor ${places[1]}` : `not in ${places[0]}`;
          sink.addAt(view.where('source-path', r), 'unknown-source', `${quote(srcText)} is ${where}${near ? `; did you mean ${quote(near)}?` : '.'}`, 'Check the path against the form or a real submission; a renamed question needs its new path.');
        } else if (inSample.length === 0 && srcSamples.length > 0) {
          sink.addAt(view.where('source-path', r), 'source-path-not-in-sample', `${quote(srcText)} has no value in the sample record${srcSamples.length > 1 ? 's' : ''}.`, 'Fine when the question is optional or skipped; otherwise get a sample where it is filled, to see its real format.');
        }
      }

      // The value map of the row against the two systems' option lists.
      const listName = view.text('value-map', r).trim();
      const list = listName !== '' ? lists.get(compareKey(listName)) : undefined;
      if (list && dest && destField?.list && dest.meta.lists[destField.list]) {
        const codes = new Set(dest.meta.lists[destField.list]!.map(compareKey));
        for (const d of list.destinations) {
          const k = `${compareKey(listName)}|${compareKey(d.value)}`;
          if (codes.has(compareKey(d.value)) || reportedCodes.has(k)) continue;
          reportedCodes.add(k);
          sink.addAt(d.view.where(d.role, d.row), 'unknown-option-code', `${quote(d.value)} is not a code of ${dest.name}'s option set for ${quote(destField.path)} (${dest.meta.lists[destField.list]!.slice(0, 8).join(', ')}${dest.meta.lists[destField.list]!.length > 8 ? ', …' : ''}).`, "Use one of the option set's codes; a name or a label is not a code.");
        }
      }
      if (list && src && srcField?.list && src.meta.lists[srcField.list]) {
        const mapped = new Set(list.sources.map((v) => compareKey(v.value)));
        const missing = src.meta.lists[srcField.list]!.filter((c) => !mapped.has(compareKey(c)));
        if (missing.length > 0) {
          sink.addAt(view.where('value-map', r), 'option-not-covered', `list ${quote(listName)} maps no value for ${missing.length === 1 ? 'the choice' : `${missing.length} choices`} ${missing.slice(0, 8).map((m) => quote(m)).join(', ')}${missing.length > 8 ? ', …' : ''} of ${quote(srcField.path)} in ${src.name}.`, 'Add a value-map row for each choice the source can send, or N/A when it is deliberately not sent.');
        }
      }
    }

    // Sample fields nobody decided about: one finding each, on the tab.
    for (const sample of srcSamples) {
      const fields = sample.record.paths.filter((p) => !isBookkeeping(p.path) && p.records > 0);
      const unmapped = fields.filter((p) => !mappedSample.has(p.path) && !decidedSample.has(p.path));
      for (const p of unmapped) {
        sink.addAt(view.whereColumn(null, null), 'sample-field-unmapped', `${quote(p.path)} (${p.type}${p.example !== null ? `, e.g. ${quote(p.example)}` : ''}) is in the sample ${quote(sample.name)}, but no row maps it.`, 'Add a row for it, or a row marked Deprecated/N/A that says it is deliberately not sent.');
      }
      coverage.push({ tab, system: sample.name, mapped: fields.filter((p) => mappedSample.has(p.path)).length, inSample: fields.length, unmapped: unmapped.length });
    }
    for (const [sys, mapped] of [[dest, mappedDest], [src, mappedSrc]] as const) {
      if (sys) coverage.push({ tab, system: sys.name, mapped: mapped.size, inSample: null, unmapped: sys.meta.fields.length - mapped.size });
    }
  }
  return { findings: groupFindings(sink.findings, sink.notes), coverage };
}

