import { CASE_STATUS_LIST, caseCodeLabel, codeLabel, t, type AccessLogEntry, type Locale } from '@slrt/core';
import { drawFields, drawLetterhead, formatDateId, formatDateTimeId, PAGE, renderPdf } from '../letters/pdf.ts';
import type { SubjectRow } from './queries.ts';

/**
 * The printable report for the resident (the answer to an access request, UU 27/2022 art. 32):
 * the data held about them (their registry record and their cases) and every processing of it
 * (who, role, organization, when, what, why), newest first, each action and role by its label.
 * In the reader's language: Bahasa Indonesia by default (it is handed over the counter), English
 * when the office asks for it.
 */
export interface AccessReport {
  person: SubjectRow;
  villageName: string;
  kabupatenName: string;
  cases: ReadonlyArray<{ code: string; status: string; registered_at: Date; sectors: string[] }>;
  /** The person's own data-subject requests (kind, status, when received). */
  requests: ReadonlyArray<{ kind: string; status: string; received_at: Date }>;
  entries: readonly AccessLogEntry[];
  /** True when the log was longer than the report holds (the rest is available from the DPO). */
  truncated: boolean;
  generatedAt: Date;
  timeZone: string;
  locale: Locale;
}

function caseStatusLabel(status: string, locale: Locale): string {
  return CASE_STATUS_LIST.find((s) => s.code === status)?.[locale] ?? status;
}

function maskNik(nik: string | null): string {
  return nik ? `${'*'.repeat(12)}${nik.slice(12)}` : '-';
}

export function renderAccessReport(r: AccessReport): Promise<Buffer> {
  const L = r.locale;
  const width = PAGE.width - 2 * PAGE.margin;
  return renderPdf({ title: t(L, 'privacy.report.title'), subject: r.person.full_name }, (doc) => {
    drawLetterhead(doc, { kabupatenName: r.kabupatenName, office: t(L, 'privacy.report.office', { kabupaten: r.kabupatenName }) });
    doc.font('Helvetica-Bold').fontSize(12).text(t(L, 'privacy.report.title').toUpperCase(), { width, align: 'center' });
    doc.font('Helvetica').fontSize(9).text(t(L, 'privacy.report.basis'), { width, align: 'center' });
    doc.moveDown();
    doc.font('Helvetica-Bold').fontSize(10).text(t(L, 'privacy.report.held'));
    doc.moveDown(0.3);
    drawFields(doc, [
      { label: t(L, 'privacy.report.name'), value: r.person.full_name },
      { label: 'NIK', value: maskNik(r.person.nik) },
      { label: t(L, 'privacy.report.birth_date'), value: r.person.birth_date ?? '-' },
      { label: t(L, 'privacy.report.village'), value: r.villageName },
      { label: t(L, 'privacy.report.registry_status'), value: codeLabel('registry_status', r.person.registry_status, L) },
      { label: t(L, 'privacy.report.generated'), value: formatDateTimeId(r.generatedAt, r.timeZone, L) },
    ]);
    doc.moveDown(0.5);
    doc.font('Helvetica-Bold').fontSize(10).text(t(L, 'privacy.report.cases', { n: r.cases.length }));
    for (const c of r.cases) {
      const sectors = c.sectors.map((s) => caseCodeLabel('sector', s, L)).join(', ');
      doc.font('Helvetica').fontSize(9).text(`${c.code} · ${caseStatusLabel(c.status, L)} · ${formatDateId(c.registered_at, r.timeZone, L)}${sectors ? ` · ${sectors}` : ''}`, { width });
    }
    if (r.requests.length) {
      doc.moveDown(0.5);
      doc.font('Helvetica-Bold').fontSize(10).text(t(L, 'privacy.report.requests', { n: r.requests.length }));
      for (const q of r.requests) {
        doc.font('Helvetica').fontSize(9).text(`${t(L, `privacy.kind.${q.kind}`)} · ${t(L, `privacy.status.${q.status}`)} · ${formatDateId(q.received_at, r.timeZone, L)}`, { width });
      }
    }
    doc.moveDown();
    doc.font('Helvetica-Bold').fontSize(10).text(t(L, 'privacy.report.log', { n: r.entries.length }));
    doc.font('Helvetica').fontSize(9).text(t(L, 'privacy.report.log_note'), { width });
    doc.moveDown(0.4);
    // one paragraph per event: a table's narrow columns would break names and organizations
    for (const e of r.entries) {
      doc.font('Helvetica-Bold').fontSize(8.5).text(formatDateTimeId(new Date(e.at), r.timeZone, L), { width });
      const who = `${e.actor} (${e.roleLabel ?? '-'})`;
      doc.font('Helvetica').text(e.organization ? `${who}, ${e.organization}` : who, { width });
      doc.text(`${t(L, 'privacy.report.col.action')}: ${e.actionLabel} · ${t(L, 'privacy.report.col.purpose')}: ${e.purposeLabel ?? '-'}`, { width });
      doc.moveDown(0.3);
    }
    if (r.truncated) {
      doc.moveDown(0.5);
      doc.font('Helvetica-Oblique').fontSize(9).text(t(L, 'privacy.report.truncated'), { width });
    }
    doc.moveDown();
    doc.font('Helvetica').fontSize(9).text(t(L, 'privacy.report.rights'), { width, align: 'justify' });
  });
}
