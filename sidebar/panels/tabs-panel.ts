/**
 * The Spec panel's main view: who is signed in, the spreadsheet's tabs (click to show one; a badge
 * for the tabs that are part of the spec), a "Use as…" menu per tab (mapping spec / value map, and
 * "Stop using" with a confirm step for registered tabs), and inserting the template. With no tab in
 * the spec yet it explains Mapspec in two lines and offers the template or the active tab.
 */
import type { RegisteredKind, SidebarState, TabSummary } from '../../src/core/api';
import { server } from '../client';
import { h, replace, uid } from '../dom';
import { count, KIND_BADGE, KIND_NOUN, plural } from '../format';
import { getState, setState } from '../store';
import { setStatus, work } from '../status';
import { views } from '../views';

const DEFAULT_STEPS = 'Case registration';
const MAX_STEPS = 10;
const MAX_STEP_LENGTH = 80;

let root: HTMLElement;
/** The tab whose "Use as…" menu is open, and the one asking "Stop using?". */
let openMenu: number | null = null;
let confirming: number | null = null;
/** What the person typed in the steps box survives re-renders. */
let stepsText = DEFAULT_STEPS;
let moreOpen = false;

export function initTabsPanel(container: HTMLElement): void {
  root = container;
  root.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape' || (openMenu === null && confirming === null)) return;
    const sheetId = confirming ?? openMenu;
    openMenu = null;
    confirming = null;
    render();
    root.querySelector<HTMLElement>(`[data-menu-for="${sheetId}"]`)?.focus();
  });
}

export function renderTabsPanel(): void {
  // The state changed (a tab used, renamed, added): what was found may be stale.
  lookLikeSpec = null;
  render();
}

/** Puts the focus on a tab's button (after adopting it, for instance). */
export function focusTab(sheetId: number): void {
  root.querySelector<HTMLElement>(`.tab[data-sheet-id="${sheetId}"]`)?.focus();
}

function render(): void {
  const state = getState();
  if (!state) return;
  // The list is rebuilt on every state change: keep the keyboard focus on the same control.
  const focusKey = root.contains(document.activeElement) ? (document.activeElement as HTMLElement).dataset.focus : undefined;
  draw(state);
  if (focusKey) root.querySelector<HTMLElement>(`[data-focus="${CSS.escape(focusKey)}"]`)?.focus();
}

function draw(state: SidebarState): void {
  const registered = state.tabs.filter((t) => t.kind !== null);
  const who = state.userEmail ? `Signed in as ${state.userEmail}` : 'Signed in (Google did not share your email with Mapspec)';
  const refresh = h('button', { type: 'button', class: 'link small', 'data-focus': 'refresh', onclick: () => void reload() }, 'Refresh');
  replace(
    root,
    h('div', { class: 'who' }, h('p', { class: 'muted', dir: 'auto' }, who), refresh),
    registered.length === 0 ? intro(state) : null,
    h(
      'section',
      { class: 'block', 'aria-labelledby': 'tabs-heading' },
      h('h2', { id: 'tabs-heading' }, 'Tabs'),
      state.tabs.length === 0
        ? h('p', { class: 'empty' }, 'This spreadsheet has no tabs Mapspec can show.')
        : h('ul', { class: 'tab-list' }, ...state.tabs.map(tabRow)),
    ),
    useAllBlock(state),
    registered.length > 0 ? more() : null,
  );
}

/** What "Find the tabs that look like a spec" found, until the state changes. */
let lookLikeSpec: { sheetId: number; name: string; kind: RegisteredKind }[] | null = null;

/**
 * Every tab that looks like part of a spec, in one step: found first (what each was read as), then
 * all used at once with the detected roles. Shown while some visible tab is not in the spec.
 */
function useAllBlock(state: SidebarState): HTMLElement | null {
  const candidates = state.tabs.filter((t) => t.kind === null && !t.hidden);
  if (candidates.length === 0) return null;
  const find = async () => {
    const r = await work('Reading the tabs…', () => server.adoptAllTabs({ dryRun: true }));
    if (!r) return;
    lookLikeSpec = r.tabs;
    draw(state);
    if (r.tabs.length === 0) setStatus('No other tab has a header Mapspec reads as a mapping spec, data dictionary or value map.', 'info');
    root.querySelector<HTMLElement>('[data-focus="use-all"]')?.focus();
  };
  const useAll = async () => {
    const r = await work(`Using ${plural(lookLikeSpec?.length ?? 0, 'tab')}…`, () => server.adoptAllTabs({ dryRun: false }));
    if (!r) return;
    lookLikeSpec = null;
    if (r.state) setState(r.state);
    setStatus(r.tabs.length ? `Now part of the spec: ${r.tabs.map((t) => `“${t.name}” as a ${KIND_NOUN[t.kind]}`).join(', ')}. Run the checks to see what needs attention.` : 'No tab was left to use.', 'success');
  };
  const found = lookLikeSpec;
  return h(
    'div',
    { class: 'use-all' },
    found === null
      ? h('button', { type: 'button', class: 'secondary wide', 'data-focus': 'find-all', onclick: () => void find() }, 'Find the tabs that look like a spec')
      : found.length === 0
        ? h('p', { class: 'muted small' }, 'No other tab looks like a mapping spec, data dictionary or value map.')
        : h(
            'div',
            {},
            h('p', { class: 'small' }, `${plural(found.length, 'tab')} ${found.length === 1 ? 'looks' : 'look'} like part of a spec:`),
            h('ul', { class: 'plain-list small' }, ...found.map((t) => h('li', { dir: 'auto' }, `${t.name} — ${KIND_NOUN[t.kind]}`))),
            h('button', { type: 'button', class: 'primary wide', 'data-focus': 'use-all', onclick: () => void useAll() }, found.length === 1 ? 'Use this tab' : `Use all ${found.length} tabs`),
          ),
  );
}

/** With tabs in the spec already, the template (more workflow steps) is one click away. */
function more(): HTMLElement {
  const details = h('details', { class: 'block more', open: moreOpen }, h('summary', {}, 'Insert the mapping template'), insertForm());
  details.addEventListener('toggle', () => (moreOpen = details.open));
  return details;
}

/** The empty state: what Mapspec does, and the two ways to start. */
function intro(state: SidebarState): HTMLElement {
  const active = state.tabs.find((t) => t.active);
  return h(
    'section',
    { class: 'intro block', 'aria-labelledby': 'intro-heading' },
    h('h2', { id: 'intro-heading' }, 'Get started'),
    h('p', {}, 'Mapspec checks every row of your mapping spec — source and destination fields, types, rules and value maps — and colour-codes what needs attention.'),
    h('p', { class: 'muted' }, 'Start from the template, or use a tab you already have.'),
    insertForm(),
    h('div', { class: 'or' }, h('span', {}, 'or')),
    h(
      'button',
      { type: 'button', class: 'secondary wide', 'data-focus': 'use-active', onclick: () => useActiveTab() },
      'Use the active tab',
    ),
    active ? null : h('p', { class: 'muted small' }, 'Select the tab in the sheet first.'),
  );
}

function insertForm(): HTMLElement {
  const id = uid('steps');
  const hintId = uid('steps-hint');
  const steps = h('textarea', { id, rows: 3, dir: 'auto', spellcheck: 'false', 'aria-describedby': hintId, 'data-focus': 'steps' }) as HTMLTextAreaElement;
  steps.value = stepsText;
  steps.addEventListener('input', () => (stepsText = steps.value));
  const form = h(
    'form',
    { class: 'insert-form' },
    h('label', { for: id }, 'Workflow steps'),
    steps,
    h('p', { id: hintId, class: 'muted small' }, `One per line (up to ${MAX_STEPS}). Each step gets its own mapping tab.`),
    h('button', { type: 'submit', class: 'primary wide', 'data-focus': 'insert' }, 'Insert the mapping template'),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void insertTemplate(steps);
  });
  return form;
}

function parseSteps(text: string): { steps: string[] } | { problem: string } {
  const steps = text
    .split(/\r?\n/)
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter((s) => s !== '');
  if (steps.length > MAX_STEPS) return { problem: `Up to ${MAX_STEPS} workflow steps at a time, please (you typed ${steps.length}).` };
  const long = steps.find((s) => Array.from(s).length > MAX_STEP_LENGTH);
  if (long) return { problem: `A step name can be up to ${MAX_STEP_LENGTH} characters; shorten "${long.slice(0, 30)}…".` };
  return { steps };
}

async function insertTemplate(input: HTMLTextAreaElement): Promise<void> {
  const parsed = parseSteps(input.value);
  if ('problem' in parsed) {
    setStatus(parsed.problem, 'error');
    input.focus();
    return;
  }
  const result = await work('Inserting template…', () => server.insertTemplate(parsed.steps.length ? { steps: parsed.steps } : {}));
  if (!result) return;
  stepsText = DEFAULT_STEPS;
  setState(result.state);
  views.showTabs();
  const kept = result.kept.length ? ` Your tabs were used, not doubled: ${result.kept.join('; ')}.` : '';
  setStatus(`${result.created.length ? `Inserted ${plural(result.created.length, 'tab')}: ${result.created.join(', ')}.` : 'The template is in place.'}${kept}`, 'success');
  const first = result.state.tabs.find((t) => t.name === result.created.find((n) => result.state.tabs.some((s) => s.name === n && s.kind === 'mapping')));
  if (first) focusTab(first.sheetId);
}

function useActiveTab(): void {
  // The person may have switched tabs in the sheet since the sidebar loaded: the server looks at the active one.
  views.showAdopt(null, null);
}

async function reload(): Promise<void> {
  const state = await work('Loading…', () => server.getSidebarState({}));
  if (!state) return;
  setState(state);
  setStatus('');
}

function meta(tab: TabSummary): string {
  if (tab.hidden) return 'hidden';
  if (tab.lastRow === 0) return 'empty';
  return `${count(tab.lastRow)} ${tab.lastRow === 1 ? 'row' : 'rows'}`;
}

function tabRow(tab: TabSummary): HTMLLIElement {
  const nameId = uid('tab-name');
  const button = h(
    'button',
    {
      type: 'button',
      class: 'tab',
      'data-sheet-id': tab.sheetId,
      'data-focus': `tab-${tab.sheetId}`,
      'aria-current': tab.active ? 'true' : 'false',
      disabled: tab.hidden,
      title: tab.hidden ? 'Hidden tab: show it from the sheet first' : null,
      onclick: () => void activate(tab),
    },
    h('span', { class: 'name', id: nameId, dir: 'auto' }, tab.name),
    h(
      'span',
      { class: 'meta' },
      tab.kind ? h('span', { class: `badge kind-${tab.kind}` }, KIND_BADGE[tab.kind]) : null,
      h('span', {}, meta(tab)),
    ),
  );
  const menuOpen = openMenu === tab.sheetId;
  const menuId = uid('use-as');
  const toggle = h(
    'button',
    {
      type: 'button',
      class: 'link small row-action',
      'aria-expanded': String(menuOpen),
      'aria-controls': menuId,
      'aria-describedby': nameId,
      'data-menu-for': tab.sheetId,
      'data-focus': `use-${tab.sheetId}`,
      onclick: () => {
        openMenu = menuOpen ? null : tab.sheetId;
        confirming = null;
        render();
        const again = root.querySelector<HTMLElement>(openMenu === null ? `[data-menu-for="${tab.sheetId}"]` : `#${CSS.escape(menuId)} button`);
        again?.focus();
      },
    },
    'Use as…',
  );
  const li = h('li', { class: `tab-row${tab.kind ? ' registered' : ''}` }, h('div', { class: 'tab-line' }, button, toggle));
  if (menuOpen) li.append(useAsMenu(tab, menuId));
  if (confirming === tab.sheetId) li.append(confirmStop(tab));
  return li;
}

function useAsMenu(tab: TabSummary, id: string): HTMLElement {
  const use = (kind: RegisteredKind, label: string) =>
    h(
      'button',
      {
        type: 'button',
        class: `secondary small${tab.kind === kind ? ' current' : ''}`,
        'aria-current': tab.kind === kind ? 'true' : null,
        onclick: () => {
          openMenu = null;
          views.showAdopt(tab.sheetId, kind);
        },
      },
      label,
    );
  return h(
    'div',
    { class: 'row-menu', id, role: 'group', 'aria-label': `Use ${tab.name} as` },
    // As detected first: a data dictionary is not pre-set to a mapping spec; every kind after it.
    h(
      'button',
      {
        type: 'button',
        class: 'secondary small',
        onclick: () => {
          openMenu = null;
          views.showAdopt(tab.sheetId, null);
        },
      },
      tab.kind ? 'Review its columns…' : 'As Mapspec reads it…',
    ),
    use('mapping', 'Mapping spec'),
    use('dictionary', 'Data dictionary'),
    use('value-map', 'Value map'),
    tab.kind
      ? h(
          'button',
          {
            type: 'button',
            class: 'secondary small danger',
            onclick: () => {
              openMenu = null;
              confirming = tab.sheetId;
              render();
              root.querySelector<HTMLElement>('.confirm .danger')?.focus();
            },
          },
          'Stop using',
        )
      : null,
  );
}

function confirmStop(tab: TabSummary): HTMLElement {
  const textId = uid('confirm');
  return h(
    'div',
    { class: 'confirm', role: 'group', 'aria-labelledby': textId },
    h(
      'p',
      { id: textId },
      'Stop checking ',
      h('strong', { dir: 'auto' }, `“${tab.name}”`),
      ` as a ${KIND_NOUN[tab.kind ?? 'none']}? Mapspec puts back the cell colours it changed there. The cells themselves stay as they are.`,
    ),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'button', class: 'primary small danger', onclick: () => void stopUsing(tab) }, 'Stop using'),
      h(
        'button',
        {
          type: 'button',
          class: 'secondary small',
          onclick: () => {
            confirming = null;
            render();
            root.querySelector<HTMLElement>(`[data-menu-for="${tab.sheetId}"]`)?.focus();
          },
        },
        'Keep it',
      ),
    ),
  );
}

async function stopUsing(tab: TabSummary): Promise<void> {
  const state = await work(`Stopping checks on ${tab.name}…`, () => server.unregisterTab({ sheetId: tab.sheetId }));
  if (!state) return;
  confirming = null;
  setState(state);
  setStatus(`“${tab.name}” is no longer part of the spec.`, 'success');
  focusTab(tab.sheetId);
}

function markActive(sheetId: number): void {
  const state = getState();
  if (state) setState({ ...state, tabs: state.tabs.map((t) => ({ ...t, active: t.sheetId === sheetId })) });
}

async function activate(tab: TabSummary): Promise<void> {
  const result = await work(`Opening ${tab.name}…`, () => server.activateTab({ sheetId: tab.sheetId }), { disable: false });
  if (!result) return;
  markActive(tab.sheetId);
  focusTab(tab.sheetId);
  setStatus(`Showing ${result.name}.`);
}
