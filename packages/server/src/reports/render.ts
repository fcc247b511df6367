import { intlTag, t, type Locale, type MonthlyReport } from '@slrt/core';
import type { Deps } from '../http/context.ts';
import { drawLetterhead, formatDateId, formatDateTimeId, PAGE, renderPdf, setWeight, write, type Pdf } from '../letters/pdf.ts';
import { letterheadOf } from '../puskesos/letterhead.ts';
import { workbookOf, XLSX_TYPE } from '../puskesos/workbook.ts';
import { reportTables, type ReportTable } from './tables.ts';

/** The monthly report as a printable PDF (the Dinas letterhead of the installation) or an XLSX workbook. */

const fmt = (v: string | number | null, locale: Locale) =>
  v === null ? '-' : typeof v === 'number' ? new Intl.NumberFormat(intlTag(locale)).format(v) : v;

function areaLabel(r: MonthlyReport, locale: Locale): string {
  return t(locale, `report.area.${r.area.level}`, { name: r.area.name });
}

function drawTable(doc: Pdf, table: ReportTable, locale: Locale) {
  const width = PAGE.width - 2 * PAGE.margin;
  const first = table.columns.length > 2 ? width * 0.4 : width * 0.7;
  const rest = table.columns.length > 1 ? (width - first) / (table.columns.length - 1) : 0;
  const widths = table.columns.map((_, i) => (i === 0 ? first : rest));
  if (doc.y > PAGE.height - PAGE.margin - 60) doc.addPage();
  setWeight(doc, 'bold').fontSize(11).text(table.title, PAGE.margin, doc.y, { width });
  doc.moveDown(0.3);
  const row = (cells: ReadonlyArray<string | number | null>, bold: boolean) => {
    if (doc.y > PAGE.height - PAGE.margin - 16) doc.addPage();
    const y = doc.y;
    let x = PAGE.margin;
    let bottom = y;
    setWeight(doc, bold ? 'bold' : 'regular').fontSize(9);
    cells.forEach((c, i) => {
      write(doc, fmt(c, locale), x, y, { width: (widths[i] ?? 60) - 6, align: i === 0 ? 'left' : 'right' });
      bottom = Math.max(bottom, doc.y);
      x += widths[i] ?? 60;
    });
    doc.moveTo(PAGE.margin, bottom + 1).lineTo(PAGE.margin + width, bottom + 1).lineWidth(0.3).stroke();
    doc.x = PAGE.margin;
    doc.y = bottom + 3;
  };
  row(table.columns, true);
  for (const r of table.rows) row(r, false);
  doc.moveDown(0.8);
}

/** The period as printed: its label (2026-11, 2026-Q4, 2026), or for two dates "5 Januari 2026 – 20 Februari 2026". */
function periodText(r: MonthlyReport, locale: Locale): string {
  if (r.period.kind !== 'custom') return r.period.label;
  const to = new Date(Date.parse(`${r.period.until}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  return `${formatDateId(r.period.from, 'UTC', locale)} – ${formatDateId(to, 'UTC', locale)}`;
}

export async function reportPdf(deps: Deps, r: MonthlyReport, locale: Locale, timeZone: string): Promise<Buffer> {
  const head = await letterheadOf(deps, r.area.code);
  const width = PAGE.width - 2 * PAGE.margin;
  const title = t(locale, 'report.title');
  return renderPdf({ title: `${title} ${r.area.name} ${r.period.label}` }, (doc) => {
    drawLetterhead(doc, { ...head, office: t(locale, 'report.office'), locale });
    setWeight(doc, 'bold').fontSize(13).text(title.toUpperCase(), { width, align: 'center' });
    setWeight(doc, 'regular').fontSize(10);
    write(doc, areaLabel(r, locale), { width, align: 'center' });
    doc.text(t(locale, 'report.period', { period: periodText(r, locale) }), { width, align: 'center' });
    doc.fontSize(8).text(t(locale, 'report.generated', { at: formatDateTimeId(new Date(r.generatedAt), timeZone, locale) }), { width, align: 'center' });
    if (r.suppressed) doc.text(t(locale, 'report.suppressed_note'), { width, align: 'center' });
    doc.moveDown();
    for (const table of reportTables(r, locale)) drawTable(doc, table, locale);
  });
}

export async function reportXlsx(r: MonthlyReport, locale: Locale): Promise<Buffer> {
  const cover = {
    name: t(locale, 'report.sheet.cover'),
    columns: [t(locale, 'report.col.metric'), t(locale, 'report.col.value')],
    rows: [
      [t(locale, 'report.title'), areaLabel(r, locale)],
      [t(locale, 'report.col.period'), periodText(r, locale)],
      [t(locale, 'report.col.generated'), r.generatedAt],
      ...(r.suppressed ? [[t(locale, 'report.suppressed_note'), '']] : []),
    ],
  };
  return workbookOf([cover, ...reportTables(r, locale)]);
}

export { XLSX_TYPE };
