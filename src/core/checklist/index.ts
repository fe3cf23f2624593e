/**
 * The implementation-checklist core, in one import: the template (checklistTemplate → checklistSheet),
 * GitHub task-list Markdown (parseTaskList / toTaskList; a README's section kept line for line:
 * readReadme / writeSection / replaceSection), adoption of a checklist tab (detectChecklist
 * → readChecklist), progress (checklistProgress) and checks (checkChecklist). Pure: no Apps Script,
 * Node or DOM; adapters hand in plain grids (see ../mapping/grid.ts) and the recorded sign-offs.
 */
export {
  STATUSES, CHECKLIST_ROLES, SUB_SECTION_MARK, CHECKLIST_COLUMNS, parseStatus, parseDueDate, parseYes, looksLikeSignOff,
  type ChecklistStatus, type ChecklistRole, type ChecklistColumn, type ChecklistItem, type ChecklistPhase, type Checklist,
  type TaskRow, type SignOffRecord,
} from './model';
export {
  DETAILED_PHASES, COMPACT_PHASES, CHECKLIST_TITLE, checklistTemplate, checklistSheet,
  type ChecklistForm, type TemplateTask, type TemplatePhase, type ChecklistSheet, type ChecklistSheetRow,
} from './template';
export { parseTaskList, toTaskList, positionalId, overlongLine } from './markdown';
export {
  readReadme, writeSection, replaceSection, tasksOf, notesOf,
  type ReadmeSource, type ReadmeLine, type ReadmeChecklist, type PhaseBlock, type CurrentTask, type CurrentChecklist,
} from './readme';
export {
  CHECKLIST_SYNONYMS, headerKey, scoreChecklistHeader, detectChecklist, readChecklist,
  type ChecklistDetection, type ChecklistDetectedColumn, type ChecklistTable, type ChecklistNoteRow,
} from './adopt';
export { checklistProgress, isOverdue, ownerMatches, todayKey, type ChecklistProgress, type PhaseProgress, type ProgressCount, type TaskRef } from './progress';
export { checkChecklist, type ChecklistCheckOptions, type ChecklistCheckReport } from './checks';
export { checklistFromTable, checklistMarkdown, README_SOURCE_SHEET, readmeSourceRow, parseReadmeSource, sourceForTab, type StoredReadmeSource } from './export';
export {
  CHECKLIST_RULES, CHECKLIST_RULE_NAMES, isChecklistRuleName, ChecklistSink,
  type ChecklistRuleName, type ChecklistFinding, type ChecklistSeverityOverrides,
} from './rules';
export { parseChecklistLayout, layoutFromChoice, detectionFromLayout, isMappingSpecSignOffTask, type ChecklistLayout } from './layout';
export { taskSignOffs, signOffMatchesTask, planSignOff, planWithdraw, signOffStates, type TaskSignOffState, type SignOffHistoryItem } from './sign-off-plan';
