// Small .xlsx files for command-line tests: one "Registration" tab (a header row, then rows), and
// empty tabs named `others` after it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ExcelJS = require('exceljs');

export async function writeMappingWorkbook(file: string, header: readonly string[], rows: readonly (readonly unknown[])[], others: readonly string[] = []): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Registration');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  for (const name of others) wb.addWorksheet(name);
  await wb.xlsx.writeFile(file);
  return file;
}
