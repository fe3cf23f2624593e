// Issue 3's acceptance in the playground with real chromium, against the real build/: open the
// Mapspec sidebar from the menu, insert the template, type a row with a mistake in the grid, run
// the checks, see the finding, click it and land on its cell, fix it, re-run clean, and check the
// row's colour against the sidebar's colour key. Also: the sidebar works from the keyboard alone,
// and names or cell values in any script (or holding HTML) show as text. Settings: a new colour for
// "New" is saved from the sidebar and reaches the colour key, the sheet and the README's legend.
// Screenshots: test-output/screenshots/mapping-spec-*.png and settings-*.png.
import type { FrameLocator } from 'playwright-core';
import { screenshot, settled } from './support/browser';
import { usePlaygroundPage } from './support/playground-page';
import { activeCell, cellBackground, goTo, openSidebar, pasteRow, runAddonMenuItem, sidebarIdle, sidebarStatus, typeAcross, until, waitForActiveCell } from './support/sidebar';

jest.setTimeout(180_000);

const ui = usePlaygroundPage('mapping-spec', { playground: 'test' });
const { shot, showSheet } = ui;

/** Inserts the template from the sidebar; returns the new mapping tabs' names as the sidebar lists them. */
async function insertTemplate(sidebar: FrameLocator, steps?: string): Promise<string[]> {
  const { page } = ui;
  if (steps !== undefined) await sidebar.getByRole('textbox', { name: 'Workflow steps' }).fill(steps);
  await sidebar.getByRole('button', { name: 'Insert the mapping template' }).click();
  await sidebarStatus(sidebar).getByText(/^Inserted \d+ tabs?/).waitFor();
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

/** Every cell of the row's template columns (A–Q) on screen has (or has not) the colour. */
async function expectRowColours(row: number, colour: string, has: boolean): Promise<void> {
  const { page } = ui;
  const cells = await page
    .locator(`[id^="cell-${row}-"]`)
    .evaluateAll((els) => els.map((el) => ({ column: Number(el.id.split('-')[2]), bg: getComputedStyle(el).backgroundColor })));
  const inTemplate = cells.filter((c) => c.column <= 17);
  expect(inTemplate.length).toBeGreaterThanOrEqual(5);
  for (const cell of inTemplate) {
    if (has) expect(cell).toEqual({ column: cell.column, bg: colour });
    else expect(cell.bg).not.toBe(colour);
  }
}

async function runChecks(sidebar: FrameLocator): Promise<void> {
  const { page } = ui;
  await sidebar.getByRole('tab', { name: /Checks/ }).click();
  await sidebar.getByRole('button', { name: 'Run checks' }).click();
  await sidebar.getByText(/\d+ rows? checked in \d+ tabs?/).waitFor();
  await sidebarIdle(sidebar);
  await settled(page);
}

test('insert the template, type a row with a mistake, check, go to the cell, fix it, re-run clean; colours follow the legend', async () => {
  const { page } = ui;
  const sidebar = await openSidebar(page);
  await sidebar.getByText('Signed in as analyst@example.org').waitFor();
  // Nothing is in the spec yet: the sidebar explains and offers the template.
  await sidebar.getByRole('heading', { name: 'Get started' }).waitFor();
  await shot('1-sidebar');

  const [mappingTab] = await insertTemplate(sidebar);
  expect(mappingTab).toMatch(/Case registration/);
  await shot('2-template');

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
  await shot('3-typed');

  // Run the checks: the finding names the row, the column and the problem.
  await runChecks(sidebar);
  const finding = sidebar.getByRole('button', { name: /Row 4, column J\b.*"integer".*no transformation rule/ });
  await finding.waitFor();
  await sidebar.getByRole('list', { name: 'Findings by severity' }).getByText(/^[1-9]\d* warnings?$/).waitFor();
  await sidebar.getByRole('group').filter({ hasText: mappingTab }).first().waitFor();
  await shot('4-finding');

  // Click it: the grid's active cell moves to J4 on that tab, and the finding is marked visited.
  await finding.click();
  await waitForActiveCell(page, 'J4');
  await page.getByRole('tab', { name: mappingTab, exact: true, selected: true }).waitFor();
  await sidebarStatus(sidebar).getByText(`Selected J4 in ${mappingTab}.`).waitFor();
  await finding.getByText('(visited)').waitFor({ state: 'attached' });
  await shot('5-on-the-cell');

  // Fix it in the grid: the destination is a date too.
  await page.locator('#cell-4-10').click();
  await waitForActiveCell(page, 'J4');
  await page.keyboard.type('date');
  await page.keyboard.press('Enter');
  await settled(page);
  await page.locator('#cell-4-10 .text').filter({ hasText: /^date$/ }).waitFor();

  // Re-run: clean.
  await sidebar.getByRole('button', { name: 'Run checks' }).click();
  await sidebar.getByText('No problems found', { exact: true }).waitFor();
  await sidebarIdle(sidebar);
  await settled(page);
  expect(await finding.count()).toBe(0);
  await sidebar.getByText('0 errors', { exact: true }).waitFor();
  await sidebar.getByText('0 warnings', { exact: true }).waitFor();
  // The new mapping tab's 2 rows and the demo's own value maps, which the template used instead of doubling.
  await sidebar.getByText(/^\d+ rows checked in 2 tabs/).waitFor();

  // Colours: the New row has the colour the legend gives "New"; the Agreed row keeps its own fill.
  // (The grid draws only the columns on screen: check those, then scroll back to column A.)
  const legendNew = sidebar.getByRole('listitem').filter({ has: sidebar.getByText('New', { exact: true }) });
  const newColour = await legendNew.locator('.swatch').evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(newColour).not.toBe('rgba(0, 0, 0, 0)');
  await until(() => cellBackground(page, 4, 10), (bg) => bg === newColour, 'J4 to have the New colour');
  await expectRowColours(4, newColour, true);
  await expectRowColours(3, newColour, false);
  await goTo(page, 'A4');
  await expectRowColours(4, newColour, true);
  await expectRowColours(3, newColour, false);
  await shot('6-clean');

  // "Clear Mapspec colours" puts the original fills back.
  await sidebar.getByRole('button', { name: 'Clear Mapspec colours' }).click();
  await sidebarStatus(sidebar).getByText(/^Restored [\d,]+ cells?\.$/).waitFor();
  await until(() => cellBackground(page, 4, 2), (bg) => bg !== newColour, 'B4 to lose the New colour');
  await expectRowColours(4, newColour, false);
  await shot('7-cleared');
});

test('the sidebar works from the keyboard: Tab to the panels, arrows switch them, Enter runs the checks', async () => {
  const { page } = ui;
  const sidebar = await openSidebar(page);
  const focused = (name: string | RegExp, role: 'tab' | 'button' = 'tab') =>
    sidebar.getByRole(role, { name }).evaluate((el) => el === el.ownerDocument.activeElement);

  // From the sidebar's close button, Tab enters the sidebar on the selected panel tab.
  await page.getByRole('button', { name: 'Close sidebar' }).focus();
  await page.keyboard.press('Tab');
  await until(() => focused('Spec'), Boolean, 'the Spec tab to have the focus');

  await page.keyboard.press('ArrowRight');
  await until(() => focused(/Checks/), Boolean, 'the Checks tab to have the focus');
  await sidebar.getByRole('tab', { name: /Checks/, selected: true }).waitFor();
  await sidebar.getByRole('button', { name: 'Run checks' }).waitFor();
  await page.keyboard.press('ArrowLeft');
  await sidebar.getByRole('tab', { name: 'Spec', selected: true }).waitFor();
  await sidebar.getByRole('heading', { name: 'Get started' }).waitFor();
  await page.keyboard.press('End');
  await sidebar.getByRole('tab', { name: 'Settings', selected: true }).waitFor();
  await until(() => focused('Settings'), Boolean, 'the Settings tab to have the focus');
  await sidebar.getByRole('textbox', { name: 'Blank markers' }).waitFor();
  await page.keyboard.press('ArrowRight');
  await sidebar.getByRole('tab', { name: 'Spec', selected: true }).waitFor();
  await page.keyboard.press('ArrowLeft');
  await sidebar.getByRole('tab', { name: 'Settings', selected: true }).waitFor();
  // Versions sits between Checks and Settings; opening it lists the versions (the tabs stay usable).
  await page.keyboard.press('ArrowLeft');
  await sidebar.getByRole('tab', { name: 'Versions', selected: true }).waitFor();
  await until(() => focused('Versions'), Boolean, 'the Versions tab to have the focus');
  // Checklist sits between Checks and Versions.
  await page.keyboard.press('ArrowLeft');
  await sidebar.getByRole('tab', { name: 'Checklist', selected: true }).waitFor();
  await sidebarIdle(sidebar);
  await page.keyboard.press('ArrowLeft');
  await sidebar.getByRole('tab', { name: /Checks/, selected: true }).waitFor();
  await sidebarIdle(sidebar);

  // Tab reaches "Run checks"; Enter runs them, and the focus stays on the button for another run.
  await page.keyboard.press('Tab');
  await until(() => focused('Run checks', 'button'), Boolean, 'Run checks to have the focus');
  await page.keyboard.press('Enter');
  await sidebar.getByText(/0 rows checked in 0 tabs/).waitFor();
  await sidebarIdle(sidebar);
  await until(() => focused('Run checks', 'button'), Boolean, 'Run checks to have the focus');
  await shot('keyboard');
});

test('tab names and cell values in any script, or holding HTML, show as text', async () => {
  const { page } = ui;
  const sidebar = await openSidebar(page);
  const steps = ['ការចុះឈ្មោះ', 'تسجيل الحالة', '<img src=x onerror="window.__pwned=1">'].join('\n');
  const names = await insertTemplate(sidebar, steps);
  expect(names).toEqual(expect.arrayContaining([expect.stringContaining('ការចុះឈ្មោះ'), expect.stringContaining('تسجيل الحالة'), expect.stringContaining('<img')]));
  const arabic = sidebar.getByRole('button', { name: /تسجيل الحالة/ });
  expect(await arabic.locator('.name').getAttribute('dir')).toBe('auto');

  // A row in Khmer and Arabic whose destination type is HTML: the finding quotes it, as text.
  const khmerTab = names.find((n) => n.includes('ការចុះឈ្មោះ'))!;
  await showSheet(khmerTab);
  await goTo(page, 'B3');
  await pasteRow(page, ['New', 'ឈ្មោះ', 'name', 'text', '', '', 'الاسم', 'name', '<b onmouseover=alert(1)>bold</b>']);
  // The page stays on the tab pasted into (recolouring on edit must not move the selection).
  await page.getByRole('gridcell', { name: 'الاسم' }).waitFor();
  await runChecks(sidebar);
  await sidebar.getByRole('button', { name: /<b onmouseover=alert\(1\)>bold<\/b>/ }).waitFor();
  expect(await sidebar.locator('img, b[onmouseover]').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await shot('scripts');
});

test('adopt a tab from the menu, see a server error in the status line, confirm, then stop using it', async () => {
  const { page } = ui;
  // Extensions › Mapspec › "Use this tab as a value map" on the demo's value-map tab: the sidebar
  // opens on the Adopt panel with what Mapspec detected there.
  await showSheet('Value maps');
  await runAddonMenuItem(page, /as a value map/);
  const sidebar = page.getByRole('complementary', { name: /sidebar/i }).locator('iframe').contentFrame();
  await sidebar.getByRole('heading', { name: /Use “Value maps” in the spec/ }).waitFor();
  await sidebarIdle(sidebar);
  await sidebar.getByText(/Mapspec is (fairly )?sure this is a value map\./).waitFor();
  expect(await sidebar.getByRole('radio', { name: 'Value map' }).isChecked()).toBe(true);
  expect(await sidebar.getByRole('combobox', { name: /^Role of column A\b/ }).inputValue()).toBe('value-map');
  const headerRow = sidebar.getByRole('spinbutton', { name: 'Column names are in row' });
  expect(await headerRow.inputValue()).toBe('1');
  await shot('adopt');

  // A row below the data: the server says why, in the status line, as a sentence (no stack trace).
  await headerRow.fill('999');
  await sidebar.getByRole('button', { name: 'Confirm' }).click();
  const status = sidebarStatus(sidebar);
  await status.getByText(/row 999 is below the last row/).waitFor();
  expect(await status.getAttribute('class')).toMatch(/\berror\b/);
  expect(await status.textContent()).not.toMatch(/\n\s+at\s|Error:/);
  await shot('adopt-error');

  await headerRow.fill('1');
  await sidebar.getByRole('button', { name: 'Confirm' }).click();
  await status.getByText('“Value maps” is now part of the spec as a value map.', { exact: false }).waitFor();
  const row = sidebar.getByRole('listitem').filter({ has: sidebar.getByRole('button', { name: /^Value maps\b/ }) });
  await row.getByText('Value map', { exact: true }).waitFor();

  // Stop using it: a confirm step in the sidebar, then the badge is gone.
  await row.getByRole('button', { name: 'Use as…' }).click();
  await row.getByRole('button', { name: 'Stop using' }).click();
  await row.getByText(/Stop checking/).waitFor();
  await shot('stop-using');
  await row.getByRole('group').getByRole('button', { name: 'Stop using' }).click();
  await status.getByText('“Value maps” is no longer part of the spec.').waitFor();
  expect(await row.getByText('Value map', { exact: true }).count()).toBe(0);
});

test('settings: a new colour for New is saved from the sidebar, and the sheet, the colour key and the README legend follow it', async () => {
  const { page } = ui;
  const NEW = '#d9ead3';
  const NEW_RGB = 'rgb(217, 234, 211)';
  const sidebar = await openSidebar(page);
  const [mappingTab] = await insertTemplate(sidebar);
  // The README tab Mapspec inserted, as the sidebar named it ("README", or "Mapspec guide" beside the demo's own README).
  const inserted = (await sidebarStatus(sidebar).textContent()) ?? '';
  const readmeTab = /Inserted \d+ tabs?: (.*?)\./.exec(inserted.trim())?.[1]?.split(', ').find((n) => /^(README|Mapspec guide)\b/.test(n));
  expect(readmeTab).toBeDefined();

  await showSheet(mappingTab!);
  await page.getByRole('gridcell', { name: 'SOURCE', exact: true }).waitFor();
  await goTo(page, 'B3');
  await typeAcross(page, ['New', 'Date of birth', 'dob', 'date', '', '', 'Date of birth', 'dateOfBirth', 'date', '', '', 'Yes', 'Yes']);
  await page.getByRole('gridcell', { name: 'dateOfBirth' }).waitFor();

  // The Settings panel shows the saved settings: the markers without the empty one, the colours, the tint.
  await sidebar.getByRole('tab', { name: 'Settings' }).click();
  await sidebar.getByRole('tab', { name: 'Settings', selected: true }).waitFor();
  const markers = sidebar.getByRole('textbox', { name: 'Blank markers' });
  expect(await markers.inputValue()).toBe('NA\nN/A\n-\nNone');
  const colour = (label: string) => sidebar.getByLabel(label, { exact: true });
  expect(await colour('Needs discussion').inputValue()).toBe('#fff2cc');
  expect(await colour('New').inputValue()).toBe('#ead1dc');
  expect(await colour('Changed').inputValue()).toBe('#c9daf8');
  expect(await colour('Check failed').inputValue()).toBe('#ea9999');
  const tint = sidebar.getByRole('checkbox', { name: 'Tint cells that fail a check (with a note)' });
  expect(await tint.isChecked()).toBe(true);
  // Each colour says what it paints, from the colour key.
  await sidebar.getByRole('tabpanel', { name: 'Settings' }).getByText('Rows whose status is "New"', { exact: false }).waitFor();
  await screenshot(page, 'settings-1-form');

  // A marker longer than the server accepts: said in the status line, nothing sent.
  await markers.fill(`NA\n${'x'.repeat(41)}`);
  await sidebar.getByRole('button', { name: 'Save' }).click();
  const status = sidebarStatus(sidebar);
  await status.getByText(/A blank marker can be up to 40 characters/).waitFor();
  expect(await status.getAttribute('class')).toMatch(/\berror\b/);
  await sidebar.getByText('Unsaved changes').waitFor();

  // Reset to defaults fills the form (without saving).
  await colour('Needs discussion').fill('#000000');
  await tint.uncheck();
  await sidebar.getByRole('button', { name: 'Reset to defaults' }).click();
  await status.getByText('Defaults filled in. Save to use them.').waitFor();
  expect(await markers.inputValue()).toBe('NA\nN/A\n-\nNone');
  expect(await colour('Needs discussion').inputValue()).toBe('#fff2cc');
  expect(await tint.isChecked()).toBe(true);
  expect(await sidebar.getByText('Unsaved changes').isHidden()).toBe(true);

  // The new colour for New; Save is one call, and the whole sidebar is redrawn from what it returns.
  await colour('New').fill(NEW);
  await sidebar.getByText('Unsaved changes').waitFor();
  await sidebar.getByRole('button', { name: 'Save' }).click();
  await status.getByText('Settings saved. Run the checks to repaint.').waitFor();
  await sidebarIdle(sidebar);
  expect(await colour('New').inputValue()).toBe(NEW);
  const runNow = sidebar.getByRole('button', { name: 'Run checks now' });
  await until(() => runNow.evaluate((el) => el === el.ownerDocument.activeElement), Boolean, 'Run checks now to have the focus');
  await screenshot(page, 'settings-2-saved');

  // "Run checks now": the Checks panel, a run, and the row repainted with the new colour.
  await runNow.click();
  await sidebar.getByRole('tab', { name: /Checks/, selected: true }).waitFor();
  await sidebar.getByText(/\d+ rows? checked in \d+ tabs?/).waitFor();
  await sidebarIdle(sidebar);
  await settled(page);
  const legendNew = sidebar.getByRole('listitem').filter({ has: sidebar.getByText('New', { exact: true }) });
  expect(await legendNew.locator('.swatch').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(NEW_RGB);
  expect(await legendNew.getAttribute('data-colour')).toBe(NEW);
  // (The grid draws only the columns on screen, and typing the row scrolled it right: back to column A.)
  await goTo(page, 'A3');
  await until(() => cellBackground(page, 3, 2), (bg) => bg === NEW_RGB, 'B3 to have the new New colour');
  await expectRowColours(3, NEW_RGB, true);
  await screenshot(page, 'settings-3-repainted');

  // The colour key leads back to the settings.
  await sidebar.getByRole('button', { name: 'Change colours' }).click();
  await sidebar.getByRole('tab', { name: 'Settings', selected: true }).waitFor();
  expect(await colour('New').inputValue()).toBe(NEW);

  // The README tab's colour legend was rewritten: its "New" row has the new fill.
  await showSheet(readmeTab!);
  const legendRow = await page.locator('[id^="cell-"][id$="-1"]').evaluateAll((els) => {
    const rows = els.map((el) => ({ row: Number(el.id.split('-')[1]), text: (el.textContent ?? '').trim() })).sort((a, b) => a.row - b.row);
    const heading = rows.find((r) => r.text === 'Colour legend');
    return heading ? (rows.find((r) => r.row > heading.row && r.text === 'New')?.row ?? null) : null;
  });
  expect(legendRow).not.toBeNull();
  expect(await cellBackground(page, legendRow!, 1)).toBe(NEW_RGB);
  expect(await cellBackground(page, legendRow! - 1, 1)).toBe('rgb(255, 242, 204)');
  await screenshot(page, 'settings-4-readme');
});
