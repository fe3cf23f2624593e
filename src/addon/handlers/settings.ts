/**
 * Settings from the sidebar: blank markers, the four colours and whether failing cells are tinted.
 * Validated before anything is saved; the README tab's colour legend is rewritten to match.
 */
import type { ApiParsedInput, ApiResults } from '../../core/api';
import { legend } from '../../core/mapping/colours';
import { legendBlock } from '../../core/mapping/readme-legend';
import { resolveSettings } from '../../core/mapping/settings';
import { activeSpreadsheet } from '../adapters/spreadsheet';
import { withDocumentLock } from '../adapters/lock';
import { loadSpec, saveSettingsAndReadme, type StoredSettings } from '../spec/spec-store';
import { sidebarState } from './sidebar-state';
import { writeTextCells } from '../adapters/text-cells';

/** Rewrites the legend under "Colour legend" in the README tab Mapspec inserted, if it is still there. */
function refreshReadmeLegend(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, readmeSheetId: number | null, items: ReturnType<typeof legend>): void {
  if (readmeSheetId === null) return;
  const sheet = ss.getSheets().find((s) => s.getSheetId() === readmeSheetId);
  if (!sheet || sheet.getLastRow() === 0) return;
  const block = legendBlock(sheet.getRange(1, 1, sheet.getLastRow(), 1).getValues().map((r) => r[0]), items);
  if (!block) return;
  if (block.insertRows > 0) sheet.insertRowsAfter(block.firstRow - 1 + block.values.length - block.insertRows, block.insertRows);
  writeTextCells(sheet.getRange(block.firstRow, 1, block.values.length, 2), block.values);
  sheet.getRange(block.firstRow, 1, block.fills.length, 1).setBackgrounds(block.fills as string[][]);
}

export function saveSettings(input: ApiParsedInput<'saveSettings'>): ApiResults['saveSettings'] {
  const ss = activeSpreadsheet();
  return withDocumentLock(() => {
    const spec = loadSpec();
    const stored: StoredSettings = {
      mapping: {
        ...spec.stored.mapping,
        ...(input.blankMarkers ? { blankMarkers: input.blankMarkers.map((m) => m.trim()) } : {}),
        ...(input.typeSynonyms ? { typeSynonyms: input.typeSynonyms } : {}),
        ...(input.statusSynonyms ? { statusSynonyms: input.statusSynonyms } : {}),
        ...(input.severityOverrides ? { severityOverrides: input.severityOverrides } : {}),
      },
      colours: {
        ...spec.stored.colours,
        ...(input.colours ?? {}),
        ...(input.errorTint === undefined ? {} : { errorTint: input.errorTint }),
      },
    };
    // Throws a message naming the bad setting, before anything is written.
    const mapping = resolveSettings(stored.mapping);
    const colours = { ...spec.colours, ...stored.colours };
    saveSettingsAndReadme(stored, null);
    refreshReadmeLegend(ss, spec.readmeSheetId, legend(colours));
    return sidebarState(ss, { ...spec, mapping, colours });
  });
}
