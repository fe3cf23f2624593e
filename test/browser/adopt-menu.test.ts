// Issue 18, point 4 in the playground with real chromium, on the WHO antenatal-care data dictionary
// (a real workbook of 15 tabs): "Use as…" keeps the kind Mapspec reads (a data dictionary is not
// pre-set to a mapping spec) and offers every kind; "Find the tabs that look like a spec" lists the
// tabs read as part of a spec and uses them all in one step. Screenshots: test-output/screenshots/adopt-menu-*.png.
import { usePlaygroundPage } from './support/playground-page';
import { sidebarIdle, sidebarStatus, until } from './support/sidebar';
import { WHO_DATA_TABS, WHO_PATH } from '../support/who';

const ui = usePlaygroundPage('adopt-menu', { xlsxPath: WHO_PATH });

test('Use as… keeps the detected kind and offers every kind; every tab that looks like a spec is used in one step', async () => {
  const { shot } = ui;
  const sidebar = await ui.openPlayground();
  const tab = 'ANC.A. Registration';
  const row = sidebar.locator('li.tab-row').filter({ has: sidebar.getByText(tab, { exact: true }) });
  await row.getByRole('button', { name: 'Use as…' }).click();
  const menu = sidebar.getByRole('group', { name: `Use ${tab} as` });
  expect(await menu.getByRole('button').allTextContents()).toEqual(['As Mapspec reads it…', 'Mapping spec', 'Data dictionary', 'Value map']);
  await menu.getByRole('button', { name: 'As Mapspec reads it…' }).click();
  await sidebar.getByRole('radio', { name: 'Data dictionary' }).waitFor();
  expect(await sidebar.getByRole('radio', { name: 'Data dictionary' }).isChecked()).toBe(true);
  await shot('1-as-detected');
  await sidebar.getByRole('button', { name: 'Cancel' }).click();
  await sidebarIdle(sidebar);

  // Every tab that looks like part of a spec: found, then used in one step.
  await sidebar.getByRole('button', { name: 'Find the tabs that look like a spec' }).click();
  const useAll = sidebar.getByRole('button', { name: /^Use all \d+ tabs$/ });
  await useAll.waitFor();
  const n = Number(/\d+/.exec((await useAll.textContent())!)![0]);
  const found = await sidebar.locator('.use-all li').allTextContents();
  expect(found).toHaveLength(n);
  for (const name of WHO_DATA_TABS.filter((t) => t !== 'Dev')) expect(found.some((f) => f.startsWith(`${name} — `))).toBe(true);
  expect(found.filter((f) => f.endsWith('data dictionary')).length).toBeGreaterThanOrEqual(10);
  await shot('2-found');
  await useAll.click();
  await until(() => sidebarStatus(sidebar).innerText(), (t) => t.startsWith('Now part of the spec: '), 'the tabs to be used');
  await sidebarIdle(sidebar);
  expect(await sidebar.locator('li.tab-row.registered').count()).toBe(n);
  // Nothing left to find: the button is gone with the tabs it would have found.
  expect(await sidebar.getByRole('button', { name: 'Find the tabs that look like a spec' }).count()).toBe(1);
  await sidebar.getByRole('button', { name: 'Find the tabs that look like a spec' }).click();
  await sidebar.getByText('No other tab looks like a mapping spec, data dictionary or value map.').waitFor();
  await shot('3-used');
});
