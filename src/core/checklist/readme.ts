/**
 * A README's checklist section, kept line for line (issue 17): integration repositories keep their
 * checklist in the README, with free text between the items (a system's name in italics, endpoint
 * URLs, what triggers a flow), `###` phases with `####` sub-sections, and the rest of the README
 * around it. `readReadme` classifies every line of the section — heading, item, an item's indented
 * continuation, free text — and gives the checklist the tab shows (phases, sub-sections, note rows);
 * `writeSection` writes the section back from the tab's current tasks: an unchanged line as it came,
 * byte for byte, a changed tick, text or owner only on its own line, a deleted task's lines gone, a
 * new task after the last one of its phase. `replaceSection` puts it back into a whole README in
 * place of the section it came from, leaving the rest untouched.
 *
 * A page pasted as plain text (bullets "•" under "(1) Phase" lines, as a browser copies the docs
 * page) reads the same way when the text has no task items.
 */
import { FENCE, HEADING, indentWidth, oneLine, positionalId } from './markdown';
import { looksLikeSignOff, type Checklist, type ChecklistItem, type ChecklistPhase } from './model';

const TASK = /^(\s*[-*+]\s+)\[([ xX])\](\s?)(.*)$/;
const PLAIN_ITEM = /^(\s*•\s+)(?:\[([ xX])\](\s?))?(.*)$/;
const OWNER = /\s+\(owner:\s*([^()\s]+)\)$/;
const PLAIN_PHASE = /^\(?\d+[).]\s+\S/;

export type ReadmeLine =
  | { kind: 'text'; raw: string; note: string | null }
  | { kind: 'heading'; raw: string; level: number; text: string; role: 'section' | 'phase' | 'sub-section' }
  | { kind: 'item'; raw: string; id: string; lead: string; gap: string; checked: boolean; text: string; owner: string }
  | { kind: 'continuation'; raw: string; item: string };

/**
 * What Mapspec keeps of the section it imported (JSON, stored with the tab): its lines, classified,
 * the heading it sits under, the line ending, and the texts the tab was given, to tell what changed.
 */
export type ReadmeSource = {
  version: 1;
  eol: '\n' | '\r\n';
  /** The heading the section sits under (its first line), or null when the items have none above them. */
  heading: { raw: string; level: number } | null;
  /** The line that ended the section (a heading), or null when it ran to the end of the README. */
  endRaw: string | null;
  plain: boolean;
  lines: ReadmeLine[];
  /** Per task ID: the notes (continuation lines) the tab was given. */
  itemNotes: { [id: string]: string };
};

/** One row the checklist tab shows, in order, within a phase. */
export type PhaseBlock = { kind: 'item'; item: ChecklistItem } | { kind: 'sub-section'; title: string } | { kind: 'note'; id: string; text: string };

export type ReadmeChecklist = {
  checklist: Checklist;
  /** Per phase (same order as checklist.phases): its rows as the tab shows them. */
  blocks: PhaseBlock[][];
  source: ReadmeSource;
  /** The lines before and after the section, as they were. */
  before: string;
  after: string;
};

/** The owner written after an item's text as "(owner: …)", split off. */
function splitOwner(text: string): { text: string; owner: string } {
  const m = OWNER.exec(text);
  return m ? { text: text.slice(0, m.index), owner: m[1]! } : { text, owner: '' };
}

type Raw = { raw: string; heading: { level: number; text: string } | null; item: { lead: string; checked: boolean; gap: string; text: string } | null };

/** Every line of the document as heading, item or other; fenced code and front matter are other. */
function scan(lines: string[], plain: boolean): Raw[] {
  let inFence = false;
  let frontMatter = lines[0]?.trim() === '---';
  return lines.map((raw, i) => {
    const none: Raw = { raw, heading: null, item: null };
    if (frontMatter) {
      if (i > 0 && raw.trim() === '---') frontMatter = false;
      return none;
    }
    if (FENCE.test(raw)) {
      inFence = !inFence;
      return none;
    }
    if (inFence) return none;
    if (plain) {
      const item = PLAIN_ITEM.exec(raw);
      if (item) return { raw, heading: null, item: { lead: item[1]!, checked: item[2] !== undefined && item[2] !== ' ', gap: item[3] === undefined ? '' : `[${item[2]}]${item[3]}`, text: item[4]!.replace(/\s+$/, '') } };
      // A line on its own between blank lines, short, not a sentence: a heading as the page showed it.
      const alone = raw.trim() !== '' && (lines[i - 1] ?? '').trim() === '' && (lines[i + 1] ?? '').trim() === '' && raw.trim().length <= 90 && !/[.:,;]$/.test(raw.trim());
      if (alone) return { raw, heading: { level: PLAIN_PHASE.test(raw.trim()) ? 2 : 3, text: raw.trim() }, item: null };
      return none;
    }
    const task = TASK.exec(raw);
    if (task) return { raw, heading: null, item: { lead: task[1]!, checked: task[2] !== ' ', gap: task[3]!, text: task[4]!.replace(/\s+$/, '') } };
    const h = HEADING.exec(raw);
    if (h) return { raw, heading: { level: h[1]!.length, text: h[2]!.trim() }, item: null };
    return none;
  });
}

/**
 * Reads a README (or any Markdown, or a page copied as text) for its checklist section; null when it
 * holds no task items. IDs are positional ("phase.task"), as parseTaskList gives them.
 */
export function readReadme(markdown: string): ReadmeChecklist | null {
  const text = String(markdown ?? '');
  const eol: '\n' | '\r\n' = /\r\n/.test(text) ? '\r\n' : '\n';
  const lines = text.split(/\r\n|\n/);
  let plain = false;
  let raws = scan(lines, false);
  if (!raws.some((r) => r.item)) {
    plain = true;
    raws = scan(lines, true);
    if (!raws.some((r) => r.item)) return null;
  }
  const first = raws.findIndex((r) => r.item);
  let last = raws.length - 1;
  while (!raws[last]!.item) last--;

  // The phase level: the heading right above the first item. The section's heading: the nearest one
  // above that of a higher level (e.g. "## Implementation Checklist" over "### (1) …").
  let phaseAt = -1;
  for (let i = first - 1; i >= 0; i--) if (raws[i]!.heading) { phaseAt = i; break; }
  const phaseLevel = phaseAt >= 0 ? raws[phaseAt]!.heading!.level : 7;
  let start = phaseAt >= 0 ? phaseAt : first;
  let heading: ReadmeSource['heading'] = null;
  let titleText: string | null = null;
  // Only when no other heading of the phases' level sits between: a README's title over unrelated
  // "##" sections is not the checklist's heading.
  for (let i = start - 1; i >= 0; i--) {
    const h = raws[i]!.heading;
    if (h && h.level === phaseLevel) break;
    if (h && h.level < phaseLevel) {
      heading = { raw: raws[i]!.raw, level: h.level };
      titleText = h.text;
      start = i;
      break;
    }
  }
  // The section ends at the first heading after the last item that is not below a phase (a page
  // copied as text: any heading-like line).
  let end = raws.length;
  for (let i = last + 1; i < raws.length; i++) {
    const h = raws[i]!.heading;
    if (h && (h.level <= phaseLevel || plain)) {
      end = i;
      break;
    }
  }

  const out: ReadmeLine[] = [];
  const phases: ChecklistPhase[] = [];
  const blocks: PhaseBlock[][] = [];
  const itemNotes: { [id: string]: string } = {};
  let phase: ChecklistPhase | null = null;
  let phaseBlocks: PhaseBlock[] = [];
  let item: { id: string; indent: number; notes: string[]; data: ChecklistItem } | null = null;
  let note: { id: string; lines: string[]; block: PhaseBlock & { kind: 'note' } } | null = null;
  let notes = 0;
  const openPhase = (title: string, level: number) => {
    phase = { title, level, items: [] };
    phaseBlocks = [];
    phases.push(phase);
    blocks.push(phaseBlocks);
  };
  const closeItem = () => {
    if (item) {
      item.data.notes = item.notes.join('\n');
      itemNotes[item.id] = item.data.notes;
    }
    item = null;
  };
  const closeNote = () => {
    if (note) note.block.text = note.lines.join('\n');
    note = null;
  };

  for (let i = start; i < end; i++) {
    const r = raws[i]!;
    if (i === start && heading) {
      out.push({ kind: 'heading', raw: r.raw, level: heading.level, text: titleText ?? '', role: 'section' });
      continue;
    }
    if (r.heading) {
      closeItem();
      closeNote();
      const level = r.heading.level;
      if (level <= phaseLevel || !phase) {
        openPhase(r.heading.text, level);
        out.push({ kind: 'heading', raw: r.raw, level, text: r.heading.text, role: 'phase' });
      } else {
        phaseBlocks.push({ kind: 'sub-section', title: r.heading.text });
        out.push({ kind: 'heading', raw: r.raw, level, text: r.heading.text, role: 'sub-section' });
      }
      continue;
    }
    if (r.item) {
      closeItem();
      closeNote();
      if (!phase) openPhase(titleText ?? 'Tasks', Math.min(6, (heading?.level ?? 1) + 1));
      const p = phase as unknown as ChecklistPhase;
      const id = positionalId(phases.length - 1, p.items.length);
      const { text: itemText, owner } = splitOwner(r.item.text);
      const data: ChecklistItem = { id, text: itemText, notes: '', checked: r.item.checked, signOffRequired: looksLikeSignOff(itemText), ...(owner ? { owner } : {}) };
      p.items.push(data);
      phaseBlocks.push({ kind: 'item', item: data });
      item = { id, indent: indentWidth(r.item.lead), notes: [], data };
      out.push({ kind: 'item', raw: r.raw, id, lead: r.item.lead, gap: r.item.gap, checked: r.item.checked, text: itemText, owner });
      continue;
    }
    if (item && r.raw.trim() !== '' && indentWidth(r.raw) > (item as { indent: number }).indent) {
      (item as { notes: string[] }).notes.push(r.raw.trim());
      out.push({ kind: 'continuation', raw: r.raw, item: (item as { id: string }).id });
      continue;
    }
    closeItem();
    if (r.raw.trim() === '' || !phase) {
      closeNote();
      out.push({ kind: 'text', raw: r.raw, note: null });
      continue;
    }
    if (!note) {
      notes += 1;
      const block = { kind: 'note' as const, id: `note-${notes}`, text: '' };
      note = { id: block.id, lines: [], block };
      phaseBlocks.push(block);
    }
    const n = note as { id: string; lines: string[] };
    n.lines.push(r.raw.trim());
    out.push({ kind: 'text', raw: r.raw, note: n.id });
  }
  closeItem();
  closeNote();

  return {
    checklist: { title: titleText, phases },
    blocks,
    source: { version: 1, eol, heading, endRaw: end < raws.length ? raws[end]!.raw : null, plain, lines: out, itemNotes },
    before: lines.slice(0, start).join(eol),
    after: lines.slice(end).join(eol),
  };
}

/** A task as the tab has it now, for writing the section back. */
export type CurrentTask = { id: string; phase: string; text: string; checked: boolean; owner: string; notes: string };

/**
 * What the tab holds now: its tasks in order, its note rows by ID (null: the tab has no note rows to
 * go by) and its phases in order (when as many as the README's, a changed title renames that heading).
 */
export type CurrentChecklist = { tasks: readonly CurrentTask[]; notes: ReadonlyMap<string, string> | null; phases?: readonly string[] };

function itemLine(lead: string, gap: string, plain: boolean, t: CurrentTask): string {
  const box = `[${t.checked ? 'x' : ' '}]`;
  const space = plain ? ' ' : gap || ' ';
  return `${lead}${box}${space}${oneLine(t.text)}${t.owner ? ` (owner: ${t.owner})` : ''}`.replace(/\s+$/, '');
}

function noteLines(notes: string, indent: string): string[] {
  return notes.split(/\r\n|\r|\n/).filter((l) => l.trim() !== '').map((l) => `${indent}${l.trim()}`);
}

/**
 * The section written back from the tab's tasks: every line the tab did not change exactly as it
 * was; a task whose tick, text or owner changed gets its line rewritten (same bullet and indent);
 * changed notes their continuation lines; a task gone from the tab loses its lines; a task the tab
 * added follows the last task of its phase (a phase the README lacks goes at the end).
 */
export function writeSection(source: ReadmeSource, current: CurrentChecklist): string {
  const byId = new Map(current.tasks.map((t) => [t.id, t]));
  const known = new Set(source.lines.flatMap((l) => (l.kind === 'item' ? [l.id] : [])));
  const added = current.tasks.filter((t) => !known.has(t.id));
  // Phases renamed in the tab: matched by position, only when the tab has as many as the README.
  const headings = source.lines.filter((l): l is ReadmeLine & { kind: 'heading' } => l.kind === 'heading' && l.role === 'phase');
  const renamed = new Map<ReadmeLine, string>();
  if (current.phases && current.phases.length === headings.length) {
    headings.forEach((l, i) => {
      const now = current.phases![i]!;
      if (now.trim() !== '' && now !== l.text) renamed.set(l, now);
    });
  }
  // Where each phase's last item line is (by the tab's name of the phase), to put new tasks after it.
  const phaseOfLine: (string | null)[] = [];
  let phase: string | null = null;
  for (const l of source.lines) {
    if (l.kind === 'heading' && l.role === 'phase') phase = renamed.get(l) ?? l.text;
    phaseOfLine.push(phase);
  }
  const lastItemOf = new Map<string, number>();
  source.lines.forEach((l, i) => {
    if (l.kind === 'item' && phaseOfLine[i] !== null) lastItemOf.set(phaseOfLine[i]!, i);
  });
  const lastLineOfItem = (i: number) => {
    let j = i;
    while (j + 1 < source.lines.length && source.lines[j + 1]!.kind === 'continuation') j++;
    return j;
  };
  const insertAfter = new Map<number, CurrentTask[]>();
  const atEnd: CurrentTask[] = [];
  for (const t of added) {
    const at = lastItemOf.get(t.phase);
    if (at === undefined) atEnd.push(t);
    else {
      const after = lastLineOfItem(at);
      insertAfter.set(after, [...(insertAfter.get(after) ?? []), t]);
    }
  }
  const template = source.lines.find((l): l is ReadmeLine & { kind: 'item' } => l.kind === 'item');
  const lead = template?.lead ?? '- ';
  const gap = template?.gap ?? ' ';
  const contIndent = (l: ReadmeLine & { kind: 'item' }) => {
    const c = source.lines.find((x) => x.kind === 'continuation' && x.item === l.id);
    return c ? /^\s*/.exec(c.raw)![0] : `${' '.repeat(indentWidth(l.lead) + 6)}`;
  };

  const out: string[] = [];
  const noteRewritten = new Set<string>();
  for (let i = 0; i < source.lines.length; i++) {
    const l = source.lines[i]!;
    if (l.kind === 'item') {
      const t = byId.get(l.id);
      if (t) {
        const same = t.checked === l.checked && t.text === l.text && t.owner === l.owner;
        out.push(same ? l.raw : itemLine(l.lead, l.gap, source.plain, t));
        const before = source.itemNotes[l.id] ?? '';
        if (t.notes.trim() !== before.trim()) out.push(...noteLines(t.notes, contIndent(l)));
        else for (let j = i + 1; j < source.lines.length && source.lines[j]!.kind === 'continuation'; j++) out.push(source.lines[j]!.raw);
      }
      i = lastLineOfItem(i);
      for (const n of insertAfter.get(i) ?? []) {
        out.push(itemLine(l.lead, l.gap, source.plain, n));
        out.push(...noteLines(n.notes, contIndent(l)));
      }
      continue;
    }
    if (l.kind === 'text' && l.note !== null && current.notes !== null) {
      const now = current.notes.get(l.note);
      if (now === undefined) continue;
      const was = source.lines.filter((x) => x.kind === 'text' && x.note === l.note).map((x) => x.raw.trim()).join('\n');
      if (now.trim() !== was.trim()) {
        if (!noteRewritten.has(l.note)) out.push(...noteLines(now, /^\s*/.exec(l.raw)![0]));
        noteRewritten.add(l.note);
        continue;
      }
    }
    if (l.kind === 'continuation') continue;
    const title = renamed.get(l);
    if (title !== undefined && l.kind === 'heading') {
      out.push(source.plain ? `${/^\s*/.exec(l.raw)![0]}${title}` : `${'#'.repeat(l.level)} ${oneLine(title).trim()}`);
      continue;
    }
    out.push(l.raw);
  }
  if (atEnd.length > 0) {
    const phaseLevel = source.lines.find((l): l is ReadmeLine & { kind: 'heading' } => l.kind === 'heading' && l.role === 'phase')?.level ?? Math.min(6, (source.heading?.level ?? 1) + 1);
    while (out.length > 0 && out[out.length - 1]!.trim() === '') out.pop();
    let ph: string | null = null;
    for (const t of atEnd) {
      if (t.phase !== ph) {
        ph = t.phase;
        out.push('', source.plain ? t.phase : `${'#'.repeat(phaseLevel)} ${t.phase}`, '');
      }
      out.push(itemLine(source.plain ? '  • ' : lead, gap, source.plain, t));
      out.push(...noteLines(t.notes, '      '));
    }
    out.push('');
  }
  return out.join(source.eol);
}

/**
 * A whole README with its checklist section replaced: from the heading it was imported under (or,
 * for a section with no heading of its own, its first line) to the heading that ended it then (or
 * the next heading of the section's level or above when that one is gone). Null when the README does
 * not have the section's first line.
 */
export function replaceSection(readme: string, source: ReadmeSource, section: string): string | null {
  const eol = /\r\n/.test(readme) ? '\r\n' : '\n';
  const lines = readme.split(/\r\n|\n/);
  const same = (a: string, b: string) => a.replace(/\s+$/, '') === b.replace(/\s+$/, '');
  const firstRaw = source.lines[0]?.raw;
  if (firstRaw === undefined || firstRaw.trim() === '') return null;
  const start = lines.findIndex((l) => same(l, firstRaw));
  if (start < 0) return null;
  let end = lines.length;
  const byRaw = source.endRaw === null ? -1 : lines.findIndex((l, i) => i > start && same(l, source.endRaw!));
  if (byRaw > 0) end = byRaw;
  else if (source.heading) {
    let inFence = false;
    for (let i = start + 1; i < lines.length; i++) {
      if (FENCE.test(lines[i]!)) inFence = !inFence;
      const h = inFence ? null : HEADING.exec(lines[i]!);
      if (h && h[1]!.length <= source.heading.level) {
        end = i;
        break;
      }
    }
  }
  return [...lines.slice(0, start), ...section.split(/\r\n|\n/), ...lines.slice(end)].join(eol);
}

/** The tasks of a freshly read README as the tab would hold them (what an untouched tab gives writeSection). */
export function tasksOf(read: ReadmeChecklist): CurrentTask[] {
  return read.checklist.phases.flatMap((p) => p.items.map((it) => ({ id: it.id, phase: p.title, text: it.text, checked: it.checked, owner: it.owner ?? '', notes: it.notes })));
}

/** The note rows of a freshly read README by ID. */
export function notesOf(read: ReadmeChecklist): Map<string, string> {
  return new Map(read.blocks.flat().flatMap((b) => (b.kind === 'note' ? [[b.id, b.text] as const] : [])));
}
