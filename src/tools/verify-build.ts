/**
 * Checks on what the build produced, before anyone pushes it: Code.js must be plain Apps Script
 * (no import/export/require, no Node or browser globals), load with no globals at all, and have a
 * top-level function for every name Apps Script will call — each registry entry, each menu item
 * that onOpen really builds (run in the emulator in AuthMode NONE and FULL), each installable
 * trigger handler named in the code, and each google.script.run call in the sidebar.
 */
import * as vm from 'node:vm';

export class BuildError extends Error {
  constructor(readonly problems: string[]) {
    super(`build check failed:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'BuildError';
  }
}

/** A `/` after one of these words starts a regular expression, not a division (`return /x/.test(s)`). */
const REGEX_AFTER_WORD = /(?<![\w$.])(return|typeof|case|throw|void|delete|in|of|yield|else|do)\s*$/;

/** Removes comments, string/template/regex literals, so identifiers can be scanned. */
export function stripLiterals(code: string): string {
  let out = '';
  let i = 0;
  let lastSignificant = '';
  while (i < code.length) {
    const c = code[i]!;
    const next = code[i + 1];
    if (c === '/' && next === '/') {
      while (i < code.length && code[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && next === '*') {
      const end = code.indexOf('*/', i + 2);
      i = end < 0 ? code.length : end + 2;
      out += ' ';
      continue;
    }
    if (c === '"' || c === "'") {
      i++;
      while (i < code.length && code[i] !== c) i += code[i] === '\\' ? 2 : 1;
      i++;
      out += '""';
      lastSignificant = '"';
      continue;
    }
    if (c === '`') {
      // Template text is dropped; the code inside ${…} is kept (and stripped in turn).
      i++;
      out += '""';
      while (i < code.length && code[i] !== '`') {
        if (code[i] === '\\') i += 2;
        else if (code[i] === '$' && code[i + 1] === '{') {
          let depth = 1;
          const start = i + 2;
          i = start;
          while (i < code.length && depth > 0) {
            if (code[i] === '{') depth++;
            else if (code[i] === '}') depth--;
            i++;
          }
          out += ` ${stripLiterals(code.slice(start, i - 1))} `;
        } else i++;
      }
      i++;
      lastSignificant = '"';
      continue;
    }
    if (c === '/' && (lastSignificant === '' || '(,=:[!&|?{};+-*%<>~^'.includes(lastSignificant) || REGEX_AFTER_WORD.test(out.slice(-12)))) {
      // A regular expression literal.
      i++;
      let inClass = false;
      while (i < code.length && (code[i] !== '/' || inClass) && code[i] !== '\n') {
        if (code[i] === '\\') i++;
        else if (code[i] === '[') inClass = true;
        else if (code[i] === ']') inClass = false;
        i++;
      }
      i++;
      while (i < code.length && /[a-z]/.test(code[i]!)) i++;
      out += '/r/';
      lastSignificant = '/';
      continue;
    }
    out += c;
    if (!/\s/.test(c)) lastSignificant = c;
    i++;
  }
  return out;
}

const FORBIDDEN_GLOBALS = [
  'require', 'module', 'exports', 'process', 'Buffer', 'setTimeout', 'setInterval', 'setImmediate',
  'clearTimeout', 'clearInterval', '__dirname', '__filename', 'global', 'window', 'document', 'fetch', 'XMLHttpRequest',
];

/** Import/export statements and uses of globals that do not exist in Apps Script. */
export function findForbidden(code: string): string[] {
  const stripped = stripLiterals(code);
  const problems: string[] = [];
  if (/(?<![.\w$])(import|export)(?![\w$])\s*[{*\w("']/.test(stripped)) problems.push('Code.js contains an import or export statement; Apps Script runs plain scripts');
  for (const name of FORBIDDEN_GLOBALS) {
    const re = new RegExp(`(?<![.\\w$])${name}(?![\\w$])(?!\\s*:)`);
    const m = re.exec(stripped);
    if (m) {
      const line = stripped.slice(0, m.index).split('\n').length;
      problems.push(`Code.js uses "${name}" (line ${line}), which does not exist in Apps Script`);
    }
  }
  return problems;
}

/** Loads Code.js with no globals at all and lists its top-level functions. */
export function topLevelFunctions(code: string): Set<string> {
  const sandbox = vm.createContext({});
  vm.runInContext(code, sandbox, { filename: 'Code.js' });
  const names = new Set<string>();
  for (const name of Object.getOwnPropertyNames(sandbox)) {
    if (typeof (sandbox as Record<string, unknown>)[name] === 'function') names.add(name);
  }
  return names;
}

/** Function names used as `google.script.run[.withX(...)]*.name(` in the sidebar's HTML. */
export function sidebarRunCalls(html: string): string[] {
  const names: string[] = [];
  const marker = 'google.script.run';
  let at = html.indexOf(marker);
  while (at >= 0) {
    let i = at + marker.length;
    for (;;) {
      while (/\s/.test(html[i] ?? '')) i++;
      const m = /^\.\s*([A-Za-z_$][\w$]*)\s*\(/.exec(html.slice(i));
      if (!m) break;
      const name = m[1]!;
      i += m[0].length;
      if (!/^with(SuccessHandler|FailureHandler|UserObject)$/.test(name)) {
        names.push(name);
        break;
      }
      // Skip the handler argument, parentheses balanced.
      let depth = 1;
      while (i < html.length && depth > 0) {
        if (html[i] === '(') depth++;
        else if (html[i] === ')') depth--;
        i++;
      }
    }
    at = html.indexOf(marker, at + marker.length);
  }
  return names;
}

/** Handler names of installable triggers created in the code: ScriptApp.newTrigger("name"). */
export function triggerHandlerNames(code: string): string[] {
  return [...code.matchAll(/newTrigger\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]!);
}

export type MenuProbe = (mode: 'NONE' | 'FULL') => { ok: boolean; error?: string; functionNames: string[] };

export interface VerifyInput {
  code: string;
  sidebarHtml: string;
  /** Names the registry declares, by group. */
  registryNames: string[];
  /** Names the sidebar's typed client may call (API_NAMES). */
  clientCalls: readonly string[];
  /** Runs onOpen in the emulator and returns the menu items' function names. */
  probeMenu: MenuProbe;
}

export function verifyBuild(input: VerifyInput): void {
  const problems = findForbidden(input.code);
  let functions = new Set<string>();
  try {
    functions = topLevelFunctions(input.code);
  } catch (e) {
    problems.push(`Code.js does not load without Apps Script services: ${(e as Error).message}`);
  }
  const need = (name: string, what: string) => {
    if (!functions.has(name)) problems.push(`${what} calls ${name}, which is not a top-level function in Code.js`);
  };
  for (const name of input.registryNames) need(name, `registry entry "${name}"`);
  for (const mode of ['NONE', 'FULL'] as const) {
    const probe = input.probeMenu(mode);
    if (!probe.ok) problems.push(`onOpen fails in AuthMode.${mode}: ${probe.error}`);
    for (const fn of probe.functionNames) need(fn, `a menu item built by onOpen (AuthMode.${mode})`);
  }
  for (const fn of triggerHandlerNames(input.code)) need(fn, 'an installable trigger');
  for (const fn of input.clientCalls) need(fn, 'the sidebar client');
  for (const fn of sidebarRunCalls(input.sidebarHtml)) need(fn, 'a google.script.run call in Sidebar.html');
  // An inlined script containing "</script" would end early: then closes outnumber opens.
  const opens = input.sidebarHtml.match(/<script\b/gi)?.length ?? 0;
  const closes = input.sidebarHtml.match(/<\/script/gi)?.length ?? 0;
  if (closes !== opens) problems.push('Sidebar.html has a "</script" inside an inline script');
  if (/<(script|link)\b[^>]*\b(src|href)\s*=\s*["']?(https?:)?\/\//i.test(input.sidebarHtml)) {
    problems.push('Sidebar.html loads a file from the network; the sidebar must be self-contained');
  }
  if (problems.length) throw new BuildError(problems);
}
