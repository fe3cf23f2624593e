/**
 * The sidebar's behaviour: loads its state in one server call, lists the tabs, switches tabs on
 * click or Enter. All user text is set with textContent (never innerHTML), so a tab named
 * "<img onerror=…>" shows as text.
 */
import type { SidebarState, TabSummary } from '../src/core/api';
import { server } from './client';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function setStatus(message: string, kind: 'info' | 'error' = 'info'): void {
  const el = $('status');
  el.textContent = message;
  el.classList.toggle('error', kind === 'error');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function tabButton(tab: TabSummary): HTMLLIElement {
  const li = document.createElement('li');
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'tab';
  button.dataset.sheetId = String(tab.sheetId);
  button.setAttribute('aria-current', String(tab.active));
  const name = document.createElement('span');
  name.className = 'name';
  name.textContent = tab.name;
  name.dir = 'auto';
  const meta = document.createElement('span');
  meta.className = 'meta';
  meta.textContent = tab.hidden ? 'hidden' : tab.lastRow === 0 ? 'empty' : plural(tab.lastRow, 'row');
  button.append(name, meta);
  button.disabled = tab.hidden;
  button.addEventListener('click', () => void activate(tab));
  li.append(button);
  return li;
}

function render(state: SidebarState): void {
  $('who').textContent = state.userEmail
    ? `Signed in as ${state.userEmail}`
    : 'Signed in (Google did not share your email with Mapspec)';
  const list = $('tabs');
  list.replaceChildren(...state.tabs.map(tabButton));
  $('tabs-empty').hidden = state.tabs.length > 0;
  $('app').setAttribute('aria-busy', 'false');
}

function markActive(sheetId: number): void {
  for (const b of document.querySelectorAll<HTMLButtonElement>('.tab')) {
    b.setAttribute('aria-current', String(b.dataset.sheetId === String(sheetId)));
  }
}

async function activate(tab: TabSummary): Promise<void> {
  setStatus(`Opening ${tab.name}…`);
  try {
    const result = await server.activateTab({ sheetId: tab.sheetId });
    markActive(tab.sheetId);
    setStatus(`Showing ${result.name}.`);
  } catch (e) {
    setStatus((e as Error).message, 'error');
  }
}

async function load(): Promise<void> {
  $('app').setAttribute('aria-busy', 'true');
  setStatus('Loading…');
  try {
    render(await server.getSidebarState({}));
    setStatus('');
  } catch (e) {
    $('app').setAttribute('aria-busy', 'false');
    setStatus((e as Error).message, 'error');
  }
}

$('refresh').addEventListener('click', () => void load());
void load();
