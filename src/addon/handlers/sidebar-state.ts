/**
 * Sidebar handlers for the workbook overview: the state shown on opening, and switching tabs.
 */
import type { ApiParsedInput, ApiResults, SidebarState } from '../../core/api';
import { summarizeTabs } from '../../core/tabs';
import { UserError } from '../../core/errors';
import { legend } from '../../core/mapping/colours';
import { activeSpreadsheet, readSheetFacts, sheetById } from '../adapters/spreadsheet';
import { currentUserEmail } from '../adapters/session';
import { readAllDocumentProperties } from '../adapters/properties';
import { loadSpec, registeredKinds, takePanelRequest, type Spec } from '../spec/spec-store';
import { isInternalSheet } from '../spec/registered-tabs';
import { readApprovals } from '../approvals/approvals-store';
import { approversView } from './checklist';
import { awaitingReviewFor } from './reviews';

/**
 * The sidebar's state (also returned by calls that change it, so one round trip refreshes it). The
 * document properties are read once (or passed by a caller that already read them) and the user once.
 */
export function sidebarState(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  spec: Spec,
  open: SidebarState['open'] = null,
  props: Record<string, string> = readAllDocumentProperties(),
): SidebarState {
  const facts = readSheetFacts(ss).filter((f) => !isInternalSheet(f.name));
  const user = currentUserEmail();
  return {
    userEmail: user,
    spreadsheetName: ss.getName(),
    timeZone: ss.getSpreadsheetTimeZone(),
    tabs: summarizeTabs(facts, ss.getActiveSheet().getSheetId(), registeredKinds(spec)),
    legend: legend(spec.colours),
    settings: {
      blankMarkers: spec.mapping.blankMarkers,
      colours: { needsDiscussion: spec.colours.needsDiscussion, newRow: spec.colours.newRow, changed: spec.colours.changed, error: spec.colours.error },
      errorTint: spec.colours.errorTint,
      typeSynonyms: spec.mapping.typeSynonyms,
      statusSynonyms: spec.mapping.statusSynonyms,
      severityOverrides: spec.mapping.severityOverrides,
    },
    open,
    approvers: approversView(readApprovals(props).settings, user),
    awaitingReview: awaitingReviewFor(user, props),
  };
}

/** Everything the sidebar needs on opening, read in one execution (one read of the document properties). */
export function getSidebarState(_input: ApiParsedInput<'getSidebarState'>): ApiResults['getSidebarState'] {
  const props = readAllDocumentProperties();
  return sidebarState(activeSpreadsheet(), loadSpec(props), takePanelRequest(), props);
}

/** Shows the chosen tab. A hidden tab is refused rather than un-hidden: that is the user's call. */
export function activateTab(input: ApiParsedInput<'activateTab'>): ApiResults['activateTab'] {
  const ss = activeSpreadsheet();
  const sheet = sheetById(ss, input.sheetId);
  if (sheet.isSheetHidden()) {
    throw new UserError(`Tab "${sheet.getName()}" is hidden. Show it from the tab list (View > Hidden sheets) first.`);
  }
  ss.setActiveSheet(sheet);
  return { name: sheet.getName() };
}
