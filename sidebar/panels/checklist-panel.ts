/**
 * The Checklist panel. Without a checklist: Insert (detailed or compact form), use the active tab
 * (detected roles shown for confirmation, like mapping tabs) or import a GitHub task list. With one:
 * progress bars per phase and overall (Not applicable left out), overdue tasks, tasks without an
 * owner and "my tasks" — each task a button that selects its row — the tasks that require sign-off
 * with their record and history, Sign off / Withdraw (a reason is required), and Export Markdown.
 * Every action is ONE server call; the server decides who may sign off (Session, approver list), so
 * a refusal is shown as the server words it. All user text is set as text.
 */
import type { ChecklistDetectionView, ChecklistView } from '../../src/core/api';
import type { PhaseProgress, ProgressCount, TaskRef } from '../../src/core/checklist/progress';
import type { TaskSignOffState } from '../../src/core/checklist/sign-off-plan';
import { server } from '../client';
import { h, icon, replace, uid } from '../dom';
import { findingList } from '../findings-view';
import { plural, runTime, truncate } from '../format';
import { setStatus, work } from '../status';
import { views } from '../views';

let root: HTMLElement;
let view: ChecklistView | null = null;
/** The Markdown last exported, shown for copy / download until the next change. */
let exported: { markdown: string; fileName: string } | null = null;
/** The task whose sign-off or withdrawal form is open. */
let openForm: { taskId: string; kind: 'sign' | 'withdraw' } | null = null;

export function initChecklistPanel(container: HTMLElement): void {
  root = container;
  replace(root, h('p', { class: 'muted' }, 'Open this panel to see the implementation checklist.'));
}

/** Loads the checklist (one getChecklist call): when the panel is opened. */
export async function loadChecklist(): Promise<void> {
  const v = await work('Reading the checklist…', () => server.getChecklist({}));
  if (!v) return;
  show(v);
}

function show(v: ChecklistView): void {
  view = v;
  render();
}

function render(): void {
  const v = view;
  if (!v) return;
  const heading = h('h2', { id: 'checklist-heading', tabindex: -1 }, 'Implementation checklist');
  if (!v.tab) {
    replace(root, heading, ...v.notices.map((n) => h('p', { class: 'notice', role: 'note', dir: 'auto' }, n)), emptyState());
    return;
  }
  replace(
    root,
    heading,
    h(
      'div',
      { class: 'who' },
      h('p', { class: 'muted small' }, 'Tab ', h('strong', { dir: 'auto' }, v.tab.name), v.me ? ` · signed in as ${v.me}` : ''),
      h('button', { type: 'button', class: 'secondary small', 'data-focus': 'refresh', onclick: () => void loadChecklist() }, icon('↻'), ' Refresh'),
    ),
    v.notices.length ? h('div', { class: 'notice', role: 'note' }, ...v.notices.map((n) => h('p', { dir: 'auto' }, n))) : null,
    v.progress ? progressSection(v) : null,
    signOffSection(v),
    exportSection(),
  );
}

// ---------------------------------------------------------------- empty state

function emptyState(): HTMLElement {
  const md = h('textarea', { rows: 5, id: 'checklist-markdown', dir: 'auto', spellcheck: 'false', 'aria-describedby': 'md-hint', 'data-focus': 'md' }) as HTMLTextAreaElement;
  const file = h('input', { type: 'file', accept: '.md,.markdown,text/markdown,text/plain', id: 'checklist-md-file' }) as HTMLInputElement;
  file.addEventListener('change', () => {
    const f = file.files?.[0];
    if (!f) return;
    void f.text().then((text) => {
      md.value = text;
      setStatus(`Read ${f.name}. Import it to make a checklist tab.`);
    });
  });
  return h(
    'div',
    { class: 'intro' },
    h('p', {}, 'This spreadsheet has no checklist yet. The implementation checklist tracks an integration from data-sharing agreement to go-live: owners, due dates, status and recorded sign-offs.'),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'button', class: 'primary', 'data-focus': 'insert', onclick: () => void insert('detailed') }, 'Insert checklist'),
      h('button', { type: 'button', class: 'secondary', 'data-focus': 'insert-compact', onclick: () => void insert('compact') }, 'Insert compact form'),
    ),
    h('div', { class: 'or' }, 'or'),
    h('button', { type: 'button', class: 'secondary wide', 'data-focus': 'adopt', onclick: () => void detect() }, 'Use the active tab as the checklist'),
    h('div', { class: 'or' }, 'or'),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'checklist-markdown' }, 'Import a task list (Markdown)'),
      md,
      h('p', { id: 'md-hint', class: 'muted small' }, 'Paste a repository README (or just its checklist): "- [ ]" and "- [x]" items under "##" headings. The text between items and the rest of the README are kept for the export. Or pick a file: '),
      h('label', { for: 'checklist-md-file', class: 'visually-hidden' }, 'Markdown file'),
      file,
      h('div', { class: 'actions' }, h('button', { type: 'button', class: 'secondary', 'data-focus': 'import', onclick: () => void importMd(md) }, 'Import Markdown')),
    ),
  );
}

async function insert(form: 'detailed' | 'compact'): Promise<void> {
  const v = await work('Inserting the checklist…', () => server.insertChecklist({ form }));
  if (!v) return;
  show(v);
  setStatus(`Inserted the checklist tab "${v.tab?.name ?? ''}".`, 'success');
  focusHeading();
}

async function importMd(md: HTMLTextAreaElement): Promise<void> {
  if (md.value.trim() === '') {
    setStatus('Paste a Markdown task list first.', 'error');
    md.focus();
    return;
  }
  const v = await work('Importing the task list…', () => server.importChecklistMarkdown({ markdown: md.value }));
  if (!v) return;
  show(v);
  setStatus(`Imported ${plural(v.progress?.overall.total ?? 0, 'task')} into tab "${v.tab?.name ?? ''}".`, 'success');
  focusHeading();
}

async function detect(): Promise<void> {
  const d = await work('Reading the active tab…', () => server.detectChecklistTab({}));
  if (!d) return;
  renderAdopt(d);
}

/** The detected roles, one dropdown per column, for the person to confirm (adoptChecklist). */
function renderAdopt(d: ChecklistDetectionView): void {
  const det = d.detection;
  const selects: { column: number; select: HTMLSelectElement }[] = [];
  const rows = det.columns.map((c) => {
    const id = uid('cl-role');
    const select = h(
      'select',
      { id, 'data-focus': `cl-role-${c.column}` },
      h('option', { value: 'none' }, 'Not used'),
      ...d.roleOptions.map((o) => h('option', { value: o.role, selected: c.role === o.role }, o.label)),
    ) as HTMLSelectElement;
    selects.push({ column: c.column, select });
    return h(
      'tr',
      {},
      h('td', { class: 'letter' }, c.letter),
      h('td', { class: 'header-cell' }, h('label', { for: id, class: `header-text${c.header.trim() ? '' : ' blank'}`, dir: 'auto' }, c.header.trim() ? truncate(c.header, 80) : '(blank)')),
      h('td', {}, select),
    );
  });
  const confirm = async () => {
    if (det.headerRow === null) return;
    const roles = selects.filter((s) => s.select.value !== 'none').map((s) => ({ column: s.column, role: s.select.value }));
    const v = await work('Saving the checklist columns…', () => server.adoptChecklist({ sheetId: d.sheetId, headerRow: det.headerRow!, roles }));
    if (!v) return;
    show(v);
    setStatus(`Tab "${d.name}" is now the checklist.`, 'success');
    focusHeading();
  };
  replace(
    root,
    h('h2', { id: 'checklist-heading', tabindex: -1 }, 'Use a tab as the checklist'),
    h('p', {}, 'Tab ', h('strong', { dir: 'auto' }, d.name), det.headerRow ? `: header in row ${det.headerRow}. Check the role of each column.` : '.'),
    det.findings.length ? findingList(det.findings, true) : null,
    det.headerRow === null
      ? null
      : h(
          'table',
          { class: 'roles' },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, ''), h('th', { scope: 'col' }, 'Header'), h('th', { scope: 'col' }, 'Role'))),
          h('tbody', {}, ...rows),
        ),
    h(
      'div',
      { class: 'actions sticky-actions' },
      det.headerRow === null ? null : h('button', { type: 'button', class: 'primary', 'data-focus': 'adopt-confirm', onclick: () => void confirm() }, 'Use as checklist'),
      h('button', { type: 'button', class: 'secondary', onclick: () => render() }, 'Cancel'),
    ),
  );
  focusHeading();
}

// ---------------------------------------------------------------- progress

function bar(label: string, c: ProgressCount, id: string): HTMLElement {
  const pct = c.percent ?? 0;
  const words = c.counted === 0 ? 'no tasks count' : `${c.done} of ${c.counted} done (${pct}%)`;
  return h(
    'div',
    { class: 'progress-row' },
    h('div', { class: 'progress-label' }, h('span', { id, dir: 'auto' }, label), h('span', { class: 'muted small' }, words, c.notApplicable ? ` · ${c.notApplicable} n/a` : '')),
    h(
      'div',
      { class: 'progress-bar', role: 'progressbar', 'aria-labelledby': id, 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': pct, 'aria-valuetext': words },
      h('span', { class: 'progress-fill', style: `width:${pct}%` }),
    ),
  );
}

function taskButton(t: TaskRef, extra: string): HTMLElement {
  return h(
    'li',
    {},
    h(
      'button',
      { type: 'button', class: 'task-link', 'data-focus': `task-${t.id}`, onclick: () => void selectTask(t.row) },
      h('span', { class: 'task-name', dir: 'auto' }, truncate(t.task, 140)),
      h('span', { class: 'muted small' }, `Row ${t.row ?? '?'}${extra}`),
    ),
  );
}

function taskList(title: string, tasks: readonly TaskRef[], empty: string, extra: (t: TaskRef) => string): HTMLElement {
  return h(
    'details',
    { class: 'task-group', open: tasks.length > 0 && tasks.length <= 8 },
    h('summary', {}, `${title} (${tasks.length})`),
    tasks.length ? h('ul', { class: 'task-list' }, ...tasks.map((t) => taskButton(t, extra(t)))) : h('p', { class: 'muted small' }, empty),
  );
}

/** The README's text kept under a phase (system names, endpoints, triggers): each selects its row. */
function phaseNotes(v: ChecklistView, phase: string): HTMLElement | null {
  const notes = v.notes.filter((n) => n.phase === phase);
  if (notes.length === 0) return null;
  return h(
    'ul',
    { class: 'phase-notes', 'aria-label': `Notes of ${phase}` },
    ...notes.map((n) => h('li', {}, h('button', { type: 'button', class: 'link muted small', dir: 'auto', title: `Row ${n.row}`, onclick: () => void selectTask(n.row) }, truncate(n.text.replace(/\s*\n\s*/g, ' · '), 160)))),
  );
}

function progressSection(v: ChecklistView): HTMLElement {
  const p = v.progress!;
  return h(
    'section',
    { class: 'block', 'aria-labelledby': 'progress-heading' },
    h('h3', { id: 'progress-heading' }, 'Progress'),
    bar('Overall', p.overall, 'progress-overall'),
    h('div', { class: 'phase-bars' }, ...p.phases.flatMap((ph: PhaseProgress, i) => [bar(ph.phase, ph, `progress-phase-${i}`), phaseNotes(v, ph.phase)])),
    taskList('Overdue', p.overdue, 'Nothing is overdue.', (t) => ` · due ${t.due ?? ''} · ${t.status ?? 'unknown status'}`),
    taskList('Without an owner', p.withoutOwner, 'Every task has an owner.', (t) => ` · ${t.status ?? 'unknown status'}`),
    taskList('My tasks', p.mine, v.me ? `No open task names ${v.me} as owner.` : 'Google did not share your email, so Mapspec cannot tell your tasks.', (t) => (t.due ? ` · due ${t.due}` : '')),
  );
}

async function selectTask(row: number | null): Promise<void> {
  if (!view?.tab || row === null) return;
  const tab = view.tab;
  const r = await work('Going to the task…', () => server.selectCell({ sheetId: tab.sheetId, row, column: tab.taskColumn }), { disable: false });
  if (r) setStatus(`Selected ${r.a1} in "${tab.name}".`);
}

// ---------------------------------------------------------------- sign-offs

function when(iso: string): string {
  return iso ? runTime(iso) : '';
}

function historyList(s: TaskSignOffState): HTMLElement | null {
  if (s.history.length === 0) return null;
  return h(
    'details',
    { class: 'history' },
    h('summary', {}, `History (${s.history.length})`),
    h(
      'ul',
      { class: 'history-list' },
      ...s.history.map((e) =>
        h(
          'li',
          {},
          h('span', {}, `${e.action === 'withdraw' ? 'Withdrawn' : 'Signed off'} by ${e.by}, `, h('time', { datetime: e.at }, when(e.at))),
          e.comment ? h('span', { class: 'muted small', dir: 'auto' }, ` — ${truncate(e.comment, 300)}`) : null,
          e.evidence ? h('span', { class: 'muted small', dir: 'auto' }, ` (${truncate(e.evidence, 200)})`) : null,
        ),
      ),
    ),
  );
}

/**
 * A comment form: a labelled textarea, a submit and a Cancel button. When `required`, an empty comment
 * is refused in place (marked invalid, `requiredMessage` in the status line, focus kept). Written
 * without anything checklist-specific, so the review panels' forms can share it later.
 */
export type CommentFormOptions = {
  label: string;
  required: boolean;
  requiredMessage: string;
  submitLabel: string;
  danger: boolean;
  /** data-focus keys of the textarea and the submit button, so focus survives a re-render. */
  focusKey: string;
  maxLength: number;
  onSubmit: (text: string) => Promise<void>;
  onCancel: () => void;
};

export function commentForm(o: CommentFormOptions): HTMLFormElement {
  const id = uid('comment');
  const input = h('textarea', { id, rows: 2, dir: 'auto', maxlength: o.maxLength, 'data-focus': `${o.focusKey}-text` }) as HTMLTextAreaElement;
  const form = h(
    'form',
    { class: 'so-form', novalidate: true },
    h('label', { for: id }, o.label),
    input,
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', class: o.danger ? 'primary danger' : 'primary', 'data-focus': `${o.focusKey}-submit` }, o.submitLabel),
      h('button', { type: 'button', class: 'secondary', onclick: o.onCancel }, 'Cancel'),
    ),
  ) as HTMLFormElement;
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const text = input.value.trim();
    if (o.required && text === '') {
      input.setAttribute('aria-invalid', 'true');
      setStatus(o.requiredMessage, 'error');
      input.focus();
      return;
    }
    input.removeAttribute('aria-invalid');
    void o.onSubmit(text);
  });
  return form;
}

function signOffForm(s: TaskSignOffState, kind: 'sign' | 'withdraw'): HTMLElement {
  const sign = kind === 'sign';
  return commentForm({
    label: sign ? 'Comment (optional)' : 'Reason (required)',
    required: !sign,
    requiredMessage: 'Give a reason for withdrawing the sign-off.',
    submitLabel: sign ? 'Record sign-off' : 'Withdraw sign-off',
    danger: !sign,
    focusKey: `so-${s.id}`,
    maxLength: 1000,
    onCancel: () => {
      openForm = null;
      render();
    },
    onSubmit: async (text) => {
      const v = sign
        ? await work('Recording the sign-off…', () => server.signOffTask(text ? { taskId: s.id, comment: text } : { taskId: s.id }))
        : await work('Withdrawing the sign-off…', () => server.withdrawSignOff({ taskId: s.id, reason: text }));
      if (!v) return;
      openForm = null;
      show(v);
      setStatus(sign ? `Signed off "${truncate(s.task, 60)}".` : `Withdrew the sign-off of "${truncate(s.task, 60)}".`, 'success');
      root.querySelector<HTMLElement>(`[data-focus="so-${s.id}"]`)?.focus();
    },
  });
}

function signOffItem(s: TaskSignOffState, v: ChecklistView): HTMLElement {
  const signed = s.signedOff;
  const formOpen = openForm && openForm.taskId === s.id ? openForm.kind : null;
  const toggle = (kind: 'sign' | 'withdraw') => () => {
    openForm = { taskId: s.id, kind };
    render();
    root.querySelector<HTMLElement>(`[data-focus="so-${s.id}-text"]`)?.focus();
  };
  return h(
    'li',
    { class: `so-item${signed ? ' signed' : ''}`, 'data-task-id': s.id },
    h(
      'button',
      { type: 'button', class: 'task-link', onclick: () => void selectTask(s.row) },
      h('span', { class: 'task-name', dir: 'auto' }, truncate(s.task, 160)),
      h('span', { class: 'muted small' }, `Row ${s.row ?? '?'} · ${s.status ?? 'unknown status'}`),
    ),
    h(
      'p',
      { class: 'so-record' },
      signed ? icon('✔', 'icon ok') : icon('○'),
      signed
        ? h('span', {}, `Signed off by ${signed.by}, `, h('time', { datetime: signed.at }, when(signed.at)), signed.comment ? h('span', { dir: 'auto' }, ` — ${truncate(signed.comment, 300)}`) : null)
        : h('span', {}, 'Not signed off'),
    ),
    s.moved
      ? h('p', { class: 'so-moved muted small', dir: 'auto' }, `A sign-off by ${s.moved.by} recorded under Task ID ${s.id} was given for "${truncate(s.moved.task, 120)}", not this task, so it does not count here (the ID was edited or rows were inserted).`)
      : null,
    formOpen
      ? signOffForm(s, formOpen)
      : h(
          'div',
          { class: 'actions' },
          signed
            ? h('button', { type: 'button', class: 'secondary small danger', 'data-focus': `so-${s.id}`, onclick: toggle('withdraw') }, 'Withdraw…')
            : h('button', { type: 'button', class: v.isApprover ? 'primary small' : 'secondary small', 'data-focus': `so-${s.id}`, onclick: toggle('sign') }, 'Sign off…'),
        ),
    historyList(s),
  );
}

function signOffSection(v: ChecklistView): HTMLElement {
  return h(
    'section',
    { class: 'block', 'aria-labelledby': 'signoffs-heading' },
    h('h3', { id: 'signoffs-heading' }, 'Sign-offs'),
    h(
      'p',
      { class: 'muted small' },
      v.isApprover
        ? 'You are an approver: your sign-off is recorded with your account and the time, and mirrored into the tab.'
        : `Only approvers named in Settings can sign off; ${v.me ?? 'you'} ${v.me ? 'is' : 'are'} not one, so Mapspec will refuse. Typing a name into "Signed off by" does not sign off.`,
      ' ',
      v.isApprover ? null : h('button', { type: 'button', class: 'link', onclick: () => views.showSettings({ focus: true }) }, 'Approvers'),
    ),
    v.signOffs.length ? h('ul', { class: 'so-list' }, ...v.signOffs.map((s) => signOffItem(s, v))) : h('p', { class: 'muted' }, 'No task requires sign-off (mark "Sign-off required" Yes on a task).'),
  );
}

// ---------------------------------------------------------------- export

function exportSection(): HTMLElement {
  const out = exported;
  let box: HTMLTextAreaElement | null = null;
  if (out) {
    box = h('textarea', { id: 'checklist-export', rows: 8, readonly: true, dir: 'auto', spellcheck: 'false' }) as HTMLTextAreaElement;
    box.value = out.markdown;
  }
  const copy = () => {
    if (!box) return;
    box.select();
    const done = (ok: boolean) => setStatus(ok ? 'Copied the Markdown.' : 'Select the text and copy it (Ctrl+C).', ok ? 'success' : 'info');
    if (navigator.clipboard?.writeText) navigator.clipboard.writeText(box.value).then(() => done(true), () => done(document.execCommand('copy')));
    else done(document.execCommand('copy'));
  };
  const download = () => {
    if (!out) return;
    const url = URL.createObjectURL(new Blob([out.markdown], { type: 'text/markdown' }));
    const a = h('a', { href: url, download: out.fileName });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  return h(
    'section',
    { class: 'block', 'aria-labelledby': 'export-heading' },
    h('h3', { id: 'export-heading' }, 'Markdown'),
    h('p', { class: 'muted small' }, 'Export the checklist as a GitHub task list, to keep the repository README in step with the sheet.'),
    h('div', { class: 'actions' }, h('button', { type: 'button', class: 'secondary', 'data-focus': 'export', onclick: () => void exportMd() }, 'Export Markdown')),
    h('label', { for: 'checklist-readme-file', class: 'small' }, 'Or put it back into the README it came from (only the checklist section changes): '),
    readmeFile(),
    readmePaste(),
    box ? h('label', { for: 'checklist-export', class: 'visually-hidden' }, 'Exported Markdown') : null,
    box,
    box
      ? h(
          'div',
          { class: 'actions' },
          h('button', { type: 'button', class: 'secondary small', onclick: copy }, 'Copy'),
          h('button', { type: 'button', class: 'secondary small', onclick: download }, `Download ${out!.fileName}`),
        )
      : null,
  );
}

/** A README picked here gets the checklist section replaced (one call); the result is shown to copy or download. */
function readmeFile(): HTMLInputElement {
  const file = h('input', { type: 'file', accept: '.md,.markdown,text/markdown,text/plain', id: 'checklist-readme-file', 'data-focus': 'readme-file' }) as HTMLInputElement;
  file.addEventListener('change', () => {
    const f = file.files?.[0];
    if (!f) return;
    void f.text().then((readme) => exportMd(readme, f.name));
  });
  return file;
}

/** The same with the README pasted (a README open in GitHub's editor is easier to copy than to download). */
function readmePaste(): HTMLElement {
  const box = h('textarea', { id: 'checklist-readme-paste', rows: 4, dir: 'auto', spellcheck: 'false' }) as HTMLTextAreaElement;
  const go = () => {
    if (box.value.trim() === '') {
      setStatus('Paste the whole README first.', 'info');
      box.focus();
      return;
    }
    void exportMd(box.value, 'README.md');
  };
  return h(
    'details',
    { class: 'readme-paste' },
    h('summary', { class: 'small' }, 'Paste the README instead'),
    h('label', { for: 'checklist-readme-paste', class: 'small' }, 'The whole README'),
    box,
    h('div', { class: 'actions' }, h('button', { type: 'button', class: 'secondary small', onclick: go }, 'Put the checklist back into it')),
  );
}

async function exportMd(readme?: string, readmeName?: string): Promise<void> {
  const out = await work(readme ? `Putting the checklist into ${readmeName ?? 'the README'}…` : 'Exporting the checklist…', () => server.exportChecklistMarkdown(readme ? { readme } : {}));
  if (!out) return;
  exported = readme ? { markdown: out.markdown, fileName: readmeName ?? out.fileName } : out;
  render();
  const tasks = plural(out.markdown.split(/\r?\n/).filter((l) => /^\s*[-*+•]\s+\[[ xX]\]/.test(l)).length, 'task');
  setStatus(readme ? `Replaced the checklist section of ${readmeName ?? 'the README'} (${tasks}); the rest is as it was.` : `Exported ${tasks} as Markdown.`, 'success');
  root.querySelector<HTMLElement>('#checklist-export')?.focus();
}

function focusHeading(): void {
  root.querySelector<HTMLElement>('#checklist-heading')?.focus();
}
