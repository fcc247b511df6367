import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { t, type Locale } from '@slrt/core';
import type { LetterRow } from './queries.ts';

/**
 * PDF rendering with pdfkit (A4, the PDF standard fonts, so no font files to ship) and QR
 * codes from `qrcode`. The pieces (`renderPdf`, `drawLetterhead`, `drawQr`, `formatDateId`)
 * serve other printed documents too (the case receipt, the referral letter).
 */
export type Pdf = PDFKit.PDFDocument;

export const PAGE = { margin: 56, width: 595.28, height: 841.89 } as const;

export async function renderPdf(info: { title: string; subject?: string }, draw: (doc: Pdf) => Promise<void> | void): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: PAGE.margin, info: { Title: info.title, Subject: info.subject ?? info.title, Producer: 'SLRT', Creator: 'SLRT' } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  await draw(doc);
  doc.end();
  return done;
}

/** 29 November 2026, in the kabupaten's time zone. */
export function formatDateId(at: Date, timeZone: string, locale: Locale = 'id'): string {
  return new Intl.DateTimeFormat(locale === 'id' ? 'id-ID' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone }).format(at);
}

export function formatDateTimeId(at: Date, timeZone: string, locale: Locale = 'id'): string {
  return new Intl.DateTimeFormat(locale === 'id' ? 'id-ID' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone, timeZoneName: 'short' }).format(at);
}

/** The kop surat: government, office, system and the issuing unit, ruled off. */
export function drawLetterhead(doc: Pdf, opts: { kabupatenName: string; office: string; locale?: Locale }) {
  const locale = opts.locale ?? 'id';
  const width = PAGE.width - 2 * PAGE.margin;
  doc.font('Helvetica-Bold').fontSize(13).text(t(locale, 'letter.header.government', { kabupaten: opts.kabupatenName.toUpperCase() }), PAGE.margin, PAGE.margin, { width, align: 'center' });
  doc.fontSize(12).text(t(locale, 'letter.header.office'), { width, align: 'center' });
  doc.font('Helvetica').fontSize(10).text(t(locale, 'letter.header.system'), { width, align: 'center' });
  doc.text(opts.office, { width, align: 'center' });
  const y = doc.y + 6;
  doc.moveTo(PAGE.margin, y).lineTo(PAGE.width - PAGE.margin, y).lineWidth(1.5).stroke();
  doc.moveTo(PAGE.margin, y + 3).lineTo(PAGE.width - PAGE.margin, y + 3).lineWidth(0.5).stroke();
  doc.x = PAGE.margin;
  doc.y = y + 16;
}

export async function qrPng(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: 'M', margin: 1, width: 240 });
}

/** A QR code with a caption beside it, at the current position. */
export async function drawQr(doc: Pdf, url: string, caption: string) {
  const size = 84;
  const x = PAGE.margin;
  let y = doc.y;
  if (y + size > PAGE.height - PAGE.margin) {
    doc.addPage();
    y = doc.y;
  }
  doc.image(await qrPng(url), x, y, { width: size, height: size });
  doc.font('Helvetica').fontSize(8).text(caption, x + size + 10, y + 8, { width: PAGE.width - 2 * PAGE.margin - size - 10 });
  doc.text(url, { width: PAGE.width - 2 * PAGE.margin - size - 10 });
  doc.x = PAGE.margin;
  doc.y = Math.max(doc.y, y + size) + 8;
}

/** Label : value rows. */
export function drawFields(doc: Pdf, fields: ReadonlyArray<{ label: string; value: string }>) {
  const labelWidth = 150;
  const valueWidth = PAGE.width - 2 * PAGE.margin - labelWidth - 12;
  doc.fontSize(10);
  for (const f of fields) {
    const y = doc.y;
    doc.font('Helvetica').text(f.label, PAGE.margin, y, { width: labelWidth });
    const afterLabel = doc.y;
    doc.text(':', PAGE.margin + labelWidth, y, { width: 8 });
    doc.text(f.value || '-', PAGE.margin + labelWidth + 12, y, { width: valueWidth });
    doc.y = Math.max(doc.y, afterLabel) + 2;
  }
  doc.x = PAGE.margin;
}

/** A letter as issued: letterhead, title and number, recipient, fields, paragraphs, signature, QR. */
export async function renderLetterPdf(letter: LetterRow, opts: { kabupatenName: string; verifyUrl: string; timeZone: string }): Promise<Buffer> {
  const c = letter.content;
  const width = PAGE.width - 2 * PAGE.margin;
  return renderPdf({ title: `${c.title} ${letter.number}` }, async (doc) => {
    drawLetterhead(doc, { kabupatenName: opts.kabupatenName, office: letter.issuing_office });
    doc.font('Helvetica-Bold').fontSize(12).text(c.title.toUpperCase(), { width, align: 'center', underline: true });
    doc.font('Helvetica').fontSize(10).text(t('id', 'letter.number', { number: letter.number }), { width, align: 'center' });
    doc.moveDown(1.2);
    if (c.recipient?.length) {
      doc.text(t('id', 'letter.recipient'));
      for (const line of c.recipient) doc.text(line);
      doc.moveDown();
    }
    if (c.opening) doc.text(c.opening, { width, align: 'justify' }).moveDown(0.5);
    drawFields(doc, c.fields);
    doc.moveDown(0.5);
    for (const p of c.paragraphs) doc.text(p, PAGE.margin, doc.y, { width, align: 'justify' }).moveDown(0.5);
    doc.text(t('id', 'letter.valid_until', { date: formatDateId(letter.valid_until, opts.timeZone) }), { width });
    doc.moveDown(1.5);
    const signX = PAGE.margin + width / 2;
    const signW = width / 2;
    doc.text(t('id', 'letter.place_date', { place: c.place, date: formatDateId(letter.issued_at, opts.timeZone) }), signX, doc.y, { width: signW, align: 'center' });
    doc.text(c.signer.title, signX, doc.y, { width: signW, align: 'center' });
    doc.moveDown(3.5);
    doc.font('Helvetica-Bold').text(c.signer.name, signX, doc.y, { width: signW, align: 'center', underline: true });
    doc.font('Helvetica');
    doc.x = PAGE.margin;
    doc.moveDown(2);
    await drawQr(doc, opts.verifyUrl, t('id', 'letter.verify_caption', { number: letter.number }));
  });
}
