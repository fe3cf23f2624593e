// A tiny hand-written "build" (Code.js + Sidebar.html) for playground and simulation tests: it uses
// the same Apps Script surface as the real add-on (menus, sidebar, onEdit, google.script.run, clock
// triggers) without depending on what the add-on does today.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ALL_SCOPES } from '../../../src/emulator/emulator';

export const FAKE_CODE = String.raw`
function onOpen(e) {
  var menu = SpreadsheetApp.getUi().createAddonMenu()
    .addItem('Open sidebar', 'showSidebar')
    .addItem('Install hourly trigger', 'installTrigger')
    .addItem('Send test email', 'sendTestEmail')
    .addItem('Show dialog', 'showDialog')
    .addItem('Say hi', 'sayHi');
  if (e && String(e.authMode) !== 'NONE') menu.addSeparator().addItem('Only when enabled', 'sayHi');
  menu.addToUi();
}

function onInstall(e) { onOpen(e); }

function showSidebar() {
  SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutputFromFile('Sidebar').setTitle('Test sidebar'));
}

function sayHi() {
  SpreadsheetApp.getActiveSpreadsheet().toast('Hi there', 'Greeting');
}

function sendTestEmail() {
  MailApp.sendEmail({
    to: 'approver@client.example.org',
    subject: 'Mapping spec ready for sign-off',
    body: 'Plain text: please review the mapping spec.',
    htmlBody: '<h1>Ready for sign-off</h1><script>parent.document.title = "pwned"</script><img src="x" onerror="parent.document.title = \'pwned\'">'
  });
}

function showDialog() {
  var html = HtmlService.createHtmlOutput('<p>Hello dialog</p><button type="button" onclick="google.script.host.close()">Done</button>').setWidth(400).setHeight(200);
  SpreadsheetApp.getUi().showModalDialog(html, 'Test dialog');
}

function installTrigger() {
  ScriptApp.newTrigger('tick').timeBased().everyHours(1).create();
}

function tick(e) {
  var p = PropertiesService.getDocumentProperties();
  p.setProperty('ticks', String(Number(p.getProperty('ticks') || '0') + 1));
}

function onEdit(e) {
  // Single-cell edits only: a pasted block is reported once, with no e.value.
  if (e.range.getNumRows() !== 1 || e.range.getNumColumns() !== 1) return;
  e.range.offset(0, 1).setValue('seen ' + e.value + ' (' + e.authMode + ')');
}

function installEditTrigger() {
  ScriptApp.newTrigger('onEditInstalled').forSpreadsheet(SpreadsheetApp.getActiveSpreadsheet()).onEdit().create();
}

function onEditInstalled(e) {
  e.range.offset(0, 2).setValue('installed for ' + Session.getEffectiveUser().getEmail() + ' (' + e.triggerUid + ')');
}

function giveFunction() {
  return { f: function () {} };
}

function echo(payload) {
  return { got: payload, user: Session.getActiveUser().getEmail() };
}

function noArgs() {
  return arguments.length;
}

function boom(payload) {
  throw new Error('Boom: ' + payload.why);
}

function giveDate() {
  return { when: new Date(0) };
}

function secret_() {
  return 'hidden';
}

function activateTab(payload) {
  var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheets().filter(function (s) { return s.getSheetId() === payload.sheetId; })[0];
  sheet.activate();
  return { name: sheet.getName() };
}
`;

export const FAKE_SIDEBAR = `<!DOCTYPE html>
<html><head><title>Test sidebar</title></head>
<body>
<p id="who">Loading…</p>
<button id="go" type="button">Echo</button>
<p id="out"></p>
<script>
  google.script.run.withSuccessHandler(function (r) { document.getElementById('who').textContent = 'Signed in as ' + r.user; }).echo({});
  document.getElementById('go').addEventListener('click', function () {
    google.script.run
      .withSuccessHandler(function (r, u) { document.getElementById('out').textContent = 'Echo: ' + JSON.stringify(r.got) + ' ' + u; })
      .withFailureHandler(function (e) { document.getElementById('out').textContent = 'Failed: ' + e.message; })
      .withUserObject('u1')
      .echo({ n: 1 });
  });
</script>
</body></html>`;

/** Writes the fake build into a fresh temp folder and returns its path. */
export function writeFakeBuild(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mapspec-fake-build-'));
  fs.writeFileSync(path.join(dir, 'Code.js'), FAKE_CODE);
  fs.writeFileSync(path.join(dir, 'Sidebar.html'), FAKE_SIDEBAR);
  // The fake sends mail and installs triggers, so its manifest grants every scope the emulator knows.
  fs.writeFileSync(path.join(dir, 'appsscript.json'), JSON.stringify({ runtimeVersion: 'V8', oauthScopes: ALL_SCOPES }));
  return dir;
}
