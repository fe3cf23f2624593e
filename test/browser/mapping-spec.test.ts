// Issue 3's acceptance in the playground with real chromium, against the real build/: open the
// Mapspec sidebar from the menu, insert the template, type a row with a mistake in the grid, run
// the checks, see the finding, click it and land on its cell, fix it, re-run clean, and check the
// row's colour against the sidebar's colour key. Also: the sidebar works from the keyboard alone,
// and names or cell values in any script (or holding HTML) show as text.
// Screenshots: test-output/screenshots/mapping-spec-*.png.
import type { FrameLocator, Page } from 'playwright-core';
import { launchBrowser, settled, startTestPlayground, type BrowserSession, type TestPlayground } from './support/browser';
import { activeCell, cellBackground, goTo, openSidebar, shot, sidebarIdle, sidebarStatus, typeAcross, waitForActiveCell } from './support/sidebar';

jest.setTimeout(180_000);

let browser: BrowserSession;
let pg: TestPlayground;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  page = browser.page;
});

afterAll(async () => {
  await browser?.close();
});

beforeEach(async () => {
  pg = await startTestPlayground();
  await page.goto(pg.server.url);
  await settled(page);
});

afterEach(async () => {
  await pg?.close();
});

/** Inserts the template from the sidebar; returns the mapping tab's name as the sidebar lists it. */
async function insertTemplate(sidebar: FrameLocator, steps?: string): Promise<string[]> {
  if (steps !== undefined) await sidebar.getByRole('textbox', { name: 'Workflow steps' }).fill(steps);
  await sidebar.getByRole('button', { name: 'Insert the mapping template' }).click();
  await sidebarStatus(sidebar).getByText(/^Inserted \d+ tabs/).waitFor();
  await sidebarIdle(sidebar);
  // The tabs the sidebar now lists with a "Mapping" badge are the new mapping tabs.
  const mappingRows = sidebar.getByRole('listitem').filter({ has: sidebar.locator('.badge', { hasText: /^Mapping$/ }) });
  const names = (await mappingRows.locator('.name').allTextContents()).map((s) => s.trim());
  expect(names.length).toBeGreaterThan(0);
  // The page follows the server: the new tabs appear below the grid.
  for (const name of names) await page.getByRole('tab', { name, exact: true }).waitFor();
  await settled(page);
  return names;
}

async function showSheet(name: string): Promise<void> {
  await page.getByRole('tab', { name, exact: true }).click();
  await page.getByRole('tab', { name, exact: true, selected: true }).waitFor();
  await settled(page);
}

async function runChecks(sidebar: FrameLocator): Promise<void> {
  await sidebar.getByRole('tab', { name: /Checks/ }).click();
  await sidebar.getByRole('button', { name: 'Run checks' }).click();
  await sidebar.getByText(/\d+ rows? checked in \d+ tabs?/).waitFor();
  await sidebarIdle(sidebar);
  await settled(page);
}

test('insert the template, type a row with a mistake, check, go to the cell, fix it, re-run clean; colours follow the legend', async () => {
  const sidebar = await openSidebar(page);
  await sidebar.getByText('Signed in as analyst@example.org').waitFor();
  // Nothing is in the spec yet: the sidebar explains and offers the template.
  await sidebar.getByRole('heading', { name: 'Get started' }).waitFor();
  await shot(page, '1-sidebar');

  const [mappingTab] = await insertTemplate(sidebar);
  expect(mappingTab).toMatch(/Case registration/);
  await shot(page, '2-template');

  // In the grid: a good row (the record's unique identifier) and a row with a mistake — a date
  // mapped to an integer with no transformation rule.
  await showSheet(mappingTab);
  await page.getByRole('gridcell', { name: 'SOURCE', exact: true }).waitFor();
  await goTo(page, 'B3');
  await typeAcross(page, ['Agreed', 'Case ID', 'case_id', 'text', '', '', 'Tracked entity', 'trackedEntity', 'text', '', '', 'Yes', 'Yes']);
  await page.getByRole('tab', { name: mappingTab, exact: true, selected: true }).waitFor();
  await goTo(page, 'B4');
  await typeAcross(page, ['New', 'Date of birth', 'dob', 'date', '', '', 'Date of birth', 'dateOfBirth', 'integer']);
  // Typing stays on the tab being typed in (Mapspec's recolouring on edit must not move the selection).
  await page.getByRole('tab', { name: mappingTab, exact: true, selected: true }).waitFor();
  expect(await activeCell(page)).toBe('K4');
  await page.getByRole('gridcell', { name: 'dateOfBirth' }).waitFor();
  await shot(page, '3-typed');

  // Run the checks: the finding names the row, the column and the problem.
  await runChecks(sidebar);
  const finding = sidebar.getByRole('button', { name: /Row 4, column J\b.*"integer".*no transformation rule/ });
  await finding.waitFor();
  await sidebar.getByRole('list', { name: 'Findings by severity' }).getByText(/^[1-9]\d* warnings?$/).waitFor();
  await sidebar.getByRole('group').filter({ hasText: mappingTab }).first().waitFor();
  await shot(page, '4-finding');

  // Click it: the grid's active cell moves to J4 on that tab, and the finding is marked visited.
  await finding.click();
  await waitForActiveCell(page, 'J4');
  await page.getByRole('tab', { name: mappingTab, exact: true, selected: true }).waitFor();
  await sidebarStatus(sidebar).getByText(`Selected J4 in ${mappingTab}.`).waitFor();
  await finding.getByText('(visited)').waitFor({ state: 'attached' });
  await shot(page, '5-on-the-cell');

  // Fix it in the grid: the destination is a date too.
  await page.locator('#cell-4-10').click();
  await waitForActiveCell(page, 'J4');
  await page.keyboard.type('date');
  await page.keyboard.press('Enter');
  await settled(page);
  await page.getByRole('gridcell', { name: 'date', exact: true }).nth(1).waitFor();

  // Re-run: clean.
  await sidebar.getByRole('button', { name: 'Run checks' }).click();
  await sidebar.getByText('No problems found', { exact: true }).waitFor();
  await sidebarIdle(sidebar);
  await settled(page);
  expect(await finding.count()).toBe(0);
  await sidebar.getByText('0 errors', { exact: true }).waitFor();
  await sidebar.getByText('0 warnings', { exact: true }).waitFor();
  await sidebar.getByText(/^2 rows checked in 2 tabs/).waitFor();

  // Colours: the New row has the colour the legend gives "New"; the Agreed row keeps its own fill.
  const legendNew = sidebar.getByRole('listitem').filter({ has: sidebar.getByText('New', { exact: true }) });
  const newColour = await legendNew.locator('.swatch').evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(newColour).not.toBe('rgba(0, 0, 0, 0)');
  await expect.poll(() => cellBackground(page, 4, 2)).toBe(newColour);
  const rendered = await page.locator('[id^="cell-4-"]').evaluateAll((els) => els.map((el) => ({ id: el.id, bg: getComputedStyle(el).backgroundColor })));
  const inRow = rendered.filter((c) => Number(c.id.split('-')[2]) <= 17);
  expect(inRow.length).toBeGreaterThanOrEqual(5);
  for (const cell of inRow) expect(cell).toEqual({ id: cell.id, bg: newColour });
  expect(await cellBackground(page, 3, 2)).not.toBe(newColour);
  await shot(page, '6-clean');

  // "Clear Mapspec colours" puts the original fills back.
  await sidebar.getByRole('button', { name: 'Clear Mapspec colours' }).click();
  await sidebarStatus(sidebar).getByText(/^Restored [\d,]+ cells?\.$/).waitFor();
  await expect.poll(() => cellBackground(page, 4, 2)).not.toBe(newColour);
  await shot(page, '7-cleared');
});

test('the sidebar works from the keyboard: Tab to the panels, arrows switch them, Enter runs the checks', async () => {
  const sidebar = await openSidebar(page);
  const focused = (name: string | RegExp, role: 'tab' | 'button' = 'tab') =>
    sidebar.getByRole(role, { name }).evaluate((el) => el === el.ownerDocument.activeElement);

  // From the sidebar's close button, Tab enters the sidebar on the selected panel tab.
  await page.getByRole('button', { name: 'Close sidebar' }).focus();
  await page.keyboard.press('Tab');
  await expect.poll(() => focused('Spec')).toBe(true);

  await page.keyboard.press('ArrowRight');
  await expect.poll(() => focused(/Checks/)).toBe(true);
  await sidebar.getByRole('tab', { name: /Checks/, selected: true }).waitFor();
  await sidebar.getByRole('button', { name: 'Run checks' }).waitFor();
  await page.keyboard.press('ArrowLeft');
  await sidebar.getByRole('tab', { name: 'Spec', selected: true }).waitFor();
  await sidebar.getByRole('heading', { name: 'Get started' }).waitFor();
  await page.keyboard.press('End');
  await sidebar.getByRole('tab', { name: /Checks/, selected: true }).waitFor();

  // Tab reaches "Run checks"; Enter runs them, and the focus stays on the button for another run.
  await page.keyboard.press('Tab');
  await expect.poll(() => focused('Run checks', 'button')).toBe(true);
  await page.keyboard.press('Enter');
  await sidebar.getByText(/0 rows checked in 0 tabs/).waitFor();
  await sidebarIdle(sidebar);
  await expect.poll(() => focused('Run checks', 'button')).toBe(true);
  await shot(page, 'keyboard');
});

test('tab names and cell values in any script, or holding HTML, show as text', async () => {
  const sidebar = await openSidebar(page);
  const steps = ['ការចុះឈ្មោះ', 'تسجيل الحالة', '<img src=x onerror="window.__pwned=1">'].join('\n');
  const names = await insertTemplate(sidebar, steps);
  expect(names).toEqual(expect.arrayContaining([expect.stringContaining('ការចុះឈ្មោះ'), expect.stringContaining('تسجيل الحالة'), expect.stringContaining('<img')]));
  const arabic = sidebar.getByRole('button', { name: /تسجيل الحالة/ });
  expect(await arabic.locator('.name').getAttribute('dir')).toBe('auto');

  // A type that is HTML: the finding quotes it, as text.
  await showSheet(names.find((n) => n.includes('ការចុះឈ្មោះ'))!);
  await goTo(page, 'B3');
  await typeAcross(page, ['New', 'ឈ្មោះ', 'name', 'text', '', '', 'الاسم', 'name', '<b onmouseover=alert(1)>bold</b>']);
  await runChecks(sidebar);
  await sidebar.getByRole('button', { name: /<b onmouseover=alert\(1\)>bold<\/b>/ }).waitFor();
  expect(await sidebar.locator('img, b[onmouseover]').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await shot(page, 'scripts');
});
