// Issue 12's assists in the browser: with a DHIS2 export and a sample record imported, "Fill empty
// samples" writes the masked examples into the empty sample cells of the spec (never the one the
// analyst wrote) and "Suggest destination fields" fills the empty destination by label; the sidebar
// lists each cell written, and a click goes to it. Screenshots: test-output/screenshots/systems-assist-*.png.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { usePlaygroundPage } from './support/playground-page';
import { adoptAndOpenSystems, openSidebar, sidebarIdle, sidebarStatus, waitForActiveCell } from './support/sidebar';
import { writeMappingWorkbook } from '../support/xlsx-workbook';

const DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'mapspec-assist-ui-'));
const XLSX = path.join(DIR, 'spec.xlsx');
const META = path.join(DIR, 'dhis2-metadata.json');
const SAMPLE = path.join(DIR, 'visit.json');

beforeAll(async () => {
  await writeMappingWorkbook(XLSX, ['ID', 'Status', 'Source label', 'Source API name', 'Source type', 'Source sample', 'Destination API name', 'Destination type'], [
    ['M1', 'Agreed', 'Age', 'form.age', 'integer', '', 'abcDEF12345', 'integer'],
    ['M2', 'Agreed', 'Name', 'form.name', 'text', 'Written by hand', 'ghiJKL67890', 'text'],
    ['M3', 'Agreed', 'Village name', 'form.village', 'text', '', '', 'text'],
  ]);
  fs.writeFileSync(META, JSON.stringify({ dataElements: [
    { id: 'abcDEF12345', code: 'AGE', name: 'Age', valueType: 'INTEGER' },
    { id: 'ghiJKL67890', code: 'NAME', name: 'Name', valueType: 'TEXT' },
    { id: 'vilLAG12345', code: 'VILLAGE', name: 'Village name', valueType: 'TEXT' },
  ] }));
  fs.writeFileSync(SAMPLE, JSON.stringify({ form: { age: 34, name: 'Amina', village: 'Kep' } }));
});
afterAll(() => fs.rmSync(DIR, { recursive: true, force: true }));

const ui = usePlaygroundPage('systems-assist', { xlsxPath: XLSX });

test('fill empty samples and suggest destination fields from the imported systems, only into empty cells', async () => {
  const { page, shot } = ui;
  await ui.openPlayground();
  const sidebar = await openSidebar(page);
  await adoptAndOpenSystems(page, sidebar);
  // Nothing imported: no assist is offered.
  expect(await sidebar.getByRole('button', { name: 'Fill empty samples' }).count()).toBe(0);
  await sidebar.getByLabel('File (JSON, CSV or XLSForm .xlsx)').setInputFiles(META);
  await sidebar.getByRole('button', { name: 'Import' }).click();
  await sidebarStatus(sidebar).getByText('Imported dhis2-metadata.json as the destination.', { exact: false }).waitFor();
  await sidebar.getByLabel('What it is').selectOption('sample');
  await sidebar.getByLabel('File (JSON, CSV or XLSForm .xlsx)').setInputFiles(SAMPLE);
  await sidebar.getByText('Found: 1 record, 3 paths.').waitFor();
  await sidebar.getByRole('button', { name: 'Import' }).click();
  await sidebarStatus(sidebar).getByText('Imported visit.json as the source.', { exact: false }).waitFor();
  await sidebarIdle(sidebar);

  await sidebar.getByRole('button', { name: 'Fill empty samples' }).click();
  await sidebarStatus(sidebar).getByText('Filled 2 empty cells. Undo (Ctrl+Z) in the sheet takes them back.').waitFor();
  await sidebarIdle(sidebar);
  expect(await sidebar.locator('.assist-result summary').allTextContents()).toEqual(['Registration · Source sample: 2 cells filled']);
  expect((await sidebar.locator('.assist-cells li').allInnerTexts()).map((t) => t.replace(/\s+/g, ' '))).toEqual(['F2 34 from sample visit.json', 'F4 K*** from sample visit.json']);
  await page.locator('#cell-2-6 .text').filter({ hasText: /^34$/ }).waitFor();
  await page.locator('#cell-3-6 .text').filter({ hasText: /^Written by hand$/ }).waitFor();
  await page.locator('#cell-4-6 .text').filter({ hasText: /^K\*\*\*$/ }).waitFor();
  await shot('1-samples');

  await sidebar.getByRole('button', { name: 'Suggest destination fields' }).click();
  await sidebarStatus(sidebar).getByText('Filled 1 empty cell.', { exact: false }).waitFor();
  await sidebarIdle(sidebar);
  expect((await sidebar.locator('.assist-cells li').allInnerTexts()).map((t) => t.replace(/\s+/g, ' '))).toEqual(['G4 vilLAG12345 from dhis2-metadata.json: Village name (like "Village name")']);
  await page.locator('#cell-4-7 .text').filter({ hasText: /^vilLAG12345$/ }).waitFor();
  // The listed cell is a link to it.
  await sidebar.getByRole('button', { name: 'Go to Registration G4' }).click();
  await waitForActiveCell(page, 'G4');
  await shot('2-destinations');

  // Asked again: nothing left to fill, and it says why.
  await sidebar.getByRole('button', { name: 'Suggest destination fields' }).click();
  await sidebarStatus(sidebar).getByText("No live row without a destination is clearly named like one of the destination's fields.").waitFor();
});
