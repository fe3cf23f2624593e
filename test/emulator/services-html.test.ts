// HtmlService: outputs and their uncounted _render() for the Ui emulator, project files and the
// real missing-file error, templates with printing and code scriptlets.
import { Emulator } from '../../src/emulator/emulator';
import type { EmulatedHtmlOutput } from '../../src/emulator/services/html';

const files: Record<string, string> = {
  Sidebar: '<h1>Mapspec</h1>',
  Page: '<p><?= title ?></p><? for (var i = 0; i < items.length; i++) { ?><li><?= items[i] ?></li><? } ?>',
};

const html = (options = {}) =>
  new Emulator({ readProjectFile: (name) => files[name] }).execution(options);

test('HtmlOutput setters chain; _render gives the Ui what to show and is not counted', () => {
  const ex = html();
  const out = ex.globals.HtmlService.createHtmlOutput('<p>Hi</p>').setTitle('Mapspec').setWidth(300).setHeight(200);
  out.append('<b>x</b>').appendUntrusted('<script>alert(1)</script>');
  expect(out.getContent()).toBe('<p>Hi</p><b>x</b>&lt;script&gt;alert(1)&lt;/script&gt;');
  expect(out.getTitle()).toBe('Mapspec');
  expect((out as EmulatedHtmlOutput)._render()).toEqual({
    title: 'Mapspec',
    html: '<p>Hi</p><b>x</b>&lt;script&gt;alert(1)&lt;/script&gt;',
    width: 300,
    height: 200,
  });
  const counted = ex.ctx.calls.toJSON();
  expect(Object.keys(counted).some((k) => k.includes('_render'))).toBe(false);
  expect(counted['HtmlOutput.setTitle']).toBe(1);
  const fresh = ex.globals.HtmlService.createHtmlOutput();
  expect([fresh.getContent(), fresh.getWidth(), fresh.getHeight()]).toEqual(['', 600, 450]);
  expect(ex.globals.HtmlService.SandboxMode.IFRAME).toBe('IFRAME');
  expect(ex.globals.HtmlService.XFrameOptionsMode.ALLOWALL).toBe('ALLOWALL');
});

test('createHtmlOutputFromFile reads project files ("Sidebar" or "Sidebar.html"); a missing one throws the real error', () => {
  const { globals } = html();
  expect(globals.HtmlService.createHtmlOutputFromFile('Sidebar').getContent()).toBe('<h1>Mapspec</h1>');
  expect(globals.HtmlService.createHtmlOutputFromFile('Sidebar.html').getContent()).toBe('<h1>Mapspec</h1>');
  let error: Error | undefined;
  try {
    globals.HtmlService.createHtmlOutputFromFile('Missing');
  } catch (e) {
    error = e as Error;
  }
  expect(error?.name).toBe('Exception');
  expect(error?.message).toBe('No HTML file named Missing was found.');
});

test('templates: <?= ?> escapes, <?!= ?> prints raw, <? ?> runs code; properties are variables', () => {
  const { globals } = html();
  const t = globals.HtmlService.createTemplateFromFile('Page');
  expect(t.title).toBeUndefined(); // unset template variables read as undefined
  t.title = 'A & B';
  t.items = ['<one>', 'two'];
  expect(t.evaluate().getContent()).toBe('<p>A &amp; B</p><li>&lt;one&gt;</li><li>two</li>');

  const raw = globals.HtmlService.createTemplate('<?!= markup; ?>|<? output.append("appended") ?>');
  raw.markup = '<i>raw</i>';
  expect(raw.evaluate().getContent()).toBe('<i>raw</i>|appended');
  expect(raw.getRawContent()).toBe('<?!= markup; ?>|<? output.append("appended") ?>');

  // Inside <script> a printed value becomes a JavaScript literal.
  const js = globals.HtmlService.createTemplate('<script>var data = <?= data ?>;</script><p><?= data.name ?></p>');
  js.data = { name: '</script>' };
  expect(js.evaluate().getContent()).toBe('<script>var data = {"name":"\\u003c/script>"};</script><p>&lt;/script&gt;</p>');

  const evaluated = globals.HtmlService.createTemplate('<b>x</b>').evaluate().setTitle('T');
  expect((evaluated as EmulatedHtmlOutput)._render().title).toBe('T');
});

test('HtmlService needs no authorization (works in AuthMode.NONE)', () => {
  const { globals } = html({ authMode: 'NONE' });
  expect(globals.HtmlService.createHtmlOutput('x').getContent()).toBe('x');
});
