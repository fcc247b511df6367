import ExcelJS from 'exceljs';

/**
 * An XLSX workbook of plain tables (one sheet each, a bold header row, numbers as numbers),
 * for the Puskesos invitation lists and the monthly report. Public to the reports domain.
 */
export interface Sheet {
  name: string;
  columns: readonly string[];
  rows: ReadonlyArray<ReadonlyArray<string | number | null>>;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function workbookOf(sheets: readonly Sheet[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'SLRT';
  for (const s of sheets) {
    const sheet = workbook.addWorksheet(s.name.slice(0, 31));
    sheet.addRow([...s.columns]);
    sheet.getRow(1).font = { bold: true };
    // a text cell that starts like a formula is written as text: it never runs in a spreadsheet
    for (const r of s.rows) sheet.addRow(r.map((v) => (typeof v === 'string' && /^[=+\-@]/.test(v) ? `'${v}` : v)));
    sheet.columns.forEach((c, i) => { c.width = Math.max(10, Math.min(45, (s.columns[i]?.length ?? 8) + 4)); });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
