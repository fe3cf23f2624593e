// Issue 17 in the playground with real chromium: a repository README pasted into the Checklist
// panel becomes a tab with its sub-sections and the free text between items as rows; a task marked
// Done in the grid; the README picked again gets back with exactly that line changed.
// Screenshots: test-output/screenshots/checklist-readme-*.png.
import { usePlaygroundPage } from './support/playground-page';
import { goTo, sidebarIdle, sidebarStatus, until } from './support/sidebar';
import { README } from '../support/readme-sample';

jest.setTimeout(180_000);

// The demo workbook already has an (unregistered) "Implementation checklist" tab.
const TAB = 'Implementation Checklist (2)';
const ui = usePlaygroundPage('checklist-readme');
const { shot, openPlayground, setCell, openPanel } = ui;

test('a README in, a task marked Done in the sheet, the README back with only that line changed', async () => {
  const { page } = ui;
  const sidebar = await openPlayground();
  await openPanel(sidebar, 'Checklist');
  await sidebar.getByRole('textbox', { name: 'Import a task list (Markdown)' }).fill(README);
  await sidebar.getByRole('button', { name: 'Import Markdown' }).click();
  await until(() => sidebarStatus(sidebar).innerText(), (t) => t === `Imported 9 tasks into tab "${TAB}".`, 'the README to be imported');
  await sidebarIdle(sidebar);
  await page.getByRole('tab', { name: TAB, exact: true, selected: true }).waitFor();
  // Sub-sections and the text between items are rows of the tab.
  await page.getByRole('gridcell', { name: '› Support' }).waitFor();
  // Row 7: the note "_CommCare_" where tasks are (B), its ID "note-1" in Task ID (K); row 12 the endpoints.
  expect(await ui.cellText(7, 2)).toBe('_CommCare_');
  expect(await ui.cellText(12, 2)).toMatch(/^Endpoints:\s+https:\/\/play\.example\.org\/api\/tracker$/);
  // The sidebar shows that text under its phase; a click selects its row.
  const notes = sidebar.getByRole('list', { name: 'Notes of (2) System APIs' });
  expect(await notes.getByRole('button').allInnerTexts()).toEqual(['_CommCare_', '_DHIS2_', 'Endpoints: · https://play.example.org/api/tracker']);
  await notes.getByRole('button', { name: /^Endpoints:/ }).click();
  await until(() => sidebarStatus(sidebar).innerText(), (t) => t === `Selected B12 in "${TAB}".`, 'the note row to be selected');
  await shot('1-imported');

  await goTo(page, 'K7');
  expect(await ui.cellText(7, 11)).toBe('note-1');
  await goTo(page, 'A9');
  // Row 9 is task 2.2 ("Access to the test server?"): header, phase (1), three tasks, phase (2), a note, 2.1.
  expect(await ui.cellText(9, 2)).toBe('Access to the test server?');
  await setCell('E9', 9, 5, 'Done');

  await sidebar.getByLabel(/Or put it back into the README it came from/).setInputFiles({ name: 'README.md', mimeType: 'text/markdown', buffer: Buffer.from(README) });
  await until(() => sidebarStatus(sidebar).innerText(), (t) => t.startsWith('Replaced the checklist section of README.md'), 'the README to be written back');
  const back = await sidebar.getByRole('textbox', { name: 'Exported Markdown' }).inputValue();
  const before = README.split('\n');
  expect(back.split('\n').flatMap((line, i) => (line === before[i] ? [] : [[before[i], line]]))).toEqual([['- [ ] Access to the test server? ', '- [x] Access to the test server?']]);
  // The sidebar's download saves the file (its frame allows downloads, as Sheets' does).
  const [download] = await Promise.all([page.waitForEvent('download'), sidebar.getByRole('button', { name: 'Download README.md' }).click()]);
  expect(download.suggestedFilename()).toBe('README.md');
  const saved = await download.path();
  expect(require('node:fs').readFileSync(saved, 'utf8')).toBe(back);
  // Pasted instead of picked: the same README back.
  await sidebar.getByText('Paste the README instead').click();
  await sidebar.getByRole('textbox', { name: 'The whole README' }).fill(README);
  await sidebar.getByRole('button', { name: 'Put the checklist back into it' }).click();
  await sidebarIdle(sidebar);
  expect(await sidebar.getByRole('textbox', { name: 'Exported Markdown' }).inputValue()).toBe(back);
  await shot('2-exported');
});
