/**
 * From a checklist tab back to a checklist (for the Markdown export): phases in order, tasks with
 * their notes, ticked when Done.
 */
import { type ChecklistTable } from './adopt';
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
