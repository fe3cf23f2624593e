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
