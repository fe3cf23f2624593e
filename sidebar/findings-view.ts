/**
 * How a finding looks, wherever it is shown: its severity as icon + word (never colour alone), the
 * message and, in smaller text, the hint. Messages quote cell values and column names written by
 * people, so everything here is text nodes (dir="auto" for Arabic, Khmer, Thai…).
 */
import type { Finding, Severity } from '../src/core/mapping/findings';
import { h, icon, srOnly } from './dom';
import { truncate } from './format';

/** What showing a finding needs: mapping and checklist findings both have it. */
type Shown = Pick<Finding, 'tab' | 'severity' | 'message' | 'hint'>;

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

export const SEVERITY_ICON: Record<Severity, string> = { error: '✖', warning: '▲', info: 'ℹ' };
export const SEVERITY_WORD: Record<Severity, { one: string; many: string }> = {
  error: { one: 'error', many: 'errors' },
  warning: { one: 'warning', many: 'warnings' },
  info: { one: 'note', many: 'notes' },
};

export function severityIcon(severity: Severity): HTMLSpanElement {
  return icon(SEVERITY_ICON[severity], `sev-icon sev-${severity}`);
}

/** The finding's message without the tab name in front when it is shown under that tab already. */
export function shortMessage(f: Shown, underTab: boolean): string {
  let message = f.message;
  if (underTab) {
    for (const sep of [', ', ': ']) {
      if (message.startsWith(f.tab + sep)) {
        message = message.slice(f.tab.length + sep.length);
        message = message.charAt(0).toUpperCase() + message.slice(1);
        break;
      }
    }
  }
  return truncate(message, 600);
}

/** Icon, "Error:" for screen readers, message, hint. */
export function findingBody(f: Shown, underTab: boolean): HTMLElement[] {
  return [
    severityIcon(f.severity),
    h(
      'span',
      { class: 'finding-text' },
      srOnly(`${SEVERITY_WORD[f.severity].one.replace(/^./, (c) => c.toUpperCase())}: `),
      h('span', { class: 'message', dir: 'auto' }, shortMessage(f, underTab)),
      f.hint ? h('span', { class: 'hint', dir: 'auto' }, truncate(f.hint, 400)) : null,
    ),
  ];
}

/** A plain (not clickable) list of findings, e.g. what detection found in a header. */
export function findingList(findings: readonly Shown[], underTab = false): HTMLUListElement {
  return h('ul', { class: 'finding-list static' }, ...findings.map((f) => h('li', { class: `finding sev-${f.severity}` }, ...findingBody(f, underTab))));
}
