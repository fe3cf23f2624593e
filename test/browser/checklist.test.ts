// Issue 5's acceptance in the playground with real chromium, against the real build/: insert the
// checklist from the sidebar, set owners and due dates and mark tasks done in the grid, see progress,
// name the client approver in Settings, be refused as a non-approver, switch to the client approver
// with the playground's user switcher, sign off "Client sign-offs on workflow diagram & mapping specs"
// and see the record (panel and tab) and progress update. Screenshots: test-output/screenshots/checklist-*.png.
import type { FrameLocator } from 'playwright-core';
import { settled } from './support/browser';
import { usePlaygroundPage } from './support/playground-page';
import { activeCell, openSidebar, sidebarIdle, sidebarStatus, until } from './support/sidebar';

jest.setTimeout(240_000);

const ANALYST = 'analyst@example.org';
const APPROVER = 'approver@client.example.org';
const SIGN_OFF_TASK = 'Client sign-offs on workflow diagram & mapping specs';
// The demo workbook already has an (unregistered) "Implementation checklist" tab.
const TAB = 'Implementation checklist (2)';
/** Rows of the inserted detailed checklist: header 1, phase (1) heading 2, its tasks 3–8, phase (2) heading 9, tasks 10–16. */
const SIGN_OFF_ROW = 14;

const ui = usePlaygroundPage('checklist');
const { shot, openPlayground, cellText, setCell, openPanel } = ui;

function signOffItem(sidebar: FrameLocator) {
  return sidebar.locator('li.so-item').filter({ hasText: SIGN_OFF_TASK });
}

async function signOff(sidebar: FrameLocator, comment: string): Promise<void> {
  const item = signOffItem(sidebar);
  await item.getByRole('button', { name: 'Sign off…' }).click();
  await item.getByRole('textbox', { name: 'Comment (optional)' }).fill(comment);
  await item.getByRole('button', { name: 'Record sign-off' }).click();
  await sidebarIdle(sidebar);
}

test('insert, set owners and due dates, mark done, refused as a non-approver, signed off by the client approver', async () => {
  const { page } = ui;
  const started = Date.now();
  let sidebar = await openPlayground();

  // The five panel tabs fit the 300 px sidebar without clipping their labels.
  const clipped = await sidebar.locator('#nav [role="tab"]').evaluateAll((tabs) => tabs.filter((t) => t.scrollWidth > t.clientWidth + 1).map((t) => t.textContent));
  expect(clipped).toEqual([]);

  // Empty state, then insert the detailed checklist.
  await openPanel(sidebar, 'Checklist');
  await sidebar.getByText(/This spreadsheet has no checklist yet/).waitFor();
  await shot('1-empty');
  await sidebar.getByRole('button', { name: 'Insert checklist', exact: true }).click();
  await until(() => sidebarStatus(sidebar).innerText(), (t) => t === `Inserted the checklist tab "${TAB}".`, 'the checklist to be inserted');
  await sidebarIdle(sidebar);
  await page.getByRole('tab', { name: TAB, exact: true, selected: true }).waitFor();
  await page.getByRole('gridcell', { name: SIGN_OFF_TASK }).waitFor();
  await sidebar.getByRole('progressbar', { name: 'Overall' }).waitFor();
  expect(await sidebar.getByRole('progressbar', { name: 'Overall' }).getAttribute('aria-valuenow')).toBe('0');

  // Owners, due dates and statuses typed into the grid: two tasks of phase (1) done, one overdue,
  // and the mapping-spec sign-off task marked Done (it still needs its sign-off).
  await setCell('C3', 3, 3, ANALYST);
  await setCell('D3', 3, 4, '2026-01-05');
  await setCell('E3', 3, 5, 'Done');
  await setCell('C4', 4, 3, ANALYST);
  await setCell('D4', 4, 4, '2020-02-01');
  await setCell('E4', 4, 5, 'In progress');
  await setCell('C5', 5, 3, 'pm@example.org');
  await setCell('E5', 5, 5, 'Done');
  await setCell(`C${SIGN_OFF_ROW}`, SIGN_OFF_ROW, 3, APPROVER);
  await setCell(`D${SIGN_OFF_ROW}`, SIGN_OFF_ROW, 4, '2026-02-20');
  await setCell(`E${SIGN_OFF_ROW}`, SIGN_OFF_ROW, 5, 'Done');

  await sidebar.getByRole('button', { name: 'Refresh' }).click();
  await sidebarIdle(sidebar);
  const overall = sidebar.getByRole('progressbar', { name: 'Overall' });
  await until(() => overall.getAttribute('aria-valuetext'), (t) => /^3 of \d+ done/.test(t ?? ''), 'overall progress to count 3 done');
  const phase1 = sidebar.getByRole('progressbar', { name: '(1) Preparing for the Implementation' });
  expect(await phase1.getAttribute('aria-valuetext')).toBe('2 of 6 done (33%)');
  expect(await phase1.getAttribute('aria-valuenow')).toBe('33');
  // Overdue and "my tasks" name the task of row 4; clicking it selects its row in the grid.
  const overdue = sidebar.locator('details.task-group').filter({ hasText: 'Overdue (1)' });
  await overdue.getByRole('button', { name: /Data sharing agreement finalized/ }).click();
  await until(() => activeCell(page), (a) => a === 'B4', 'B4 to be selected');
  await sidebar.locator('details.task-group').filter({ hasText: 'My tasks (1)' }).waitFor();
  await shot('2-progress');

  // Settings → Approvers: the client approver is named; the change is recorded.
  await openPanel(sidebar, 'Settings');
  // Pasted as a mail program copies addresses: on one line, comma-separated, a name in front.
  await sidebar.getByRole('textbox', { name: 'Approver emails' }).fill(`Client Lead <${APPROVER}>, pm@example.org`);
  await sidebar.getByRole('button', { name: 'Update approver list' }).click();
  await until(() => sidebarStatus(sidebar).innerText(), (t) => t === 'Saved 2 approvers.', 'the approvers to be saved');
  expect(await sidebar.getByRole('textbox', { name: 'Approver emails' }).inputValue()).toBe(`${APPROVER}\npm@example.org`);
  await sidebar.getByText('Changes to the list (1)').click();
  await sidebar.getByText(`— added ${APPROVER}, pm@example.org`).waitFor();
  await shot('2b-approvers');

  // As the analyst (not an approver) the sign-off is refused by the server; nothing is recorded.
  await openPanel(sidebar, 'Checklist');
  await sidebar.getByText(/Only approvers named in Settings can sign off/).waitFor();
  await signOff(sidebar, 'I think it is fine');
  await until(() => sidebarStatus(sidebar).innerText(), (t) => t.includes(`${ANALYST} is not an approver`), 'the refusal');
  await signOffItem(sidebar).scrollIntoViewIfNeeded();
  await shot('3-refused');
  await sidebar.getByRole('button', { name: 'Refresh' }).click();
  await sidebarIdle(sidebar);
  await signOffItem(sidebar).getByText('Not signed off').waitFor();
  expect((await cellText(SIGN_OFF_ROW, 7)).trim()).toBe('');

  // The client approver, through the playground's user switcher (the sidebar closes; they open it).
  await page.getByRole('button', { name: /Signed in as analyst@example\.org/ }).click();
  await page.getByRole('menuitem', { name: APPROVER }).click();
  await page.getByRole('button', { name: /Signed in as approver@client\.example\.org/ }).waitFor();
  await settled(page);
  await page.getByRole('complementary', { name: /sidebar/i }).waitFor({ state: 'hidden' });
  sidebar = await openSidebar(page);
  await openPanel(sidebar, 'Checklist');
  await sidebar.getByText(/^You are an approver:/).waitFor();
  await signOff(sidebar, 'Reviewed with the MoH team');
  await until(() => sidebarStatus(sidebar).innerText(), (t) => t.startsWith('Signed off "Client sign-offs'), 'the sign-off to be recorded');
  await signOffItem(sidebar).scrollIntoViewIfNeeded();

  // The record: in the panel (who, comment, history) and mirrored into the tab's row.
  const item = signOffItem(sidebar);
  const record = (await item.locator('.so-record').innerText()).replace(/\s+/g, ' ').trim();
  expect(record).toMatch(new RegExp(`^✔ ?Signed off by ${APPROVER.replace(/\./g, '\\.')}, .+ — Reviewed with the MoH team$`));
  await item.getByText('History (1)').click();
  await item.locator('.history-list li').filter({ hasText: `Signed off by ${APPROVER}` }).waitFor();
  await until(() => cellText(SIGN_OFF_ROW, 7), (t) => t.trim() === APPROVER, 'the "Signed off by" cell to show the approver');
  expect((await cellText(SIGN_OFF_ROW, 8)).trim()).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
  // Progress as the approver: the sign-off task is theirs and Done, so not among "my tasks".
  await sidebar.locator('details.task-group').filter({ hasText: 'My tasks (0)' }).waitFor();
  expect(await sidebar.getByRole('progressbar', { name: '(2) Discovery & Design - Functional Workflow Requirements' }).getAttribute('aria-valuetext')).toBe('1 of 7 done (14%)');
  await shot('4-signed-off');

  // The checks agree: no "sign-off missing" for the signed-off task.
  await openPanel(sidebar, 'Checks');
  await sidebar.getByRole('button', { name: 'Run checks' }).click();
  await sidebarIdle(sidebar);
  const checklistGroup = sidebar.locator('details.tab-group').filter({ has: sidebar.locator('.group-name', { hasText: TAB }) });
  await checklistGroup.waitFor();
  if ((await checklistGroup.getAttribute('open')) === null) await checklistGroup.locator('summary').click();
  await checklistGroup.getByText(/was due on 2020-02-01/).waitFor();
  expect(await checklistGroup.getByText(/requires sign-off and is marked Done/).count()).toBe(0);
  await shot('5-checks');

  // A withdrawal needs a reason: an empty one is refused in place, the field marked invalid.
  await openPanel(sidebar, 'Checklist');
  const signedItem = signOffItem(sidebar);
  await signedItem.getByRole('button', { name: 'Withdraw…' }).click();
  await signedItem.getByRole('button', { name: 'Withdraw sign-off' }).click();
  await until(() => sidebarStatus(sidebar).innerText(), (t) => t === 'Give a reason for withdrawing the sign-off.', 'the missing reason to be flagged');
  expect(await signedItem.getByRole('textbox', { name: 'Reason (required)' }).getAttribute('aria-invalid')).toBe('true');
  await signedItem.getByRole('button', { name: 'Cancel' }).click();

  // The signed task's ID typed into the row above: the sign-off does not move with the ID.
  const signedId = (await signOffItem(sidebar).getAttribute('data-task-id'))!;
  await setCell(`K${SIGN_OFF_ROW}`, SIGN_OFF_ROW, 11, `${signedId}b`);
  await setCell(`K${SIGN_OFF_ROW - 1}`, SIGN_OFF_ROW - 1, 11, signedId);
  await sidebar.getByRole('button', { name: 'Refresh' }).click();
  await sidebarIdle(sidebar);
  await sidebar.locator(`li.so-item[data-task-id="${signedId}b"]`).getByText('Not signed off').waitFor();
  await sidebar.locator(`li.so-item[data-task-id="${signedId}"] .so-moved`).filter({ hasText: `was given for "${SIGN_OFF_TASK}", not this task` }).waitFor();
  await shot('6-moved');
  console.log(`checklist.test: flow took ${((Date.now() - started) / 1000).toFixed(1)} s`);
});
