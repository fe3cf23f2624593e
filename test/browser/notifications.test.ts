// Issue 7's acceptance in the playground with real chromium, against the real build/: insert the
// template and type rows, subscribe someone and turn notifications on from Settings, edit three cells
// (two typed, one by pasting several cells at once, which fires the installable edit trigger once
// like Sheets), let an hour pass, and read the digest in the outbox: the exact old → new values,
// escaped HTML in a sandboxed frame, and links that point at the spreadsheet and the changed cells.
// Screenshots: test-output/screenshots/notifications-*.png.
import { settled } from './support/browser';
import { usePlaygroundPage } from './support/playground-page';
import { goTo, pasteRow, sidebarIdle, sidebarStatus, until } from './support/sidebar';

jest.setTimeout(240_000);

const ui = usePlaygroundPage('notifications');
const { shot, openPlayground, insertMappingTemplate, pasteMappingRows, cellText, setCell, openPanel } = ui;

test('turn on notifications, edit three cells (one by a paste), an hour passes, read the digest in the outbox', async () => {
  const { page, pg } = ui;
  const sidebar = await openPlayground();

  // The spec: the template with three Agreed rows.
  await sidebar.getByRole('tab', { name: 'Spec' }).click();
  const mappingTab = await insertMappingTemplate(sidebar);
  await page.getByRole('tab', { name: mappingTab, exact: true }).click();
  await page.getByRole('tab', { name: mappingTab, exact: true, selected: true }).waitFor();
  await page.getByRole('gridcell', { name: 'SOURCE', exact: true }).waitFor();
  await pasteMappingRows(3);

  // Settings › Notifications: empty states, a malformed address refused, then one subscriber saved.
  await openPanel(sidebar, 'Settings');
  const section = sidebar.locator('section.notifications');
  await section.getByText('No subscribers yet', { exact: false }).waitFor();
  await section.getByText('Nothing waiting: every email has gone out.').waitFor();
  await section.getByRole('button', { name: '+ Add subscriber' }).click();
  await section.getByRole('textbox', { name: 'Subscriber 1 email' }).fill('lead@');
  await section.getByRole('button', { name: 'Update subscribers' }).click();
  await until(() => sidebarStatus(sidebar).innerText(), (t) => t.includes('"lead@"'), 'the malformed email to be named');
  await sidebarIdle(sidebar);
  await section.getByRole('textbox', { name: 'Subscriber 1 email' }).fill('lead@example.org');
  expect(await section.getByRole('combobox', { name: 'Subscriber 1 gets' }).inputValue()).toBe('every');
  // A long address is read whole in the 300 px sidebar, not cut off.
  await section.getByRole('button', { name: '+ Add subscriber' }).click();
  const long = section.getByRole('textbox', { name: 'Subscriber 2 email' });
  await long.fill('data.manager@ministry-of-health.gov.kh');
  expect(await long.evaluate((e: HTMLInputElement) => e.scrollWidth <= e.clientWidth)).toBe(true);
  await section.getByRole('button', { name: 'Remove subscriber 2' }).click();
  await section.getByRole('button', { name: 'Update subscribers' }).click();
  await until(() => sidebarStatus(sidebar).innerText(), (t) => t === 'Subscribers saved.', 'the subscribers to be saved');
  await sidebarIdle(sidebar);

  await section.getByRole('button', { name: 'Turn on notifications' }).click();
  await until(() => sidebarStatus(sidebar).innerText(), (t) => t === 'Notifications are on.', 'notifications to be on');
  await sidebarIdle(sidebar);
  await section.getByText(/^On\. Digests and retries are sent from analyst@example\.org's account \(yours\)/).waitFor();
  await section.getByRole('button', { name: 'Turn off notifications' }).waitFor();
  await shot('1-on');

  // Three edits: two typed cells and one paste of two cells (J5:K5) — one edit event for the paste.
  await setCell('I3', 3, 9, 'person.first_name');
  await setCell('I4', 4, 9, '<img src=x onerror=alert(1)>');
  await goTo(page, 'J5');
  await pasteRow(page, ['integer', '42']);
  await until(async () => `${(await cellText(5, 10)).replace('▾', '').trim()}|${(await cellText(5, 11)).trim()}`, (t) => t === 'integer|42', 'the paste to land in J5:K5');
  const log = await page.request.get(`${pg.server.url}/api/activity`);
  const activity = JSON.stringify(await log.json());
  expect(activity).toContain('notifyOnEdit');

  // An hour passes: the time trigger runs and sends the digest.
  await page.getByRole('button', { name: 'An hour passes' }).click();
  await settled(page);
  await until(() => page.getByRole('button', { name: /^Outbox/ }).innerText(), (t) => t === 'Outbox (1)', 'one email in the outbox');
  await page.getByRole('button', { name: /^Outbox/ }).click();
  const mail = page.locator('article.mail').first();
  await mail.waitFor();
  const subject = (await mail.locator('h3').innerText()).trim();
  // Counted in rows: three rows changed (M-3 twice, by the paste).
  // In the spreadsheet's time zone (the demo's is Phnom Penh), as a person reads it: never UTC or raw ISO.
  expect(subject).toMatch(/^\[Mapspec\] .+: 0 rows added, 3 changed, 0 removed since \d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d GMT\+7$/);
  // Sent to the trigger owner's own address, the subscriber in Bcc: no one sees the others.
  const from = (await mail.locator('dd').nth(0).innerText()).replace(/^.*<|>$/g, '');
  expect(await mail.locator('dd').nth(1).innerText()).toBe(from);
  expect(await mail.locator('dt').nth(2).innerText()).toBe('Bcc');
  expect(await mail.locator('dd').nth(2).innerText()).toBe('lead@example.org');
  expect(await mail.locator('iframe.mail-html').getAttribute('sandbox')).toBe('');

  // The HTML body: a table row per changed row, its changed cells under it with their exact old → new, and who changed them.
  const body = mail.locator('iframe.mail-html').contentFrame();
  const rows = body.locator('tbody tr');
  await until(() => rows.count(), (n) => n === 3, 'three rows in the digest table');
  const table = await rows.evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent)));
  expect(table).toEqual([
    [mappingTab, 'M-1', 'dest_1 → person.first_name', 'analyst@example.org'],
    [mappingTab, 'M-2', 'dest_2 → <img src=x onerror=alert(1)>', 'analyst@example.org'],
    [mappingTab, 'M-3', 'text → integer', 'analyst@example.org'],
  ].map((r) => r.map((c) => expect.stringContaining(c))));
  expect(table[2]![2]).toContain('→ 42');
  // The value is text in the email, not an element.
  expect(await body.locator('img').count()).toBe(0);

  // The links: the spreadsheet, and each changed cell on the right tab (gid) and range.
  const state = (await (await page.request.get(`${pg.server.url}/api/state`)).json()) as { tabs: { id: number; name: string }[] };
  const gid = state.tabs.find((t) => t.name === mappingTab)!.id;
  const hrefs = await rows.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  const base = /^https:\/\/docs\.google\.com\/spreadsheets\/d\/[^/#]+\/edit/;
  // Each row key links to its row, each changed cell to its cell.
  expect(hrefs.map((href) => href!.replace(base, ''))).toEqual(['3:3', 'I3', '4:4', 'I4', '5:5', 'J5', 'K5'].map((r) => `#gid=${gid}&range=${r}`));
  const sheetLink = await body.getByRole('link').first().getAttribute('href');
  expect(sheetLink).toMatch(new RegExp(`${base.source}$`));
  // Following a link's range in the playground shows the new value there.
  await page.keyboard.press('Escape');
  for (const [a1, row, col, want] of [['I3', 3, 9, 'person.first_name'], ['K5', 5, 11, '42']] as const) {
    await goTo(page, a1);
    expect((await cellText(row, col)).trim()).toBe(want);
  }

  // The plain-text alternative has the same values.
  await page.getByRole('button', { name: /^Outbox/ }).click();
  const text = await page.locator('article.mail pre.mail-text').first().textContent();
  expect(text).toContain(`- ${mappingTab} · M-1 · `);
  expect(text).toContain('dest_1 → person.first_name (by analyst@example.org)');
  expect(text).toContain(`#gid=${gid}&range=I3`);
  await shot('2-outbox');
});
