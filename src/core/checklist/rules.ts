/**
 * Checklist findings: the same shape as mapping findings (tab, row, column, columnName, rule,
 * severity, message, hint), with the checklist's own stable rule names. Rule names are an API
 * (saved severity overrides and the sidebar's filters refer to them): rename none, add at the end.
 */
import { locate, type Finding, type Severity } from '../mapping/findings';
import { truncate } from '../mapping/text';

export const CHECKLIST_RULES = [
  { rule: 'overdue', severity: 'warning', description: 'The due date is before today and the task is neither Done nor Not applicable.' },
  { rule: 'done-without-owner', severity: 'warning', description: 'The task is Done but nobody is named as its owner.' },
  { rule: 'due-date-not-a-date', severity: 'warning', description: 'The due-date cell holds text that is not a date (e.g. "next week", "2025-02-30").' },
  { rule: 'sign-off-missing', severity: 'error', description: 'The task requires sign-off and is marked Done, but no sign-off is recorded for it.' },
  { rule: 'unknown-status', severity: 'warning', description: 'The status is not one of Not started, In progress, Done, Not applicable, Blocked.' },
  { rule: 'signed-off-by-mismatch', severity: 'error', description: 'The "Signed off by" cell names someone with no matching recorded sign-off: typing a name does not make a sign-off.' },
  // Adoption of a checklist tab.
  { rule: 'checklist-missing-header', severity: 'error', description: 'No header row naming a task column and another checklist column was found.' },
  { rule: 'checklist-missing-column', severity: 'warning', description: 'The tab has no status or checkbox column, so progress cannot be read.' },
  // Sign-offs kept with their tasks.
  { rule: 'sign-off-moved', severity: 'error', description: "A sign-off recorded under this row's Task ID was given for a task with other text (the ID was edited or rows were inserted), so it does not count here." },
  { rule: 'duplicate-task-id', severity: 'error', description: 'More than one task has the same Task ID, so a sign-off could not tell them apart.' },
  { rule: 'sign-off-not-shown', severity: 'warning', description: 'A sign-off is recorded but the "Signed off by" cell is blank (Mapspec could not write it, or it was cleared).' },
] as const;

export type ChecklistRuleName = (typeof CHECKLIST_RULES)[number]['rule'];

export const CHECKLIST_RULE_NAMES: readonly ChecklistRuleName[] = CHECKLIST_RULES.map((r) => r.rule);

/** A checklist finding: a mapping Finding with a checklist rule name. */
export type ChecklistFinding = Omit<Finding, 'rule'> & { rule: ChecklistRuleName };

export type ChecklistSeverityOverrides = { readonly [rule: string]: Severity | 'off' };

const DEFAULT_SEVERITY = new Map<string, Severity>(CHECKLIST_RULES.map((r) => [r.rule, r.severity]));

export function isChecklistRuleName(s: string): s is ChecklistRuleName {
  return DEFAULT_SEVERITY.has(s);
}

export type ChecklistFindingInput = {
  tab: string;
  row: number | null;
  column: string | null;
  columnName: string | null;
  rule: ChecklistRuleName;
  text: string;
  hint: string;
};

/** Collects findings with each rule's severity or its override; 'off' rules make none. */
export class ChecklistSink {
  readonly findings: ChecklistFinding[] = [];
  constructor(private readonly overrides: ChecklistSeverityOverrides = {}) {}

  add(f: ChecklistFindingInput): void {
    const severity = this.overrides[f.rule] ?? DEFAULT_SEVERITY.get(f.rule) ?? 'warning';
    if (severity === 'off') return;
    const columnName = f.columnName === null ? null : truncate(f.columnName.replace(/\s+/g, ' ').trim(), 100) || null;
    this.findings.push({
      tab: f.tab, row: f.row, column: f.column, columnName, rule: f.rule, severity,
      message: `${locate(f.tab, f.row, f.column, columnName)}: ${f.text}`,
      hint: f.hint,
    });
  }
}
