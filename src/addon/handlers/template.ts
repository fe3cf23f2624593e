/**
 * "Insert the template": a README tab, one mapping tab per workflow step and a value-maps tab (the
 * spreadsheet's own README and value maps used instead when it has them), written with batched calls (one write per block, one per format), and registered at once.
 */
import type { ApiParsedInput, ApiResults } from '../../core/api';
import { legend } from '../../core/mapping/colours';
import { detectedChoice, layoutFromChoice } from '../../core/mapping/layout-choice';
import type { Layout } from '../../core/mapping/layout';
import { mappingTab, readmeTab, uniqueName, valueMapTab, type TemplateTab } from '../../core/mapping/template-sheets';
import { activeSpreadsheet } from '../adapters/spreadsheet';
import { readTabGrid } from '../adapters/tab-grid';
import { detectLayout } from '../../core/mapping/header-detect';
import { compareKey } from '../../core/mapping/text';
import { withDocumentLock } from '../adapters/lock';
import { loadSpec, saveLayouts, saveSettingsAndReadme } from '../spec/spec-store';
import { sidebarState } from './sidebar-state';
import { writeTextCells } from '../adapters/text-cells';

const HEADER_FILL = '#f1f3f4';
const BAND_FILL = '#d9e2f3';
/** Rows that get the dropdowns: enough for a long spec; Sheets extends rules when rows are inserted inside. */
const DATA_ROWS = 500;

function writeTemplateTab(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, tab: TemplateTab, made: GoogleAppsScript.Spreadsheet.Sheet[]): GoogleAppsScript.Spreadsheet.Sheet {
  const sheet = ss.insertSheet(tab.name, ss.getNumSheets());
  made.push(sheet);
  const width = tab.rows[0]!.length;
  if (sheet.getMaxRows() < tab.headerRow + DATA_ROWS) sheet.insertRowsAfter(sheet.getMaxRows(), tab.headerRow + DATA_ROWS - sheet.getMaxRows());
  const top = sheet.getRange(1, 1, tab.rows.length, width);
  writeTextCells(top, tab.rows);
  top.setFontWeight('bold');
  top.setWrap(true);
  top.setBackground(HEADER_FILL);
  for (const m of tab.merges) {
    sheet.getRange(m.row, m.first, 1, m.last - m.first + 1).merge().setHorizontalAlignment('center').setBackground(BAND_FILL);
  }
  sheet.setFrozenRows(tab.frozenRows);
  tab.widths.forEach((w, i) => sheet.setColumnWidth(i + 1, w));
  sheet.getRange(tab.headerRow + 1, 1, DATA_ROWS, width).setWrap(true);
  for (const d of tab.dropdowns) {
    const rule = SpreadsheetApp.newDataValidation().requireValueInList(d.values, true).setAllowInvalid(!d.strict).build();
    sheet.getRange(tab.headerRow + 1, d.column, DATA_ROWS, 1).setDataValidation(rule);
  }
  return sheet;
}

function layoutOf(tab: TemplateTab, sheetId: number): Layout {
  return layoutFromChoice(
    { name: tab.name, sheetId, values: tab.rows, merges: tab.merges.map((m) => ({ r1: m.row, c1: m.first, r2: m.row, c2: m.last })) },
    { kind: tab.kind, headerRow: tab.headerRow, roles: tab.roles, keyColumn: tab.kind === 'mapping' ? 1 : null, managedIds: tab.kind === 'mapping' },
  );
}

/**
 * The spreadsheet's own value-map tab, if it has one: registered as a value map already, or named
 * "Value maps" and read as one. The template then uses it instead of adding "Value maps (2)".
 */
function existingValueMaps(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, spec: ReturnType<typeof loadSpec>): { sheet: GoogleAppsScript.Spreadsheet.Sheet; layout: Layout | null } | null {
  for (const sheet of ss.getSheets()) {
    if (sheet.isSheetHidden()) continue;
    const saved = spec.layouts.get(sheet.getSheetId());
    if (saved?.kind === 'value-map') return { sheet, layout: null };
  }
  const named = ss.getSheets().find((s) => !s.isSheetHidden() && compareKey(s.getName()) === compareKey('Value maps') && !spec.layouts.has(s.getSheetId()));
  if (!named) return null;
  const { grid } = readTabGrid(named);
  const choice = detectedChoice(detectLayout(grid, spec.mapping));
  return choice?.kind === 'value-map' ? { sheet: named, layout: layoutFromChoice(grid, choice) } : null;
}

/**
 * Inserts and registers the template tabs; nothing existing is changed. Tabs the spreadsheet already
 * has are used, not doubled: its value-map tab joins the spec as the template's, Mapspec's README from
 * before is kept, and a README of the team's own is left as it is (Mapspec's goes in "Mapspec guide")
 * instead of adding "README (2)".
 */
export function insertTemplate(input: ApiParsedInput<'insertTemplate'>): ApiResults['insertTemplate'] {
  const ss = activeSpreadsheet();
  return withDocumentLock(() => {
    const spec = loadSpec();
    const taken = new Set(ss.getSheets().map((s) => s.getName()));
    const take = (wanted: string) => {
      const name = uniqueName(wanted, taken);
      taken.add(name);
      return name;
    };
    const steps = input.steps ?? ['Case registration'];
    // Mapspec's README from an earlier insert is kept; a README of the team's own is never written to:
    // Mapspec's colour key and approval lines then go in a tab of their own, "Mapspec guide".
    const ownReadme = ss.getSheets().find((s) => s.getSheetId() === spec.readmeSheetId) ?? null;
    const teamReadme = ownReadme ? null : (ss.getSheets().find((s) => compareKey(s.getName()) === compareKey('README')) ?? null);
    const keptValues = existingValueMaps(ss, spec);
    const readmeName = ownReadme ? null : take(teamReadme ? 'Mapspec guide' : 'README');
    const mappings = steps.map((step) => mappingTab(take(`Mapping – ${step}`), spec.mapping));
    const values = keptValues ? null : valueMapTab(take('Value maps'));
    const valuesName = keptValues ? keptValues.sheet.getName() : values!.name;
    const kept: string[] = [];
    if (ownReadme) kept.push(`“${ownReadme.getName()}” kept as Mapspec's README`);
    if (teamReadme) kept.push(`your “${teamReadme.getName()}” left as it is (Mapspec's colour key is in “${readmeName}”)`);
    if (keptValues) kept.push(`“${valuesName}” used as the value maps`);

    // Half a template is worse than none: on any failure, the tabs made so far are removed again.
    const made: GoogleAppsScript.Spreadsheet.Sheet[] = [];
    const layouts = new Map<number, Layout>();
    const names = new Map<number, string>();
    try {
      let readmeSheetId: number | null = null;
      if (readmeName !== null) {
        const readme = readmeTab(readmeName, mappings.map((m) => m.name), valuesName, spec.mapping, legend(spec.colours));
        const readmeSheet = ss.insertSheet(readme.name, ss.getNumSheets());
        made.push(readmeSheet);
        const block = readmeSheet.getRange(1, 1, readme.rows.length, 2);
        writeTextCells(block, readme.rows);
        block.setWrap(true);
        const headings = new Set(readme.headingRows);
        const legendFill = new Map(readme.legendRows.map((l) => [l.row, l.colour]));
        block.setFontWeights(readme.rows.map((_, i) => [headings.has(i + 1) ? 'bold' : 'normal', 'normal']));
        block.setBackgrounds(readme.rows.map((_, i) => [legendFill.get(i + 1) ?? null, null]) as string[][]);
        readmeSheet.setColumnWidth(1, 180);
        readmeSheet.setColumnWidth(2, 520);
        readmeSheetId = readmeSheet.getSheetId();
      }
      for (const tab of values ? [...mappings, values] : mappings) {
        const sheet = writeTemplateTab(ss, tab, made);
        layouts.set(sheet.getSheetId(), layoutOf(tab, sheet.getSheetId()));
        names.set(sheet.getSheetId(), tab.name);
      }
      if (keptValues?.layout) {
        layouts.set(keptValues.sheet.getSheetId(), keptValues.layout);
        names.set(keptValues.sheet.getSheetId(), valuesName);
      }
      saveLayouts(layouts, names);
      if (readmeSheetId !== null) saveSettingsAndReadme(null, readmeSheetId);
    } catch (e) {
      for (const sheet of made) ss.deleteSheet(sheet);
      throw e;
    }
    for (const [id, l] of layouts) spec.layouts.set(id, l);
    const firstMapping = made[readmeName !== null ? 1 : 0]!;
    ss.setActiveSheet(firstMapping);
    return { created: [...(readmeName !== null ? [readmeName] : []), ...mappings.map((m) => m.name), ...(values ? [values.name] : [])], kept, state: sidebarState(ss, spec) };
  });
}
