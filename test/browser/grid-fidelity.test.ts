// Issue 18, point 5 in the playground with real chromium: the grid behaves as Sheets does where
// people notice. Tab, Tab, Enter goes back to the first column of the next row; a 1,000-row paste at
// A3 keeps all 1,000 rows (the sheet grows); Arabic text is right-aligned and right-to-left.
// Screenshots: test-output/screenshots/grid-fidelity-*.png.
import { usePlaygroundPage } from './support/playground-page';
import { activeCell, goTo, pasteText, until } from './support/sidebar';
import { settled } from './support/browser';

const ui = usePlaygroundPage('grid-fidelity');

test('Tab, Tab, Enter; a 1,000-row paste keeps 1,000 rows; right-to-left text right-aligned', async () => {
  const { page, shot } = ui;
  await ui.openPlayground();
  await ui.showSheet('Value maps');

  // Typing across a row with Tab, then Enter: the next row, at the column the typing started in.
  await goTo(page, 'A40');
  await page.keyboard.type('district');
  await page.keyboard.press('Tab');
  await page.keyboard.type('D09');
  await page.keyboard.press('Tab');
  await page.keyboard.type('West');
  await page.keyboard.press('Enter');
  await settled(page);
  expect(await activeCell(page)).toBe('A41');
  await until(() => ui.cellText(40, 3), (t) => t === 'West', 'C40 to read West');
  // An arrow key in between forgets where the Tabs started: Enter then goes straight down.
  await goTo(page, 'B45');
  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.type('x');
  await page.keyboard.press('Enter');
  await settled(page);
  expect(await activeCell(page)).toBe('D46');

  // Right-to-left text: right-aligned and read right to left, as Sheets shows it.
  // (Pasted: the keyboard Playwright drives has no Arabic keys.)
  await goTo(page, 'E40');
  await pasteText(page, 'اسم القرية');
  const rtl = page.locator('#cell-40-5 .text');
  await until(() => rtl.textContent(), (t) => t === 'اسم القرية', 'E40 to hold the Arabic text');
  expect(await rtl.evaluate((e) => [getComputedStyle(e).textAlign, getComputedStyle(e).direction])).toEqual(['right', 'rtl']);
  expect(await page.locator('#cell-40-1 .text').evaluate((e) => getComputedStyle(e).textAlign)).toBe('left');
  await shot('1-typed');

  // 1,000 rows pasted at A3 of a 1,000-row sheet: the sheet grows to hold rows 3–1,002.
  await goTo(page, 'A3');
  const tsv = Array.from({ length: 1000 }, (_, i) => `list${i + 1}\tcode${i + 1}`).join('\r\n');
  await pasteText(page, tsv);
  await until(() => activeCell(page), (a) => a === 'A3:B1002', 'the whole pasted block to be selected');
  await goTo(page, 'B1002');
  await until(() => ui.cellText(1002, 2), (t) => t === 'code1000', 'B1002 to hold the last pasted row');
  expect(await ui.cellText(1002, 1)).toBe('list1000');
  await shot('2-pasted');
});

test("a tab's menu renames, deletes and adds rows; a row header inserts a row; warning-only protection asks before an edit", async () => {
  const { page, shot } = ui;
  await ui.openPlayground();
  const tabMenu = async (name: string) => {
    await page.getByRole('tab', { name, exact: true }).click({ button: 'right' });
    return page.getByRole('menu', { name: `Sheet ${name}` });
  };

  // Rename: a taken name is refused in Sheets' words; a free one renames the tab.
  await (await tabMenu('Value maps')).getByRole('menuitem', { name: 'Rename…' }).click();
  await page.getByRole('textbox', { name: 'Sheet name' }).fill('Mapping');
  await page.getByRole('button', { name: 'OK' }).click();
  await page.getByRole('alertdialog').getByText('A sheet with the name "Mapping" already exists. Please enter another name.').waitFor();
  await page.getByRole('alertdialog').getByRole('button', { name: 'OK' }).click();
  await (await tabMenu('Value maps')).getByRole('menuitem', { name: 'Rename…' }).click();
  await page.getByRole('textbox', { name: 'Sheet name' }).fill('Choice lists');
  await page.getByRole('textbox', { name: 'Sheet name' }).press('Enter');
  await page.getByRole('tab', { name: 'Choice lists', exact: true }).waitFor();

  // Delete, after saying what it does.
  await (await tabMenu('Implementation checklist')).getByRole('menuitem', { name: 'Delete' }).click();
  await page.getByRole('alertdialog', { name: 'Delete "Implementation checklist"?' }).getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('tab', { name: 'Implementation checklist', exact: true }).waitFor({ state: 'detached' });
  // Every sheet is in the ☰ menu, for a tab bar too long to show them all.
  await page.getByRole('button', { name: 'All sheets' }).click();
  await page.getByRole('menu', { name: 'All sheets' }).getByRole('menuitem').first().waitFor();
  expect((await page.getByRole('menu', { name: 'All sheets' }).getByRole('menuitem').allTextContents()).map((t) => t.replace('✓', ''))).toEqual(['README', 'Mapping', 'Choice lists']);
  await page.keyboard.press('Escape');

  // Rows at the bottom, and one inserted above row 4 from its header (row 4 moves down to 5).
  await ui.showSheet('Mapping');
  await (await tabMenu('Mapping')).getByRole('menuitem', { name: 'Add 1,000 rows at the bottom' }).click();
  await settled(page);
  await goTo(page, 'A2000');
  expect(await activeCell(page)).toBe('A2000');
  await goTo(page, 'A4');
  const row4 = await ui.cellText(4, 1);
  await page.locator('.row-head[data-row="4"]').click({ button: 'right' });
  await page.getByRole('menu', { name: 'Row 4' }).getByRole('menuitem', { name: 'Insert 1 row above' }).click();
  await settled(page);
  await until(() => ui.cellText(5, 1), (t) => t === row4, 'row 4 to move down to row 5');
  expect(await ui.cellText(4, 1)).toBe('');

  // A tab protected with a warning only (the add-on's read-only version tabs): an edit asks first.
  const ss = ui.pg.server.session;
  ss.emulator.execution().globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Choice lists')!.protect().setWarningOnly(true);
  ss.server('getSidebarState', [{}]);
  await page.reload();
  await settled(page);
  await ui.showSheet('Choice lists');
  await goTo(page, 'A30');
  const before = await ui.cellText(30, 1);
  await page.keyboard.type('typed');
  await page.keyboard.press('Enter');
  const ask = page.getByRole('alertdialog', { name: 'Heads up!' });
  await ask.getByText("You're trying to edit part of this sheet that shouldn't be changed accidentally. Edit anyway?").waitFor();
  await shot('3-protected');
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await settled(page);
  await until(() => ui.cellText(30, 1), (t) => t === before, 'the cancelled edit to be undone');
  await goTo(page, 'A30');
  await page.keyboard.type('typed');
  await page.keyboard.press('Enter');
  await page.getByRole('alertdialog', { name: 'Heads up!' }).getByRole('button', { name: 'OK' }).click();
  await settled(page);
  await until(() => ui.cellText(30, 1), (t) => t === 'typed', 'the confirmed edit to be made');
});
