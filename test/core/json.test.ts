// JSON-safety of sidebar results, HTML escaping and tab summaries: pure core, tested directly.
import { jsonProblem } from '../../src/core/json';
import { escapeHtml } from '../../src/core/escape';
import { summarizeTabs } from '../../src/core/tabs';
import { API_NAMES } from '../../src/core/api-names';
import { apiInputs } from '../../src/core/api';

test('jsonProblem names the first value google.script.run cannot carry', () => {
  expect(jsonProblem({ a: [1, 'x', true, null, { b: 'ก' }] })).toBeUndefined();
  expect(jsonProblem({ a: [1, new Date()] })).toMatch(/^value\.a\[1\] is a Date/);
  expect(jsonProblem({ f: () => 1 })).toBe('value.f is a function');
  expect(jsonProblem(new Map())).toMatch(/^value is a Map/);
  // The same object twice is JSON (it is copied twice); an object inside itself is not.
  const shared = { a: 1 };
  expect(jsonProblem({ x: shared, y: [shared] })).toBeUndefined();
  const loop: Record<string, unknown> = {};
  loop.self = { back: loop };
  expect(jsonProblem(loop)).toBe('value.self.back is a circular reference');
});

test('escapeHtml escapes markup and quotes and keeps any script', () => {
  expect(escapeHtml(`<img src=x onerror="alert('1')">&`)).toBe('&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;');
  expect(escapeHtml('ឈ្មោះ ชื่อ الاسم')).toBe('ឈ្មោះ ชื่อ الاسم');
});

test('summarizeTabs numbers tabs in order and marks the active one', () => {
  const tabs = summarizeTabs(
    [
      { sheetId: 7, name: 'Mapping', hidden: false, lastRow: 12, lastColumn: 17 },
      { sheetId: 3, name: 'Old', hidden: true, lastRow: 0, lastColumn: 0 },
    ],
    7,
  );
  expect(tabs.map((t) => [t.position, t.name, t.active, t.hidden])).toEqual([
    [1, 'Mapping', true, false],
    [2, 'Old', false, true],
  ]);
});

test('every API function has a schema and a name the sidebar can call', () => {
  expect([...API_NAMES].sort()).toEqual(Object.keys(apiInputs).sort());
});
