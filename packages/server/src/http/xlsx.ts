import ExcelJS from 'exceljs';

/** XLSX with every cell as text (format `@`), so NIK and KK numbers keep their 16 digits. */
export async function toXlsx(columns: readonly string[], rows: ReadonlyArray<Record<string, string>>, sheetName: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'SLRT';
  const sheet = workbook.addWorksheet(sheetName);
  sheet.columns = columns.map((c) => ({ header: c, key: c, width: Math.max(10, Math.min(40, c.length + 4)), style: { numFmt: '@' } }));
  for (const r of rows) sheet.addRow(Object.fromEntries(columns.map((c) => [c, r[c] ?? ''])));
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
