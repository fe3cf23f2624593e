// Issue 6's acceptance in the playground with real chromium, against the real build/: the analyst
// tags v1 and requests review from two approvers; the first approves; the second requests changes
// with a comment; the analyst edits, tags v2, requests review; both approve; the checklist task (the
// demo's checklist tab, adopted first) is signed off with v2 as evidence; an edit afterwards shows
// "differs from v2 by 1 change" in the sidebar (the README is not written by a read); the approved v2 is
// exported as JSON and re-hashes to its content hash. Approvers act through the playground's user
// switcher. Screenshots: test-output/screenshots/review-*.png.
import { createHash } from 'node:crypto';
import type { FrameLocator } from 'playwright-core';
import { settled } from './support/browser';
import { usePlaygroundPage } from './support/playground-page';
import { goTo, openSidebar, sidebarIdle, sidebarStatus, until } from './support/sidebar';

jest.setTimeout(300_000);

const ANALYST = 'analyst@example.org';
const FIRST = 'approver@client.example.org';
const SECOND = 'second@client.example.org';

const ui = usePlaygroundPage('review');
const { shot, openPlayground, insertMappingTemplate, pasteMappingRows, showSheet, setCell, openPanel } = ui;

async function statusSays(sidebar: FrameLocator, want: RegExp): Promise<void> {
  await until(() => sidebarStatus(sidebar).innerText(), (t) => want.test(t), `the status to match ${want}`);
  await sidebarIdle(sidebar);
}

async function tagVersion(sidebar: FrameLocator, label: string, note: string): Promise<void> {
  const labelBox = sidebar.getByRole('textbox', { name: 'Label' });
  await until(() => labelBox.inputValue(), (v) => v === label, `the proposed label ${label}`);
  await sidebar.getByRole('textbox', { name: 'Note' }).fill(note);
  await sidebar.getByRole('button', { name: 'Tag', exact: true }).click();
  await statusSays(sidebar, new RegExp(`^Tagged ${label} `));
}

/** Switches the signed-in user (the sidebar closes, as for another person) and opens the sidebar as them. */
async function signInAs(email: string): Promise<FrameLocator> {
  const { page } = ui;
  await page.getByRole('button', { name: /^Signed in as / }).click();
  await page.getByRole('menuitem', { name: email }).click();
  await page.getByRole('button', { name: new RegExp(`Signed in as ${email.replace(/[.]/g, '\\.')}`) }).waitFor();
  await settled(page);
  const sidebar = await openSidebar(page);
  // In the Spec panel, which is hidden when the sidebar opens on a review.
  await sidebar.getByText(`Signed in as ${email}`).waitFor({ state: "attached" });
  return sidebar;
}

async function requestReview(sidebar: FrameLocator, label: string, message: string): Promise<void> {
  await sidebar.getByRole('button', { name: `Request review of ${label}` }).click();
  const form = sidebar.getByRole('form', { name: `Request review of ${label}` });
  await form.getByRole('checkbox', { name: FIRST }).check();
  await form.getByRole('checkbox', { name: SECOND }).check();
  expect(await form.getByRole('radio', { name: 'All chosen approvers must approve' }).isChecked()).toBe(true);
  await form.getByRole('textbox', { name: 'Message' }).fill(message);
  await form.getByRole('button', { name: 'Send review request' }).click();
  await statusSays(sidebar, new RegExp(`^Review of ${label} requested from ${FIRST}, ${SECOND}\\.`));
  await sidebar.locator(`li.version[data-label="${label}"] [data-review-status="in-review"]`).waitFor();
}

test('review v1 (approved by one, changes requested by the other), v2 approved by both, then an edit shows 1 change', async () => {
  const { page, pg } = ui;
  const started = Date.now();
  // The approver list as the settings UI stores it (mapspec.approvers), and the second approver known to the switcher.
  const emulator = pg.server.session.emulator;
  emulator.state.properties.document['mapspec.approvers'] = JSON.stringify({ approvers: [FIRST, SECOND], history: [{ at: new Date().toISOString(), by: ANALYST, added: [FIRST, SECOND], removed: [] }] });
  emulator.setActiveUser(SECOND);
  emulator.setActiveUser(ANALYST);

  let sidebar = await openPlayground();

  // The template with three Agreed rows.
  const mappingTab = await insertMappingTemplate(sidebar);
  // The checklist: the demo workbook's own tab, adopted from the Checklist panel (its mapping-spec
  // sign-off task is what an approval signs off).
  await showSheet('Implementation checklist');
  await sidebar.getByRole('tab', { name: 'Checklist', exact: true }).click();
  await sidebar.getByRole('button', { name: 'Use the active tab as the checklist' }).click();
  await sidebar.getByRole('button', { name: 'Use as checklist' }).click();
  await sidebarIdle(sidebar);
  await sidebar.getByRole('button', { name: 'Export Markdown' }).waitFor();

  await showSheet(mappingTab);
  await page.getByRole('gridcell', { name: 'SOURCE', exact: true }).waitFor();
  await pasteMappingRows(3);

  // The analyst tags v1 and requests a review from both approvers.
  await openPanel(sidebar, 'Versions');
  await tagVersion(sidebar, 'v1', 'first batch');
  await sidebar.getByText('Not approved yet', { exact: true }).waitFor();
  await requestReview(sidebar, 'v1', 'Please check the <b>three</b> fields');
  await sidebar.getByText('In review: v1.', { exact: true }).waitFor();
  await shot('1-v1-requested');

  // The first approver: the sidebar opens on the review, the whole spec read-only, grouped by tab.
  sidebar = await signInAs(FIRST);
  await sidebar.getByRole('heading', { name: 'v1 awaits your review' }).waitFor();
  await sidebar.getByRole('tab', { name: 'Versions', selected: true }).waitFor();
  await statusSays(sidebar, /^v1 awaits your review\.$/);
  // The keyboard focus is on the review.
  await until(() => sidebar.locator(':focus').textContent(), (t) => t === 'v1 awaits your review', 'the focus on the review heading');
  const card = sidebar.locator('.for-you-card');
  // The message is text, not markup.
  await card.getByText('Please check the <b>three</b> fields').waitFor();
  await card.getByText(/the whole spec: you have not approved a version before/).waitFor();
  await card.locator('details.diff-tab', { hasText: mappingTab }).waitFor();
  // The 3 mapping rows pasted, and the 9 of the demo's own value maps the template used.
  expect(await card.locator(`details.diff-tab:has-text("${mappingTab}") .row-change.rc-added`).count()).toBe(3);
  expect(await card.locator('.row-change.rc-added').count()).toBe(12);
  // A client sees only what they may act on: no tagging, no review requests, no settings.
  expect(await sidebar.getByRole('button', { name: 'Tag', exact: true }).isVisible()).toBe(false);
  expect(await sidebar.getByRole('button', { name: /^Request review of/ }).count()).toBe(0);
  expect(await sidebar.getByText('Review settings').count()).toBe(0);
  await shot('2-first-approver-review');
  // Approving is a legal act: the button is above the diff, and a confirm step names the version and its hash.
  const approveButton = card.getByRole('button', { name: 'Approve v1…' });
  const [approveTop, diffTop] = await Promise.all([approveButton.boundingBox(), card.locator('.review-diff').boundingBox()]);
  expect(approveTop!.y).toBeLessThan(diffTop!.y);
  await approveButton.click();
  const confirmStep = card.locator('form.approve-form');
  await confirmStep.waitFor();
  const v1Hash = (await card.locator('form.approve-form code').textContent())!;
  expect(v1Hash).toMatch(/^[0-9a-f]{8}$/);
  expect((await confirmStep.locator('.approve-intro').textContent())!.replace(/\s+/g, ' ')).toBe(`You are approving version v1, content hash ${v1Hash}, as the mapping the integration will implement. Your approval is recorded with your account and the time, and holds only for this exact content.`);
  await shot('2b-approve-confirm');
  await confirmStep.getByRole('textbox', { name: 'Comment (optional)' }).fill('Checked against the DSA annex');
  await confirmStep.getByRole('button', { name: 'Confirm approval of v1' }).click();
  await statusSays(sidebar, new RegExp(`^You approved v1; waiting for ${SECOND}\\.`));
  await sidebar.getByRole('heading', { name: 'v1 awaits your review' }).waitFor({ state: 'detached' });

  // The second approver requests changes: a comment is required.
  sidebar = await signInAs(SECOND);
  await sidebar.getByRole('heading', { name: 'v1 awaits your review' }).waitFor();
  await sidebar.getByRole('button', { name: 'Request changes' }).click();
  await sidebar.getByRole('button', { name: 'Send change request' }).click();
  await statusSays(sidebar, /^Say what should change: a comment is required\.$/);
  await sidebar.getByRole('textbox', { name: 'What should change? (required)' }).fill('M-2 must map to Element 2b');
  await sidebar.getByRole('button', { name: 'Send change request' }).click();
  await statusSays(sidebar, /^You requested changes to v1\./);
  await shot('3-changes-requested');

  // The analyst sees the outcome, edits, tags v2 and requests a review again.
  sidebar = await signInAs(ANALYST);
  await openPanel(sidebar, 'Versions');
  await sidebar.locator('li.version[data-label="v1"] [data-review-status="changes-requested"]').waitFor();
  const r1 = sidebar.locator('li.review-item[data-request="r1"]');
  await r1.getByText('M-2 must map to Element 2b', { exact: false }).waitFor();
  await r1.getByText('Checked against the DSA annex', { exact: false }).waitFor();
  await r1.locator(`[data-approver="${FIRST}"]`).getByText(/approved/).waitFor();
  await showSheet(mappingTab);
  await setCell('H4', 4, 8, 'Element 2b');
  await openPanel(sidebar, 'Versions');
  await tagVersion(sidebar, 'v2', 'M-2 renamed');
  await requestReview(sidebar, 'v2', 'Your change is in');

  // First approver: the diff since v1 (the last version they approved): one changed row.
  sidebar = await signInAs(FIRST);
  await sidebar.getByRole('heading', { name: 'v2 awaits your review' }).waitFor();
  await sidebar.locator('.for-you-card').getByText(/changes since v1, the last version you approved/).waitFor();
  expect(await sidebar.locator('.for-you-card .row-change').count()).toBe(1);
  await sidebar.locator('.for-you-card .row-change.rc-changed').getByText('Element 2b').waitFor();
  await sidebar.getByRole('button', { name: 'Approve v2…' }).click();
  await sidebar.getByRole('button', { name: 'Confirm approval of v2' }).click();
  await statusSays(sidebar, /^You approved v2; waiting for/);

  // Second approver approves: v2 is approved.
  sidebar = await signInAs(SECOND);
  await sidebar.getByRole('heading', { name: 'v2 awaits your review' }).waitFor();
  await sidebar.getByRole('button', { name: 'Approve v2…' }).click();
  await sidebar.getByRole('button', { name: 'Confirm approval of v2' }).click();
  await statusSays(sidebar, /^v2 is approved\./);
  await shot('4-v2-approved');

  // The analyst: "Approved: v2 (hash) by … on …", the live sheets match.
  sidebar = await signInAs(ANALYST);
  await openPanel(sidebar, 'Versions');
  const v2 = sidebar.locator('li.version[data-label="v2"]');
  await v2.locator('[data-review-status="approved"]').waitFor();
  const hash = (await v2.locator('code.hash').textContent())!.replace('hash', '').trim();
  const approvalText = new RegExp(`^Approved: v2 \\(${hash}\\) by ${FIRST}, ${SECOND} on \\d{1,2} [A-Z][a-z]{2} \\d{4}, \\d\\d:\\d\\d GMT\\+7$`);
  await until(() => sidebar.locator('.approval-text').innerText(), (t) => approvalText.test(t), 'the approval line');
  await sidebar.getByText('The live sheets match v2', { exact: true }).waitFor();

  {
    // The checklist task is signed off with v2 as evidence.
    await showSheet('Implementation checklist');
    // The grid draws the rows in view: go to the task's Evidence cell first.
    const taskRow = emulator.execution().globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Implementation checklist')!.getRange('B1:B60').getValues().findIndex((r) => r[0] === 'Client sign-offs on workflow diagram & mapping specs') + 1;
    await goTo(page, `I${taskRow}`);
    await page.getByRole('gridcell', { name: new RegExp(`^Mapping spec v2 approved by ${FIRST}, ${SECOND} on `) }).waitFor();
  }

  // The README tab the template inserted (the demo workbook has a README of its own) says the same.
  const readmeId = Number(emulator.state.properties.document['mapspec.readme']);
  const readme = emulator.execution().globals.SpreadsheetApp.getActiveSpreadsheet().getSheets().find((s) => s.getSheetId() === readmeId)!.getName();
  await showSheet(readme);
  await page.getByRole('gridcell', { name: approvalText }).waitFor();

  // An edit afterwards: "differs from v2 by 1 change", the diff one click away.
  await showSheet(mappingTab);
  await setCell('O5', 5, 15, 'upper()');
  await sidebar.getByRole('button', { name: 'Refresh' }).click();
  await sidebarIdle(sidebar);
  await sidebar.getByText('The live sheets differ from v2 by 1 change', { exact: true }).waitFor();
  await sidebar.getByRole('button', { name: 'Show the changes since v2' }).click();
  await sidebar.getByRole('heading', { name: 'v2 → Now (live sheets)' }).waitFor();
  await sidebarIdle(sidebar);
  expect(await sidebar.locator('.compare .row-change').count()).toBe(1);
  // Refreshing is a read: the README keeps its lines until the next locked action (a tag, a review action).
  await showSheet(readme);
  await page.getByRole('gridcell', { name: 'The live sheets match v2.' }).waitFor();
  expect(await page.getByRole('gridcell', { name: 'The live sheets differ from v2 by 1 change.' }).count()).toBe(0);
  await shot('5-differs-by-1');

  // Export the approved v2 as JSON: its snapshot re-hashes to the recorded content hash.
  await sidebar.getByRole('button', { name: 'Export v2 as JSON' }).click();
  await statusSays(sidebar, /^Exported mapspec-v2-[0-9a-f]{8}\.json\.$/);
  await sidebar.getByRole('link', { name: /^Download mapspec-v2-[0-9a-f]{8}\.json$/ }).waitFor();
  await sidebar.getByText('Show the file', { exact: true }).click();
  const content = await sidebar.getByRole('textbox', { name: /^Contents of mapspec-v2-/ }).inputValue();
  const exported = JSON.parse(content) as { version: { contentHash: string }; snapshot: unknown };
  expect(exported.version.contentHash.slice(0, 8)).toBe(hash);
  expect(createHash('sha256').update(JSON.stringify(exported.snapshot), 'utf8').digest('hex')).toBe(exported.version.contentHash);
  await shot('6-exported');
  console.log(`review.test: flow took ${((Date.now() - started) / 1000).toFixed(1)} s`);
});
