// The build refuses what Apps Script could not run: a menu item, trigger or sidebar call naming a
// function that has no top-level stub, module syntax or Node globals in Code.js.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findForbidden, sidebarRunCalls, stripLiterals, topLevelFunctions, triggerHandlerNames } from '../../src/tools/verify-build';
import { generateStubs } from '../../src/tools/stubs';
import { ROOT } from '../support/paths';

function runBuild(args: string[]) {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'mapspec-build-'));
  const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'src/tools/build.ts', '--out', out, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return { status: r.status, output: r.stdout + r.stderr, out };
}

describe('build checks on the real build', () => {
  test('the real add-on builds and its Code.js passes every check', () => {
    const r = runBuild([]);
    expect(r.output).toContain('Code.js');
    expect(r.status).toBe(0);
    expect(fs.existsSync(path.join(r.out, 'Code.js'))).toBe(true);
    expect(fs.existsSync(path.join(r.out, 'Sidebar.html'))).toBe(true);
    expect(JSON.parse(fs.readFileSync(path.join(r.out, 'appsscript.json'), 'utf8')).runtimeVersion).toBe('V8');
  });

  test('a menu item naming a function with no top-level stub fails the build and leaves no Code.js', () => {
    const r = runBuild(['--entry', 'test/fixtures/bad-menu/entry.ts']);
    expect(r.status).toBe(1);
    expect(r.output).toContain('a menu item built by onOpen (AuthMode.NONE) calls noSuchFunction, which is not a top-level function in Code.js');
    expect(fs.existsSync(path.join(r.out, 'Code.js'))).toBe(false);
  });

  test('a sidebar google.script.run call naming an unregistered function fails the build', () => {
    const r = runBuild(['--sidebar', 'test/fixtures/bad-sidebar']);
    expect(r.status).toBe(1);
    expect(r.output).toContain('a google.script.run call in Sidebar.html calls notAServerFunction');
  });
});

describe('verify-build scanners', () => {
  test('module syntax and Node globals are found; the same words inside strings and comments are not', () => {
    expect(findForbidden('var a = require("fs");')).toEqual([expect.stringContaining('"require" (line 1)')]);
    expect(findForbidden('setTimeout(f, 1)')).toEqual([expect.stringContaining('"setTimeout"')]);
    expect(findForbidden('\nvar b = process.env.X;')).toEqual([expect.stringContaining('"process" (line 2)')]);
    expect(findForbidden('export const x = 1;')).toEqual([expect.stringContaining('import or export')]);
    expect(findForbidden('import("x");')).toEqual([expect.stringContaining('import or export')]);
    // Names that merely start with the keywords are code like any other.
    expect(findForbidden('function exportSnapshot(payload) { return importRows(payload); }')).toEqual([]);
    expect(findForbidden('var s = "another process was holding the lock"; // require(x)\n/* Buffer */ var o = { process: 1 }; o.process;')).toEqual([]);
    expect(findForbidden('var r = /require\\(/g; var t = `setTimeout`;')).toEqual([]);
    // Code inside template substitutions is code.
    expect(findForbidden('var t = `size ${Buffer.byteLength(x)} in ${`${process.env.HOME}`}`;')).toEqual([
      expect.stringContaining('"process"'),
      expect.stringContaining('"Buffer"'),
    ]);
  });

  test('stripLiterals keeps code and drops literal text', () => {
    expect(stripLiterals('a("x(y")/2; b = /re/g;')).toBe('a("")/2; b = /r/;');
  });

  test('a regular expression after return is a literal: a quote inside it does not swallow the code after it', () => {
    expect(stripLiterals('function f(s) { return /[",]/.test(s) ? 1 : 0; }\nwindow.x = "y";')).toBe('function f(s) { return /r/.test(s) ? 1 : 0; }\nwindow.x = "";');
    expect(findForbidden('function f(s) { return /[",]/.test(s); }\nconst t = "document";')).toEqual([]);
    expect(findForbidden('function f(s) { return /[",]/.test(s); }\ndocument.title = "";')).toEqual(['Code.js uses "document" (line 2), which does not exist in Apps Script']);
  });

  test('top-level functions are found by loading the code with no globals', () => {
    expect([...topLevelFunctions('var M = (function(){ return 1; })();\nfunction onOpen(e) { return M; }\nfunction show() {}')].sort()).toEqual(['onOpen', 'show']);
  });

  test('google.script.run calls are read through with* chains; computed names are the typed client\'s (checked against API_NAMES)', () => {
    const html = 'google.script.run.withSuccessHandler((v)=>f(g(v))).withFailureHandler(e=>h(e)).saveThing({a:1}); google.script.run.other();google.script.run[name](p)';
    expect(sidebarRunCalls(html)).toEqual(['saveThing', 'other']);
  });

  test('installable trigger handler names are read from newTrigger("…")', () => {
    expect(triggerHandlerNames('ScriptApp.newTrigger("onEditInstalled").forSpreadsheet(s).onEdit().create()')).toEqual(['onEditInstalled']);
  });

  test('stubs forward to the bundle with their parameters and JSDoc, and refuse duplicates', () => {
    const code = generateStubs({ triggers: { onOpen: { params: ['e'], doc: 'Opens.' } }, menu: {}, api: { save: { params: ['payload'], doc: 'Saves.' } } });
    expect(code).toContain('/**\n * Opens.\n */\nfunction onOpen(e) {\n  return Mapspec.triggers.onOpen.run(e);\n}');
    expect(code).toContain('function save(payload) {\n  return Mapspec.api.save.run(payload);\n}');
    expect(() => generateStubs({ triggers: { a: { params: [], doc: '' } }, menu: { a: { params: [], doc: '' } }, api: {} })).toThrow('registered twice');
  });
});
