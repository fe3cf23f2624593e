/**
 * "This spec's own words", above the findings of the Checks panel: the status and type words the
 * tabs use that Mapspec does not know yet ("Added", "Do not create concept", "Freetext"), each with
 * a dropdown of what it means, pre-set to Mapspec's guess, and one button that saves them all and
 * checks again (adoptOwnWords: one server call). A word left at "Not sure yet" stays a finding.
 */
import type { CheckResult } from '../../src/core/api';
import type { OwnWord } from '../../src/core/mapping/own-words';
import { CANONICAL_TYPES } from '../../src/core/mapping/types';
import { h, uid } from '../dom';
import { plural } from '../format';

export type OwnWordChoices = { statuses: Record<string, string>; types: Record<string, string> };

function where(w: OwnWord): string {
  const tabs = w.tabs.length <= 2 ? w.tabs.join(', ') : `${w.tabs.slice(0, 2).join(', ')} and ${plural(w.tabs.length - 2, 'more tab')}`;
  return `${plural(w.rows, 'row')} in ${tabs}`;
}

function wordRow(w: OwnWord, options: readonly { value: string; label: string }[]): { row: HTMLElement; select: HTMLSelectElement } {
  const id = uid('own-word');
  const select = h(
    'select',
    { id, 'data-kind': w.kind, 'data-word': w.word },
    h('option', { value: '' }, 'Not sure yet'),
    ...options.map((o) => h('option', { value: o.value, selected: o.value === w.suggestion }, o.label)),
  );
  const row = h(
    'div',
    { class: 'own-word' },
    h('label', { for: id }, h('strong', { dir: 'auto' }, `“${w.word}”`), h('span', { class: 'muted small' }, ` ${where(w)}`)),
    select,
  );
  return { row, select };
}

/** The section, or null when every word is known. `adopt` gets the chosen meanings (at least one). */
export function ownWordsSection(r: CheckResult, adopt: (choices: OwnWordChoices) => void): HTMLElement | null {
  if (r.ownWords.length === 0) return null;
  const statuses = r.ownWords.filter((w) => w.kind === 'status');
  const types = r.ownWords.filter((w) => w.kind === 'type');
  const statusOptions = r.statusValues.map((s) => ({ value: s, label: s }));
  const typeOptions = CANONICAL_TYPES.map((t) => ({ value: t.type, label: `${t.type} — ${t.description}` }));
  const selects: HTMLSelectElement[] = [];
  const group = (legend: string, words: readonly OwnWord[], options: readonly { value: string; label: string }[]) => {
    if (words.length === 0) return null;
    const rows = words.map((w) => wordRow(w, options));
    selects.push(...rows.map((x) => x.select));
    return h('fieldset', {}, h('legend', {}, legend), ...rows.map((x) => x.row));
  };
  const headingId = uid('own-words');
  const button = h('button', { type: 'button', class: 'primary', id: 'adopt-own-words' }, 'Use these meanings and check again');
  const chosen = (): OwnWordChoices => {
    const out: OwnWordChoices = { statuses: {}, types: {} };
    for (const s of selects) {
      if (s.value === '') continue;
      (s.dataset.kind === 'status' ? out.statuses : out.types)[s.dataset.word!] = s.value;
    }
    return out;
  };
  const sync = () => {
    const c = chosen();
    button.disabled = Object.keys(c.statuses).length + Object.keys(c.types).length === 0;
  };
  button.addEventListener('click', () => {
    const c = chosen();
    if (Object.keys(c.statuses).length + Object.keys(c.types).length > 0) adopt(c);
  });
  const section = h(
    'section',
    { class: 'own-words', 'aria-labelledby': headingId },
    h('h3', { id: headingId }, "This spec's own words"),
    h(
      'p',
      { class: 'muted small' },
      `Your tabs use ${[statuses.length ? plural(statuses.length, 'status', 'statuses') : '', types.length ? plural(types.length, 'type word') : ''].filter(Boolean).join(' and ')} Mapspec does not know. Say what each means and they stop being findings; the meanings are saved with the spec's settings.`,
    ),
    group('Treat these statuses as…', statuses, statusOptions),
    group('Treat these type words as…', types, typeOptions),
    button,
  );
  section.addEventListener('change', sync);
  sync();
  return section;
}
