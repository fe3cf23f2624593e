// The setup and helpers the playground browser tests share: one chromium for the file (closed in
// afterAll) and a playground started for the whole file or afresh for each test, plus screenshots
// named <prefix>-<step>.png, opening the playground with its sidebar, inserting the mapping template
// and pasting mapping rows into it, switching sheet tabs, reading and typing cells, and opening a
// sidebar panel by its nav tab.
import type { FrameLocator, Page } from 'playwright-core';
import { launchBrowser, screenshot, settled, startTestPlayground, type BrowserSession, type TestPlayground } from './browser';
import { goTo, openSidebar, pasteRow, sidebarIdle, sidebarStatus, until } from './sidebar';

export interface PlaygroundPageOptions {
  /**
   * 'file' (the default): one playground for the whole file, started in beforeAll and closed in
   * afterAll; each test opens it itself. 'test': a fresh playground for each test (beforeEach), with
   * the page already on it and settled, closed in afterEach.
   */
  playground?: 'file' | 'test';
  /** Start the playground from this .xlsx (it must exist when the file's beforeAll hooks run). */
  xlsxPath?: string;
}

export interface PlaygroundPage {
  readonly browser: BrowserSession;
  readonly page: Page;
  readonly pg: TestPlayground;
  /** Screenshot of the whole page, once settled, as test-output/screenshots/<prefix>-<step>.png. */
  shot(step: string): Promise<void>;
  /** Opens the playground in the page, waits until it has settled and opens the add-on's sidebar. */
  openPlayground(): Promise<FrameLocator>;
  /** Clicks "Insert the mapping template" in the sidebar, waits for it, and returns the first tab listed with a Mapping badge. */
  insertMappingTemplate(sidebar: FrameLocator): Promise<string>;
  /** Pastes mappingRow(1..count) into the active mapping tab at A3 onwards, each waited for until its destination path shows. */
  pasteMappingRows(count: number): Promise<void>;
  /** Clicks a sheet tab in the grid and waits until it is the selected one. */
  showSheet(name: string): Promise<void>;
  /** The text a grid cell shows (1-based row and column). */
  cellText(row: number, column: number): Promise<string>;
  /** Types a value into a cell (replacing it) and waits for the edit to land (a dropdown's ▾ aside). */
  setCell(a1: string, row: number, column: number, value: string): Promise<void>;
  /** Clicks a sidebar nav tab by its exact name and waits until it is selected and the sidebar is idle. */
  openPanel(sidebar: FrameLocator, name: string): Promise<void>;
}

/** A mapping template row A..N: ID, status, source label, path, type, sample, comments, destination label, path, type, sample, comments, required, unique. */
export function mappingRow(n: number): string[] {
  return [`M-${n}`, 'Agreed', `Field ${n}`, `src_${n}`, 'text', '', '', `Element ${n}`, `dest_${n}`, 'text', '', '', 'Yes', 'No'];
}

/** Registers the jest hooks that launch the browser and the playground; call at the top of a test file. */
export function usePlaygroundPage(screenshotPrefix: string, options: PlaygroundPageOptions = {}): PlaygroundPage {
  let browser: BrowserSession | undefined;
  let pg: TestPlayground | undefined;
  const perTest = options.playground === 'test';

  beforeAll(async () => {
    browser = await launchBrowser();
    if (!perTest) pg = await startTestPlayground({ xlsxPath: options.xlsxPath });
  });

  afterAll(async () => {
    if (!perTest) await pg?.close();
    await browser?.close();
  });

  if (perTest) {
    beforeEach(async () => {
      pg = await startTestPlayground();
      await session.page.goto(pg.server.url);
      await settled(session.page);
    });

    afterEach(async () => {
      await pg?.close();
    });
  }

  const session: PlaygroundPage = {
    get browser() {
      if (!browser) throw new Error('The browser is launched in beforeAll; use it inside a test or hook.');
      return browser;
    },
    get page() {
      return session.browser.page;
    },
    get pg() {
      if (!pg) throw new Error('The playground is started in a jest hook; use it inside a test or hook.');
      return pg;
    },
    async shot(step) {
      await settled(session.page);
      await screenshot(session.page, `${screenshotPrefix}-${step}`);
    },
    async openPlayground() {
      const { page } = session;
      await page.goto(session.pg.server.url);
      await settled(page);
      return openSidebar(page);
    },
    async insertMappingTemplate(sidebar) {
      await sidebar.getByRole('button', { name: 'Insert the mapping template' }).click();
      await sidebarStatus(sidebar).getByText(/^Inserted \d+ tabs?/).waitFor();
      await sidebarIdle(sidebar);
      const mappingRows = sidebar.getByRole('listitem').filter({ has: sidebar.locator('.badge', { hasText: /^Mapping$/ }) });
      return (await mappingRows.first().locator('.name').textContent())!.trim();
    },
    async pasteMappingRows(count) {
      const { page } = session;
      for (let n = 1; n <= count; n++) {
        await goTo(page, `A${n + 2}`);
        await pasteRow(page, mappingRow(n));
        await until(() => session.cellText(n + 2, 9), (t) => t.trim() === `dest_${n}`, `I${n + 2} to read dest_${n}`);
      }
    },
    async showSheet(name) {
      const { page } = session;
      await page.getByRole('tab', { name, exact: true }).click();
      await page.getByRole('tab', { name, exact: true, selected: true }).waitFor();
      await settled(page);
    },
    cellText(row, column) {
      return session.page.locator(`#cell-${row}-${column}`).innerText();
    },
    async setCell(a1, row, column, value) {
      const { page } = session;
      await goTo(page, a1);
      await page.keyboard.type(value);
      await page.keyboard.press('Enter');
      await settled(page);
      await until(() => session.cellText(row, column), (t) => t.replace('▾', '').trim() === value, `${a1} to read ${value}`);
    },
    async openPanel(sidebar, name) {
      await sidebar.getByRole('tab', { name, exact: true }).click();
      await sidebar.getByRole('tab', { name, exact: true, selected: true }).waitFor();
      await sidebarIdle(sidebar);
    },
  };
  return session;
}
