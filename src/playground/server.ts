/**
 * The playground's HTTP server (node:http, bound to 127.0.0.1): serves the spreadsheet page (bundled
 * by esbuild into memory at start), the add-on's sidebar and dialogs with the google.script shim,
 * and a small JSON API the page uses — open the document, edit cells, run menu items and
 * google.script.run calls, switch users, let time pass, download .xlsx, reset. Request bodies are
 * validated with zod; the only code it ever runs is the built Code.js's top-level functions.
 */
import * as http from 'node:http';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import * as esbuild from 'esbuild';
import * as z from 'zod';
import { writeXlsx } from '../emulator/xlsx';
import type { RunReport } from '../emulator/simulate';
import { injectShim } from './bridge-shim';
import { sheetLayout, sheetWindow, type SheetLayout } from './grid-view';
import { PlaygroundSession, ANALYST, APPROVER } from './session';
import { escapeHtml } from '../core/escape';

const ROOT = path.resolve(__dirname, '../..');
const PAGE_DIR = path.join(__dirname, 'page');
const MAX_BODY = 5 * 1024 * 1024;
/** How many cells one window request may ask for (the page asks for what is on screen plus a margin). */
const MAX_WINDOW_CELLS = 200_000;

export interface PlaygroundOptions {
  /** 0 picks a free port. Default 8080 (PORT env). */
  port?: number;
  /** The state file (default .mapspec/playground.json, or .mapspec/<xlsx name>.json). */
  statePath: string;
  /** Start from this .xlsx when the state file does not exist. */
  xlsxPath?: string;
  /** Folder with the built Code.js and Sidebar.html (default build/). */
  buildDir?: string;
  /** Server log lines (default: none). */
  log?: (message: string) => void;
}

export interface PlaygroundServer {
  url: string;
  port: number;
  session: PlaygroundSession;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

// ---- request bodies -------------------------------------------------------------------------

const cellValue = z.union([z.string().max(50_000), z.number(), z.boolean(), z.null()]);
const schemas = {
  edit: z
    .object({
      sheetId: z.number().int().nonnegative(),
      row: z.number().int().positive(),
      column: z.number().int().positive(),
      values: z.array(z.array(cellValue).min(1).max(1000)).min(1).max(10_000),
    })
    .strict(),
  sheet: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('rename'), sheetId: z.number().int().nonnegative(), name: z.string().max(200) }).strict(),
    z.object({ kind: z.literal('delete'), sheetId: z.number().int().nonnegative() }).strict(),
    z.object({ kind: z.literal('add-rows'), sheetId: z.number().int().nonnegative(), count: z.number().int().min(1).max(10_000), after: z.number().int().nonnegative().optional() }).strict(),
  ]),
  select: z.object({ sheetId: z.number().int().nonnegative(), a1: z.string().regex(/^[A-Z]{1,3}[0-9]{1,7}(:[A-Z]{1,3}[0-9]{1,7})?$/) }).strict(),
  menu: z.object({ functionName: z.string().regex(/^[A-Za-z_$][\w$]*$/) }).strict(),
  run: z
    .object({ fn: z.string().regex(/^[A-Za-z_$][\w$]*$/, 'not a function name'), payload: z.unknown().optional(), args: z.array(z.unknown()).max(100).optional() })
    .strict(),
  user: z.object({ email: z.string().trim().toLowerCase().pipe(z.email()) }).strict(),
  time: z.object({ ms: z.number().int().positive().max(31 * 24 * 3600 * 1000) }).strict(),
  close: z.object({ which: z.enum(['sidebar', 'dialog']) }).strict(),
  empty: z.object({}).strict(),
};

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new HttpError(400, `Invalid request: ${issue.path.join('.') || 'body'}: ${issue.message}`);
  }
  return result.data;
}

// ---- helpers ------------------------------------------------------------------------------


function send(res: http.ServerResponse, status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', ...headers });
  res.end(body);
}

function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

async function readBody(req: http.IncomingMessage): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  // JSON only: a cross-site form (text/plain, form-encoded) can never reach the API.
  if (!/^application\/json\b/i.test(type)) throw new HttpError(415, 'Request body must be application/json');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new HttpError(413, 'Request body too large');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'Request body is not valid JSON');
  }
}

function runSummary(r: RunReport): { functionName: string; kind: string; ok: boolean; error?: string; authMode: string; user: string } {
  return { functionName: r.functionName, kind: r.kind, ok: r.ok, authMode: r.authMode, user: r.user, ...(r.error ? { error: r.error.message } : {}) };
}

function intParam(url: URL, name: string, fallback: number, min: number, max: number): number {
  const raw = url.searchParams.get(name);
  const n = raw === null ? fallback : Number(raw);
  if (!Number.isInteger(n)) throw new HttpError(400, `Invalid query parameter ${name}`);
  return Math.min(max, Math.max(min, n));
}

async function bundlePage(): Promise<{ js: string; css: string }> {
  const result = await esbuild.build({
    entryPoints: [path.join(PAGE_DIR, 'main.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    charset: 'utf8',
    logLevel: 'silent',
    sourcemap: 'inline',
  });
  return { js: result.outputFiles[0]!.text, css: fs.readFileSync(path.join(PAGE_DIR, 'style.css'), 'utf8') };
}

function indexHtml(title: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} - Mapspec playground</title>
<link rel="stylesheet" href="/app.css">
<script src="/app.js" defer></script>
</head>
<body>
<noscript>The Mapspec playground needs JavaScript.</noscript>
</body>
</html>`;
}

const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "frame-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

// ---- the server ----------------------------------------------------------------------------

/** Starts the playground on 127.0.0.1 (tests pass port 0 and a temp state file). */
export async function startPlayground(options: PlaygroundOptions): Promise<PlaygroundServer> {
  const log = options.log ?? (() => undefined);
  const session = await PlaygroundSession.create({
    statePath: path.resolve(options.statePath),
    xlsxPath: options.xlsxPath,
    buildDir: path.resolve(options.buildDir ?? path.join(ROOT, 'build')),
    log,
  });
  const page = await bundlePage();
  const layoutCache = new Map<string, SheetLayout>();
  const layoutOf = (sheetId: number): SheetLayout | undefined => {
    const wb = session.emulator.state.workbook;
    const sheet = wb.sheets.find((s) => s.id === sheetId);
    if (!sheet) return undefined;
    const key = `${session.meta.version}:${sheetId}`;
    let layout = layoutCache.get(key);
    if (!layout) {
      if (layoutCache.size > 50) layoutCache.clear();
      layout = sheetLayout(wb, sheet);
      layoutCache.set(key, layout);
    }
    return layout;
  };

  let port = options.port ?? 8080;
  const allowedHosts = (): Set<string> => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  function stateResponse(url: URL): unknown {
    const state = session.emulator.state;
    const wb = state.workbook;
    const requested = url.searchParams.has('sheet') ? intParam(url, 'sheet', wb.active.sheetId, 0, 1e9) : wb.active.sheetId;
    const sheet = wb.sheets.find((s) => s.id === requested) ?? wb.sheets.find((s) => s.id === wb.active.sheetId) ?? wb.sheets[0];
    const layout = sheet ? layoutOf(sheet.id) : undefined;
    const { r1, r2, c1, c2 } = windowParams(url);
    return {
      version: session.meta.version,
      name: wb.name,
      source: session.meta.source.kind,
      user: state.users.active,
      users: [...new Set([ANALYST, APPROVER, ...state.users.known])],
      addonEnabled: session.meta.addonEnabled,
      menus: session.meta.menus,
      sidebar: session.meta.sidebar ? { serial: session.meta.sidebar.serial, title: session.meta.sidebar.title, width: session.meta.sidebar.width } : null,
      dialog: session.meta.dialog
        ? { serial: session.meta.dialog.serial, title: session.meta.dialog.title, width: session.meta.dialog.width, height: session.meta.dialog.height, modal: session.meta.dialog.modal }
        : null,
      active: wb.active,
      tabs: wb.sheets.map((s) => ({ id: s.id, name: s.name, hidden: s.hidden, tabColor: s.tabColor })),
      sheet: layout ?? null,
      cells: sheet ? sheetWindow(wb, sheet, r1, r2, c1, c2) : [],
      window: { r1, r2, c1, c2 },
      mailCount: state.mail.sent.length,
      now: session.emulator.clock.now(),
      timeZone: wb.timeZone,
      notices: session.takeNotices(),
      activity: session.meta.activity.slice(-30),
    };
  }

  function windowParams(url: URL): { r1: number; r2: number; c1: number; c2: number } {
    const r1 = intParam(url, 'r1', 1, 1, 10_000_000);
    const c1 = intParam(url, 'c1', 1, 1, 18_278);
    const r2 = intParam(url, 'r2', r1 + 99, r1, 10_000_000);
    const c2 = intParam(url, 'c2', c1 + 29, c1, 18_278);
    if ((r2 - r1 + 1) * (c2 - c1 + 1) > MAX_WINDOW_CELLS) throw new HttpError(400, 'Window too large');
    return { r1, r2, c1, c2 };
  }

  function panel(which: 'sidebar' | 'dialog'): string {
    const data = session.meta[which];
    if (!data) throw new HttpError(404, `No ${which} is open`);
    return injectShim(data.html, which);
  }

  async function route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    // DNS rebinding and cross-site requests: only this machine's own page may talk to the API.
    if (!allowedHosts().has(String(req.headers.host))) throw new HttpError(403, 'Unexpected Host header');
    const origin = req.headers.origin;
    if (origin && origin !== 'null' && !allowedHosts().has(origin.replace(/^https?:\/\//, ''))) throw new HttpError(403, 'Cross-origin request refused');
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    const method = req.method ?? 'GET';
    const key = `${method} ${url.pathname}`;
    if (method === 'POST' && origin === 'null') throw new HttpError(403, 'Requests from sandboxed frames are refused');

    switch (key) {
      case 'GET /':
        return send(res, 200, 'text/html; charset=utf-8', indexHtml(session.emulator.state.workbook.name), { 'Content-Security-Policy': PAGE_CSP });
      case 'GET /app.js':
        return send(res, 200, 'text/javascript; charset=utf-8', page.js);
      case 'GET /app.css':
        return send(res, 200, 'text/css; charset=utf-8', page.css);
      case 'GET /favicon.ico':
        return send(res, 204, 'image/x-icon', '');
      case 'GET /sidebar':
        // The add-on's own HTML (inline scripts and all): no CSP of ours, like Google's sandbox frame.
        return send(res, 200, 'text/html; charset=utf-8', panel('sidebar'));
      case 'GET /dialog':
        return send(res, 200, 'text/html; charset=utf-8', panel('dialog'));
      case 'GET /api/state':
        return sendJson(res, 200, stateResponse(url));
      case 'GET /api/cells': {
        const wb = session.emulator.state.workbook;
        const sheet = wb.sheets.find((s) => s.id === intParam(url, 'sheet', -1, -1, 1e9));
        if (!sheet) throw new HttpError(404, 'No such sheet');
        const w = windowParams(url);
        return sendJson(res, 200, { version: session.meta.version, sheetId: sheet.id, window: w, cells: sheetWindow(wb, sheet, w.r1, w.r2, w.c1, w.c2) });
      }
      case 'GET /api/mail':
        return sendJson(res, 200, { sent: session.emulator.state.mail.sent });
      case 'GET /api/activity':
        return sendJson(res, 200, { activity: session.meta.activity });
      case 'GET /download.xlsx': {
        const wb = session.emulator.state.workbook;
        const buffer = await writeXlsx(wb);
        const ascii = wb.name.replace(/[^\w .-]+/g, '_').trim() || 'spreadsheet';
        return send(res, 200, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer, {
          'Content-Disposition': `attachment; filename="${ascii}.xlsx"; filename*=UTF-8''${encodeURIComponent(wb.name)}.xlsx`,
        });
      }
    }

    if (method !== 'POST') throw new HttpError(url.pathname.startsWith('/api/') ? 405 : 404, 'Not found');
    const body = await readBody(req);
    switch (url.pathname) {
      case '/api/open': {
        parse(schemas.empty, body);
        const run = session.open();
        return sendJson(res, 200, { ok: true, menus: session.meta.menus, run: run && runSummary(run) });
      }
      case '/api/menu': {
        const { functionName } = parse(schemas.menu, body);
        if (!session.menuFunctions().has(functionName)) throw new HttpError(400, `${functionName} is not an item of the add-on's menu`);
        const run = session.menuItem(functionName);
        return sendJson(res, 200, { ok: run.ok, run: runSummary(run) });
      }
      case '/api/run': {
        const parsed = parse(schemas.run, body);
        // { fn, payload } is one argument; { fn, args } any number (google.script.run allows several).
        const hasPayload = typeof body === 'object' && body !== null && 'payload' in body;
        const args = parsed.args ?? (hasPayload && parsed.payload !== undefined ? [parsed.payload] : []);
        const result = session.server(parsed.fn, args);
        return sendJson(res, 200, result.ok ? { ok: true, value: result.value } : { ok: false, message: result.message });
      }
      case '/api/edit': {
        const edit = parse(schemas.edit, body);
        const wb = session.emulator.state.workbook;
        const sheet = wb.sheets.find((s) => s.id === edit.sheetId);
        if (!sheet) throw new HttpError(404, 'No such sheet');
        let runs: RunReport[];
        try {
          runs = session.edit(edit);
        } catch (e) {
          // Sheets refuses the entry (strict validation, too long): the person sees why, nothing changes.
          return sendJson(res, 200, { ok: false, message: (e as Error).message });
        }
        return sendJson(res, 200, { ok: true, runs: runs.map(runSummary) });
      }
      case '/api/sheet': {
        const action = parse(schemas.sheet, body);
        try {
          session.sheetAction(action);
        } catch (e) {
          // Sheets refuses it (a name taken, the last visible sheet…): the person sees why, nothing changes.
          return sendJson(res, 200, { ok: false, message: (e as Error).message });
        }
        layoutCache.clear();
        return sendJson(res, 200, { ok: true });
      }
      case '/api/select': {
        const { sheetId, a1 } = parse(schemas.select, body);
        if (!session.emulator.state.workbook.sheets.some((s) => s.id === sheetId)) throw new HttpError(404, 'No such sheet');
        session.select(sheetId, a1);
        return sendJson(res, 200, { ok: true });
      }
      case '/api/user': {
        const { email } = parse(schemas.user, body);
        session.setUser(email);
        // Another person opens the document: onOpen runs for them.
        const run = session.open();
        return sendJson(res, 200, { ok: true, user: email, run: run && runSummary(run) });
      }
      case '/api/time': {
        const { ms } = parse(schemas.time, body);
        const runs = session.passTime(ms);
        return sendJson(res, 200, { ok: true, runs: runs.map(runSummary) });
      }
      case '/api/close': {
        const { which } = parse(schemas.close, body);
        session.closePanel(which);
        return sendJson(res, 200, { ok: true });
      }
      case '/api/reset': {
        parse(schemas.empty, body);
        await session.reset();
        layoutCache.clear();
        const run = session.open();
        return sendJson(res, 200, { ok: true, run: run && runSummary(run) });
      }
    }
    throw new HttpError(404, 'Not found');
  }

  const server = http.createServer((req, res) => {
    route(req, res).catch((e: unknown) => {
      const status = e instanceof HttpError ? e.status : 500;
      if (status === 500) log(`error: ${(e as Error)?.stack ?? e}`);
      if (!res.headersSent) sendJson(res, status, { ok: false, message: e instanceof HttpError ? e.message : `Internal error: ${(e as Error)?.message ?? e}` });
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  log(`Mapspec playground: ${url}`);
  return {
    url,
    port,
    session,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
