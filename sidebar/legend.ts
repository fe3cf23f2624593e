/**
 * The colour key (state.legend: swatch, label, meaning), a way to the Settings panel to change it,
 * and "Clear Mapspec colours", which puts back every fill Mapspec replaced. Colours come from the
 * server's settings; a value that is not a plain CSS colour is not applied (the swatch then shows a
 * hatched "no colour" box).
 */
import type { LegendEntry } from '../src/core/api';
import { server } from './client';
import { h } from './dom';
import { plural } from './format';
import { setStatus, work } from './status';
import { views } from './views';

const COLOUR = /^(#[0-9a-f]{3,8}|rgba?\([\d\s.,%]+\)|[a-z]{3,20})$/i;

function swatch(colour: string): HTMLSpanElement {
  const el = h('span', { class: 'swatch', 'aria-hidden': 'true' });
  if (COLOUR.test(colour.trim())) el.style.backgroundColor = colour.trim();
  else el.classList.add('none');
  return el;
}

export function legendSection(legend: readonly LegendEntry[]): HTMLElement {
  return h(
    'section',
    { class: 'block legend', 'aria-labelledby': 'legend-heading' },
    h(
      'div',
      { class: 'section-head' },
      h('h2', { id: 'legend-heading' }, 'Colour key'),
      h('button', { type: 'button', class: 'link small', 'aria-describedby': 'legend-heading', onclick: () => views.showSettings({ focus: true }) }, 'Change colours'),
    ),
    legend.length
      ? h(
          'ul',
          { class: 'legend-list' },
          ...legend.map((e) =>
            h(
              'li',
              { 'data-key': e.key, 'data-colour': e.colour },
              swatch(e.colour),
              h('span', { class: 'legend-text' }, h('span', { class: 'legend-label', dir: 'auto' }, e.label), h('span', { class: 'legend-meaning', dir: 'auto' }, e.meaning)),
            ),
          ),
        )
      : h('p', { class: 'muted small' }, 'Mapspec colours no cells.'),
    h('button', { type: 'button', class: 'secondary', onclick: () => void clearColours() }, 'Clear Mapspec colours'),
    h('p', { class: 'muted small' }, 'Puts back the fills Mapspec replaced and removes its notes. Running the checks paints them again.'),
  );
}

async function clearColours(): Promise<void> {
  const result = await work('Putting back the original colours…', () => server.clearColours({}));
  if (!result) return;
  setStatus(result.restoredCells === 0 ? 'There were no Mapspec colours to clear.' : `Restored ${plural(result.restoredCells, 'cell')}.`, 'success');
}
