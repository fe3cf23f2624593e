/**
 * DOM helpers for the sidebar. `h(tag, props, ...children)` builds an element: props become
 * attributes (or listeners for `on*` functions), and every child string becomes a text node — there
 * is no way to pass markup, so tab names, headers and finding messages (which may hold "<script>")
 * always show as text. Nothing in the sidebar uses innerHTML.
 */

export type Child = Node | string | number | null | undefined | false;
export type Props = {
  [key: string]: string | number | boolean | null | undefined | ((event: never) => void);
};

/** Builds an element. `class` sets the class list; `dir: 'auto'` suits any user text. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') {
      if (!key.startsWith('on')) throw new Error(`h(): ${key} is a function but not an on* listener`);
      el.addEventListener(key.slice(2).toLowerCase(), value as EventListener);
    } else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

/** Appends children as nodes; strings and numbers become text nodes. */
export function append(el: Element | DocumentFragment, children: readonly Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'number' ? String(c) : c);
  }
}

/** Replaces an element's children (text stays text). */
export function replace(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`Sidebar element #${id} is missing`);
  return el as T;
}

let serial = 0;
/** A unique id for aria-labelledby / aria-describedby / label-for links. */
export function uid(prefix: string): string {
  serial += 1;
  return `${prefix}-${serial}`;
}

/** A one-character icon hidden from screen readers (the text next to it says the same). */
export function icon(glyph: string, className = 'icon'): HTMLSpanElement {
  return h('span', { class: className, 'aria-hidden': 'true' }, glyph);
}

/** Text only screen readers hear. */
export function srOnly(text: string): HTMLSpanElement {
  return h('span', { class: 'visually-hidden' }, text);
}
