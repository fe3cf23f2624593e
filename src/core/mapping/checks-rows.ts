/**
 * The row checks of a mapping or data-dictionary tab, in one pass over the rows (maps for the
 * duplicates, never a loop over rows inside a loop over rows): formula errors, statuses, keys,
 * empty paths, spacing in API names, types, samples, type changes without a rule, multiple-choice
 * fields without a value map, value-map references, duplicates, the unique identifier.
 * Blank rows, section-heading rows and rows whose status is skipped (Deprecated) are not checked.
 */
import { columnLetter } from './a1';
import { ERROR_HINTS, errorCode, rowShape, sectionRowsByMerge, type CheckContext, type TabView } from './check-context';
import { FindingSink, quote, type FindingWhere } from './findings';
import { roleLabel, type Role } from './roles';
import { hasSampleCheck, sampleMismatch } from './samples';
import { blankKind, compareKey, isPlaceholder, whitespaceProblem, WHITESPACE_WORDS } from './text';
import { isChoiceType, type ParsedType } from './types';
import { hasValueMap, isInlineValueMap, type ValueMapIndex } from './value-maps';

/** A row key seen on a tab (for the cross-tab duplicate check of managed IDs). */
export type SeenKey = { key: string; text: string; row: number };

export type RowCheckResult = { rowsChecked: number; keys: SeenKey[] };

const PATH_ROLES: readonly Role[] = ['source-path', 'destination-path', 'path'];
const TYPE_SIDES: readonly { type: Role; sample: Role; choices: Role; side: string }[] = [
  { type: 'source-type', sample: 'source-sample', choices: 'source-choices', side: 'source ' },
  { type: 'destination-type', sample: 'destination-sample', choices: 'destination-choices', side: 'destination ' },
  { type: 'type', sample: 'sample', choices: 'choices', side: '' },
];

/** A list name or field name compared loosely: case, spaces, "-", "_" and "." do not matter. */
function looseListKey(text: string): string {
  return compareKey(text).replace(/[\s_\-.]+/g, '');
}

/** "Option set: PCR, Serology, …", "Options: Yes, No", "yes/no/unk": choices written in a note of the row. */
const CHOICES_IN_NOTE = /\b(option set|options|choices|values)\s*:\s*[^,;]+[,;/][^,;]+|^\s*\p{L}+(\s*\/\s*\p{L}+){1,}\s*(;|$)/iu;

function choicesInNotes(view: TabView, r: number): boolean {
  return (['comments', 'description'] as const).some((role) => view.has(role) && CHOICES_IN_NOTE.test(view.text(role, r)));
}

function article(type: string): string {
  return /^[aeiou]/i.test(type) ? `an ${type}` : `a ${type}`;
}

export function checkRows(view: TabView, ctx: CheckContext, valueMaps: ValueMapIndex | null, sink: FindingSink): RowCheckResult {
  const { reader } = view;
  const m = ctx.markers;
  const kind = view.layout.kind;
  const sections = sectionRowsByMerge(reader, view.firstDataRow);
  const keyCol = view.resolved.keyColumn;
  // Key rules only on a key a person confirmed or on IDs Mapspec manages (a detected "ID" may be a code).
  const keyChecked = view.layout.confirmed || view.layout.managedIds;
  const statusCol = view.col('status');
  const ruleTitle = view.col('rule') !== null ? `the ${view.title(view.col('rule') as number) ?? 'rule'} column` : 'a transformation/rule column';
  const keys = new Map<string, number>();
  const seenKeys: SeenKey[] = [];
  const destinations = new Map<string, number>();
  const hasUnique = view.has('unique-identifier');
  let uniqueMarked = false;
  let rowsChecked = 0;
  const parsed: (ParsedType | null)[] = [null, null, null];
  // Lists may be named after the field rather than by a value-map column: by its ID or code, its
  // path, or its label ("sex-of-the-client" for "Sex of the client"), or in its value/binding
  // column (a FHIR profile's "vital-status"). Compared loosely.
  const looseLists = valueMaps ? new Set(Object.keys(valueMaps.lists).map(looseListKey)) : null;
  const listNamedAfterRow = (r: number): boolean =>
    looseLists !== null && looseLists.size > 0 && (['id', 'path', 'label', 'value', 'source-path', 'destination-path', 'source-label', 'destination-label'] as const).some((role) => view.has(role) && looseLists.has(looseListKey(view.text(role, r))));
  // A multiple-choice row with no value map may be followed by its options as rows (WHO "Codes").
  // `between`: field rows seen since it; WHO dictionaries sometimes put one unrelated row before the options.
  let pendingChoice: { where: FindingWhere; text: string; hint: string; between: number } | null = null;
  const flushPending = () => {
    if (pendingChoice) sink.addAt(pendingChoice.where, 'choice-without-value-map', pendingChoice.text, pendingChoice.hint);
    pendingChoice = null;
  };
  const knownLists = valueMaps ? Object.values(valueMaps.lists).map((l) => l.name) : [];

  for (let r = view.firstDataRow; r <= reader.lastRow; r++) {
    const shape = rowShape(view, r, m, sections);
    if (shape.kind === 'blank') continue;
    const status = statusCol !== null ? reader.text(r, statusCol) : '';
    const statusBlank = blankKind(status, m) !== null;
    if (!statusBlank && ctx.skipStatuses.has(compareKey(status))) continue;
    // Spreadsheet errors count on any row that is not skipped; the other checks only on fields.
    if (shape.errors) {
      for (const c of shape.errors) {
        const code = errorCode(reader.text(r, c)) as string;
        const f = reader.formula(r, c);
        sink.addAt(view.whereColumn(c, r), 'formula-error', `the cell shows ${code}${f ? ` (formula ${quote(f)})` : ''}.`, ERROR_HINTS[code] ?? 'Fix the formula.');
      }
    }
    if (shape.kind !== 'field') continue;
    const keyText = keyCol !== null ? reader.text(r, keyCol) : '';
    const keyBlank = blankKind(keyText, m) !== null;

    rowsChecked++;

    if (!statusBlank && !ctx.statuses.has(compareKey(status))) {
      ctx.ownWords.note('status', status, view.reader.name);
      sink.addAt(view.where('status', r), 'unknown-status', `the status ${quote(status)} is not one of: ${ctx.settings.statusValues.join(', ')}.`, 'Pick a status from the list, or tell Mapspec what it means: "This spec\'s own words" in the Checks panel (or statusSynonyms in settings).', status.trim().toLowerCase());
    }

    if (keyCol !== null && keyChecked) {
      if (keyBlank) {
        sink.addAt(view.whereColumn(keyCol, r), 'missing-key', 'this row has no ID.', view.layout.managedIds ? 'Mapspec gives it the next free ID when the checks run.' : 'Give the row a value that no other row has, so changes to it can be tracked (or let Mapspec fill missing IDs: "Use this tab as a mapping spec" in the menu).');
      } else if (!isPlaceholder(keyText)) {
        const k = compareKey(keyText);
        const first = keys.get(k);
        if (first !== undefined) {
          sink.addAt(view.whereColumn(keyCol, r), 'duplicate-key', `the ID ${quote(keyText)} is also the ID of row ${first}.`, 'Give one of the rows a new ID; each row needs its own so its history and sign-offs stay its own.');
        } else {
          keys.set(k, r);
          seenKeys.push({ key: k, text: keyText, row: r });
        }
      }
    }

    for (const role of PATH_ROLES) {
      if (!view.has(role)) continue;
      const t = view.text(role, r);
      const b = blankKind(t, m);
      if (b === 'empty' && kind === 'mapping' && role !== 'path') {
        sink.addAt(view.where(role, r), 'missing-value', `the ${roleLabel(role)} is empty.`, 'Fill in the field\'s API name or path, write N/A if the row deliberately has none, or mark the row Deprecated.');
      } else if (b === null) {
        const p = whitespaceProblem(t);
        if (p) sink.addAt(view.where(role, r), 'stray-whitespace', `${quote(t)} ${WHITESPACE_WORDS[p]}.`, 'Remove the extra spaces: systems compare API names character by character, so "first_name " and "first_name" are different fields.', t);
      }
    }
    const vmText = view.text('value-map', r);
    const vmBlank = blankKind(vmText, m) !== null;
    if (!vmBlank) {
      const p = whitespaceProblem(vmText);
      if (p && !isInlineValueMap(vmText)) sink.addAt(view.where('value-map', r), 'stray-whitespace', `${quote(vmText)} ${WHITESPACE_WORDS[p]}.`, 'Remove the extra spaces so the name matches its list exactly.', vmText);
      if (valueMaps && !isInlineValueMap(vmText) && !hasValueMap(valueMaps, vmText)) {
        const known = knownLists;
        sink.addAt(view.where('value-map', r), 'unknown-value-map', `no value-map tab defines a list named ${quote(vmText)}.`, known.length
            ? `Fix the name or add the list on a value-map tab. Known lists: ${known.slice(0, 8).map((n) => quote(n, 30)).join(', ')}${known.length > 8 ? '…' : ''}.`
            : 'Add a value-map tab (list name, source value, destination value) with this list.');
      }
    }

    // Types: the multiple-choice type column (WHO) refines a generic type ("Coding" + "Select all").
    // Parsed types by TYPE_SIDES index (source, destination, generic); reused arrays, no per-row maps.
    parsed.fill(null);
    for (let i = 0; i < TYPE_SIDES.length; i++) {
      const s = TYPE_SIDES[i];
      if (!view.has(s.type)) continue;
      const t = view.text(s.type, r);
      if (blankKind(t, m) !== null) continue;
      const p = ctx.typeOf(t);
      if (p.type === null) {
        ctx.ownWords.note('type', t, view.reader.name);
        sink.addAt(view.where(s.type, r), 'unknown-type', `the type ${quote(t)} is not a known type.`, `Use a type such as text, integer, number, boolean, date, datetime, select_one or select_multiple, or tell Mapspec what ${quote(t, 30)} means: "This spec's own words" in the Checks panel (or typeSynonyms in settings).`, t.trim().toLowerCase());
        continue;
      }
      parsed[i] = p;
    }
    if (view.has('choice-type')) {
      const ct = ctx.typeOf(view.text('choice-type', r)).type;
      if (ct === 'select_one' || ct === 'select_multiple' || ct === 'option') {
        const base = parsed[2];
        parsed[2] = { type: ct, list: base ? base.list : null };
      }
    }

    // The options of the pending multiple-choice row, if this row is one of them.
    const isOption = parsed.some((p) => p !== null && p.type === 'option');
    if (isOption) pendingChoice = null;
    else if (pendingChoice && ++pendingChoice.between > 1) flushPending();

    for (let i = 0; i < TYPE_SIDES.length; i++) {
      const s = TYPE_SIDES[i];
      const p = parsed[i];
      if (!p || p.type === null) continue;
      if (view.has(s.sample) && hasSampleCheck(p.type)) {
        const text = view.text(s.sample, r);
        if (blankKind(text, m) === null) {
          const bad = sampleMismatch(p.type, view.raw(s.sample, r), text);
          if (bad !== null) {
            sink.addAt(view.where(s.sample, r), 'sample-type-mismatch', `the ${s.side}sample ${quote(bad)} does not look like ${article(p.type)}.`, `Check the sample, or the ${s.side}type (${quote(view.text(s.type, r), 30)}) if the sample is right.`);
          }
        }
      }
    }

    const src = parsed[0];
    const dst = parsed[1];
    const ruleBlank = view.blank('rule', r, m) !== null;
    if (src && dst && src.type && dst.type && ruleBlank && ctx.compat.needsRule(src.type, dst.type)) {
      // A value map is the rule when a multiple-choice field is involved.
      const mappedByValueMap = !vmBlank && (isChoiceType(src.type) || isChoiceType(dst.type) || src.type === 'boolean' || dst.type === 'boolean');
      if (!mappedByValueMap) {
        sink.addAt(view.where('destination-type', r), 'type-change-without-rule', `the source type ${quote(view.text('source-type', r), 30)} (${src.type}) becomes ${quote(view.text('destination-type', r), 30)} (${dst.type}), but the row has no transformation rule.`, `Describe the conversion in ${ruleTitle} (e.g. how text becomes a number, which date format to write, which choices mean true).`);
      }
    }

    if (vmBlank) {
      for (let i = 0; i < TYPE_SIDES.length; i++) {
        const s = TYPE_SIDES[i];
        const p = parsed[i];
        if (!p || !isChoiceType(p.type) || p.list) continue;
        const inline = (view.has(s.choices) && view.blank(s.choices, r, m) === null) || (view.has('choices') && view.blank('choices', r, m) === null);
        if (inline || listNamedAfterRow(r) || choicesInNotes(view, r)) continue;
        flushPending();
        pendingChoice = {
          where: view.where(s.type, r),
          text: `the ${s.side}field is ${p.type} but the row names no value map and lists no choices.`,
          hint: view.has('value-map')
            ? `Name a value-map list in column ${columnLetter(view.col('value-map') as number)} that maps each source choice to a destination choice.`
            : 'Add a value map (a list mapping each source choice to a destination choice), or list the choices in the row.',
          between: 0,
        };
        break;
      }
    }

    if (kind === 'mapping' && view.has('destination-path')) {
      const d = view.text('destination-path', r);
      if (blankKind(d, m) === null) {
        const k = compareKey(d);
        const first = destinations.get(k);
        if (first !== undefined) {
          sink.addAt(view.where('destination-path', r), 'duplicate-destination', `the destination ${quote(d)} is also written by row ${first}.`, 'Two rows writing one field overwrite each other: merge them into one row with a rule, or fix the path.');
        } else destinations.set(k, r);
      }
    }

    if (hasUnique && !uniqueMarked) {
      const u = view.text('unique-identifier', r);
      if (u !== '' && ctx.truthy.has(compareKey(u))) uniqueMarked = true;
    }
  }
  flushPending();

  if (hasUnique && !uniqueMarked && rowsChecked > 0) {
    sink.addAt(view.where('unique-identifier', view.layout.headerRow), 'no-unique-identifier', 'no row is marked as the unique identifier.', 'Mark the field that identifies a record in both systems (e.g. Yes); without one, records cannot be matched and updates create duplicates.');
  }
  return { rowsChecked, keys: seenKeys };
}
