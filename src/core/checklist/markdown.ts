/**
 * GitHub task lists: the Markdown integration repositories keep their checklist in (README or docs
 * page). `- [ ]` / `- [x]` items under `##` / `###` headings; lines indented under an item continue
 * it (kept as its notes, links as written); every other line (prose, front matter, admonitions,
 * fenced code) is ignored. Headings with no task items are dropped.
 */
import { looksLikeSignOff, type Checklist, type ChecklistItem } from './model';

const TASK = /^(\s*)[-*+]\s+\[([ xX])\]\s?(.*)$/;
/** An ATX heading: its #s and text (closing #s dropped). */
export const HEADING = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
/** A fence line opening or closing a code block. */
export const FENCE = /^\s*(```|~~~)/;

/** Task ID by position: phase number, task number ("2.5"), as the template numbers them. */
export function positionalId(phaseIndex: number, taskIndex: number): string {
  return `${phaseIndex + 1}.${taskIndex + 1}`;
}

/** Width of a line's leading space, tabs to the next stop of 4 (CommonMark). */
export function indentWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    if (ch === ' ') w += 1;
    else if (ch === '\t') w += 4 - (w % 4);
    else break;
  }
  return w;
}

/**
 * Parses a task list. The first `#` heading is the title; `##`–`######` headings start phases.
 * Items before any phase heading go to a phase named after the title (or "Tasks"). Task IDs are
 * positional ("phase.task"); sign-off is inferred from the wording ("sign-off", "signed off").
 */
export function parseTaskList(markdown: string): Checklist {
  const lines = String(markdown ?? '').replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  let title: string | null = null;
  const phases: { title: string; level: number; items: Omit<ChecklistItem, 'id'>[] }[] = [];
  let phase: (typeof phases)[number] | null = null;
  let item: { data: Omit<ChecklistItem, 'id'>; indent: number; notes: string[] } | null = null;
  let inFence = false;
  let frontMatter = lines[0]?.trim() === '---';

  const closeItem = () => {
    if (item) item.data.notes = item.notes.join('\n');
    item = null;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (frontMatter) {
      if (i > 0 && line.trim() === '---') frontMatter = false;
      continue;
    }
    if (FENCE.test(line)) {
      inFence = !inFence;
      closeItem();
      continue;
    }
    if (inFence) continue;
    const task = TASK.exec(line);
    if (task) {
      closeItem();
      if (!phase) {
        phase = { title: title ?? 'Tasks', level: 2, items: [] };
        phases.push(phase);
      }
      // The text after the one space that follows "]", as written: only trailing space is dropped, so
      // " =1+1" exports back as it came (the sheet stores it as text either way).
      const text = task[3].replace(/\s+$/, '');
      const data = { text, notes: '', checked: task[2] !== ' ', signOffRequired: looksLikeSignOff(text) };
      phase.items.push(data);
      item = { data, indent: indentWidth(task[1]), notes: [] };
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      closeItem();
      const level = heading[1].length;
      const text = heading[2].trim();
      if (level === 1 && title === null && phases.length === 0) title = text;
      else {
        phase = { title: text, level: Math.max(2, level), items: [] };
        phases.push(phase);
      }
      continue;
    }
    if (item) {
      // A continuation: indented deeper than the item's bullet. A blank line or text at the margin ends it.
      const current = item as { data: Omit<ChecklistItem, 'id'>; indent: number; notes: string[] };
      if (line.trim() !== '' && indentWidth(line) > current.indent) {
        current.notes.push(line.trim());
        continue;
      }
      closeItem();
    }
  }
  closeItem();
  const kept = phases.filter((p) => p.items.length > 0);
  return {
    title,
    phases: kept.map((p, pi) => ({
      title: p.title,
      level: p.level,
      items: p.items.map((it, ti) => ({ id: positionalId(pi, ti), ...it })),
    })),
  };
}

/** One line of Markdown text: line breaks inside a cell become spaces; leading space is kept (see parseTaskList). */
export function oneLine(s: string): string {
  return s.replace(/\s*[\r\n]+\s*/g, ' ').replace(/\s+$/, '');
}

/**
 * The first line of `markdown` too long for one cell (a task, phase or note line over Google's
 * 50,000-character limit), as its 1-based line number and the start of its text; null when all fit.
 */
export function overlongLine(markdown: string, limit: number): { line: number; start: string } | null {
  const lines = String(markdown ?? '').split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.length <= limit) continue;
    const task = TASK.exec(line);
    const text = (task ? task[3] : line.replace(/^\s*#*\s*/, '')).trim();
    return { line: i + 1, start: text.length > 40 ? `${text.slice(0, 40)}…` : text };
  }
  return null;
}

/**
 * Writes a checklist as a GitHub task list: the title as `#`, phases as `##` (or their level), items
 * as `- [ ]` / `- [x]` with notes on indented continuation lines. parseTaskList reads it back to the
 * same phases, items, notes and ticks.
 */
export function toTaskList(checklist: Checklist): string {
  const out: string[] = [];
  if (checklist.title) out.push(`# ${oneLine(checklist.title).trim()}`, '');
  for (const p of checklist.phases) {
    const level = Math.min(6, Math.max(2, Math.floor(p.level) || 2));
    out.push(`${'#'.repeat(level)} ${oneLine(p.title).trim() || 'Tasks'}`, '');
    for (const it of p.items) {
      // An item with no text would not read back as an item; "- [ ] " keeps its place.
      out.push(`- [${it.checked ? 'x' : ' '}] ${oneLine(it.text)}`.trimEnd());
      for (const note of it.notes.split(/\r\n|\r|\n/)) if (note.trim() !== '') out.push(`      ${note.trim()}`);
    }
    out.push('');
  }
  return out.join('\n');
}
