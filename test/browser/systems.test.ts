// Issue 12 in the browser: the Spec panel's Systems section reads a DHIS2 metadata export and a
// sample record in the sidebar (only the compact form goes to the server; the sample's values stay
// masked), lists them, and the next check run reports a destination the metadata does not have and
// the coverage; clicking that finding goes to its cell, and once fixed the row is clean. Screenshots: test-output/screenshots/systems-*.png.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { usePlaygroundPage } from './support/playground-page';
import { settled } from './support/browser';
import { adoptAndOpenSystems, openSidebar, sidebarIdle, sidebarStatus, waitForActiveCell } from './support/sidebar';
import { writeMappingWorkbook } from '../support/xlsx-workbook';

const DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'mapspec-systems-ui-'));
const XLSX = path.join(DIR, 'spec.xlsx');
const META = path.join(DIR, 'dhis2-metadata.json');
const SAMPLE = path.join(DIR, 'visit.json');

beforeAll(async () => {
  await writeMappingWorkbook(XLSX, ['ID', 'Status', 'Source API name', 'Source type', 'Destination API name', 'Destination type'], [
    ['M1', 'Agreed', 'form.age', 'integer', 'AGE', 'integer'],
    ['M2', 'Agreed', 'form.name', 'text', 'ghiJKL6789O', 'text'],
  ]);
  fs.writeFileSync(META, JSON.stringify({ dataElements: [{ id: 'abcDEF12345', code: 'AGE', name: 'Age', valueType: 'INTEGER' }, { id: 'ghiJKL67890', code: 'NAME', name: 'Name', valueType: 'TEXT' }] }));
  fs.writeFileSync(SAMPLE, JSON.stringify({ form: { age: 34, name: 'Amina', village: 'Kep' } }));
});
afterAll(() => fs.rmSync(DIR, { recursive: true, force: true }));

const ui = usePlaygroundPage('systems', { xlsxPath: XLSX });

test('import a DHIS2 export and a sample from the Spec panel; the checks report against them, with the coverage', async () => {
  const { page, shot } = ui;
  await ui.openPlayground();
  const sidebar = await openSidebar(page);
  await adoptAndOpenSystems(page, sidebar);
  await sidebar.getByLabel('File (JSON, CSV or XLSForm .xlsx)').setInputFiles(META);
  await sidebar.getByText('Found: DHIS2 metadata: 2 data elements, 0 tracked entity attributes, 0 option sets.').waitFor();
  expect(await sidebar.getByLabel('It describes').inputValue()).toBe('destination');
  await sidebar.getByRole('button', { name: 'Import' }).click();
  await sidebarStatus(sidebar).getByText('Imported dhis2-metadata.json as the destination.', { exact: false }).waitFor();

  await sidebar.getByLabel('What it is').selectOption('sample');
  await sidebar.getByLabel('File (JSON, CSV or XLSForm .xlsx)').setInputFiles(SAMPLE);
  await sidebar.getByText('Found: 1 record, 3 paths.').waitFor();
  expect(await sidebar.getByLabel('It describes').inputValue()).toBe('source');
  await sidebar.getByRole('button', { name: 'Import' }).click();
  await sidebarStatus(sidebar).getByText('Imported visit.json as the source.', { exact: false }).waitFor();
  await sidebarIdle(sidebar);
  expect(await sidebar.locator('.system strong').allTextContents()).toEqual(['dhis2-metadata.json', 'visit.json']);
  await shot('1-imported');

  await sidebar.getByRole('tab', { name: /Checks/ }).click();
  await sidebar.getByRole('button', { name: 'Run checks' }).click();
  await sidebar.getByRole('heading', { name: 'Coverage' }).waitFor();
  await sidebarIdle(sidebar);
  const text = (await sidebar.locator('body').innerText()).replace(/\s+/g, ' ');
  expect(text).toContain('"ghiJKL6789O" is not in dhis2-metadata.json; did you mean "ghiJKL67890"?');
  expect(text).toContain('2 of 3 sample fields mapped, 1 unmapped');
  expect(text).not.toContain('Amina');
  await shot('2-checks');

  // Click the finding: the grid goes to its cell; fix the UID there and re-run: that row is clean.
  const finding = sidebar.locator('button.finding[data-rule="unknown-destination"]');
  await finding.click();
  await waitForActiveCell(page, 'E3');
  await sidebarStatus(sidebar).getByText('Selected E3 in Registration.').waitFor();
  await page.locator('#cell-3-5').click();
  await page.keyboard.type('ghiJKL67890');
  await page.keyboard.press('Enter');
  await settled(page);
  await page.locator('#cell-3-5 .text').filter({ hasText: /^ghiJKL67890$/ }).waitFor();
  await sidebar.getByRole('button', { name: 'Run checks' }).click();
  await sidebar.getByText('0 errors', { exact: true }).waitFor();
  await sidebarIdle(sidebar);
  expect(await finding.count()).toBe(0);
  const after = (await sidebar.locator('body').innerText()).replace(/\s+/g, ' ');
  expect(after).toContain('2 of 2 fields of the metadata mapped');
  await shot('3-fixed');
});
