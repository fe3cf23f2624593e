// Issue 18, point 5 in the playground with real chromium: a workbook opened from .xlsx and downloaded
// again keeps its hyperlinks and rich text (bold, italic, colour runs), also after an edit elsewhere
// in the sheet. Screenshots: test-output/screenshots/xlsx-download-*.png.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { usePlaygroundPage } from './support/playground-page';
import { goTo, until } from './support/sidebar';

const ExcelJS = require('exceljs');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mapspec-xlsx-download-'));
const file = path.join(dir, 'links.xlsx');

// Written before the playground opens it (hooks run in the order they are registered).
beforeAll(async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Mapping');
  ws.addRow(['ID', 'Destination', 'Docs']);
  ws.addRow(['M-1', 'attributes[w75KJ2mc4zz]', { text: 'Tracker API', hyperlink: 'https://docs.dhis2.org/en/develop/tracker.html' }]);
  ws.addRow(['M-2', { richText: [{ text: 'Required ', font: { bold: true } }, { text: 'when pregnant', font: { italic: true } }] }, '']);
  await wb.xlsx.writeFile(file);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const ui = usePlaygroundPage('xlsx-download', { xlsxPath: file });

test('Download .xlsx keeps the hyperlinks and rich text of the file it came from, after an edit', async () => {
  const { page, shot } = ui;
  await ui.openPlayground();
  await until(() => ui.cellText(2, 3), (t) => t === 'Tracker API', 'the linked cell to show its text');
  await ui.setCell('A4', 4, 1, 'M-3');
  await goTo(page, 'A1');
  await shot('1-opened');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download .xlsx' }).click()]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(await download.path());
  const ws = wb.getWorksheet('Mapping');
  expect(ws.getCell('C2').value).toEqual({ text: 'Tracker API', hyperlink: 'https://docs.dhis2.org/en/develop/tracker.html' });
  const rich = ws.getCell('B3').value as { richText: { text: string; font?: { bold?: boolean; italic?: boolean } }[] };
  expect(rich.richText.map((r) => [r.text, !!r.font?.bold, !!r.font?.italic])).toEqual([['Required ', true, false], ['when pregnant', false, true]]);
  expect(ws.getCell('A4').value).toBe('M-3');
});
