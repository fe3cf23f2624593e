/**
 * The sidebar's navigation: a WAI-ARIA tablist with five tabs, "Spec", "Checks", "Checklist", "Versions" and "Settings". Arrow keys (and
 * Home/End) move between the tabs and show their panel at once; Enter or Space also activates the
 * focused tab. Only the selected tab is in the Tab order (roving tabindex).
 */
import { byId } from './dom';

export type NavPanel = 'spec' | 'checks' | 'checklist' | 'versions' | 'settings';

const PANELS: readonly NavPanel[] = ['spec', 'checks', 'checklist', 'versions', 'settings'];
const listeners: ((panel: NavPanel) => void)[] = [];

function tabOf(panel: NavPanel): HTMLButtonElement {
  return byId<HTMLButtonElement>(`nav-${panel}`);
}

export function currentPanel(): NavPanel {
  return PANELS.find((p) => tabOf(p).getAttribute('aria-selected') === 'true') ?? 'spec';
}

/** Shows a panel and selects its tab; `focus` moves the keyboard focus to the tab. */
export function selectPanel(panel: NavPanel, options: { focus?: boolean } = {}): void {
  for (const p of PANELS) {
    const on = p === panel;
    const tab = tabOf(p);
    tab.setAttribute('aria-selected', String(on));
    tab.tabIndex = on ? 0 : -1;
    byId(`panel-${p}`).hidden = !on;
  }
  if (options.focus) tabOf(panel).focus();
  for (const l of listeners) l(panel);
}

export function onPanelChange(listener: (panel: NavPanel) => void): void {
  listeners.push(listener);
}

/** A small count beside a tab's name ("Checks 3"), or none. */
export function setBadge(panel: NavPanel, text: string, tone: 'error' | 'warning' | 'ok' | '' = ''): void {
  const badge = tabOf(panel).querySelector<HTMLElement>('.nav-badge');
  if (!badge) return;
  badge.textContent = text;
  badge.hidden = text === '';
  badge.dataset.tone = tone;
}

export function initNav(): void {
  const list = byId('nav');
  for (const p of PANELS) tabOf(p).addEventListener('click', () => selectPanel(p));
  list.addEventListener('keydown', (e) => {
    const i = PANELS.findIndex((p) => tabOf(p) === document.activeElement);
    if (i < 0) return;
    let next: number | null = null;
    if (e.key === 'ArrowRight' || e.key === 'ArrowDown') next = (i + 1) % PANELS.length;
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') next = (i - 1 + PANELS.length) % PANELS.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = PANELS.length - 1;
    else if (e.key === 'Enter' || e.key === ' ') next = i;
    if (next === null) return;
    e.preventDefault();
    selectPanel(PANELS[next]!, { focus: true });
  });
}
