/**
 * The Versions panel. Opening it makes ONE listReviews call (the versions and their reviews): on top, "N unreleased changes since vK"
 * (or what a version is, when there is none); a "Tag a version" form (label proposed by the server,
 * a required note) that makes ONE tagVersion call and redraws from the list it returns; the versions,
 * newest first, with their counts, short hash and integrity (a tampered version says so: ⚠ and the
 * problem); and a diff viewer between two versions or a version and the live sheets (diffVersions),
 * grouped by tab, each changed cell "column: old → new". Every text is set as text (dom.ts).
 * Opening it calls listReviews, which brings the version list with the reviews: the review section
 * (review-panel.ts) sits under the pending bar, and each version shows its review status.
 */
import type { VersionDiff, VersionList, VersionSummary } from '../../src/core/api';
import type { CellChange, RowChange, TabDiff } from '../../src/core/versions/diff';
import { server } from '../client';
import { h, icon, replace, srOnly, uid } from '../dom';
import { count, plural, runTime } from '../format';
import { setStatus, work } from '../status';
import { currentPanel } from '../nav';
import type { ReviewPanel } from '../../src/core/review/api-contract';
import { updateChecks } from './checks-panel';
import { focusAwaitingReview, initReviewSection, renderReviewSection, versionReviewControls } from './review-panel';
import { isClientView, provideReviewHooks, setReviewState } from './review-state';

const LIVE = 'live';
const NOTE_MAX = 2000;
const LABEL_MAX = 200;
/** Cell values longer than this are folded, with a "show all" toggle. */
const FOLD_CELL = 60;
/** Notes longer than this are folded in the list. */
const FOLD_NOTE = 140;

let root: HTMLElement;
let pendingHost: HTMLElement;
let tagForm: HTMLFormElement;
let labelInput: HTMLInputElement;
let noteInput: HTMLTextAreaElement;
let noteCounter: HTMLElement;
let listHost: HTMLElement;
let compareHost: HTMLElement;
let fromSelect: HTMLSelectElement;
let toSelect: HTMLSelectElement;
let diffHost: HTMLElement;
let last: VersionList | null = null;
/** The review section (approval, reviews waiting for the user, requests): see review-panel.ts. */
let reviewHost: HTMLElement;
/** Set when the sidebar opened on a review: focus it once the panel is drawn. */
let focusReviewNext = false;
/** The person typed a label of their own: a refresh must not replace it with the proposal. */
let labelEdited = false;

export function initVersionsPanel(container: HTMLElement): void {
  root = container;
  pendingHost = h('div', { class: 'pending-bar' });

  // --- Tag a version
  const labelId = uid('version-label');
  const noteId = uid('version-note');
  const noteHint = uid('version-note-hint');
  labelInput = h('input', { type: 'text', id: labelId, maxlength: LABEL_MAX, autocomplete: 'off', spellcheck: 'false', dir: 'auto', 'data-focus': 'version-label' }) as HTMLInputElement;
  labelInput.addEventListener('input', () => (labelEdited = true));
  noteInput = h('textarea', {
    id: noteId,
    rows: 3,
    maxlength: NOTE_MAX,
    required: true,
    dir: 'auto',
    'aria-describedby': noteHint,
    placeholder: 'e.g. Change requests 12–18 agreed with the client',
    'data-focus': 'version-note',
  }) as HTMLTextAreaElement;
  noteCounter = h('span', { class: 'counter', 'aria-hidden': 'true' });
  const updateCounter = () => (noteCounter.textContent = `${count(noteInput.value.length)} / ${count(NOTE_MAX)}`);
  noteInput.addEventListener('input', () => {
    updateCounter();
    noteInput.removeAttribute('aria-invalid');
  });
  updateCounter();
  tagForm = h(
    'form',
    { class: 'tag-form block', novalidate: true, 'aria-labelledby': 'tag-heading' },
    h('h2', { id: 'tag-heading' }, 'Tag a version'),
    h('div', { class: 'field label-field' }, h('label', { for: labelId }, 'Label'), labelInput),
    h('div', { class: 'field' }, h('label', { for: noteId }, 'Note'), noteInput),
    h('p', { class: 'muted small note-hint', id: noteHint }, h('span', {}, 'What this batch of changes is (required).'), noteCounter),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', 'data-focus': 'tag-version' }, 'Tag')),
  ) as HTMLFormElement;
  tagForm.addEventListener('submit', (e) => {
    e.preventDefault();
    void tag();
  });

  // --- Compare
  const fromId = uid('diff-from');
  const toId = uid('diff-to');
  fromSelect = h('select', { id: fromId, 'data-focus': 'diff-from' }) as HTMLSelectElement;
  toSelect = h('select', { id: toId, 'data-focus': 'diff-to' }) as HTMLSelectElement;
  diffHost = h('div', { class: 'diff', 'aria-live': 'off' });
  compareHost = h(
    'section',
    { class: 'block compare', 'aria-labelledby': 'compare-heading' },
    h('h2', { id: 'compare-heading' }, 'Compare'),
    h(
      'div',
      { class: 'compare-row' },
      h('div', { class: 'field' }, h('label', { for: fromId }, 'From'), fromSelect),
      h('span', { class: 'arrow', 'aria-hidden': 'true' }, '→'),
      h('div', { class: 'field' }, h('label', { for: toId }, 'To'), toSelect),
    ),
    h('div', { class: 'actions' }, h('button', { type: 'button', class: 'secondary', 'data-focus': 'compare', onclick: () => void compare() }, 'Compare')),
    diffHost,
  );

  listHost = h('section', { class: 'block history', 'aria-labelledby': 'history-heading' });
  reviewHost = h('div', { class: 'review-section' });
  initReviewSection(reviewHost);
  provideReviewHooks({ redraw: renderPanel, diffNodes, showChangesSince: (label) => void changesSince(label) });
  replace(root, pendingHost, reviewHost, tagForm, listHost, compareHost);
  compareHost.hidden = true;
}

/** When the panel last asked the server: the count of unreleased changes is that old. */
let loadedAt = 0;

/** Lists the versions with their reviews (one listReviews call) and redraws the panel. */
export async function loadVersions(): Promise<void> {
  loadedAt = Date.now();
  const panel = await work('Loading versions…', () => server.listReviews({}));
  if (!panel) return;
  renderPanel(panel);
}

/**
 * Edits happen in the sheet, outside the sidebar: when the person comes back to the sidebar with the
 * Versions panel open, "N unreleased changes" is counted again (at most every 5 seconds, nothing
 * typed in the tag form lost: only the list and the count are redrawn).
 */
window.addEventListener('focus', () => {
  if (currentPanel() !== 'versions' || Date.now() - loadedAt < 5000 || document.body.getAttribute('aria-busy') === 'true') return;
  void loadVersions();
});

/** The sidebar opened for a review waiting for this user: show it once the panel has loaded. */
export function openOnReview(): void {
  focusReviewNext = true;
}

/** Redraws from a listReviews answer or a review action's answer. */
function renderPanel(panel: ReviewPanel): void {
  setReviewState(panel.reviews);
  // A client reviews; tagging is the analyst's.
  tagForm.hidden = isClientView();
  render(panel.versions);
  renderReviewSection();
  if (focusReviewNext && focusAwaitingReview()) {
    focusReviewNext = false;
    const first = panel.reviews.forYou[0]!.request;
    setStatus(`${first.label} awaits your review.`);
  }
}

function render(list: VersionList): void {
  last = list;
  // Nothing to review before the first version: the empty state says what a version is.
  reviewHost.hidden = list.versions.length === 0;
  renderPending(list);
  if (!labelEdited || labelInput.value.trim() === '') {
    labelInput.value = list.nextLabel;
    labelEdited = false;
  }
  renderList(list);
  renderCompare(list);
}

function renderPending(list: VersionList): void {
  const none = list.versions.length === 0;
  const changes = list.pending?.total ?? 0;
  const tone = none ? 'empty' : list.pending === null ? 'problem' : changes > 0 ? 'changes' : 'clean';
  replace(
    pendingHost,
    h(
      'div',
      { class: `pending tone-${tone}`, role: 'note' },
      h('span', { class: 'pending-icon', 'aria-hidden': 'true' }, tone === 'empty' ? 'ⓘ' : tone === 'problem' ? '⚠' : tone === 'changes' ? '●' : '✓'),
      h(
        'span',
        { class: 'pending-text' },
        h('strong', { class: 'pending-title' }, none ? 'No versions yet' : list.pendingText),
        none ? h('span', { class: 'pending-more' }, 'A version is a labelled, tamper-evident snapshot of every mapping and value-map tab: what a client signs off and what you can compare against later.') : null,
      ),
      none
        ? null
        : h('button', { type: 'button', class: 'link refresh', 'data-focus': 'versions-refresh', title: 'Count the changes again', 'aria-label': 'Refresh', onclick: () => void loadVersions() }, icon('↻')),
    ),
  );
}

function renderList(list: VersionList): void {
  const items = list.versions.map((v) => versionItem(v));
  replace(
    listHost,
    h('h2', { id: 'history-heading' }, list.versions.length === 0 ? 'Versions' : `Versions (${count(list.versions.length)})`),
    !list.chainOk && list.versions.length > 0 ? h('p', { class: 'tampered', role: 'alert' }, icon('⚠'), ' The version history has been altered: versions marked below cannot be trusted.') : null,
    list.versions.length === 0
      ? h('p', { class: 'empty' }, 'Tag the spec above to start its history.')
      : h('ol', { class: 'version-list', reversed: true }, ...items),
  );
}


function versionItem(v: VersionSummary): HTMLLIElement {
  const c = v.counts;
  const countParts = [
    h('span', { class: 'c-added' }, `+${count(c.added)} added`),
    h('span', { class: 'c-changed' }, `~${count(c.changed)} changed`),
    h('span', { class: 'c-removed' }, `−${count(c.removed)} removed`),
  ];
  return h(
    'li',
    { class: `version${v.tampered ? ' is-tampered' : ''}`, 'data-label': v.label },
    h(
      'div',
      { class: 'version-head' },
      h('strong', { class: 'version-label', dir: 'auto' }, v.label),
      h('code', { class: 'hash', title: `Content hash ${v.contentHash}` }, srOnly('hash '), v.hash),
    ),
    h(
      'div',
      { class: 'version-meta muted small' },
      h('time', { datetime: v.taggedAt }, runTime(v.taggedAt)),
      ' · ',
      h('span', { dir: 'auto' }, v.author === '' ? 'unknown author' : v.author),
    ),
    v.tampered ? h('p', { class: 'tampered', role: 'note' }, icon('⚠'), ' ', h('strong', {}, 'Tampered: '), h('span', { dir: 'auto' }, v.problem ?? 'the stored snapshot no longer matches its hash.')) : null,
    v.note !== '' ? foldedText(v.note, FOLD_NOTE, 'version-note', 'Show more', 'Show less') : null,
    versionReviewControls(v),
    h('div', { class: 'version-foot' }, h('span', { class: 'version-counts small' }, ...countParts), h('button', { type: 'button', class: 'link small', 'data-focus': `since-${v.label}`, onclick: () => void changesSince(v.label), 'aria-label': `Changes since ${v.label}` }, 'Changes since'), h('button', { type: 'button', class: 'link small', 'data-focus': `open-${v.label}`, onclick: () => void openAsTabs(v.label), 'aria-label': `Open ${v.label} as read-only tabs` }, 'Open')),
  );
}

/** A text folded after `max` characters, with a toggle; the whole text when short. */
function foldedText(text: string, max: number, className: string, more: string, less: string): HTMLElement {
  const chars = Array.from(text);
  if (chars.length <= max) return h('p', { class: className, dir: 'auto' }, text);
  const short = `${chars.slice(0, max - 1).join('')}…`;
  const body = h('span', { dir: 'auto' }, short);
  const toggle = h('button', { type: 'button', class: 'link small fold', 'aria-expanded': 'false' }, more);
  toggle.addEventListener('click', () => {
    const open = toggle.getAttribute('aria-expanded') !== 'true';
    toggle.setAttribute('aria-expanded', String(open));
    body.textContent = open ? text : short;
    toggle.textContent = open ? less : more;
  });
  return h('p', { class: className }, body, ' ', toggle);
}

function renderCompare(list: VersionList): void {
  compareHost.hidden = list.versions.length === 0;
  const labels = list.versions.map((v) => v.label);
  const keep = (sel: HTMLSelectElement, options: string[], fallback: string) => {
    const before = sel.value;
    sel.replaceChildren(...options.map((o) => h('option', { value: o }, o === LIVE ? 'Now (live sheets)' : o)));
    sel.value = options.includes(before) ? before : fallback;
  };
  const latest = labels[0] ?? '';
  keep(fromSelect, labels, latest);
  keep(toSelect, [LIVE, ...labels], LIVE);
}

/** Opens the version as read-only tabs beside the live ones (one call). */
async function openAsTabs(label: string): Promise<void> {
  const result = await work(`Opening ${label}…`, () => server.openVersionTabs({ label }));
  if (!result) return;
  setStatus(result.created.length ? `Opened ${result.created.join(', ')} (read-only; delete them when done).` : `${label} has no tabs to open.`, 'success');
}

async function changesSince(label: string): Promise<void> {
  fromSelect.value = label;
  toSelect.value = LIVE;
  await compare();
}

async function compare(): Promise<void> {
  const from = fromSelect.value;
  const to = toSelect.value;
  if (from === '' || to === '') return;
  if (from === to) {
    setStatus('Choose two different versions to compare.', 'error');
    fromSelect.focus();
    return;
  }
  const name = (l: string) => (l === LIVE ? 'now' : l);
  const result = await work(`Comparing ${name(from)} with ${name(to)}…`, () => server.diffVersions({ from, to }));
  if (!result) return;
  renderDiff(result);
  const s = result.diff.summary;
  setStatus(`${name(result.from)} → ${name(result.to)}: ${plural(s.added + s.changed + s.removed, 'row')} differ.`);
  const heading = diffHost.querySelector<HTMLElement>('.diff-heading');
  heading?.focus({ preventScroll: true });
  heading?.scrollIntoView({ block: 'start' });
}

function renderDiff(d: VersionDiff): void {
  replace(diffHost, ...diffNodes(d));
}

/** A diff as nodes, grouped by tab (also the review's read-only diff). */
function diffNodes(d: VersionDiff): Node[] {
  const s = d.diff.summary;
  const toName = d.to === LIVE ? 'Now (live sheets)' : d.to;
  const changedTabs = d.diff.tabs.filter((t) => t.status !== 'unchanged');
  const tabsNote = [
    s.tabsAdded ? plural(s.tabsAdded, 'tab') + ' added' : '',
    s.tabsRemoved ? plural(s.tabsRemoved, 'tab') + ' removed' : '',
    s.tabsRenamed ? plural(s.tabsRenamed, 'tab') + ' renamed' : '',
  ].filter(Boolean);
  return [
    h('h3', { class: 'diff-heading', tabindex: -1 }, h('span', { dir: 'auto' }, d.from), ' → ', h('span', { dir: 'auto' }, toName)),
    h(
      'ul',
      { class: 'diff-counts', 'aria-label': 'Rows by change' },
      h('li', { class: 'dc added' }, h('strong', {}, `+${count(s.added)}`), ' added'),
      h('li', { class: 'dc changed' }, h('strong', {}, `~${count(s.changed)}`), ' changed'),
      h('li', { class: 'dc removed' }, h('strong', {}, `−${count(s.removed)}`), ' removed'),
    ),
    h('p', { class: 'muted small' }, `${plural(s.unchanged, 'row')} unchanged`, s.moved ? ` · ${plural(s.moved, 'row')} moved` : '', tabsNote.length ? ` · ${tabsNote.join(', ')}` : ''),
    changedTabs.length === 0 ? h('div', { class: 'all-clear', role: 'note' }, h('span', { class: 'tick', 'aria-hidden': 'true' }, '✓'), h('strong', {}, 'No differences')) : null,
    ...changedTabs.map((t) => tabSection(t, changedTabs.length <= 3, titleOf(d, t.sheetId))),
    d.rowsOmitted > 0 ? h('p', { class: 'notice' }, `${plural(d.rowsOmitted, 'more row')} not shown.`) : null,
  ].filter((n): n is HTMLElement => n !== null);
}

/** A column as a person reads it ("DESTINATION › Sample"), not the snapshot's "Sample#2". */
type Title = (column: string) => string;

function titleOf(d: VersionDiff, sheetId: number): Title {
  const titles = d.titles?.[String(sheetId)] ?? {};
  return (column) => titles[column] ?? column;
}

function tabSection(t: TabDiff, open: boolean, title: Title): HTMLElement {
  const c = t.counts;
  const status = t.status === 'added' ? 'New tab' : t.status === 'removed' ? 'Tab removed' : null;
  const notes: (string | null)[] = [
    t.renamedFrom !== null ? `Renamed from "${t.renamedFrom}"` : null,
    t.kindChanged ? `Kind: ${t.kindChanged.from} → ${t.kindChanged.to}` : null,
    t.keyColumnChanged ? `Key column: ${title(t.keyColumnChanged.from)} → ${title(t.keyColumnChanged.to)}` : null,
    t.columnsAdded.length ? `Columns added: ${t.columnsAdded.map(title).join(', ')}` : null,
    t.columnsRemoved.length ? `Columns removed: ${t.columnsRemoved.map(title).join(', ')}` : null,
    t.columnsReordered ? 'Columns reordered' : null,
    ...t.duplicateKeys.map((k) => `Key "${k.key}" appears ${k.count} times (${k.side === 'old' ? 'before' : 'now'})`),
  ];
  return h(
    'details',
    { class: 'tab-group diff-tab', open, 'data-sheet-id': t.sheetId },
    h(
      'summary',
      {},
      h('span', { class: 'group-name', dir: 'auto' }, t.name),
      status ? h('span', { class: 'badge kind-value-map' }, status) : null,
      h(
        'span',
        { class: 'group-counts' },
        c.added ? h('span', { class: 'c-added' }, `+${count(c.added)}`, srOnly(' added')) : null,
        c.changed ? h('span', { class: 'c-changed' }, `~${count(c.changed)}`, srOnly(' changed')) : null,
        c.removed ? h('span', { class: 'c-removed' }, `−${count(c.removed)}`, srOnly(' removed')) : null,
      ),
    ),
    h(
      'div',
      { class: 'diff-body' },
      ...notes.filter((n): n is string => n !== null).map((n) => h('p', { class: 'tab-note small', dir: 'auto' }, n)),
      t.rows.length ? h('ul', { class: 'row-changes' }, ...t.rows.map((r) => rowItem(r, title, t.status === 'removed' ? null : t.sheetId, t.name))) : null,
      t.rowsOmitted > 0 ? h('p', { class: 'muted small' }, `${plural(t.rowsOmitted, 'more row')} not shown.`) : null,
      t.moved.length
        ? h(
            'p',
            { class: 'moved small muted' },
            icon('↕'),
            ' Moved (content unchanged): ',
            t.moved.map((m) => `${m.key} (${m.oldPosition} → ${m.newPosition})`).join(', '),
            t.movedOmitted ? ` and ${count(t.movedOmitted)} more` : '',
          )
        : null,
    ),
  );
}

const TYPE_WORD: Record<RowChange['type'], string> = { added: 'Added', removed: 'Removed', changed: 'Changed' };

/** Selects the live row a diff names (by its key), so the person sees it in the sheet. */
async function goToRow(sheetId: number, key: string, tab: string): Promise<void> {
  const r = await work(`Going to ${key}…`, () => server.selectRow({ sheetId, key }), { disable: false });
  if (r) setStatus(`Selected row ${r.a1.split(':')[0]} of "${tab}" (${key}).`);
}

function rowItem(r: RowChange, columnTitle: Title, sheetId: number | null, tab = ''): HTMLLIElement {
  const title = r.entry ? `${r.entry.list}: ${r.entry.source}` : r.key;
  // A removed row is not in the sheet any more; the others link to their row.
  const key =
    sheetId === null || r.type === 'removed'
      ? h('span', { class: 'rc-key', dir: 'auto' }, title)
      : h('button', { type: 'button', class: 'rc-key link', dir: 'auto', title: 'Show this row in the sheet', onclick: () => void goToRow(sheetId, r.key, tab) }, title);
  return h(
    'li',
    { class: `row-change rc-${r.type}`, 'data-key': r.key },
    h(
      'div',
      { class: 'rc-head' },
      h('span', { class: `rc-badge rc-${r.type}` }, TYPE_WORD[r.type]),
      key,
      r.moved ? h('span', { class: 'muted small' }, ` · moved ${r.oldPosition} → ${r.newPosition}`) : null,
    ),
    r.cells.length ? cellList(r, columnTitle) : null,
  );
}

/** Added and removed rows list every cell: after the first few, a "show all" toggle. */
const FOLD_CELLS = 3;

function cellList(r: RowChange, title: Title): HTMLElement {
  const list = h('ul', { class: 'cells' }, ...r.cells.map((c) => cellItem(r.type, c, title)));
  if (r.type === 'changed' || r.cells.length <= FOLD_CELLS + 1) return list;
  const hidden = Array.from(list.children).slice(FOLD_CELLS) as HTMLElement[];
  for (const li of hidden) li.hidden = true;
  const more = `show all ${r.cells.length} cells`;
  const toggle = h('button', { type: 'button', class: 'link small fold', 'aria-expanded': 'false' }, more);
  toggle.addEventListener('click', () => {
    const open = toggle.getAttribute('aria-expanded') !== 'true';
    toggle.setAttribute('aria-expanded', String(open));
    for (const li of hidden) li.hidden = !open;
    toggle.textContent = open ? 'show fewer' : more;
  });
  return h('div', {}, list, toggle);
}

function cellItem(type: RowChange['type'], c: CellChange, title: Title): HTMLLIElement {
  const column = h('span', { class: 'cell-col', dir: 'auto' }, `${title(c.column)}:`);
  if (type === 'added') return h('li', { class: 'cell' }, column, ' ', value(c.new, 'new'));
  if (type === 'removed') return h('li', { class: 'cell' }, column, ' ', value(c.old, 'old'));
  return h(
    'li',
    { class: 'cell' },
    column,
    ' ',
    c.old === '' ? h('span', { class: 'blank' }, '(blank)') : value(c.old, 'old'),
    h('span', { class: 'to', 'aria-label': 'becomes' }, ' → '),
    c.new === '' ? h('span', { class: 'blank' }, '(blank)') : value(c.new, 'new'),
  );
}

/** An old value (struck through) or a new one (bold); long ones folded with "show all". */
function value(text: string, side: 'old' | 'new'): HTMLElement {
  const el = side === 'old' ? h('del', { class: 'old', dir: 'auto' }) : h('strong', { class: 'new', dir: 'auto' });
  const chars = Array.from(text);
  if (chars.length <= FOLD_CELL) {
    el.textContent = text;
    return el;
  }
  const short = `${chars.slice(0, FOLD_CELL - 1).join('')}…`;
  el.textContent = short;
  const toggle = h('button', { type: 'button', class: 'link small fold', 'aria-expanded': 'false' }, 'show all');
  toggle.addEventListener('click', () => {
    const open = toggle.getAttribute('aria-expanded') !== 'true';
    toggle.setAttribute('aria-expanded', String(open));
    el.textContent = open ? text : short;
    toggle.textContent = open ? 'show less' : 'show all';
  });
  return h('span', { class: 'folded' }, el, ' ', toggle);
}

async function tag(): Promise<void> {
  const label = labelInput.value.trim();
  const note = noteInput.value.trim();
  if (note === '') {
    noteInput.setAttribute('aria-invalid', 'true');
    setStatus('Write a note: what this batch of changes is.', 'error');
    noteInput.focus();
    return;
  }
  if (note.length > NOTE_MAX) {
    noteInput.setAttribute('aria-invalid', 'true');
    setStatus(`The note is too long (${count(note.length)} characters; at most ${count(NOTE_MAX)}).`, 'error');
    noteInput.focus();
    return;
  }
  const result = await work(`Tagging ${label === '' ? 'a version' : label}…`, () => server.tagVersion(label === '' ? { note } : { label, note }));
  if (!result) return;
  noteInput.value = '';
  noteInput.dispatchEvent(new Event('input'));
  labelEdited = false;
  diffHost.replaceChildren();
  render(result.list);
  // The tabs were re-coloured from the new version: the Checks panel shows the same.
  if (result.checks) updateChecks(result.checks);
  setStatus(`Tagged ${result.version.label} (${plural(result.version.counts.added + result.version.counts.changed + result.version.counts.removed, 'row change')})${result.checks ? '; the change colours now start from it' : ''}.`, 'success');
}

/** For tests and other panels: the list last shown. */
export function lastVersionList(): VersionList | null {
  return last;
}
