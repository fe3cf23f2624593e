/**
 * From a checklist tab back to Markdown: a checklist (phases in order, tasks with their notes, ticked
 * when Done) for a plain task list, or the README section the tab was imported from, written back;
 * and how that section is kept in a hidden tab.
 */
import { type ChecklistTable } from './adopt';
import { chunkText } from '../mapping/paint-codec';
import { toTaskList } from './markdown';
import { writeSection, type ReadmeSource } from './readme';
import { looksLikeSignOff, type Checklist, type ChecklistPhase } from './model';

export function checklistFromTable(table: ChecklistTable, title: string | null = null): Checklist {
  const phases = new Map<string, ChecklistPhase>();
  for (const p of table.phases) phases.set(p, { title: p, level: 2, items: [] });
  for (const t of table.tasks) {
    let p = phases.get(t.phase);
    if (!p) {
      p = { title: t.phase, level: 2, items: [] };
      phases.set(t.phase, p);
    }
    p.items.push({ id: t.id, text: t.task, notes: t.notes, checked: t.status === 'Done', signOffRequired: t.signOffRequired || looksLikeSignOff(t.task) });
  }
  return { title, phases: [...phases.values()].filter((p) => p.items.length > 0) };
}

/**
 * The Markdown of a checklist tab: with the README section it was imported from, that section
 * written back line for line (readme.ts); without, a plain task list.
 */
export function checklistMarkdown(table: ChecklistTable, source: ReadmeSource | null, title: string | null): string {
  if (!source) return toTaskList(checklistFromTable(table, title));
  const tasks = table.tasks.map((t) => ({ id: t.id, phase: t.phase, text: t.task, checked: t.status === 'Done', owner: t.owner, notes: t.notes }));
  // A tab with no note rows at all (an older tab, or rows hidden by a filter's copy) keeps the README's text.
  const notes = table.notes.length ? new Map(table.notes.map((n) => [n.id, n.text])) : null;
  return writeSection(source, { tasks, notes, phases: table.phases });
}

/** The hidden tab that keeps the README section a checklist tab was imported from. */
export const README_SOURCE_SHEET = '_mapspec_checklist_source';
const CELL_CHARS = 45_000;

/**
 * What the hidden tab holds: the checklist tab's ID and name and the section, as one row of text
 * cells. The name finds the tab again where IDs change: a workbook saved as .xlsx and opened again
 * (the command line's, or one uploaded to Drive) numbers its tabs anew.
 */
export type StoredReadmeSource = { sheetId: number; tab: string; source: ReadmeSource };

/** The kept section if it belongs to this checklist tab: by ID, else by name. */
export function sourceForTab(entry: StoredReadmeSource | null, sheetId: number, tab: string): ReadmeSource | null {
  if (!entry) return null;
  return entry.sheetId === sheetId || entry.tab === tab ? entry.source : null;
}

export function readmeSourceRow(entry: StoredReadmeSource): string[] {
  return chunkText(JSON.stringify(entry), CELL_CHARS);
}

/** The stored entry, or null when the text is not one (an edited or foreign row). */
export function parseReadmeSource(text: string): StoredReadmeSource | null {
  try {
    const v = JSON.parse(text) as StoredReadmeSource;
    if (typeof v?.sheetId !== 'number' || typeof v.tab !== 'string' || v.source?.version !== 1 || !Array.isArray(v.source.lines)) return null;
    return v;
  } catch {
    return null;
  }
}
