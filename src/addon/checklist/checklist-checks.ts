/**
 * The checklist tab in "Run checks": its findings (overdue, Done without owner, due date not a date,
 * sign-off missing, unknown status, signed-off-by mismatch, missing columns) in the mapping findings'
 * format, as one more tab of the CheckResult. The recorded sign-offs come from the log, never from
 * the tab's text. A fixed number of spreadsheet calls; nothing is painted or written.
 */
import type { CheckResult, FindingView } from '../../core/api';
import { checkChecklist, taskSignOffs } from '../../core/checklist';
import { columnNumber } from '../../core/mapping/a1';
import { readApprovals } from '../approvals/approvals-store';
import { loadChecklistLayout, readRegisteredChecklist } from './checklist-store';

type CheckedTab = CheckResult['tabs'][number];

/** The checklist's findings as a CheckResult tab (null without a checklist), and a notice if it was deleted. */
export function checkChecklistTab(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, props: Record<string, string>, notices: string[]): { tab: CheckedTab; tasks: number } | null {
  const stored = loadChecklistLayout(props);
  if (!stored) return null;
  const read = readRegisteredChecklist(ss, stored);
  if (!read) {
    notices.push(`The checklist tab${stored.name ? ` "${stored.name}"` : ''} was deleted, so it was not checked.`);
    return null;
  }
  const report = checkChecklist(read.table, { today: new Date(), signOffs: taskSignOffs(readApprovals(props).log) });
  const sheetId = read.sheet.getSheetId();
  const findings: FindingView[] = report.findings.map((f) => ({ ...f, sheetId, columnIndex: f.column ? columnNumber(f.column) : null }));
  return { tab: { sheetId, name: read.grid.name, kind: 'checklist', findings }, tasks: report.tasksChecked };
}
