// Issue 12, D8: the playground's demo comes with the DHIS2 program's metadata and a CommCare case
// already imported, so a newcomer who adopts the Mapping tab and runs the checks sees the spec against
// the systems at once: a UID typo with the UID meant, case properties nobody mapped, the coverage.
// An XLSForm workbook is then imported from the same section. Screenshots: test-output/screenshots/systems-demo-*.png.
import * as path from 'node:path';
import { usePlaygroundPage } from './support/playground-page';
import { FIXTURES } from '../support/paths';
import { adoptActiveTab, openSidebar, sidebarIdle, sidebarStatus } from './support/sidebar';

const ui = usePlaygroundPage('systems-demo');

test('the demo: adopt the Mapping tab, run the checks, see the spec against DHIS2 and the CommCare case', async () => {
  const { page, shot } = ui;
  await ui.openPlayground();
  const sidebar = await openSidebar(page);
  await adoptActiveTab(page, sidebar);
  // The Systems section lists what the demo has imported.
  await sidebar.getByText('Systems', { exact: true }).click();
  await sidebar.getByText('Systems (2)', { exact: true }).waitFor();
  expect(await sidebar.locator('.system strong').allTextContents()).toEqual(['dhis2-anc-metadata.json', 'commcare-anc-case.json']);

  await sidebar.getByRole('tab', { name: /Checks/ }).click();
  await sidebar.getByRole('button', { name: 'Run checks' }).click();
  await sidebar.getByRole('heading', { name: 'Coverage' }).waitFor();
  await sidebarIdle(sidebar);
  const text = (await sidebar.locator('body').innerText()).replace(/\s+/g, ' ');
  expect(text).toContain('"attributes[Rv8WM2mTuS5]" is not in dhis2-anc-metadata.json; did you mean "Rv8WM2mTuS6"?');
  expect(text).toContain('"properties.lmp" (date, e.g. "YYYY-MM-DD") is in the sample "commcare-anc-case.json", but no row maps it.');
  expect(text).toContain('Mapping × commcare-anc-case.json: 15 of 20 sample fields mapped, 2 left out on purpose (Deprecated or N/A rows), 3 unmapped');
  expect(text).toContain('Mapping × dhis2-anc-metadata.json: 10 of 13 fields of the metadata mapped');
  // The sample's values never reach the sidebar: only masked examples.
  expect(text).not.toContain('Sokha');
  await shot('1-first-run');

  // An XLSForm workbook is read in the browser too (the zip inflated by the browser itself).
  await sidebar.getByRole('tab', { name: /Spec/ }).click();
  await sidebar.getByLabel('File (JSON, CSV or XLSForm .xlsx)').setInputFiles(path.join(FIXTURES, 'xlsform-pyxform-ucl-biomass-plot-form.xlsx'));
  await sidebar.getByText(/^Found: XLSForm \(xlsform-pyxform-ucl-biomass-plot-form\.xlsx\): \d+ questions, 7 choice lists\.$/).waitFor();
  expect(await sidebar.getByLabel('It describes').inputValue()).toBe('source');
  // Tied to one tab of the spec: the checks and assists of other tabs leave it out.
  const forTabs = sidebar.getByRole('group', { name: 'For which tabs' });
  expect(await forTabs.getByRole('checkbox').count()).toBeGreaterThan(0);
  await forTabs.getByRole('checkbox', { name: 'Mapping', exact: true }).check();
  await sidebar.getByRole('button', { name: 'Import' }).click();
  await sidebarStatus(sidebar).getByText('Imported xlsform-pyxform-ucl-biomass-plot-form.xlsx as the source of Mapping.', { exact: false }).waitFor();
  await sidebar.locator('li.system', { hasText: 'xlsform-pyxform-ucl-biomass-plot-form.xlsx' }).getByText('the source of Mapping', { exact: false }).waitFor();
  await shot('2-xlsform');
});
