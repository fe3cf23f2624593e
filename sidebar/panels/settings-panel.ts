/**
 * The Settings panel: blank markers (one per line; "" is always blank and is not shown), the four
 * colours Mapspec paints with (each with its meaning from the colour key), and whether cells that
 * fail a check are tinted. Save sends everything in ONE saveSettings call and the whole sidebar is
 * redrawn from the state it returns (the Checks panel's colour key shows the new colours at once);
 * the sheet itself is repainted by the next check run, one click away. "Reset to defaults" only
 * fills the form. The form is drawn from state.settings and keeps unsaved edits across redraws
 * caused by other panels, until the saved settings themselves change. Below the form, the spec's
 * own words adopted from the Checks panel, each with Forget.
 */
import type { LegendEntry, SettingsView, SidebarState } from '../../src/core/api';
import { DEFAULT_COLOURS } from '../../src/core/mapping/colours';
import { DEFAULT_SETTINGS } from '../../src/core/mapping/settings';
import { server } from '../client';
import { h, icon, replace, uid } from '../dom';
import { truncate } from '../format';
import { getState, setState } from '../store';
import { setStatus, work } from '../status';
import { views } from '../views';
import { approversSection, renderApprovers } from './approvers-section';
import { mountNotificationsSection } from './notifications-section';

type ColourKey = keyof SettingsView['colours'];
/** What this form edits; type synonyms and severities are kept as saved (no form yet). */
type FormValues = Pick<SettingsView, 'blankMarkers' | 'colours' | 'errorTint'>;
type Form = { markers: HTMLTextAreaElement; colours: Record<ColourKey, HTMLInputElement>; errorTint: HTMLInputElement };

/** The server's limits (src/core/api.ts): 50 markers of up to 40 characters, "" being one of them. */
const MAX_MARKERS = 49;
const MAX_MARKER_LENGTH = 40;
const HEX = /^#[0-9a-f]{6}$/i;

const COLOURS: { key: ColourKey; label: string; fallback: string }[] = [
  { key: 'needsDiscussion', label: 'Needs discussion', fallback: 'Rows whose status is "Needs discussion".' },
  { key: 'newRow', label: 'New', fallback: 'Rows whose status is "New".' },
  { key: 'changed', label: 'Changed', fallback: 'Cells changed since the last version.' },
  { key: 'error', label: 'Check failed', fallback: 'Cells that fail a check, while tinting is on.' },
];

export const DEFAULT_VIEW: FormValues = {
  blankMarkers: [...DEFAULT_SETTINGS.blankMarkers],
  colours: { needsDiscussion: DEFAULT_COLOURS.needsDiscussion, newRow: DEFAULT_COLOURS.newRow, changed: DEFAULT_COLOURS.changed, error: DEFAULT_COLOURS.error },
  errorTint: DEFAULT_COLOURS.errorTint,
};

let root: HTMLElement;
let form: Form | null = null;
/** The saved settings the form was drawn from (JSON): a redraw with the same ones keeps the edits. */
let drawnFrom = '';
/** After a save: offer to run the checks, which repaint the sheet. */
let offerRun = false;

export function initSettingsPanel(container: HTMLElement): void {
  root = container.appendChild(h('div'));
  mountNotificationsSection(container.appendChild(h('div')));
}

/** The state changed: redraw when the saved settings differ from those the form shows. */
export function renderSettingsPanel(): void {
  const state = getState();
  if (!state) return;
  renderApprovers(state);
  const key = JSON.stringify(state.settings);
  if (form && key === drawnFrom) return;
  const focusKey = root.contains(document.activeElement) ? (document.activeElement as HTMLElement).dataset.focus : undefined;
  draw(state);
  drawnFrom = key;
  if (focusKey) root.querySelector<HTMLElement>(`[data-focus="${CSS.escape(focusKey)}"]`)?.focus();
}

/** Puts the focus on the panel's heading (when another panel sent the person here). */
export function focusSettings(): void {
  root.querySelector<HTMLElement>('#settings-heading')?.focus();
}

/** A colour an <input type="color"> can show: #rrggbb (lower case); #rgb is expanded; else null. */
function colourValue(colour: string): string | null {
  const c = colour.trim().toLowerCase();
  if (HEX.test(c)) return c;
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(c);
  return short ? `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}` : null;
}

function markersText(markers: readonly string[]): string {
  return markers.filter((m) => m.trim() !== '').join('\n');
}

function draw(state: SidebarState): void {
  const s = state.settings;
  const meaning = new Map<string, LegendEntry>(state.legend.map((e) => [e.key, e]));

  // --- blank markers
  const markersHeading = uid('markers-heading');
  const markersHint = uid('markers-hint');
  const markers = h('textarea', {
    rows: 4,
    'aria-labelledby': markersHeading,
    dir: 'auto',
    spellcheck: 'false',
    autocomplete: 'off',
    'aria-describedby': markersHint,
    'data-focus': 'markers',
  }) as HTMLTextAreaElement;
  markers.value = markersText(s.blankMarkers);

  // --- colours
  const inputs = {} as Record<ColourKey, HTMLInputElement>;
  const rows = COLOURS.map(({ key, label, fallback }) => {
    const id = uid(`colour-${key}`);
    const meaningId = uid('meaning');
    const value = colourValue(s.colours[key]) ?? DEFAULT_VIEW.colours[key];
    const input = h('input', { type: 'color', id, value, 'aria-describedby': meaningId, 'data-key': key, 'data-focus': `colour-${key}` }) as HTMLInputElement;
    inputs[key] = input;
    const hex = h('span', { class: 'hex', 'aria-hidden': 'true' }, value);
    input.addEventListener('input', () => (hex.textContent = input.value));
    const entry = meaning.get(key);
    return h(
      'li',
      { class: 'colour-row', 'data-key': key },
      input,
      h(
        'span',
        { class: 'colour-text' },
        h('span', { class: 'colour-name' }, h('label', { for: id, class: 'legend-label', dir: 'auto' }, entry?.label ?? label), hex),
        h('span', { class: 'legend-meaning', id: meaningId, dir: 'auto' }, truncate(entry?.meaning ?? fallback, 300)),
      ),
    );
  });
  const tintId = uid('tint');
  const errorTint = h('input', { type: 'checkbox', id: tintId, checked: s.errorTint, 'data-focus': 'tint' }) as HTMLInputElement;
  const errorRow = rows[rows.length - 1]!;
  const showTint = () => errorRow.classList.toggle('off', !errorTint.checked);
  errorTint.addEventListener('change', showTint);
  showTint();

  form = { markers, colours: inputs, errorTint };
  const unsaved = h('p', { class: 'muted small unsaved', role: 'note', hidden: true }, 'Unsaved changes');
  const mine = form;
  const markDirty = () => {
    unsaved.hidden = !dirty(mine, state.settings);
    if (offerRun && !unsaved.hidden) {
      offerRun = false;
      root.querySelector('.next-step')?.remove();
    }
  };

  const el = h(
    'form',
    { class: 'settings-form', novalidate: true },
    h('h2', { id: 'settings-heading', class: 'visually-hidden', tabindex: -1 }, 'Settings'),
    h(
      'section',
      { class: 'block' },
      h('h2', { id: markersHeading }, 'Blank markers'),
      markers,
      h('p', { id: markersHint, class: 'muted small' }, 'One per line. Cells holding only these count as empty, e.g. NA, N/A, -.'),
    ),
    h(
      'section',
      { class: 'block', 'aria-labelledby': 'colours-heading' },
      h('h2', { id: 'colours-heading' }, 'Colours'),
      h('ul', { class: 'colour-list' }, ...rows),
      h('div', { class: 'field check tint' }, errorTint, h('label', { for: tintId }, 'Tint cells that fail a check (with a note)')),
    ),
    h(
      'div',
      { class: 'actions settings-actions' },
      h('button', { type: 'submit', class: 'primary', 'data-focus': 'save' }, 'Save'),
      h('button', { type: 'button', class: 'secondary', 'data-focus': 'reset', onclick: () => resetToDefaults(mine, markDirty) }, 'Reset to defaults'),
    ),
    unsaved,
    offerRun ? nextStep() : null,
  );
  el.addEventListener('input', markDirty);
  el.addEventListener('change', markDirty);
  el.addEventListener('submit', (e) => {
    e.preventDefault();
    void save(mine);
  });
  replace(root, el, ownWordsSaved(state), approversSection());
}

/**
 * The spec's own words adopted so far ("Added" → Agreed), each with Forget: a word adopted by
 * mistake becomes unknown again (one saveSettings call), and the next check reports it.
 */
function ownWordsSaved(state: SidebarState): HTMLElement | null {
  const { statusSynonyms, typeSynonyms } = state.settings;
  const words = [
    ...Object.entries(statusSynonyms).map(([word, to]) => ({ kind: 'status' as const, word, to })),
    ...Object.entries(typeSynonyms).map(([word, to]) => ({ kind: 'type' as const, word, to })),
  ];
  if (words.length === 0) return null;
  const forget = async (kind: 'status' | 'type', word: string) => {
    const rest = (m: Record<string, string>) => Object.fromEntries(Object.entries(m).filter(([w]) => w !== word));
    const next = await work(`Forgetting “${truncate(word, 40)}”…`, () =>
      server.saveSettings(kind === 'status' ? { statusSynonyms: rest(statusSynonyms) } : { typeSynonyms: rest(typeSynonyms) }),
    );
    if (!next) return;
    form = null;
    setState(next);
    setStatus(`“${truncate(word, 40)}” is no longer a known ${kind} word. Run the checks to see where it is used.`, 'success');
  };
  return h(
    'section',
    { class: 'block own-words-saved', 'aria-labelledby': 'own-words-heading' },
    h('h2', { id: 'own-words-heading' }, "This spec's own words"),
    h('p', { class: 'muted small' }, 'Words adopted from the Checks panel, and what they are taken to mean.'),
    h(
      'ul',
      { class: 'own-word-list' },
      ...words.map((w) =>
        h(
          'li',
          {},
          h('span', { dir: 'auto' }, `“${truncate(w.word, 60)}”`),
          h('span', { class: 'muted' }, ` ${w.kind === 'status' ? 'status' : 'type'} → ${w.to} `),
          h('button', { type: 'button', class: 'link', 'aria-label': `Forget “${truncate(w.word, 60)}”`, onclick: () => void forget(w.kind, w.word) }, 'Forget'),
        ),
      ),
    ),
  );
}

/** After a save: the sheet shows the new colours once the checks run. */
function nextStep(): HTMLElement {
  return h(
    'div',
    { class: 'next-step', role: 'group', 'aria-label': 'Next step' },
    h('p', {}, 'The sheet takes the new settings at the next check run.'),
    h(
      'button',
      {
        type: 'button',
        class: 'primary',
        'data-focus': 'run-now',
        onclick: () => {
          offerRun = false;
          root.querySelector('.next-step')?.remove();
          views.showChecks({ run: true, focus: true });
        },
      },
      icon('↻'),
      ' Run checks now',
    ),
  );
}

function values(f: Form): FormValues | { problem: string; focus: HTMLElement } {
  const seen = new Set<string>();
  const markers: string[] = [''];
  for (const line of f.markers.value.split(/\r?\n/)) {
    const m = line.replace(/\s+/g, ' ').trim();
    const key = m.toLowerCase();
    if (m === '' || seen.has(key)) continue;
    if (m.length > MAX_MARKER_LENGTH) return { problem: `A blank marker can be up to ${MAX_MARKER_LENGTH} characters; shorten “${truncate(m, 24)}”.`, focus: f.markers };
    seen.add(key);
    markers.push(m);
  }
  if (markers.length - 1 > MAX_MARKERS) return { problem: `Up to ${MAX_MARKERS} blank markers, please (there are ${markers.length - 1}).`, focus: f.markers };
  const colours = {} as SettingsView['colours'];
  for (const { key, label } of COLOURS) {
    const v = f.colours[key].value.toLowerCase();
    if (!HEX.test(v)) return { problem: `Choose a colour for “${label}”.`, focus: f.colours[key] };
    colours[key] = v;
  }
  return { blankMarkers: markers, colours, errorTint: f.errorTint.checked };
}

function dirty(f: Form, saved: SettingsView): boolean {
  const v = values(f);
  if ('problem' in v) return true;
  const norm = (s: FormValues) =>
    JSON.stringify({
      m: s.blankMarkers.map((m) => m.trim().toLowerCase()).filter((m) => m !== ''),
      c: COLOURS.map(({ key }) => (colourValue(s.colours[key]) ?? s.colours[key]).toLowerCase()),
      t: s.errorTint,
    });
  return norm(v) !== norm(saved);
}

function resetToDefaults(f: Form, after: () => void): void {
  f.markers.value = markersText(DEFAULT_VIEW.blankMarkers);
  for (const { key } of COLOURS) {
    f.colours[key].value = DEFAULT_VIEW.colours[key];
    f.colours[key].dispatchEvent(new Event('input', { bubbles: true }));
  }
  f.errorTint.checked = DEFAULT_VIEW.errorTint;
  f.errorTint.dispatchEvent(new Event('change', { bubbles: true }));
  after();
  setStatus('Defaults filled in. Save to use them.');
}

async function save(f: Form): Promise<void> {
  const v = values(f);
  if ('problem' in v) {
    setStatus(v.problem, 'error');
    v.focus.focus();
    return;
  }
  const state = await work('Saving the settings…', () => server.saveSettings({ blankMarkers: v.blankMarkers, colours: v.colours, errorTint: v.errorTint }));
  if (!state) return;
  offerRun = true;
  // Redraw every panel from what the server saved (this form included: its settings changed).
  form = null;
  setState(state);
  setStatus('Settings saved. Run the checks to repaint.', 'success');
  // The next step, in view and focused: Enter runs the checks.
  root.querySelector('.next-step')?.scrollIntoView({ block: 'nearest' });
  root.querySelector<HTMLElement>('[data-focus="run-now"]')?.focus({ preventScroll: true });
}
