import { createHash } from 'node:crypto';
import { PROCESSING_ACTIVITIES, type PrivacyRecord, type PrivacyRecordKind } from '@slrt/core';
import type { Deps, RequestContext } from '../http/context.ts';
import { newId } from '../db/ids.ts';
import { notFound } from '../http/errors.ts';
import { drawLetterhead, PAGE, renderPdf, type Pdf } from '../letters/pdf.ts';
import * as q from './queries.ts';
import * as rq from './record-queries.ts';
import { retentionSchedule } from './retention.ts';

/**
 * The records for the regulator, generated from the configuration (the processing activities
 * in core, the programs, partner services' shared fields, the retention schedule) as PDF and kept in
 * versions: the record of processing activities (art. 31) and the DPIA (art. 34). An
 * unchanged configuration gives back the latest version instead of a new one.
 */

function toPrivacyRecord(r: rq.RecordRow): PrivacyRecord {
  return { id: r.id, kind: r.kind as PrivacyRecordKind, version: r.version, generatedAt: r.generated_at.toISOString(), sourceSha256: r.source_sha256 };
}

const DPIA_RISKS = [
  ['Data spesifik (kesehatan, disabilitas, anak, keuangan)', 'Hanya peran yang membutuhkan (registry.read_specific); mitra hanya menerima kolom yang diminta layanannya.'],
  ['Skala besar (seluruh warga kabupaten)', 'Akses dibatasi wilayah dan peran; setiap pembacaan tercatat di jejak audit berantai hash.'],
  ['Pemeringkatan (desil, estimasi lokal)', 'Desil nasional ditampilkan dengan sumber dan tanggal; estimasi lokal diberi label dan tidak menggantikannya.'],
  ['Pencocokan himpunan data (impor, pencocokan rekaman)', 'Perubahan registri lewat usulan yang diverifikasi; riwayat setiap perubahan disimpan.'],
  ['Penyalahgunaan akun petugas', 'Akses darurat hanya dengan alasan dan diperiksa PPDP; daftar warga terdampak dihitung dari jejak audit.'],
  ['Identifikasi ulang dari statistik', 'Angka 1-4 ditampilkan "<5" dan sel pelengkap disembunyikan untuk pembaca tanpa akses data pribadi.'],
  ['Penyimpanan melebihi tujuan', 'Jadwal retensi per jenis data, dijalankan harian dalam batch dengan laporan; legal hold dan permintaan berjalan dikecualikan.'],
] as const;

const PROGRAM_SCOPE: Record<string, string> = { national: 'nasional', village: 'desa', local: 'daerah' };

function heading(doc: Pdf, text: string) {
  doc.moveDown(0.6);
  doc.font('Helvetica-Bold').fontSize(11).text(text);
  doc.font('Helvetica').fontSize(9);
}

export async function generatePrivacyRecord(deps: Deps, ctx: RequestContext, kind: PrivacyRecordKind): Promise<{ record: PrivacyRecord; created: boolean }> {
  const kabCode = ctx.actor.kabCode;
  const kab = `${kabCode.slice(0, 2)}.${kabCode.slice(2)}`;
  const source = {
    kind,
    kabupaten: await q.selectAreaName(deps.db, kab),
    activities: PROCESSING_ACTIVITIES,
    programs: await rq.selectPrograms(deps.db, kabCode),
    recipients: await rq.selectRecipients(deps.db, kabCode),
    retention: await retentionSchedule(deps, kabCode),
    risks: kind === 'dpia' ? DPIA_RISKS : [],
  };
  const sourceSha256 = createHash('sha256').update(JSON.stringify(source)).digest('hex');
  const latest = await rq.selectLatestRecord(deps.db, kabCode, kind);
  if (latest && latest.source_sha256 === sourceSha256) {
    // nothing changed, nothing written: the latest version is answered (configuration, no resident)
    ctx.noPersonalData();
    return { record: toPrivacyRecord(latest), created: false };
  }
  const version = (latest?.version ?? 0) + 1;
  const title = kind === 'ropa' ? 'Catatan Kegiatan Pemrosesan Data Pribadi' : 'Penilaian Dampak Pelindungan Data Pribadi (DPIA)';
  const width = PAGE.width - 2 * PAGE.margin;
  const pdf = await renderPdf({ title: `${title} v${version}` }, (doc) => {
    drawLetterhead(doc, { kabupatenName: source.kabupaten, office: `Pejabat Pelindungan Data Pribadi SLRT ${source.kabupaten}` });
    doc.font('Helvetica-Bold').fontSize(12).text(title.toUpperCase(), { width, align: 'center' });
    doc.font('Helvetica').fontSize(9).text(`Versi ${version} · ${new Date().toISOString().slice(0, 10)} · sumber ${sourceSha256.slice(0, 12)}`, { width, align: 'center' });
    heading(doc, '1. Kegiatan pemrosesan');
    for (const a of source.activities) {
      doc.font('Helvetica-Bold').text(a.code);
      doc.font('Helvetica').text(`Tujuan: ${a.purpose}`, { width });
      doc.text(`Dasar pemrosesan: ${a.basis}`, { width });
      doc.text(`Jenis data: ${a.data.join('; ')}`, { width });
      doc.text(`Subjek data: ${a.subjects.join('; ')}`, { width });
      doc.moveDown(0.3);
    }
    heading(doc, '2. Program bantuan (penyaringan rumah tangga, kepesertaan, penyaluran)');
    if (source.programs.length === 0) doc.text('Belum ada program aktif.');
    for (const p of source.programs) doc.text(`${p.code} - ${p.name} (${PROGRAM_SCOPE[p.scope] ?? p.scope}; ${p.owner_name})`, { width });
    heading(doc, '3. Penerima data (mitra layanan dan kolom yang diterima)');
    if (source.recipients.length === 0) doc.text('Belum ada layanan mitra aktif.');
    for (const r of source.recipients) doc.text(`${r.organization} - ${r.service} (${r.sector}): ${r.shared_fields.join(', ')}`, { width });
    heading(doc, '4. Jadwal retensi');
    for (const r of source.retention) doc.text(`${r.recordType}: ${r.keepDays} hari, lalu ${r.action === 'delete' ? 'dihapus' : 'dianonimkan'}`);
    if (kind === 'dpia') {
      heading(doc, '5. Risiko dan langkah mitigasi');
      for (const [risk, measure] of source.risks) {
        doc.font('Helvetica-Bold').text(risk, { width });
        doc.font('Helvetica').text(measure, { width });
        doc.moveDown(0.3);
      }
    }
  });
  const id = newId();
  await deps.db.transaction(async (tx) => {
    await rq.insertRecord(tx, { id, kabCode, kind, version, userId: ctx.actor.userId, sourceSha256, pdf });
    await ctx.auditWrite(tx, { action: 'privacy_record.generate', recordType: 'privacy_record', recordIds: [id], details: { kind, version } });
  });
  return { record: toPrivacyRecord((await rq.selectLatestRecord(deps.db, kabCode, kind))!), created: true };
}

export async function listPrivacyRecords(deps: Deps, ctx: RequestContext): Promise<PrivacyRecord[]> {
  const records = (await rq.selectRecords(deps.db, ctx.actor.kabCode)).map(toPrivacyRecord);
  // the records describe the processing (activities, recipients, retention), not any resident
  ctx.noPersonalData();
  return records;
}

export async function privacyRecordPdf(deps: Deps, ctx: RequestContext, id: string): Promise<{ pdf: Buffer; fileName: string }> {
  const r = await rq.selectRecordPdf(deps.db, ctx.actor.kabCode, id);
  if (!r) throw notFound();
  ctx.noPersonalData(); // the record's PDF describes the processing, not any resident
  return { pdf: r.pdf, fileName: `${r.kind}-v${r.version}.pdf` };
}
