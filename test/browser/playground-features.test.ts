// More of the playground in a browser, against a small hand-written add-on (test/playground/support/
// fake-addon) so it does not depend on what the real add-on does yet: checkbox clicks firing
// onEdit, a pasted TSV block as one edit, keyboard navigation, a refused dropdown entry, toasts,
// an HTML dialog closed by google.script.host.close(), the outbox (email HTML sandboxed), and time
// passing with a clock trigger.
import * as fs from 'node:fs';
import type { Page } from 'playwright-core';
import { writeFakeBuild } from '../playground/support/fake-addon';
import { launchBrowser, screenshot, settled, startTestPlayground, type BrowserSession, type TestPlayground } from './support/browser';

jest.setTimeout(120_000);

let browser: BrowserSession;
let pg: TestPlayground;
let page: Page;
let buildDir: string;

beforeAll(async () => {
  buildDir = writeFakeBuild();
  browser = await launchBrowser();
  page = browser.page;
  pg = await startTestPlayground({ buildDir });
  await page.goto(pg.server.url);
  await settled(page);
});

afterAll(async () => {
  await browser?.close();
  await pg?.close();
  fs.rmSync(buildDir, { recursive: true, force: true });
});

async function goTo(a1: string): Promise<void> {
  const nameBox = page.getByRole('textbox', { name: 'Name box' });
  await nameBox.fill(a1);
  await nameBox.press('Enter');
}

async function menu(caption: string): Promise<void> {
  await page.getByRole('menuitem', { name: 'Extensions' }).click();
  await page.getByRole('menu', { name: 'Extensions' }).getByRole('menuitem').first().click();
  await page.getByRole('menuitem', { name: caption, exact: true }).click();
  await settled(page);
}

test('checkboxes, paste, keyboard and a refused entry', async () => {
  await page.getByRole('tab', { name: 'Implementation checklist' }).click();
  await page.getByRole('tab', { name: 'Implementation checklist', selected: true }).waitFor();
  await settled(page);

  // Clicking a checkbox toggles it and fires onEdit (the fake add-on writes beside the cell).
  const box = page.getByRole('checkbox', { name: 'F3 checkbox' });
  expect(await box.getAttribute('aria-checked')).toBe('false');
  await box.click();
  await settled(page);
  await page.getByRole('checkbox', { name: 'F3 checkbox', checked: true }).waitFor();
  await page.getByRole('gridcell', { name: 'seen TRUE (LIMITED)' }).waitFor();
  // Space toggles the active checkbox back.
  await page.keyboard.press('Space');
  await settled(page);
  await page.getByRole('checkbox', { name: 'F3 checkbox', checked: false }).waitFor();

  // A TSV block from the clipboard is pasted as one edit at the active cell.
  await page.getByRole('tab', { name: 'Value maps' }).click();
  await page.getByRole('tab', { name: 'Value maps', selected: true }).waitFor();
  await settled(page);
  await goTo('A12');
  await page.getByRole('grid').evaluate((grid) => {
    const data = new DataTransfer();
    data.setData('text/plain', 'district\tD01\tNorth\r\ndistrict\tD02\t"South\nEast"\r\n');
    grid.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
  });
  await settled(page);
  await page.getByRole('gridcell', { name: 'D02' }).waitFor();
  await page.getByRole('gridcell', { name: 'South East' }).waitFor();
  const nameBox = page.getByRole('textbox', { name: 'Name box' });
  expect(await nameBox.inputValue()).toBe('A12:C13');

  // Arrows move the active cell; the formula bar follows.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  expect(await nameBox.inputValue()).toBe('B13');
  expect(await page.getByRole('textbox', { name: 'Formula bar' }).inputValue()).toBe('D02');

  // A strict dropdown refuses a value: Sheets' message, the old value stays.
  await page.getByRole('tab', { name: 'Mapping' }).click();
  await page.getByRole('tab', { name: 'Mapping', selected: true }).waitFor();
  await settled(page);
  await goTo('B3');
  await page.keyboard.type('Maybe later');
  await page.keyboard.press('Enter');
  const problem = page.getByRole('alertdialog', { name: 'There was a problem' });
  await problem.waitFor();
  await problem.getByRole('button', { name: 'OK' }).click();
  await settled(page);
  expect(await page.getByRole('gridcell', { name: 'Agreed' }).count()).toBeGreaterThan(0);

  // A dropdown cell: Enter opens its choices, the arrows pick one, Enter commits it.
  await goTo('B5');
  await page.keyboard.press('Enter');
  await page.getByRole('listbox', { name: 'Choices' }).waitFor();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.getByRole('option', { name: 'Needs discussion', selected: true }).waitFor();
  await page.keyboard.press('Enter');
  await settled(page);
  await page.getByRole('gridcell', { name: 'seen Needs discussion (LIMITED)' }).waitFor();
  expect(await page.getByRole('textbox', { name: 'Name box' }).inputValue()).toBe('B6');

  // A note shows when the pointer rests on its cell (the black corner mark).
  await page.getByRole('gridcell', { name: 'Sokha Chan' }).hover();
  await page.getByRole('tooltip').getByText('Real sample from the pilot site, name changed.').waitFor();
  await screenshot(page, 'features-grid');
});

test('the sidebar bridge: handlers, user object, round trip', async () => {
  await menu('Open sidebar');
  const sidebar = page.getByRole('complementary', { name: /sidebar/i }).locator('iframe').contentFrame();
  await sidebar.getByText('Signed in as analyst@example.org').waitFor();
  await sidebar.getByRole('button', { name: 'Echo' }).click();
  await sidebar.getByText('Echo: {"n":1} u1').waitFor();
  await page.getByRole('button', { name: 'Close sidebar' }).click();
  await page.getByRole('complementary', { name: /sidebar/i }).waitFor({ state: 'hidden' });
});

test('toasts, dialogs, the outbox and time passing', async () => {
  await menu('Say hi');
  await page.getByRole('status').getByText('Hi there').waitFor();

  await menu('Show dialog');
  const dialog = page.getByRole('dialog', { name: 'Test dialog' });
  await dialog.waitFor();
  const frame = dialog.locator('iframe').contentFrame();
  await frame.getByText('Hello dialog').waitFor();
  await frame.getByRole('button', { name: 'Done' }).click();
  await dialog.waitFor({ state: 'detached' });

  await menu('Send test email');
  await page.getByRole('button', { name: 'Outbox (1)' }).click();
  const outbox = page.getByRole('dialog', { name: 'Outbox (1)' });
  const mail = outbox.getByRole('article', { name: 'Mapping spec ready for sign-off' });
  await mail.waitFor();
  await mail.getByText('approver@client.example.org').waitFor();
  const htmlFrame = mail.locator('iframe');
  expect(await htmlFrame.getAttribute('sandbox')).toBe('');
  await htmlFrame.contentFrame().getByRole('heading', { name: 'Ready for sign-off' }).waitFor();
  await mail.getByText('Plain text', { exact: true }).click();
  await mail.getByText('Plain text: please review the mapping spec.').waitFor();
  await screenshot(page, 'features-outbox');
  // The email's scripts never ran.
  expect(await page.title()).not.toContain('pwned');
  await page.keyboard.press('Escape');
  await outbox.waitFor({ state: 'detached' });

  await menu('Install hourly trigger');
  await page.getByRole('button', { name: 'An hour passes' }).click();
  await settled(page);
  await page.getByText('60 minutes passed; 1 time-driven trigger run.').waitFor();
  expect(pg.server.session.emulator.state.properties.document.ticks).toBe('1');
});
