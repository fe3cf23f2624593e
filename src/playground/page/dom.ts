/**
 * Tiny DOM helpers for the playground page: element creation with attributes and children. Text is
 * always set as text nodes (never innerHTML), so sheet contents, names and emails cannot inject markup.
 */
import { columnLetter, columnNumber } from '../../emulator/xlsx/a1';

type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener> & { style?: string; class?: string };

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2).toLowerCase(), value as EventListener);
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

export function append(el: Element, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'number' ? String(c) : c);
  }
}

export function clear(el: Element): void {
  while (el.firstChild) el.firstChild.remove();
}

export { columnLetter, columnNumber };

export interface Rect {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

export function a1Of(r: number, c: number): string {
  return columnLetter(c) + r;
}

export function rectA1(rect: Rect): string {
  const a = a1Of(rect.r1, rect.c1);
  return rect.r1 === rect.r2 && rect.c1 === rect.c2 ? a : `${a}:${a1Of(rect.r2, rect.c2)}`;
}

/** "B3" or "B3:D9" → rectangle; undefined when it is not A1 notation. */
export function parseA1(text: string): Rect | undefined {
  const m = /^\s*\$?([A-Za-z]{1,3})\$?(\d{1,7})(?::\$?([A-Za-z]{1,3})\$?(\d{1,7}))?\s*$/.exec(text);
  if (!m) return undefined;
  const r1 = Number(m[2]);
  const c1 = columnNumber(m[1]);
  const r2 = m[4] ? Number(m[4]) : r1;
  const c2 = m[3] ? columnNumber(m[3]) : c1;
  return { r1: Math.min(r1, r2), c1: Math.min(c1, c2), r2: Math.max(r1, r2), c2: Math.max(c1, c2) };
}
