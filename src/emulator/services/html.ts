/**
 * HtmlService: HtmlOutput pages (sidebars, dialogs) and HtmlTemplate scriptlets.
 *
 * Templates: <?= expr ?> prints escaped, <?!= expr ?> prints raw, <? code ?> runs code; a
 * trailing ";" inside a printing scriptlet is allowed. Template properties (template.foo = 1) are
 * variables in scriptlets, and `output` (append / appendUntrusted / clear / getContent) is in scope.
 * Scriptlets run in the script's own realm (a Function made there), so they see the script's
 * top-level functions and services like Apps Script's do. Escaping approximates Apps Script's
 * contextual escaping: inside <script> a value prints as a JSON literal ("<" as \u003c), elsewhere
 * HTML-escaped.
 *
 * Files: createHtmlOutputFromFile / createTemplateFromFile read project files through the
 * emulator's readProjectFile; "Sidebar" and "Sidebar.html" both name Sidebar.html. A missing file
 * throws "No HTML file named Sidebar was found." (the live text, quoted in many public reports).
 *
 * Sizes: a new HtmlOutput is 600 x 450 until setWidth / setHeight, as gas-fakes models it (not
 * confirmed against Google). The Ui emulator reads pages through the uncounted `_render()`.
 */
import type { ExecutionContext, MethodPolicy } from '../context';
import { instrument } from '../context';
import { blobBytes, createBlob, isBlobSource } from './blob';
import { enumOf, realmIntrinsics, requireArgs, scriptArray } from './util';
import { escapeHtml } from '../../core/escape';

// HtmlService needs no scope and reads no user data; the Ui that shows a page has its own checks.
const POLICY: MethodPolicy = { minAuth: 'NONE' };

export const DEFAULT_HTML_WIDTH = 600;
export const DEFAULT_HTML_HEIGHT = 450;

export interface RenderedHtml {
  title: string;
  html: string;
  width: number;
  height: number;
}

/** HtmlOutput plus the uncounted hook the SpreadsheetApp Ui emulator calls to show it. */
export interface EmulatedHtmlOutput extends GoogleAppsScript.HTML.HtmlOutput {
  _render(): RenderedHtml;
}

const SANDBOX_MODES = ['EMULATED', 'IFRAME', 'NATIVE'] as const;
const XFRAME_MODES = ['ALLOWALL', 'DEFAULT'] as const;


export function createHtmlService(
  ctx: ExecutionContext,
  readProjectFile: (name: string) => string | undefined,
): GoogleAppsScript.HTML.HtmlService {
  const readFile = (method: string, args: unknown[]): string => {
    requireArgs(ctx, `HtmlService.${method}`, args, 1);
    const name = String(args[0]);
    const content = readProjectFile(name) ?? (name.endsWith('.html') ? readProjectFile(name.slice(0, -5)) : undefined);
    if (content === undefined) throw ctx.error(`No HTML file named ${name} was found.`);
    return content;
  };

  /** A string, a Blob/BlobSource (its text) or nothing. */
  const contentOf = (value: unknown): string => {
    if (value === undefined || value === null) return '';
    if (isBlobSource(value)) return blobBytes(value).toString('utf8');
    return String(value);
  };

  const service = {
    SandboxMode: enumOf(SANDBOX_MODES),
    XFrameOptionsMode: enumOf(XFRAME_MODES),
    createHtmlOutput: (html?: unknown) => createHtmlOutput(ctx, contentOf(html)),
    createHtmlOutputFromFile: (...args: unknown[]) => createHtmlOutput(ctx, readFile('createHtmlOutputFromFile', args)),
    createTemplate: (...args: unknown[]) => {
      requireArgs(ctx, 'HtmlService.createTemplate', args, 1);
      return createHtmlTemplate(ctx, contentOf(args[0]));
    },
    createTemplateFromFile: (...args: unknown[]) => createHtmlTemplate(ctx, readFile('createTemplateFromFile', args)),
  };
  return instrument(ctx, 'HtmlService', service, {}, POLICY) as unknown as GoogleAppsScript.HTML.HtmlService;
}

export function createHtmlOutput(ctx: ExecutionContext, initial: string): EmulatedHtmlOutput {
  let content = initial;
  let title = '';
  let width = DEFAULT_HTML_WIDTH;
  let height = DEFAULT_HTML_HEIGHT;
  let faviconUrl = '';
  // Recorded only: the emulator serves every page alike (NATIVE / EMULATED are deprecated aliases
  // of IFRAME in Apps Script; X-Frame-Options matter only to web apps).
  const modes = { sandbox: 'IFRAME', xFrameOptions: 'DEFAULT' };
  const metaTags: { name: string; content: string }[] = [];

  const toInt = (method: string, v: unknown): number => {
    const n = Number(v);
    if (v === undefined || !Number.isFinite(n)) throw ctx.argumentError(`HtmlService.HtmlOutput.${method}`, v === undefined ? '' : 'String');
    return Math.trunc(n);
  };

  const output = {
    _render: (): RenderedHtml => ({ title, html: content, width, height }),
    getContent: () => content,
    setContent: (html: unknown) => {
      content = String(html);
      return output;
    },
    append: (addedContent: unknown) => {
      content += String(addedContent);
      return output;
    },
    appendUntrusted: (addedContent: unknown) => {
      content += escapeHtml(String(addedContent));
      return output;
    },
    clear: () => {
      content = '';
      return output;
    },
    getTitle: () => title,
    setTitle: (t: unknown) => {
      title = String(t);
      return output;
    },
    getWidth: () => width,
    setWidth: (w: unknown) => {
      width = toInt('setWidth', w);
      return output;
    },
    getHeight: () => height,
    setHeight: (h: unknown) => {
      height = toInt('setHeight', h);
      return output;
    },
    getFaviconUrl: () => faviconUrl,
    setFaviconUrl: (url: unknown) => {
      faviconUrl = String(url);
      return output;
    },
    setSandboxMode: (mode: unknown) => {
      modes.sandbox = String(mode);
      return output;
    },
    setXFrameOptionsMode: (mode: unknown) => {
      modes.xFrameOptions = String(mode);
      return output;
    },
    addMetaTag: (name: unknown, value: unknown) => {
      metaTags.push({ name: String(name), content: String(value) });
      return output;
    },
    getMetaTags: () =>
      scriptArray(
        ctx,
        metaTags.map((t) => instrument(ctx, 'HtmlOutputMetaTag', { getName: () => t.name, getContent: () => t.content }, {}, POLICY)),
      ),
    asTemplate: () => createHtmlTemplate(ctx, content),
    getBlob: () => createBlob(ctx, Buffer.from(content, 'utf8'), 'text/html', `${title || 'output'}.html`),
  };
  return instrument(ctx, 'HtmlOutput', output, {}, POLICY) as unknown as EmulatedHtmlOutput;
}

type Segment = { kind: 'text'; text: string } | { kind: 'print' | 'raw' | 'code'; code: string; inScript: boolean };

/** Splits a template into text and scriptlets, noting which printing scriptlets sit inside <script>. */
function parseTemplate(ctx: ExecutionContext, source: string): Segment[] {
  const segments: Segment[] = [];
  let inScript = false;
  const trackScript = (text: string) => {
    const tags = text.match(/<\/?script\b[^>]*>/gi) ?? [];
    for (const tag of tags) inScript = !tag.startsWith('</');
  };
  let i = 0;
  while (i < source.length) {
    const start = source.indexOf('<?', i);
    if (start < 0) {
      segments.push({ kind: 'text', text: source.slice(i) });
      break;
    }
    if (start > i) {
      const text = source.slice(i, start);
      segments.push({ kind: 'text', text });
      trackScript(text);
    }
    const end = source.indexOf('?>', start + 2);
    // Real text unknown; Apps Script also refuses a template with an unclosed scriptlet.
    if (end < 0) throw ctx.error('Unterminated scriptlet: missing "?>"');
    let body = source.slice(start + 2, end);
    let kind: 'print' | 'raw' | 'code' = 'code';
    if (body.startsWith('!=')) {
      kind = 'raw';
      body = body.slice(2);
    } else if (body.startsWith('=')) {
      kind = 'print';
      body = body.slice(1);
    }
    if (kind !== 'code') body = body.trim().replace(/;+\s*$/, '');
    segments.push({ kind, code: body, inScript });
    i = end + 2;
  }
  return segments;
}

/** The JavaScript a template compiles to (what getCode shows and evaluate runs). */
function compileTemplate(segments: Segment[], withComments: boolean): string {
  const lines = ['with (__vars) {'];
  for (const s of segments) {
    if (s.kind === 'text') {
      if (s.text) lines.push(`output._appendRaw(${JSON.stringify(s.text)});`);
    } else if (s.kind === 'code') {
      if (withComments) lines.push(`// <?${s.code}?>`);
      lines.push(s.code);
    } else {
      if (withComments) lines.push(`// <?${s.kind === 'raw' ? '!=' : '='}${s.code}?>`);
      const fn = s.kind === 'raw' ? '_appendRaw' : s.inScript ? '_appendJs' : '_appendEscaped';
      lines.push(`output.${fn}((${s.code}));`);
    }
  }
  lines.push('}');
  return lines.join('\n');
}

const TEMPLATE_METHODS = new Set(['evaluate', 'getCode', 'getCodeWithComments', 'getRawContent']);

export function createHtmlTemplate(ctx: ExecutionContext, source: string): GoogleAppsScript.HTML.HtmlTemplate {
  const template: Record<string, unknown> = {
    getRawContent: () => source,
    getCode: () => compileTemplate(parseTemplate(ctx, source), false),
    getCodeWithComments: () => compileTemplate(parseTemplate(ctx, source), true),
    evaluate: () => {
      const code = compileTemplate(parseTemplate(ctx, source), false);
      // Template properties become scriptlet variables.
      const vars: Record<string, unknown> = {};
      for (const key of Object.keys(template)) if (!TEMPLATE_METHODS.has(key)) vars[key] = template[key];
      let html = '';
      const printable = (v: unknown) => (v === undefined || v === null ? '' : String(v));
      const output = {
        _appendRaw: (v: unknown) => void (html += printable(v)),
        _appendEscaped: (v: unknown) => void (html += escapeHtml(printable(v))),
        _appendJs: (v: unknown) => void (html += (JSON.stringify(v === undefined ? null : v) ?? 'null').replace(/</g, '\\u003c')),
        append: (v: unknown) => {
          html += printable(v);
          return output;
        },
        appendUntrusted: (v: unknown) => {
          html += escapeHtml(printable(v));
          return output;
        },
        clear: () => {
          html = '';
          return output;
        },
        getContent: () => html,
      };
      // Made in the script's realm: scriptlets see its globals (its functions, HtmlService, ...).
      const run = new (realmIntrinsics(ctx).Function)('__vars', 'output', code) as (v: object, o: object) => void;
      run(vars, output);
      return createHtmlOutput(ctx, html);
    },
  };
  // Any property name is a template variable, so an unset one must read as undefined, not as a
  // "not emulated" method: claiming every name (has) keeps instrument from treating it as missing.
  const target = new Proxy(template, { has: () => true });
  return instrument(ctx, 'HtmlTemplate', target, {}, POLICY) as unknown as GoogleAppsScript.HTML.HtmlTemplate;
}
