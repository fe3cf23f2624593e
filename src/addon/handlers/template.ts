/**
 * "Insert the template": a README tab, one mapping tab per workflow step and a value-maps tab,
 * written with batched calls (one write per block, one per format), and registered at once.
 */
import type { ApiParsedInput, ApiResults } from '../../core/api';
import { legend } from '../../core/mapping/colours';
import { layoutFromChoice } from '../../core/mapping/layout-choice';
import type { Layout } from '../../core/mapping/layout';
import { mappingTab, readmeTab, uniqueName, valueMapTab, type TemplateTab } from '../../core/mapping/template-sheets';
import { activeSpreadsheet } from '../adapters/spreadsheet';
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

/** Inserts and registers the template tabs; nothing existing is changed. */
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
    const readmeName = take('README');
    const mappings = steps.map((step) => mappingTab(take(`Mapping – ${step}`), spec.mapping));
    const values = valueMapTab(take('Value maps'));

    const readme = readmeTab(readmeName, mappings.map((m) => m.name), values.name, spec.mapping, legend(spec.colours));
    // Half a template is worse than none: on any failure, the tabs made so far are removed again.
    const made: GoogleAppsScript.Spreadsheet.Sheet[] = [];
    const layouts = new Map<number, Layout>();
    try {
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
      for (const tab of [...mappings, values]) {
        const sheet = writeTemplateTab(ss, tab, made);
        layouts.set(sheet.getSheetId(), layoutOf(tab, sheet.getSheetId()));
      }
      saveLayouts(layouts, new Map(made.slice(1).map((s, i) => [s.getSheetId(), [...mappings, values][i]!.name])));
      saveSettingsAndReadme(null, readmeSheet.getSheetId());
    } catch (e) {
      for (const sheet of made) ss.deleteSheet(sheet);
      throw e;
    }
    for (const [id, l] of layouts) spec.layouts.set(id, l);
    ss.setActiveSheet(made[1]!);
    return { created: [readme.name, ...mappings.map((m) => m.name), values.name], state: sidebarState(ss, spec) };
  });
}
