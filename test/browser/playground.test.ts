// The playground in a real browser (Debian chromium, headless), against the real build/: the grid
// and tabs, an edit that survives a server restart, the add-on's menu opening its sidebar whose
// server calls round-trip, the user switcher as the sidebar sees it, and the .xlsx download.
// Each flow keeps a screenshot in test-output/screenshots/<flow>.png.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { readXlsx } from '../../src/emulator/xlsx';
import { screenshot, settled } from './support/browser';
import { usePlaygroundPage } from './support/playground-page';

jest.setTimeout(120_000);

const DEMO_TABS = ['README', 'Mapping', 'Value maps', 'Implementation checklist'];

// A fresh playground per test. Its flows' screenshots are named <flow>.png (screenshot(), not shot()).
const ui = usePlaygroundPage('playground', { playground: 'test' });

/** Extensions > (the add-on's menu) > the item whose caption mentions the sidebar: read from the page, not assumed. */
async function openSidebarFromMenu(): Promise<FrameLocator> {
  const { page } = ui;
  await page.getByRole('menuitem', { name: 'Extensions' }).click();
  const extensions = page.getByRole('menu', { name: 'Extensions' });
  await extensions.waitFor();
  const addonMenu = extensions.getByRole('menuitem').first();
  const addonName = (await addonMenu.locator('.menu-label').textContent())?.trim() ?? '';
  expect(addonName).not.toBe('');
  await addonMenu.click();
  const submenu = page.getByRole('menu', { name: addonName });
  await submenu.waitFor();
  const captions = (await submenu.getByRole('menuitem').allTextContents()).map((s) => s.trim());
  const caption = captions.find((c) => /sidebar/i.test(c));
  expect(caption).toBeDefined();
  await submenu.getByRole('menuitem', { name: caption }).click();
  const aside = page.getByRole('complementary', { name: /sidebar/i });
  await aside.waitFor();
  await settled(page);
  return aside.locator('iframe').contentFrame();
}

test('grid: demo tabs and values, switching tabs, an edit persists across a server restart', async () => {
  const { page, pg } = ui;
  const tabs = (await page.getByRole('tab').allTextContents()).map((t) => t.trim());
  expect(tabs).toEqual(DEMO_TABS);
  await page.getByRole('tab', { name: 'Mapping', selected: true }).waitFor();
  await page.getByRole('gridcell', { name: 'MAP-001' }).waitFor();
  await page.getByRole('gridcell', { name: 'Needs discussion' }).first().waitFor();
  expect(await page.getByRole('columnheader', { name: 'C', exact: true }).count()).toBeGreaterThan(0);

  await page.getByRole('tab', { name: 'Value maps' }).click();
  await page.getByRole('tab', { name: 'Value maps', selected: true }).waitFor();
  await page.getByRole('gridcell', { name: 'pregnancy_status' }).first().waitFor();
  await settled(page);

  // Go to F2 with the name box, type, Enter: the edit goes to the server (and onEdit, if any).
  const nameBox = page.getByRole('textbox', { name: 'Name box' });
  await nameBox.fill('F2');
  await nameBox.press('Enter');
  await page.keyboard.type('Edited in a browser');
  await page.keyboard.press('Enter');
  await settled(page);
  await page.getByRole('gridcell', { name: 'Edited in a browser' }).waitFor();
  expect(await nameBox.inputValue()).toBe('F3');

  await pg.restart();
  await page.reload();
  await settled(page);
  await page.getByRole('tab', { name: 'Value maps', selected: true }).waitFor();
  await page.getByRole('gridcell', { name: 'Edited in a browser' }).waitFor();
  await screenshot(page, 'grid-edit-persists');
});

test('sidebar: the add-on menu opens it at 300 px and its server calls round-trip', async () => {
  const { page } = ui;
  const sidebar = await openSidebarFromMenu();
  const aside = page.getByRole('complementary', { name: /sidebar/i });
  expect(Math.round((await aside.boundingBox())!.width)).toBe(300);
  await sidebar.getByText('Signed in as analyst@example.org').waitFor();

  // A tab button in the sidebar calls the server (activateTab); the grid follows the active sheet.
  await sidebar.getByRole('button', { name: /Implementation checklist/ }).click();
  await page.getByRole('tab', { name: 'Implementation checklist', selected: true }).waitFor();
  await page.getByRole('gridcell', { name: 'Client sign-offs on workflow diagram & mapping specs' }).waitFor();
  await sidebar.getByText('Showing Implementation checklist.').waitFor();
  await settled(page);
  await screenshot(page, 'sidebar-round-trip');

  await page.getByRole('button', { name: 'Close sidebar' }).click();
  await aside.waitFor({ state: 'hidden' });
});

test('user switcher: the sidebar sees the signed-in user', async () => {
  const { page } = ui;
  let sidebar = await openSidebarFromMenu();
  await sidebar.getByText('Signed in as analyst@example.org').waitFor();

  await page.getByRole('button', { name: /Signed in as analyst@example\.org/ }).click();
  await page.getByRole('menuitem', { name: 'approver@client.example.org' }).click();
  await page.getByRole('button', { name: /Signed in as approver@client\.example\.org/ }).waitFor();
  await settled(page);
  // A different person opens the document: no sidebar until they open it.
  await page.getByRole('complementary', { name: /sidebar/i }).waitFor({ state: 'hidden' });
  sidebar = await openSidebarFromMenu();
  await sidebar.getByText('Signed in as approver@client.example.org').waitFor();

  await page.getByRole('button', { name: /Signed in as approver/ }).click();
  await page.getByRole('menuitem', { name: 'Add user…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a user' });
  await dialog.getByRole('textbox', { name: 'Email address' }).fill('reviewer@example.org');
  await dialog.getByRole('textbox', { name: 'Email address' }).press('Enter');
  await page.getByRole('button', { name: /Signed in as reviewer@example\.org/ }).waitFor();
  sidebar = await openSidebarFromMenu();
  await sidebar.getByText('Signed in as reviewer@example.org').waitFor();
  await screenshot(page, 'user-switcher');
});

test('download: the .xlsx the page hands out reads back with readXlsx', async () => {
  const { page } = ui;
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download .xlsx' }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mapspec-download-'));
  try {
    const file = path.join(dir, 'download.xlsx');
    await download.saveAs(file);
    const wb = await readXlsx(file);
    expect(wb.sheets.map((s) => s.name)).toEqual([...DEMO_TABS, 'Lists', '_mapspec_systems']);
    expect(wb.sheets[1].rows[2][0]?.v).toBe('MAP-001');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  await screenshot(page, 'download');
});
