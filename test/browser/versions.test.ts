// Issue 4's acceptance in the playground with real chromium, against the real build/: insert the
// template, type five Agreed rows, tag v1 from the sidebar's Versions panel, edit three rows' destination
// paths, add a row, clear a row, see "5 unreleased changes since v1", compare v1 → Now and read the
// exact old → new of a changed cell, tag v2, and see both versions listed (and in the Changelog tab),
// then open v1 as read-only tabs. Screenshots: test-output/screenshots/versions-*.png.
import type { FrameLocator } from 'playwright-core';
import { settled } from './support/browser';
import { readableTime } from '../../src/core/time';
import { mappingRow, usePlaygroundPage } from './support/playground-page';
import { activeCell, cellBackground, goTo, pasteRow, sidebarIdle, sidebarStatus, until } from './support/sidebar';

jest.setTimeout(240_000);

const ui = usePlaygroundPage('versions');
const { shot, openPlayground, insertMappingTemplate, pasteMappingRows, showSheet, cellText, setCell, openPanel } = ui;

async function tagVersion(sidebar: FrameLocator, label: string, note: string): Promise<void> {
  const labelBox = sidebar.getByRole('textbox', { name: 'Label' });
  // The label proposed by the server is the one we expect.
  await until(() => labelBox.inputValue(), (v) => v === label, `the proposed label ${label}`);
  await sidebar.getByRole('textbox', { name: 'Note' }).fill(note);
  await sidebar.getByRole('button', { name: 'Tag', exact: true }).click();
  await until(() => sidebarStatus(sidebar).innerText(), (t) => t.startsWith(`Tagged ${label} `), `the status to say ${label} is tagged`);
  await sidebarIdle(sidebar);
}

test('tag v1, edit three rows, add one, clear one, see 5 unreleased changes, read old → new, tag v2', async () => {
  const { page } = ui;
  const started = Date.now();
  const sidebar = await openPlayground();

  // Versions panel before anything: the empty state explains what a version is.
  await openPanel(sidebar, 'Versions');
  await sidebar.getByText('No versions yet', { exact: true }).waitFor();
  await sidebar.getByText(/A version is a labelled, tamper-evident snapshot/).waitFor();
  await shot('1-empty');

  // Spec panel: insert the template.
  await sidebar.getByRole('tab', { name: 'Spec' }).click();
  const mappingTab = await insertMappingTemplate(sidebar);
  await page.getByRole('tab', { name: mappingTab, exact: true }).waitFor();
  await settled(page);

  // Five Agreed rows with their IDs (the row keys), pasted one row at a time at A3..A7.
  await showSheet(mappingTab);
  await page.getByRole('gridcell', { name: 'SOURCE', exact: true }).waitFor();
  await pasteMappingRows(5);

  // Versions: the spec has rows but no version; tag v1.
  await openPanel(sidebar, 'Versions');
  await sidebar.getByText('No versions yet', { exact: true }).waitFor();
  await tagVersion(sidebar, 'v1', 'first batch');
  const v1 = sidebar.locator('li.version[data-label="v1"]');
  await v1.getByText('first batch').waitFor();
  // The 5 rows pasted, and the demo's own value maps, which the template used instead of adding its own.
  await v1.getByText(/^\+14/).waitFor();
  await sidebar.getByText('No unreleased changes since v1', { exact: true }).waitFor();
  await shot('2-tagged-v1');

  // Edit three rows' destination paths, add a row, clear a whole row (A..Q: cleared = removed).
  await setCell('I3', 3, 9, 'dest_1_v2');
  await setCell('I4', 4, 9, 'dest_2_v2');
  await setCell('I5', 5, 9, 'dest_3_v2');
  await goTo(page, 'A8');
  await pasteRow(page, mappingRow(6));
  await until(() => cellText(8, 9), (t) => t.trim() === 'dest_6', 'I8 to read dest_6');
  await goTo(page, 'A7');
  await page.keyboard.press('Shift+End');
  await until(() => page.getByRole('textbox', { name: 'Name box' }).inputValue(), (v) => /^A7:[A-Z]+7$/.test(v), 'row 7 to be selected');
  await page.keyboard.press('Delete');
  await settled(page);
  await goTo(page, 'A7');
  await until(async () => ((await cellText(7, 1)) + (await cellText(7, 2)).replace('▾', '') + (await cellText(7, 4))).trim(), (t) => t === '', 'row 7 to be cleared');
  await shot('3-edited');

  // Back to Versions (Spec, then Versions: opening the panel counts again).
  await sidebar.getByRole('tab', { name: 'Spec' }).click();
  await openPanel(sidebar, 'Versions');
  await sidebar.getByText('5 unreleased changes since v1', { exact: true }).waitFor();

  // Compare v1 → Now (the default), read the exact old → new of a changed cell.
  expect(await sidebar.getByRole('combobox', { name: 'From' }).inputValue()).toBe('v1');
  expect(await sidebar.getByRole('combobox', { name: 'To' }).inputValue()).toBe('live');
  await sidebar.getByRole('button', { name: 'Compare', exact: true }).click();
  await sidebar.getByRole('heading', { name: 'v1 → Now (live sheets)' }).waitFor();
  await sidebarIdle(sidebar);
  const diff = sidebar.locator('.diff');
  const totals = sidebar.getByRole('list', { name: 'Rows by change' });
  expect((await totals.getByRole('listitem').allTextContents()).map((t) => t.trim())).toEqual(['+1 added', '~3 changed', '−1 removed']);
  const changed = diff.locator('.row-change.rc-changed').filter({ hasText: 'dest_2_v2' });
  const cell = changed.locator('li.cell');
  expect(await cell.count()).toBe(1);
  expect((await cell.locator('del.old').textContent())?.trim()).toBe('dest_2');
  expect((await cell.locator('strong.new').textContent())?.trim()).toBe('dest_2_v2');
  // The column as the Checks panel names it, never the snapshot's "API name / path#2".
  expect((await cell.textContent())?.replace(/\s+/g, ' ').trim()).toBe('DESTINATION › API name / path: dest_2 → dest_2_v2');
  await diff.locator('.row-change.rc-added').filter({ hasText: 'dest_6' }).waitFor();
  await diff.locator('.row-change.rc-removed').filter({ hasText: 'dest_5' }).waitFor();
  expect(await diff.locator('.row-change').count()).toBe(5);
  // A row's key links to its row in the sheet; a removed row has no link.
  await changed.getByRole('button', { name: 'M-2' }).click();
  await until(() => sidebarStatus(sidebar).innerText(), (t) => /^Selected row 4 of ".+" \(M-2\)\.$/.test(t), 'the diff row to be selected');
  await until(() => activeCell(page), (a) => /^A4(:[A-Z]+4)?$/.test(a), 'row 4 to be selected in the grid');
  expect(await diff.locator('.row-change.rc-removed .rc-key').evaluate((e) => e.tagName)).toBe('SPAN');
  await shot('4-diff');

  // The checks colour the cells changed since v1; tagging v2 makes v2 the baseline and clears them
  // at once, without another run, and the Checks panel shows the tag's counts.
  await openPanel(sidebar, 'Checks');
  await sidebar.getByRole('button', { name: 'Run checks' }).click();
  await sidebarIdle(sidebar);
  await goTo(page, 'I3');
  await until(() => cellBackground(page, 3, 9), (c) => c === 'rgb(201, 218, 248)', 'I3 to have the "changed" colour');
  const lastRun = await sidebar.locator('.last-run time').getAttribute('datetime');
  await openPanel(sidebar, 'Versions');
  // Tag v2: both versions listed, newest first; nothing unreleased.
  await tagVersion(sidebar, 'v2', 'second batch');
  await until(() => sidebarStatus(sidebar).innerText(), (t) => t.includes('the change colours now start from it'), 'the tag to say the colours start again');
  await until(() => cellBackground(page, 3, 9), (c) => c === 'rgb(255, 255, 255)', 'I3 to lose the "changed" colour');
  expect(await sidebar.locator('.last-run time').getAttribute('datetime')).not.toBe(lastRun);
  const labels = await sidebar.locator('li.version .version-label').allTextContents();
  expect(labels).toEqual(['v2', 'v1']);
  const v2 = sidebar.locator('li.version[data-label="v2"]');
  await v2.getByText('second batch').waitFor();
  // When it was tagged: a date and time in the spreadsheet's zone (the demo's is Phnom Penh), whatever the browser's.
  const when = v2.locator('time');
  const iso = (await when.getAttribute('datetime'))!;
  expect(await when.textContent()).toBe(readableTime(iso, 'Asia/Phnom_Penh'));
  expect(await when.textContent()).toMatch(/^\d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d GMT\+7$/);
  await v2.getByText(/^\+1/).waitFor();
  await v2.getByText(/^~3/).waitFor();
  await v2.getByText(/^−1/).waitFor();
  await sidebar.getByText('No unreleased changes since v2', { exact: true }).waitFor();
  await sidebar.getByText('Versions (2)', { exact: true }).waitFor();
  await shot('5-tagged-v2');

  // "Changes since" v1 from the list: the same five rows against the live sheets.
  await sidebar.getByRole('button', { name: 'Changes since v1' }).click();
  await sidebar.getByRole('heading', { name: 'v1 → Now (live sheets)' }).waitFor();
  await sidebarIdle(sidebar);
  expect(await sidebar.locator('.diff .row-change').count()).toBe(5);

  // The Changelog tab (regenerated on each tag): both versions in it.
  await settled(page);
  await showSheet('Changelog');
  await page.getByRole('gridcell', { name: 'second batch' }).waitFor();
  await page.getByRole('gridcell', { name: 'first batch' }).waitFor();
  await page.getByRole('gridcell', { name: 'v2', exact: true }).waitFor();
  await page.getByRole('gridcell', { name: 'v1', exact: true }).waitFor();
  await shot('6-changelog');

  // v1 opened as read-only tabs beside the live ones.
  await sidebar.getByRole('button', { name: 'Open v1 as read-only tabs' }).click();
  await sidebarIdle(sidebar);
  await settled(page);
  await page.getByRole('tab', { name: /^v1 · Mapping/ }).waitFor();
  await shot('7-opened-v1');

  // An edit in the sheet, then back to the sidebar: the count of unreleased changes follows, no Refresh needed.
  await showSheet(mappingTab);
  await setCell('H3', 3, 8, 'Element 1 renamed');
  await page.waitForTimeout(5000); // the panel counts again at most every 5 seconds
  await sidebar.getByRole('tab', { name: 'Versions', exact: true }).click();
  await sidebar.getByText('1 unreleased change since v2', { exact: true }).waitFor();
  console.log(`versions.test: flow took ${((Date.now() - started) / 1000).toFixed(1)} s`);
});
