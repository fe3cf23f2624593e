/**
 * Drop-down menus for the page (the menu bar, Extensions > add-on submenus, the user switcher):
 * ARIA menu roles, opened by click, Enter, Space or ArrowDown, navigated with the arrow keys,
 * closed with Escape or a click elsewhere.
 */
import { h } from './dom';

export type MenuEntry =
  | { kind: 'item'; label: string; action: () => void; disabled?: boolean; hint?: string }
  | { kind: 'separator' }
  | { kind: 'submenu'; label: string; entries: MenuEntry[] }
  | { kind: 'note'; label: string };

let openMenus: HTMLElement[] = [];

export function closeAllMenus(): void {
  for (const m of openMenus) {
    m.remove();
    const owner = document.querySelector(`[aria-controls="${m.id}"]`);
    owner?.setAttribute('aria-expanded', 'false');
  }
  openMenus = [];
}

document.addEventListener('mousedown', (e) => {
  if (!openMenus.length) return;
  const t = e.target as Element;
  if (openMenus.some((m) => m.contains(t)) || t.closest('[aria-haspopup="menu"]')) return;
  closeAllMenus();
});

let menuCounter = 0;

function items(menu: HTMLElement): HTMLElement[] {
  return [...menu.querySelectorAll<HTMLElement>(':scope > [role="menuitem"]:not([aria-disabled="true"])')];
}

/** Opens a menu below (or beside, for submenus) `owner`. */
export function openMenu(owner: HTMLElement, entries: MenuEntry[], options: { submenu?: boolean; focusFirst?: boolean; label?: string } = {}): HTMLElement {
  if (!options.submenu) closeAllMenus();
  else {
    // Close sibling submenus deeper than the owner's menu.
    const parent = owner.closest('[role="menu"]') as HTMLElement | null;
    const depth = parent ? openMenus.indexOf(parent) : -1;
    for (const m of openMenus.splice(depth + 1)) m.remove();
  }
  const id = `menu-${++menuCounter}`;
  const menu = h('div', { class: 'menu', role: 'menu', id, 'aria-label': options.label ?? owner.textContent ?? 'Menu', tabindex: -1 });
  for (const entry of entries) {
    if (entry.kind === 'separator') menu.append(h('div', { class: 'menu-sep', role: 'separator' }));
    else if (entry.kind === 'note') menu.append(h('div', { class: 'menu-note' }, entry.label));
    else if (entry.kind === 'item') {
      const item = h(
        'div',
        { class: 'menu-item', role: 'menuitem', tabindex: -1, 'aria-disabled': entry.disabled ? 'true' : null },
        h('span', { class: 'menu-label' }, entry.label),
        entry.hint ? h('span', { class: 'menu-hint' }, entry.hint) : null,
      );
      const run = () => {
        if (entry.disabled) return;
        closeAllMenus();
        entry.action();
      };
      item.addEventListener('click', run);
      item.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          run();
        }
      });
      menu.append(item);
    } else {
      const item = h('div', { class: 'menu-item has-sub', role: 'menuitem', tabindex: -1, 'aria-haspopup': 'menu', 'aria-expanded': 'false' }, h('span', { class: 'menu-label' }, entry.label), h('span', { class: 'menu-hint', 'aria-hidden': 'true' }, '▸'));
      const open = (focusFirst: boolean) => {
        const sub = openMenu(item, entry.entries, { submenu: true, focusFirst, label: entry.label });
        item.setAttribute('aria-controls', sub.id);
        item.setAttribute('aria-expanded', 'true');
      };
      item.addEventListener('click', () => open(false));
      item.addEventListener('mouseenter', () => open(false));
      item.addEventListener('keydown', (e) => {
        if (e.key === 'ArrowRight' || e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          open(true);
        }
      });
      menu.append(item);
    }
  }
  menu.addEventListener('keydown', (e) => {
    const list = items(menu);
    const i = list.indexOf(document.activeElement as HTMLElement);
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      list[(i + 1) % list.length]?.focus();
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      list[(i - 1 + list.length) % list.length]?.focus();
    } else if (e.key === 'Escape' || (e.key === 'ArrowLeft' && options.submenu)) {
      e.preventDefault();
      e.stopPropagation();
      const idx = openMenus.indexOf(menu);
      for (const m of openMenus.splice(idx)) m.remove();
      owner.setAttribute('aria-expanded', 'false');
      owner.focus();
    } else if (e.key === 'Tab') {
      closeAllMenus();
    }
  });
  // Non-submenu entries close deeper submenus when hovered.
  menu.addEventListener('mouseover', (e) => {
    const item = (e.target as HTMLElement).closest('[role="menuitem"]');
    if (item && !item.classList.contains('has-sub')) {
      const idx = openMenus.indexOf(menu);
      for (const m of openMenus.splice(idx + 1)) m.remove();
    }
  });
  document.body.append(menu);
  const box = owner.getBoundingClientRect();
  if (options.submenu) {
    menu.style.left = `${Math.min(box.right - 2, window.innerWidth - 240)}px`;
    menu.style.top = `${box.top - 6}px`;
  } else {
    menu.style.left = `${Math.min(box.left, window.innerWidth - 240)}px`;
    // Below the owner, or above it when there is no room (a sheet tab at the bottom of the page).
    const height = menu.getBoundingClientRect().height;
    menu.style.top = `${box.bottom + 2 + height > window.innerHeight ? Math.max(0, box.top - 2 - height) : box.bottom + 2}px`;
  }
  openMenus.push(menu);
  owner.setAttribute('aria-controls', id);
  owner.setAttribute('aria-expanded', 'true');
  if (options.focusFirst) items(menu)[0]?.focus();
  else menu.focus({ preventScroll: true });
  return menu;
}

/** A menu-bar or toolbar button that opens `entries()` (built when opened, so it is always current). */
export function menuButton(label: string | Node, entries: () => MenuEntry[], attrs: Record<string, string> = {}): HTMLElement {
  const button = h('button', { type: 'button', 'aria-haspopup': 'menu', 'aria-expanded': 'false', ...attrs }, label);
  const toggle = (focusFirst: boolean) => {
    if (button.getAttribute('aria-expanded') === 'true') closeAllMenus();
    else openMenu(button, entries(), { focusFirst, label: attrs['aria-label'] ?? (typeof label === 'string' ? label : undefined) });
  };
  button.addEventListener('click', (e) => toggle(e.detail === 0));
  button.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      openMenu(button, entries(), { focusFirst: true });
    }
  });
  return button;
}
