/**
 * The implementation checklist as data, in its two forms (OpenFn's implementation checklist: the
 * detailed docs page and the compact one), and the rows Mapspec writes for it: a header, a heading
 * row per phase and a row per task.
 */
import { positionalId } from './markdown';
import { CHECKLIST_COLUMNS, STATUSES, SUB_SECTION_MARK, type Checklist, type ChecklistRole } from './model';
import type { PhaseBlock } from './readme';

export type ChecklistForm = 'detailed' | 'compact';

/** A template task: its text, continuation notes and whether it needs an approver's sign-off. */
export type TemplateTask = { text: string; notes?: string; signOff?: boolean };
export type TemplatePhase = { title: string; level?: number; tasks: readonly TemplateTask[] };

const DESIGN = '../design/design-quickstart.md';

export const DETAILED_PHASES: readonly TemplatePhase[] = [
  {
    title: '(1) Preparing for the Implementation',
    tasks: [
      { text: 'Point of contacts identified for each target system (incl. system administrators, folks who can speak to the functional and technical requirements)' },
      { text: 'Data sharing agreement finalized (if required; common for cross-organization workflows)' },
      { text: 'Business value assessed & documented' },
      { text: 'High-level workflow requirements gathered & documented (in diagram)' },
      { text: 'Technical feasibility assessment completed to verify integration approach, available connection points, and OpenFn deployment option and adaptors' },
      { text: 'Capacity assessment completed' },
    ],
  },
  {
    title: '(2) Discovery & Design - Functional Workflow Requirements',
    tasks: [
      { text: 'User stories documented to capture business value & desired outcomes', notes: `Learn more about user stories [here.](${DESIGN}#1-capture-requirements-as-user-stories)` },
      { text: 'Workflow BPMN diagram capturing functional steps of the business process finalized', notes: `Learn more about diagrams & BPMN notation [here.](${DESIGN}#2-diagram-the-business-process)` },
      { text: 'Request list of data elements from administrators of target systems', notes: `Read about mapping specs [here.](${DESIGN}#3-map-data-elements-to-be-exchanged).` },
      { text: 'Data element mapping specifications finalized (functional/business-friendly version)' },
      { text: 'Client sign-offs on workflow diagram & mapping specs', signOff: true },
      { text: 'Workflow assumptions documented (e.g., what human, manual steps does the workflow rely on; what are the unique identifiers)' },
      { text: 'Testing scenarios drafted' },
    ],
  },
  {
    title: '(3) Discovery & Design - Technical Specifications',
    tasks: [
      { text: 'Documentation on APIs or target connection points secured' },
      { text: 'Connection points & authentication methods confirmed' },
      { text: 'Access secured to developer/sandbox environments for testing' },
      { text: 'Authentication and authorization methods & credentials tested' },
      { text: 'Target API endpoints determined based on functional specifications & review of API docs' },
      { text: 'Target API endpoints tested to validate the functional data element specifications can be delivered' },
      { text: 'Workflow BPMN diagram capturing the technical steps of the workflow finalized' },
      { text: 'Technical version of data element mapping specifications created' },
      { text: 'Workflow assumptions updated to include any technical considerations' },
      { text: 'Test scenarios updated to include any technical considerations' },
      { text: 'Project Security Configuration Checklist drafted to capture data security & compliance considerations' },
      { text: 'Github repository created' },
      { text: 'Job specifications written for developers' },
    ],
  },
  {
    title: '(4) Build',
    tasks: [
      { text: 'OpenFn platform: project space created & relevant users invited' },
      { text: 'OpenFn platform: Jobs, triggers, and credentials configured' },
      { text: 'OpenFn platform: Version control configured to connect Github repo' },
      { text: 'Jobs written & pushed to branch on Github' },
      { text: 'Job code review complete and merged to main branch on Github' },
      { text: 'OpenFn platform: Github paths updated on each job to link to source file' },
      { text: 'Test data created (if needed)' },
      { text: 'Engineer updates mapping specifications (if needed)' },
    ],
  },
  {
    title: '(5) Testing',
    tasks: [
      { text: 'Testing Round 1: Developers run jobs locally with sample data provided' },
      { text: 'Testing Round 2: Analysts complete Test Scenarios & run jobs on platform' },
      { text: 'Iteration: Analysts submit feedback to developers & re-test' },
      { text: 'UAT Round 1: Client completes Test Scenarios' },
      { text: 'Iteration: Analysts submit feedback to developers & re-test' },
      { text: 'UAT Round 2 (if needed): Client completes Test Scenarios' },
      { text: 'Iteration: Analysts submit feedback to developers & re-test' },
    ],
  },
  {
    title: '(6) Training & Prep for Go-Live',
    tasks: [
      { text: 'Training materials drafted for client administrators' },
      { text: 'Documentation drafted, and all project artefacts/docs linked' },
      { text: 'Project Security Configuration Checklist reviewed to determine if any configuration changes or settings need to be implemented post-testing' },
      { text: 'Confirm that production system(s) have been configured' },
      { text: 'Production credentials secured & tested (authentication & authorization)' },
      { text: 'OpenFn platform: "production" project created (cloned from "staging" project), job configuration migrated, & jobs connected to production credentials' },
      { text: 'OpenFn administrator users & access levels confirmed and granted?' },
      { text: 'Support POCs identified for each target system?' },
      { text: 'Establish support structures & governance model for change management' },
      { text: 'Training session delivered to designated OpenFn and target system administrators and any other ToTs' },
    ],
  },
  {
    title: 'Rollout & Support',
    level: 3,
    tasks: [
      { text: 'Go Live: Turn "on" OpenFn jobs in production platform project so that the workflow is now live in production systems' },
      { text: 'Confirm administrators have OpenFn notifications turned on to "Each Time" so that they will receive failure notifications (see OpenFn Account Settings)' },
      { text: 'Communicate to end users as needed about the go-live and its implications' },
    ],
  },
];

/**
 * The compact form. Its "(2) Functional Requirements" heading lists no tasks in the source; the phase
 * is kept (it heads the tab) with no task rows. "(6) Administration" has a sub-heading ("Provisioning,
 * Hosting, & Maintenance") over its first two tasks; it is folded into the phase.
 */
export const COMPACT_PHASES: readonly TemplatePhase[] = [
  {
    title: '(1) Preparing for the Technical Implementation',
    tasks: [
      { text: 'Point of contacts identified for informing functional requirements, technical requirements (incl. target system administrators), & testing' },
      { text: 'Dating sharing agreement finalized (including data residency & compliance requirements, and detailed list of data points that may be exchanged)' },
    ],
  },
  { title: '(2) Functional Requirements', tasks: [] },
  {
    title: '(3) System APIs',
    tasks: [
      { text: 'Do the target systems have available APIs?' },
      { text: 'API documentation secured' },
      { text: 'Access to staging/developer environments for testing with target systems secured' },
      { text: 'Authentication via the API tested to verify your system credentials' },
      { text: 'Target API endpoints determined based on the functional requirements' },
      { text: "Target API endpoints tested to validate API behavior and verify your system credential's permissions" },
    ],
  },
  {
    title: '(4) Data Flows',
    tasks: [
      { text: 'Trigger confirmed (What kicks off a flow or data sync? Is it time- or event-based?)' },
      { text: 'Diagrams documenting the technical data flow finalized. Learn more about diagrams & BPMN notation.' },
      { text: 'Data element mapping specifications finalized (with specifications for data transformation, cleaning, & calculation rules, technical specs)' },
      { text: 'Technical specifications finalized for the integration setup (which reference the Diagrams & Data element mapping specifications)' },
      { text: 'Solution assumptions documented (regarding human workflows, data entry, consent, other criteria)' },
      { text: 'Testing plan drafted with testing instructions for end users with expected inputs & outputs' },
    ],
  },
  {
    title: '(5) Security',
    tasks: [
      { text: 'Sign-off received for the technical specifications & how compliance will be ensured', signOff: true },
      { text: 'Sign-off for data points (if any) that can be logged to help monitor integration Activity History', signOff: true },
      { text: 'Administrator users & access levels confirmed' },
    ],
  },
  {
    title: '(6) Administration',
    tasks: [
      { text: 'Deployment pathway confirmed (SaaS, Local, Open-Source) - If using OpenFn, learn about deployment options.', notes: 'Provisioning, Hosting, & Maintenance' },
      { text: 'Hosting & Maintenance: Software maintenance, security updates, server status, etc. - confirm roles & responsibilities across systems', notes: 'Provisioning, Hosting, & Maintenance' },
      { text: 'Administor responsible for monitoring the integration is identified & trained' },
      { text: 'Support point of contacts (e.g., system administrators) identified for each target system if troubleshooting support required' },
      { text: 'Solution documentation & training materials saved/shared' },
    ],
  },
];

export const CHECKLIST_TITLE = 'Implementation Checklist';

/** The template checklist of a form: positional task IDs ("2.5"), nothing ticked. */
export function checklistTemplate(form: ChecklistForm = 'detailed'): Checklist {
  const phases = form === 'compact' ? COMPACT_PHASES : DETAILED_PHASES;
  return {
    title: CHECKLIST_TITLE,
    phases: phases.map((p, pi) => ({
      title: p.title,
      level: p.level ?? 2,
      items: p.tasks.map((t, ti) => ({ id: positionalId(pi, ti), text: t.text, notes: t.notes ?? '', checked: false, signOffRequired: t.signOff === true })),
    })),
  };
}

export type ChecklistCell = string;

/**
 * One row to write: a phase heading (title in the first cell, the rest blank), a task, a README's
 * sub-section heading under a phase ("› title" in the first cell) or its free text (a note row: the
 * text where tasks are, so it reads in place, and a "note-N" Task ID, by which the tab's reader
 * takes it for no task: nothing counts or checks it).
 */
export type ChecklistSheetRow =
  | { kind: 'phase'; phase: string; values: ChecklistCell[] }
  | { kind: 'task'; id: string; phase: string; values: ChecklistCell[] }
  | { kind: 'sub-section'; phase: string; values: ChecklistCell[] }
  | { kind: 'note'; id: string; phase: string; values: ChecklistCell[] };


/**
 * What an adapter writes for a checklist: the header (CHECKLIST_COLUMNS), then per phase a heading
 * row and its task rows, all of the same width, for one setValues call. `columns` gives the 1-based
 * column of each role (for validation: status dropdown, date validation on due and signed-off-at).
 * A ticked item becomes Done; sign-off cells start blank (only a recorded sign-off fills them).
 */
export type ChecklistSheet = {
  header: string[];
  rows: ChecklistSheetRow[];
  columns: { [role in ChecklistRole]?: number };
  statuses: string[];
};

export function checklistSheet(checklist: Checklist, blocks?: readonly (readonly PhaseBlock[])[]): ChecklistSheet {
  const header = CHECKLIST_COLUMNS.map((c) => c.header);
  const columns: { [role in ChecklistRole]?: number } = {};
  CHECKLIST_COLUMNS.forEach((c, i) => (columns[c.role] = i + 1));
  const only = (cells: { [role in ChecklistRole]?: string }) => CHECKLIST_COLUMNS.map((c) => cells[c.role] ?? '');
  const rows: ChecklistSheetRow[] = [];
  checklist.phases.forEach((p, pi) => {
    rows.push({ kind: 'phase', phase: p.title, values: only({ phase: p.title }) });
    for (const b of blocks?.[pi] ?? p.items.map((item) => ({ kind: 'item' as const, item }))) {
      if (b.kind === 'sub-section') rows.push({ kind: 'sub-section', phase: p.title, values: only({ phase: `${SUB_SECTION_MARK}${b.title}` }) });
      else if (b.kind === 'note') rows.push({ kind: 'note', id: b.id, phase: p.title, values: only({ task: b.text, id: b.id }) });
      else {
        const it = b.item;
        const values = only({
          phase: p.title,
          task: it.text,
          owner: it.owner ?? '',
          status: it.checked ? 'Done' : 'Not started',
          'sign-off-required': it.signOffRequired ? 'Yes' : 'No',
          notes: it.notes,
          id: it.id,
        });
        rows.push({ kind: 'task', id: it.id, phase: p.title, values });
      }
    }
  });
  return { header, rows, columns, statuses: [...STATUSES] };
}
