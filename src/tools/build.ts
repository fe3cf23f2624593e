/**
 * `npm run build`: produces exactly what `clasp push` uploads — build/Code.js (the add-on bundled by
 * esbuild plus one generated top-level function per registry entry), build/Sidebar.html (one
 * self-contained file: JS and CSS inlined, no CDN) and build/appsscript.json — then checks it
 * (verify-build.ts) and fails, removing Code.js, when a check does not hold.
 *
 * Options (for tests of the checks): --entry FILE (the add-on entry module exporting the registry),
 * --sidebar DIR (index.html, main.ts, style.css), --out DIR.
 */
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BUNDLE_GLOBAL, generateStubs, type RegistryShape } from './stubs';
import { BuildError, verifyBuild, type MenuProbe } from './verify-build';
import { buildCli } from './build-cli';
import { Emulator } from '../emulator/emulator';
import { runFunction } from '../emulator/sandbox';
import type { MenuSpec } from '../emulator/context';
import { API_NAMES } from '../core/api-names';
import * as addonEntry from '../addon/entry';

const ROOT = path.resolve(__dirname, '../..');

export interface BuildOptions {
  entry?: string;
  sidebarDir?: string;
  outDir?: string;
  quiet?: boolean;
}

export interface BuildResult {
  outDir: string;
  codeBytes: number;
  sidebarBytes: number;
}

async function bundleAddon(entry: string): Promise<string> {
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: BUNDLE_GLOBAL,
    platform: 'neutral',
    mainFields: ['module', 'main'],
    // Apps Script's V8 runtime: modern syntax, but no modules.
    target: 'es2020',
    charset: 'utf8',
    legalComments: 'eof',
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

async function bundleSidebar(dir: string): Promise<string> {
  const result = await esbuild.build({
    entryPoints: [path.join(dir, 'main.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2019',
    charset: 'utf8',
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
  });
  // Inline script must not end early or open a comment: escape "</script" and "<!--".
  const js = result.outputFiles[0]!.text.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
  // A sidebar directory may bring only main.ts (the build's own tests): the page and styles are the real ones then.
  const own = (file: string) => (fs.existsSync(path.join(dir, file)) ? path.join(dir, file) : path.join(ROOT, 'sidebar', file));
  const css = fs.readFileSync(own('style.css'), 'utf8').replace(/<\/(style)/gi, '<\\/$1');
  const template = fs.readFileSync(own('index.html'), 'utf8');
  if (!template.includes('/*INLINE_JS*/') || !template.includes('/*INLINE_CSS*/')) {
    throw new BuildError([`${path.join(dir, 'index.html')} lacks the /*INLINE_JS*/ or /*INLINE_CSS*/ marker`]);
  }
  return template.replace('/*INLINE_CSS*/', () => css).replace('/*INLINE_JS*/', () => js);
}

function menuFunctionNames(menus: MenuSpec[]): string[] {
  const names: string[] = [];
  const walk = (menu: MenuSpec) => {
    for (const item of menu.items) {
      if (item.kind === 'item') names.push(item.functionName);
      else if (item.kind === 'submenu') walk(item.menu);
    }
  };
  menus.forEach(walk);
  return names;
}

/** Runs onOpen on the built file in the emulator, as Sheets does, and lists the menu's functions. */
function menuProbe(codePath: string, outDir: string): MenuProbe {
  return (mode) => {
    const emulator = new Emulator({ scopes: manifestScopes(outDir), readProjectFile: (name) => readProjectFile(outDir, name) });
    const run = runFunction(emulator, 'onOpen', {
      codePath,
      authMode: mode,
      args: (g) => [{ authMode: g.ScriptApp.AuthMode ? g.ScriptApp.AuthMode[mode] : mode }],
    });
    return { ok: run.ok, error: run.error?.message, functionNames: menuFunctionNames(run.effects.menus) };
  };
}

/** The OAuth scopes the built manifest grants: the emulator refuses calls that need others. */
export function manifestScopes(outDir: string): string[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(outDir, 'appsscript.json'), 'utf8')) as { oauthScopes?: string[] };
  return manifest.oauthScopes ?? [];
}

/** HtmlService's view of the project: "Sidebar" is Sidebar.html. */
export function readProjectFile(outDir: string, name: string): string | undefined {
  const file = path.join(outDir, `${name}.html`);
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
}

export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  const entry = path.resolve(options.entry ?? path.join(ROOT, 'src/addon/entry.ts'));
  const sidebarDir = path.resolve(options.sidebarDir ?? path.join(ROOT, 'sidebar'));
  const outDir = path.resolve(options.outDir ?? path.join(ROOT, 'build'));
  // The registry is read in Node: its modules touch Apps Script services only when called.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const registry = (options.entry ? require(entry) : addonEntry) as RegistryShape;

  const bundle = await bundleAddon(entry);
  const header = '// Mapspec: generated by `npm run build` from src/. Do not edit; edit the sources.\n';
  const code = `${header}${bundle}\n// Top-level functions Apps Script calls by name (generated from src/addon/registry.ts).\n${generateStubs(registry)}`;
  const sidebarHtml = await bundleSidebar(sidebarDir);

  fs.mkdirSync(outDir, { recursive: true });
  const codePath = path.join(outDir, 'Code.js');
  fs.writeFileSync(codePath, code);
  fs.writeFileSync(path.join(outDir, 'Sidebar.html'), sidebarHtml);
  fs.copyFileSync(path.join(ROOT, 'appsscript.json'), path.join(outDir, 'appsscript.json'));

  try {
    verifyBuild({
      code,
      sidebarHtml,
      registryNames: [...Object.keys(registry.triggers), ...Object.keys(registry.menu), ...Object.keys(registry.api)],
      clientCalls: API_NAMES,
      probeMenu: menuProbe(codePath, outDir),
    });
  } catch (e) {
    // Never leave a Code.js that failed its checks where `clasp push` would upload it.
    fs.rmSync(codePath, { force: true });
    throw e;
  }
  await buildCli(outDir); // build/cli.js, the command line `npx mapspec` runs, next to the Code.js it loads
  const result = { outDir, codeBytes: Buffer.byteLength(code), sidebarBytes: Buffer.byteLength(sidebarHtml) };
  if (!options.quiet) {
    console.log(`built ${path.relative(process.cwd(), outDir) || '.'}/: Code.js ${kb(result.codeBytes)}, Sidebar.html ${kb(result.sidebarBytes)}, appsscript.json`);
  }
  return result;
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

function argValue(args: string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
}

if (require.main === module) {
  const args = process.argv.slice(2);
  build({ entry: argValue(args, '--entry'), sidebarDir: argValue(args, '--sidebar'), outDir: argValue(args, '--out') }).catch((e) => {
    console.error(e instanceof BuildError ? e.message : e);
    process.exit(1);
  });
}
