// The add-on's panels run as in Sheets: on an origin of their own (sandboxed iframe), so sidebar code
// can neither reach into the page nor call the playground's API — only google.script.run, relayed.
import { launchBrowser, startTestPlayground, type BrowserSession, type TestPlayground } from './support/browser';
import { openSidebar, runAddonMenuItem } from './support/sidebar';

let browser: BrowserSession;
let playground: TestPlayground;

beforeAll(async () => {
  browser = await launchBrowser();
  playground = await startTestPlayground();
});

afterAll(async () => {
  await browser?.close();
  await playground?.close();
});

test('the sidebar has an opaque origin, cannot touch the page or the API, and still reaches the server', async () => {
  const { page } = browser;
  await page.goto(playground.server.url);
  const sidebar = await openSidebar(page);
  await sidebar.getByText(/Signed in as analyst@example\.org/).waitFor();
  const frame = page.frames().find((f) => f.url().includes('/sidebar'))!;
  const probe = await frame.evaluate(async () => {
    let parentDom = 'reachable';
    try {
      void window.parent.document.title;
    } catch {
      parentDom = 'blocked';
    }
    let api = 'reachable';
    try {
      const res = await fetch('/api/reset', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
      api = `HTTP ${res.status}`;
    } catch {
      api = 'blocked';
    }
    return { origin: self.origin, parentDom, api };
  });
  expect(probe.origin).toBe('null');
  expect(probe.parentDom).toBe('blocked');
  expect(probe.api === 'blocked' || probe.api === 'HTTP 403').toBe(true);
  // google.script.run still works through the page's relay: the tab list round-trips.
  await sidebar.getByRole('button', { name: /Refresh/ }).first().click();
  await sidebar.getByText(/Signed in as analyst@example\.org/).waitFor();
});

test('the Versions menu item opens the sidebar on its Versions panel', async () => {
  const { page } = browser;
  await page.goto(playground.server.url);
  await runAddonMenuItem(page, /^Versions/);
  const sidebar = page.getByRole('complementary', { name: /sidebar/i }).locator('iframe').contentFrame();
  await sidebar.getByRole('tab', { name: 'Versions', selected: true }).waitFor();
  await sidebar.getByText(/No versions yet/).waitFor();
});
