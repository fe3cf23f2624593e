/**
 * Things that float over the page: modal dialogs (focus kept inside, Escape closes, focus returned
 * to where it was) and toasts in the corner, as Sheets shows SpreadsheetApp.toast.
 */
import { h } from './dom';

export interface ModalHandle {
  element: HTMLElement;
  body: HTMLElement;
  close(): void;
}

export function openModal(title: string, options: { role?: 'dialog' | 'alertdialog'; width?: number; height?: number; className?: string; onClose?: () => void; buttons?: { label: string; primary?: boolean; action: () => void }[] } = {}): ModalHandle {
  const previous = document.activeElement as HTMLElement | null;
  const titleId = `modal-title-${Math.random().toString(36).slice(2)}`;
  const body = h('div', { class: 'modal-body' });
  const closeButton = h('button', { type: 'button', class: 'icon-button modal-x', 'aria-label': 'Close' }, '✕');
  const footer = h('div', { class: 'modal-footer' });
  const box = h(
    'div',
    { class: `modal ${options.className ?? ''}`, role: options.role ?? 'dialog', 'aria-modal': 'true', 'aria-labelledby': titleId, tabindex: -1 },
    h('div', { class: 'modal-head' }, h('h2', { id: titleId }, title), closeButton),
    body,
    footer,
  );
  if (options.width) box.style.width = `${options.width}px`;
  if (options.height) body.style.height = `${options.height}px`;
  const backdrop = h('div', { class: 'modal-backdrop' }, box);
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    backdrop.remove();
    options.onClose?.();
    previous?.focus?.({ preventScroll: true });
  };
  for (const b of options.buttons ?? []) {
    footer.append(h('button', { type: 'button', class: b.primary ? 'primary' : 'secondary', onclick: (() => { close(); b.action(); }) as EventListener }, b.label));
  }
  if (!options.buttons?.length) footer.remove();
  closeButton.addEventListener('click', close);
  backdrop.addEventListener('mousedown', (e) => {
    if (e.target === backdrop) close();
  });
  box.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      close();
    } else if (e.key === 'Tab') {
      // Keep focus inside the dialog.
      const focusable = [...box.querySelectorAll<HTMLElement>('button, [href], input, select, textarea, iframe, [tabindex]:not([tabindex="-1"])')].filter((el) => !el.hasAttribute('disabled'));
      if (focusable.length === 0) return;
      const first = focusable[0];
      const last = focusable[focusable.length - 1];
      if (e.shiftKey && document.activeElement === first) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault();
        first.focus();
      }
    }
  });
  document.body.append(backdrop);
  const primary = footer.querySelector<HTMLElement>('button.primary');
  (primary ?? box).focus();
  return { element: box, body, close };
}

let toastHost: HTMLElement | null = null;

/** A toast in the bottom-right corner (errors stay until dismissed). */
export function toast(title: string, message: string, kind: 'toast' | 'info' | 'error' | 'alert' = 'toast', seconds = 6): void {
  if (!toastHost) {
    toastHost = h('div', { class: 'toasts', role: 'status', 'aria-live': 'polite' });
    document.body.append(toastHost);
  }
  const close = h('button', { type: 'button', class: 'icon-button', 'aria-label': 'Dismiss' }, '✕');
  const el = h('div', { class: `toast toast-${kind}` }, h('div', { class: 'toast-text' }, title ? h('strong', {}, title) : null, h('span', {}, message)), close);
  close.addEventListener('click', () => el.remove());
  toastHost.append(el);
  if (kind !== 'error' && seconds > 0) window.setTimeout(() => el.remove(), seconds * 1000);
  while (toastHost.children.length > 5) toastHost.firstElementChild?.remove();
}
