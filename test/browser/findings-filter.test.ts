// Issue 18, point 6 in the playground with real chromium: findings at scale. On the demo's Mapping
// tab (adopted, checked against the demo's DHIS2 metadata and CommCare case), the count chips filter
// by severity, the rule and tab filters narrow the list, "Show all" clears them, and "Next finding"
// walks the findings shown in order, selecting each one's cell. Screenshots: test-output/screenshots/findings-filter-*.png.
import { usePlaygroundPage } from './support/playground-page';
import { activeCell, adoptActiveTab, openSidebar, sidebarIdle, sidebarStatus, until } from './support/sidebar';

const ui = usePlaygroundPage('findings-filter');

test('filter the findings by severity, rule and tab; walk them with Next finding', async () => {
  const { page, shot } = ui;
  await ui.openPlayground();
  const sidebar = await openSidebar(page);
  await adoptActiveTab(page, sidebar);
  // The Value maps tab too, so the findings come from two tabs.
  await ui.showSheet('Value maps');
  await adoptActiveTab(page, sidebar);
  await sidebar.getByRole('tab', { name: /Checks/ }).click();
  await sidebar.getByRole('button', { name: 'Run checks' }).click();
  await sidebar.getByRole('heading', { name: 'Coverage' }).waitFor();
  await sidebarIdle(sidebar);

  const findings = sidebar.locator('.findings-host button.finding');
  const total = await findings.count();
  const chips = sidebar.getByRole('list', { name: 'Findings by severity' });
  const errors = chips.getByRole('button', { name: /\d+ errors?$/ });
  const errorCount = Number(/\d+/.exec((await errors.textContent())!)![0]);
  expect(errorCount).toBeGreaterThan(0);
  expect(total).toBeGreaterThan(errorCount);

  // The error chip: only errors, said in words; pressed again, everything.
  await errors.click();
  expect(await errors.getAttribute('aria-pressed')).toBe('true');
  expect(await findings.count()).toBe(errorCount);
  expect(await sidebar.locator('.findings-host button.finding:not(.sev-error)').count()).toBe(0);
  await sidebar.getByText(`Showing ${errorCount} of ${total} findings`, { exact: false }).waitFor();
  await shot('1-errors');
  await errors.click();
  expect(await findings.count()).toBe(total);

  // One rule: only its findings, its count in the option.
  const rule = sidebar.getByRole('combobox', { name: 'Rule' });
  await rule.selectOption('sample-field-unmapped');
  const unmapped = await findings.count();
  expect(unmapped).toBe(3);
  expect(await sidebar.locator('.findings-host button.finding[data-rule="sample-field-unmapped"]').count()).toBe(3);
  expect(await rule.locator('option:checked').textContent()).toBe('sample-field-unmapped (3)');

  // One tab: only its findings.
  await sidebar.getByRole('button', { name: 'Show all' }).click();
  const tab = sidebar.getByRole('combobox', { name: 'Tab' });
  const options = await tab.locator('option').allTextContents();
  expect(options[0]).toBe('Every tab');
  expect(options.slice(1).map((o) => o.replace(/ \(\d+\)$/, '')).sort()).toEqual(['Mapping', 'Value maps']);
  await tab.selectOption({ label: options.find((o) => o.startsWith('Value maps'))! });
  const inValueMaps = Number(/\((\d+)\)$/.exec(options.find((o) => o.startsWith('Value maps'))!)![1]);
  expect(await findings.count()).toBe(inValueMaps);
  expect(await sidebar.locator('.findings-host details.tab-group .group-name').allTextContents()).toEqual(['Value maps']);

  // Show all clears every filter.
  await sidebar.getByRole('button', { name: 'Show all' }).click();
  expect(await findings.count()).toBe(total);
  expect(await sidebar.getByRole('combobox', { name: 'Rule' }).inputValue()).toBe('');
  expect(await sidebar.getByRole('combobox', { name: 'Tab' }).inputValue()).toBe('');

  // Next finding: the first shown, then the one after it; each selects its cell and is marked visited.
  await sidebar.getByRole('combobox', { name: 'Rule' }).selectOption('unknown-destination');
  const next = sidebar.getByRole('button', { name: 'Next finding ↓' });
  await next.click();
  await until(() => sidebarStatus(sidebar).innerText(), (t) => /^Selected [A-Z]+\d+ in Mapping\.$/.test(t), 'the first finding to be selected');
  const first = /^Selected ([A-Z]+\d+)/.exec(await sidebarStatus(sidebar).innerText())![1]!;
  await until(() => activeCell(page), (a) => a === first, `${first} to be the active cell`);
  expect(await sidebar.locator('.findings-host button.finding.visited').count()).toBe(1);
  await shot('2-next');
});
