/**
 * The sidebar's copy of the server state (getSidebarState, or the state a change returned) and who
 * wants to hear when it changes. One source of truth for the panels.
 */
import type { SidebarState } from '../src/core/api';

type Listener = (state: SidebarState) => void;

let current: SidebarState | null = null;
const listeners: Listener[] = [];

export function getState(): SidebarState | null {
  return current;
}

export function setState(state: SidebarState): void {
  current = state;
  for (const l of listeners) l(state);
}

export function onState(listener: Listener): void {
  listeners.push(listener);
}
