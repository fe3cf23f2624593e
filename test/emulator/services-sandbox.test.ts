// The services seen from a script in its sandbox realm: arrays and errors pass the script's own
// instanceof checks, template scriptlets call the script's functions, and an add-on's onOpen in
// AuthMode.NONE may build its menu but not read properties.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Emulator } from '../../src/emulator/emulator';
import { runFunction } from '../../src/emulator/sandbox';

const SCRIPT = `
function realmChecks() {
  var props = PropertiesService.getScriptProperties();
  props.setProperty('a', '1');
  var keys = props.getKeys();
  var digest = Utilities.computeDigest(Utilities.DigestAlgorithm.MD5, 'x');
  var all = props.getProperties();
  var rows = Utilities.parseCsv('a,b');
  var caught;
  try { Utilities.base64Decode('%%'); } catch (e) { caught = e; }
  return [keys instanceof Array, digest instanceof Array, Object.getPrototypeOf(all) === Object.prototype,
          rows[0] instanceof Array, caught instanceof Error, caught.name, caught.message].join('|');
}
function include(name) { return '<section>' + name + '</section>'; }
function page() {
  var t = HtmlService.createTemplate('<?!= include("menu") ?><p><?= Session.getActiveUser().getEmail() ?></p>');
  return t.evaluate().getContent();
}
function onOpen(e) {
  var mode = e && e.authMode;
  var result = [mode === ScriptApp.AuthMode.NONE ? 'NONE' : String(mode)];
  try { PropertiesService.getDocumentProperties().getProperty('x'); result.push('properties ok'); }
  catch (err) { result.push(err.message); }
  result.push(Utilities.base64Encode('ok'));
  Logger.log('opened');
  return result.join('|');
}
`;

let codePath: string;

beforeAll(() => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mapspec-services-'));
  codePath = path.join(dir, 'Code.js');
  fs.writeFileSync(codePath, SCRIPT);
});

test('values handed to the script are of its realm: arrays, plain objects and Exception errors', () => {
  const r = runFunction<string>(new Emulator(), 'realmChecks', { codePath });
  expect(r.error).toBeUndefined();
  expect(r.value).toBe('true|true|true|true|true|Exception|Could not decode string.');
});

test('template scriptlets run in the script realm and call its top-level functions and services', () => {
  const r = runFunction<string>(new Emulator({ user: 'ana@example.org' }), 'page', { codePath });
  expect(r.error).toBeUndefined();
  expect(r.value).toBe('<section>menu</section><p>ana@example.org</p>');
});

test('onOpen in AuthMode.NONE: ScriptApp.AuthMode.NONE compares equal, properties are refused, Utilities and Logger work', () => {
  const r = runFunction<string>(new Emulator(), 'onOpen', {
    codePath,
    authMode: 'NONE',
    args: (globals) => [{ authMode: (globals.ScriptApp as GoogleAppsScript.Script.ScriptApp).AuthMode.NONE }],
  });
  expect(r.error).toBeUndefined();
  expect(r.value).toBe(
    'NONE|You do not have permission to call PropertiesService.getDocumentProperties. Required permissions: authorization|b2s=',
  );
  expect(r.effects.logs).toEqual([{ level: 'log', message: 'opened' }]);
});
