// Helpers for browser tests that drive the Mapspec sidebar inside the playground: opening it from
// the add-on menu, waiting until it is idle, typing into grid cells, reading a cell's fill and the
// active cell, and waiting on a condition.
import type { FrameLocator, Page } from 'playwright-core';
import { settled } from './browser';

/** Extensions > (the add-on's menu) > the item whose caption matches, as a person would. */
export async function runAddonMenuItem(page: Page, caption: RegExp): Promise<void> {
  await page.getByRole('menuitem', { name: 'Extensions' }).click();
  const extensions = page.getByRole('menu', { name: 'Extensions' });
  await extensions.waitFor();
  const addonMenu = extensions.getByRole('menuitem').first();
  const addonName = (await addonMenu.locator('.menu-label').textContent())?.trim() ?? '';
  await addonMenu.click();
  const submenu = page.getByRole('menu', { name: addonName });
  await submenu.waitFor();
  await submenu.getByRole('menuitem', { name: caption }).click();
}

/** Opens the sidebar from the add-on menu and waits until it has loaded its state. */
export async function openSidebar(page: Page): Promise<FrameLocator> {
  await runAddonMenuItem(page, /sidebar/i);
  const aside = page.getByRole('complementary', { name: /sidebar/i });
  await aside.waitFor();
  const sidebar = aside.locator('iframe').contentFrame();
  await sidebarIdle(sidebar);
  await settled(page);
  return sidebar;
}

/** The sidebar marks its <main> aria-busy while a server call runs. */
export async function sidebarIdle(sidebar: FrameLocator): Promise<void> {
  await sidebar.locator('main[aria-busy="false"]').waitFor({ state: 'attached' });
}

/** Adopts the active tab with the detected kind and roles (the menu item, then Confirm). */
export async function adoptActiveTab(page: Page, sidebar: FrameLocator): Promise<void> {
  await runAddonMenuItem(page, /as a mapping spec/);
  await sidebar.getByRole('button', { name: 'Confirm' }).click();
  await sidebarStatus(sidebar).getByText('is now part of the spec', { exact: false }).waitFor();
  await sidebarIdle(sidebar);
}

/**
 * Adopts the active tab as a mapping spec with the detected roles (Confirm), then opens the Spec
 * panel's Systems section, empty: where the tests of issue 12 start.
 */
export async function adoptAndOpenSystems(page: Page, sidebar: FrameLocator): Promise<void> {
  await adoptActiveTab(page, sidebar);
  await sidebar.getByText('Systems', { exact: true }).click();
  await sidebar.getByText('No system imported yet.').waitFor();
}

/** The sidebar's status line (role=status). */
export function sidebarStatus(sidebar: FrameLocator) {
  return sidebar.getByRole('status');
}

export async function goTo(page: Page, a1: string): Promise<void> {
  const nameBox = page.getByRole('textbox', { name: 'Name box' });
  await nameBox.fill(a1);
  await nameBox.press('Enter');
  await waitForActiveCell(page, a1);
}

/** What the name box shows: the grid's active cell (or range). */
export async function activeCell(page: Page): Promise<string> {
  return page.getByRole('textbox', { name: 'Name box' }).inputValue();
}

export async function waitForActiveCell(page: Page, a1: string): Promise<void> {
  await page.waitForFunction((want) => (document.querySelector('input[aria-label="Name box"]') as HTMLInputElement | null)?.value === want, a1);
}

/**
 * Types a row into the grid from the active cell as a person does: each value then Tab; an empty
 * value just moves on. Waits for each edit (and the onEdit it fires) to finish.
 */
export async function typeAcross(page: Page, values: readonly string[]): Promise<void> {
  for (const value of values) {
    if (value !== '') await page.keyboard.type(value);
    await page.keyboard.press('Tab');
    await settled(page);
  }
}

/**
 * Pastes one row at the active cell, as one edit — how text typed with an input method (Khmer,
 * Thai, Arabic) usually arrives: the keyboard simulation cannot type those scripts key by key.
 */
export async function pasteRow(page: Page, values: readonly string[]): Promise<void> {
  await pasteText(page, `${values.join('\t')}\r\n`);
}

/** Pastes text (TSV for a block) at the grid's active cell, as Ctrl+V does. */
export async function pasteText(page: Page, text: string): Promise<void> {
  await page.getByRole('grid').evaluate((grid, tsv) => {
    const data = new DataTransfer();
    data.setData('text/plain', tsv);
    grid.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
  }, text);
  await settled(page);
}

/** The computed background of a grid cell, as "rgb(r, g, b)". */
export async function cellBackground(page: Page, row: number, column: number): Promise<string> {
  return page.locator(`#cell-${row}-${column}`).evaluate((el) => getComputedStyle(el).backgroundColor);
}

/**
 * Waits until `check` returns the wanted value (an explicit wait on a condition, re-checked every
 * animation-frame-ish interval, never a fixed sleep); fails with the last value seen.
 */
export async function until<T>(check: () => Promise<T>, want: (value: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await check();
  while (!want(last)) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}; last value: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    last = await check();
  }
  return last;
}
