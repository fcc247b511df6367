import { kabCodeOf, t, type TrainingGap } from '@slrt/core';
import { drawLetterhead, formatDateId, PAGE, renderPdf, setWeight, write } from '../letters/pdf.ts';
import type { Deps, RequestContext } from '../http/context.ts';
import { letterTimeZone } from '../letters/service.ts';
import { trainingTitle } from './training.ts';
import { letterheadOf } from './letterhead.ts';
import { workbookOf, XLSX_TYPE } from './workbook.ts';

/**
 * The invitation list of a training for an area: the officers who lack it, as a printable PDF
 * (Dinas letterhead) or an XLSX sheet. Officers are staff, named on purpose; the read is
 * audited by `trainingGaps`.
 */
export async function invitationFile(
  deps: Deps,
  ctx: RequestContext,
  trainingId: string,
  gaps: { area: { code: string; name: string }; items: TrainingGap[] },
  format: 'pdf' | 'xlsx',
): Promise<{ fileName: string; contentType: string; body: Buffer }> {
  const title = await trainingTitle(deps, ctx, trainingId);
  const stem = `undangan-pelatihan-${gaps.area.code.replace(/\./g, '')}`;
  const locale = ctx.locale;
  const header = ['no', 'name', 'position', 'village'].map((k) => t(locale, `puskesos.invitation.col.${k}`));
  const rows = gaps.items.map((g, i) => [i + 1, g.name, t(locale, `puskesos.position.${g.position}`), g.villageName]);
  if (format === 'xlsx') {
    return { fileName: `${stem}.xlsx`, contentType: XLSX_TYPE, body: await workbookOf([{ name: t(locale, 'puskesos.invitation.sheet'), columns: header, rows }]) };
  }
  const kab = gaps.area.code;
  const width = PAGE.width - 2 * PAGE.margin;
  const head = await letterheadOf(deps, gaps.area.code);
  const body = await renderPdf({ title: `${t(locale, 'puskesos.invitation.title')} ${title}` }, (doc) => {
    drawLetterhead(doc, { ...head, office: t(locale, 'puskesos.invitation.office'), locale });
    setWeight(doc, 'bold').fontSize(12).text(t(locale, 'puskesos.invitation.title'), { width, align: 'center' });
    setWeight(doc, 'regular').fontSize(10);
    write(doc, title, { width, align: 'center' });
    doc.text(t(locale, 'puskesos.invitation.area', { area: gaps.area.name }), { width, align: 'center' });
    doc.moveDown();
    const cols = [30, 170, 120, width - 320];
    const row = (cells: ReadonlyArray<string | number>, bold = false) => {
      if (doc.y > PAGE.height - PAGE.margin - 20) doc.addPage();
      const y = doc.y;
      let x = PAGE.margin;
      setWeight(doc, bold ? 'bold' : 'regular').fontSize(9);
      let bottom = y;
      cells.forEach((c, i) => {
        write(doc, String(c), x, y, { width: (cols[i] ?? 60) - 4 });
        bottom = Math.max(bottom, doc.y);
        x += cols[i] ?? 60;
      });
      doc.x = PAGE.margin;
      doc.y = bottom + 3;
    };
    row(header, true);
    for (const r of rows) row(r);
    doc.moveDown();
    setWeight(doc, 'regular').fontSize(9).text(formatDateId(new Date(), letterTimeZone(kabCodeOf(kab)), locale), { width });
  });
  return { fileName: `${stem}.pdf`, contentType: 'application/pdf', body };
}
