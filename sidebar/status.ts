/**
 * The status line (role=status, aria-live) and the busy state. `work(label, fn)` runs one server
 * call: it says what is happening ("Inserting template…"), marks the sidebar aria-busy, disables
 * its controls so nothing is sent twice, and puts the focus back where it was afterwards. A failure
 * shows the server's message (never a stack trace) in the status line.
 */
import { byId } from './dom';

type Kind = 'info' | 'success' | 'error';

export function setStatus(message: string, kind: Kind = 'info'): void {
  const el = byId('status');
  el.textContent = message;
  el.dataset.kind = kind;
  el.classList.toggle('error', kind === 'error');
  el.hidden = message === '';
}

/**
 * A person-readable message from whatever a failed call rejected with: the first lines of the
 * message, without any "    at …" stack lines a runtime might have added.
 */
export function errorMessage(e: unknown): string {
  const raw = e instanceof Error ? e.message : typeof e === 'string' ? e : '';
  const lines = raw.split('\n').filter((line) => !/^\s+at\s/.test(line) && !/^\s*Error:?\s*$/.test(line));
  const text = lines.join('\n').replace(/^Error:\s*/, '').trim();
  return text === '' ? 'Something went wrong. Try again in a moment.' : text.length > 500 ? `${text.slice(0, 499)}…` : text;
}

let busy = false;

export function isBusy(): boolean {
  return busy;
}

/**
 * Runs `fn` as the one thing the sidebar is doing. Returns its result, or undefined when it failed
 * (the message is then in the status line) or when something else was already running.
 */
export async function work<T>(label: string, fn: () => Promise<T>, options: { disable?: boolean } = {}): Promise<T | undefined> {
  if (busy) return undefined;
  busy = true;
  const app = byId('app');
  const focused = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  // Controls disabled by us (not those already disabled for their own reasons). Moving to a cell
  // (disable: false) is quick and changes nothing: the list stays as it is, so it does not flicker.
  const disabled: (HTMLButtonElement | HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement)[] = [];
  const controls = options.disable === false ? [] : app.querySelectorAll<HTMLButtonElement | HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('button, input, select, textarea');
  for (const el of controls) {
    if (el.disabled || el.closest('[data-keep-enabled]')) continue;
    el.disabled = true;
    disabled.push(el);
  }
  app.setAttribute('aria-busy', 'true');
  setStatus(label);
  try {
    const result = await fn();
    // The caller reports the outcome; a label nobody replaced must not linger.
    if (byId('status').textContent === label) setStatus('');
    return result;
  } catch (e) {
    setStatus(errorMessage(e), 'error');
    return undefined;
  } finally {
    for (const el of disabled) if (el.isConnected) el.disabled = false;
    app.setAttribute('aria-busy', 'false');
    busy = false;
    // Disabling the focused button sent the focus to <body>: bring it back for keyboard users — to
    // the same control, or to its replacement when the view was redrawn (same data-focus key).
    if (document.activeElement === document.body || document.activeElement === null) {
      const key = focused?.dataset.focus;
      const target = focused?.isConnected ? focused : key ? app.querySelector<HTMLElement>(`[data-focus="${CSS.escape(key)}"]`) : null;
      if (target && !(target as HTMLButtonElement).disabled) target.focus({ preventScroll: true });
    }
  }
}
