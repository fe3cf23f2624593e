/**
 * The sidebar's entry point: builds the navigation and panels, loads everything in ONE server call
 * (getSidebarState), and opens the panel a menu item asked for (state.open: adopt a given tab, the
 * checks, which then run at once, or the settings). All user text is set as text (see dom.ts), never as HTML.
 */
import type { RegisteredKind } from '../src/core/api';
import { server } from './client';
import { byId } from './dom';
import { initNav, onPanelChange, selectPanel } from './nav';
import { initAdoptPanel, openAdopt } from './panels/adopt-panel';
import { initChecksPanel, renderChecksPanel, runChecks } from './panels/checks-panel';
import { focusSettings, initSettingsPanel, renderSettingsPanel } from './panels/settings-panel';
import { focusTab, initTabsPanel, renderTabsPanel } from './panels/tabs-panel';
import { initSystemsSection } from './panels/systems-section';
import { initChecklistPanel, loadChecklist } from './panels/checklist-panel';
import { initVersionsPanel, loadVersions, openOnReview } from './panels/versions-panel';
import { onState, setState } from './store';
import { setStatus, work } from './status';
import { provideViews } from './views';

const specList = byId('spec-list');
const specAdopt = byId('spec-adopt');
const specSystems = byId('spec-systems');

function showTabs(options: { focusSheetId?: number } = {}): void {
  specAdopt.hidden = true;
  specList.hidden = false;
  specSystems.hidden = false;
  specAdopt.replaceChildren();
  selectPanel('spec');
  renderTabsPanel();
  if (options.focusSheetId !== undefined) focusTab(options.focusSheetId);
}

function showAdopt(sheetId: number | null, kind: RegisteredKind | null): void {
  selectPanel('spec');
  specList.hidden = true;
  specSystems.hidden = true;
  specAdopt.hidden = false;
  void openAdopt(sheetId, kind);
}

function showChecks(options: { run?: boolean; focus?: boolean } = {}): void {
  selectPanel('checks');
  if (options.focus) byId('run-checks').focus();
  if (options.run) void runChecks();
}

function showSettings(options: { focus?: boolean } = {}): void {
  selectPanel('settings');
  if (options.focus) focusSettings();
}

provideViews({ showTabs, showAdopt, showChecks, showSettings });
initNav();
initTabsPanel(specList);
initSystemsSection(specSystems);
initAdoptPanel(specAdopt);
initChecksPanel(byId('panel-checks'));
initSettingsPanel(byId('panel-settings'));
initVersionsPanel(byId('panel-versions'));
initChecklistPanel(byId('panel-checklist'));
// Opening the Versions panel lists the versions and their reviews (one listReviews call).
onPanelChange((panel) => {
  if (panel === 'versions') void loadVersions();
  // Opening the Checklist panel reads the checklist (one getChecklist call).
  if (panel === 'checklist') void loadChecklist();
});
onState(() => {
  renderTabsPanel();
  renderChecksPanel();
  renderSettingsPanel();
});

async function load(): Promise<void> {
  const state = await work('Loading…', () => server.getSidebarState({}));
  if (!state) return;
  setState(state);
  const open = state.open;
  if (open?.panel === 'adopt' && open.sheetId !== null) showAdopt(open.sheetId, open.kind);
  else if (open?.panel === 'checks') showChecks({ run: true });
  else if (open?.panel === 'settings') showSettings();
  else if (open?.panel === 'versions') selectPanel('versions', { focus: true });
  else if (open?.panel === 'checklist') selectPanel('checklist', { focus: true });
  // A client with a review waiting opens on it (issue 6).
  else if (state.awaitingReview) {
    openOnReview();
    selectPanel('versions');
  } else showTabs();
  if (!open && !state.awaitingReview) setStatus('');
}

void load();
