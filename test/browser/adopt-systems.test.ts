// Issue 16 in the browser: a spec whose band row names six groups (OpenMRS, two terminologies, OCL,
// DHIS2, OpenFn) and a long-format option-set tab. The Adopt panel shows each group with what it is
// (source, destination, or neither) and moving a group's side moves its columns' roles; confirmed
// as detected, the checks find no missing-required-role, no per-row flood, and the option-set tab
// is a value map whose lists the spec's rows find. The team's own status word ("Added") is offered
// for adoption in the Checks panel, and once adopted it is no longer a finding.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { usePlaygroundPage } from './support/playground-page';
import { runAddonMenuItem, sidebarIdle, sidebarStatus } from './support/sidebar';

const ExcelJS = require('exceljs');

const DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'mapspec-systems-'));
const XLSX = path.join(DIR, 'omrs-dhis2-spec.xlsx');
const GROUPS: [string, number, number][] = [['OpenMRS', 1, 6], ['CIEL', 7, 8], ['ICD-10', 9, 10], ['OCL', 11, 12], ['DHIS2', 13, 17], ['OpenFn', 18, 19]];
const HEADER = ['Form', 'Question', 'value.uuid - External ID', 'OMRS Data Value Path', 'Datatype', 'OptionSet name', 'CIEL ID', 'CIEL Name', 'ICD-10 Code', 'ICD-10 Name', 'OCL URL', 'Status', 'DHIS2 DE Name', 'DHIS2 DE UID', 'Value Type', 'Option Set', 'DHIS2 Program Stage', 'Transformation notes', 'Questions'];

beforeAll(async () => {
  const wb = new ExcelJS.Workbook();
  const spec = wb.addWorksheet('F01 Baseline');
  spec.addRow(HEADER.map((_, i) => GROUPS.find(([, a]) => a === i + 1)?.[0] ?? null));
  for (const [, a, b] of GROUPS) spec.mergeCells(1, a, 1, b);
  spec.addRow(HEADER);
  // 40 rows whose status is the team's own word ("Added"): one finding for the word, not 40.
  for (let i = 0; i < 40; i++) {
    const coded = i % 4 === 0;
    spec.addRow(['F01', `Question ${i}`, `${1000 + i}AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`, `rfe-forms-q${i}`, coded ? 'Coded' : 'Text', coded ? 'Yes/No' : '', `${1000 + i}`, `Concept ${i}`, '', '', `https://ocl/${i}`, 'Added', `DE ${i}`, `de${String(i).padStart(9, '0')}`, coded ? 'TEXT' : 'TEXT', coded ? 'Yes/No' : '', 'Baseline', '', '']);
  }
  const options = wb.addWorksheet('optionSets');
  options.addRow(['OptionSet name', 'Answers', 'External ID', 'CIEL', 'DHIS2 Option name', 'DHIS2 Option code']);
  options.addRows([['Yes/No', 'Yes', '1065AAAA', '1065', 'Yes', 'yes'], ['Yes/No', 'No', '1066AAAA', '1066', 'No', 'no'], ['Pregnant', 'Yes', '1065AAAA', '1065', 'Yes', 'yes']]);
  await wb.xlsx.writeFile(XLSX);
});
afterAll(() => fs.rmSync(DIR, { recursive: true, force: true }));

const ui = usePlaygroundPage('adopt-systems', { xlsxPath: XLSX });

test('adopt a multi-system spec and its option-set tab: groups with sides, roles follow a group, checks without a flood', async () => {
  const { page, shot, showSheet } = ui;
  await ui.openPlayground();
  const sidebar = page.getByRole('complementary', { name: /sidebar/i }).locator('iframe').contentFrame();

  // The option-set tab first: detected as a value map.
  await showSheet('optionSets');
  await runAddonMenuItem(page, /as a value map/);
  await sidebar.getByRole('heading', { name: /Use “optionSets” in the spec/ }).waitFor();
  await sidebarIdle(sidebar);
  expect(await sidebar.getByRole('radio', { name: 'Value map' }).isChecked()).toBe(true);
  expect(await sidebar.getByRole('combobox', { name: /^Role of column A\b/ }).inputValue()).toBe('value-map');
  await sidebar.getByRole('button', { name: 'Confirm' }).click();
  await sidebarStatus(sidebar).getByText('“optionSets” is now part of the spec as a value map.', { exact: false }).waitFor();

  // The spec: six groups, OpenMRS the source, DHIS2 the destination, the rest neither.
  await showSheet('F01 Baseline');
  await runAddonMenuItem(page, /as a mapping spec/);
  await sidebar.getByRole('heading', { name: /Use “F01 Baseline” in the spec/ }).waitFor();
  await sidebarIdle(sidebar);
  const group = (name: string) => sidebar.getByRole('combobox', { name: `What the group ${name} is` });
  const role = (letter: string) => sidebar.getByRole('combobox', { name: new RegExp(`^Role of column ${letter}\\b`) });
  expect(await Promise.all(GROUPS.map(([g]) => group(g).inputValue()))).toEqual(['source', 'neither', 'neither', 'neither', 'destination', 'neither']);
  expect(await Promise.all(['D', 'E', 'G', 'N', 'O'].map((l) => role(l).inputValue()))).toEqual(['source-path', 'source-type', '', 'destination-path', 'destination-type']);
  await shot('1-groups');

  // Saying DHIS2 is the source moves its columns' roles there, and OpenMRS, the source before, becomes neither.
  await group('DHIS2').selectOption('source');
  expect(await role('N').inputValue()).toBe('source-path');
  expect(await group('OpenMRS').inputValue()).toBe('neither');
  expect(await role('D').inputValue()).toBe('');
  // Back as detected: each group's columns get their roles back.
  await group('OpenMRS').selectOption('source');
  await group('DHIS2').selectOption('destination');
  expect(await Promise.all(['D', 'E', 'N', 'O'].map((l) => role(l).inputValue()))).toEqual(['source-path', 'source-type', 'destination-path', 'destination-type']);
  await sidebar.getByRole('button', { name: 'Confirm' }).click();
  await sidebarStatus(sidebar).getByText('“F01 Baseline” is now part of the spec as a mapping spec.', { exact: false }).waitFor();

  // The checks: no missing-required-role, one finding for the unknown status word, the lists found.
  await sidebar.getByRole('tab', { name: /Checks/ }).click();
  await sidebar.getByRole('button', { name: 'Run checks' }).click();
  await sidebar.getByText(/\d+ rows? checked in 2 tabs/).waitFor();
  await sidebarIdle(sidebar);
  const text = (await sidebar.locator('body').innerText()).replace(/\s+/g, ' ');
  expect(text).not.toMatch(/no column for .* was found/);
  expect(text).toContain('the status "Added" is not one of');
  expect(text).toContain('On 40 rows');
  expect(text).not.toMatch(/no value-map tab defines/);
  await shot('2-checks');

  // The team's own status word is offered with its likely meaning; adopted in one step, it is no longer a finding.
  const added = sidebar.getByRole('combobox', { name: /“Added” 40 rows in F01 Baseline/ });
  expect(await added.inputValue()).toBe('Agreed');
  await added.scrollIntoViewIfNeeded();
  await shot('3-own-words');
  await sidebar.getByRole('button', { name: 'Use these meanings and check again' }).click();
  await sidebarStatus(sidebar).getByText('Saved what 1 word means.', { exact: false }).waitFor();
  await sidebarIdle(sidebar);
  const after = (await sidebar.locator('body').innerText()).replace(/\s+/g, ' ');
  expect(after).not.toContain('the status "Added" is not one of');
  expect(after).not.toContain("This spec's own words");
  await shot('4-words-adopted');

  // Settings lists the adopted word; Forget makes it unknown again, and the next run reports it.
  await sidebar.getByRole('tab', { name: /Settings/ }).click();
  await sidebar.locator('.own-word-list li', { hasText: '“Added” status → Agreed' }).waitFor();
  await sidebar.getByRole('button', { name: 'Forget “Added”' }).click();
  await sidebarStatus(sidebar).getByText('“Added” is no longer a known status word.', { exact: false }).waitFor();
  await sidebar.getByRole('tab', { name: /Checks/ }).click();
  await sidebar.getByRole('button', { name: 'Run checks' }).click();
  await sidebar.getByRole('combobox', { name: /“Added” 40 rows in F01 Baseline/ }).waitFor();
});
