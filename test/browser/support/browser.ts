// Shared setup of the browser tests: Debian's chromium through playwright-core (headless, a fresh
// profile), a playground server started in-process on a free port with a temp state file, and
// screenshots kept under test-output/screenshots/<flow>.png.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startPlayground, type PlaygroundServer } from '../../../src/playground/server';

export const ROOT = path.resolve(__dirname, '../../..');
export const SCREENSHOTS = path.join(ROOT, 'test-output', 'screenshots');

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** Chromium with a throw-away profile (deleted on close). */
export async function launchBrowser(): Promise<BrowserSession> {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mapspec-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
    viewport: { width: 1400, height: 860 },
    acceptDownloads: true,
  });
  // Explicit waits on conditions only; these bound how long a condition may take on a busy 2-core machine.
  context.setDefaultTimeout(20_000);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export interface TestPlayground {
  server: PlaygroundServer;
  statePath: string;
  /** Stops the server and starts a new one on the same state file (and port). */
  restart(): Promise<PlaygroundServer>;
  close(): Promise<void>;
}

/** A playground on a free port over a temp state file, serving the real build/ (built by jest's global setup). */
export async function startTestPlayground(options: { buildDir?: string; xlsxPath?: string } = {}): Promise<TestPlayground> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mapspec-browser-'));
  const statePath = path.join(dir, 'state.json');
  const start = (port: number) => startPlayground({ port, statePath, buildDir: options.buildDir, xlsxPath: options.xlsxPath });
  const handle: TestPlayground = {
    server: await start(0),
    statePath,
    async restart() {
      const port = handle.server.port;
      await handle.server.close();
      handle.server = await start(port);
      return handle.server;
    },
    async close() {
      await handle.server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return handle;
}

/** Waits until the page has no request in flight (the page marks itself aria-busy while it works). */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => !document.body.hasAttribute('aria-busy') && document.body.dataset.version !== undefined);
}

export async function screenshot(page: Page, flow: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${flow}.png`);
  await page.screenshot({ path: file });
  return file;
}
