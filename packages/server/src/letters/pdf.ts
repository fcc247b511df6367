import fs from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { intlTag, t, type Locale } from '@slrt/core';
import type { LetterRow } from './queries.ts';

/**
 * PDF rendering with pdfkit (A4) and QR codes from `qrcode`. The pieces (`renderPdf`,
 * `drawLetterhead`, `drawQr`, `write`, `formatDateId`) serve every printed document (letters,
 * the case receipt, the referral letter, certificates).
 *
 * Fonts are embedded Noto Sans (SIL Open Font License 1.1, from the `@expo-google-fonts`
 * packages): the PDF standard fonts only know WinAnsi, so "№" printed as "!" and names with
 * letters outside Latin-1 broke. Latin, its extensions and the common symbols come from Noto
 * Sans; runs of Arabic script (names written in Jawi or Arabic) from Noto Sans Arabic,
 * shaped and laid right to left by pdfkit's fontkit.
 */
export type Pdf = PDFKit.PDFDocument;

export const PAGE = { margin: 56, width: 595.28, height: 841.89 } as const;

const require = createRequire(import.meta.url);
const FONT_FILES = {
  regular: '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
  arabic: '@expo-google-fonts/noto-sans-arabic/400Regular/NotoSansArabic_400Regular.ttf',
  arabicBold: '@expo-google-fonts/noto-sans-arabic/700Bold/NotoSansArabic_700Bold.ttf',
} as const;
type FontName = keyof typeof FONT_FILES;
let fontData: Record<FontName, Buffer> | undefined;

/** The font files, read once per process. */
function fonts(): Record<FontName, Buffer> {
  fontData ??= Object.fromEntries(Object.entries(FONT_FILES).map(([name, file]) => [name, fs.readFileSync(require.resolve(file))])) as Record<FontName, Buffer>;
  return fontData;
}

export type Weight = 'regular' | 'bold';
const weights = new WeakMap<Pdf, Weight>();

/** Sets the weight of the text that follows (`write` picks the script's font in it). */
export function setWeight(doc: Pdf, weight: Weight): Pdf {
  weights.set(doc, weight);
  return doc.font(weight);
}

// Arabic-script letters, with the spaces and punctuation between them, form one right-to-left run.
const ARABIC_RUN = /([\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF](?:[\s\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]*[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF])?)/;

type TextOptions = PDFKit.Mixins.TextOptions;

/**
 * `doc.text` for text that may mix scripts (names, addresses, what a resident said): each run
 * of Arabic script is set in Noto Sans Arabic, the rest in Noto Sans, as one paragraph.
 */
export function write(doc: Pdf, text: string, x?: number | TextOptions, y?: number, options?: TextOptions): Pdf {
  const weight = weights.get(doc) ?? 'regular';
  const opts = typeof x === 'object' ? x : options;
  const at: [number?, number?] = typeof x === 'number' ? [x, y] : [];
  const runs = text.split(ARABIC_RUN).filter((r) => r !== '');
  if (runs.length <= 1 && !ARABIC_RUN.test(text)) return doc.font(weight).text(text, ...at, opts);
  runs.forEach((run, i) => {
    const arabic = ARABIC_RUN.test(run);
    doc.font(arabic ? (weight === 'bold' ? 'arabicBold' : 'arabic') : weight);
    const last = i === runs.length - 1;
    const runOpts = { ...opts, continued: !last || opts?.continued === true };
    if (i === 0) doc.text(run, ...at, runOpts);
    else doc.text(run, runOpts);
  });
  return doc.font(weight);
}

export async function renderPdf(info: { title: string; subject?: string }, draw: (doc: Pdf) => Promise<void> | void): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: PAGE.margin, font: '', info: { Title: info.title, Subject: info.subject ?? info.title, Producer: 'SLRT', Creator: 'SLRT' } });
  for (const [name, data] of Object.entries(fonts())) doc.registerFont(name, data);
  setWeight(doc, 'regular');
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
/**
 * The one date formatter of letters: an instant (in the area's time zone) or a calendar date
 * `YYYY-MM-DD` (a birth date, a desil date, a due date: no time of day, no zone shift), as
 * "1 Oktober 2025". Every letter prints its dates through it.
 */
export function formatDateId(at: Date | string, timeZone: string, locale: Locale = 'id'): string {
  const instant = typeof at === 'string' ? new Date(`${at.slice(0, 10)}T12:00:00Z`) : at;
  const zone = typeof at === 'string' ? 'UTC' : timeZone;
  return new Intl.DateTimeFormat(intlTag(locale), { day: 'numeric', month: 'long', year: 'numeric', timeZone: zone }).format(instant);
}

export function formatDateTimeId(at: Date, timeZone: string, locale: Locale = 'id'): string {
  return new Intl.DateTimeFormat(intlTag(locale), { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone, timeZoneName: 'short' }).format(at);
}

/**
 * The kop surat: government, office, system and the issuing unit, ruled off. `dinas` and
 * `address` replace the default office line and add its address (configured per installation).
 */
export function drawLetterhead(doc: Pdf, opts: { kabupatenName: string; office: string; locale?: Locale; dinas?: string | null; address?: string | null }) {
  const locale = opts.locale ?? 'id';
  const width = PAGE.width - 2 * PAGE.margin;
  setWeight(doc, 'bold').fontSize(13).text(t(locale, 'letter.header.government', { kabupaten: opts.kabupatenName.toUpperCase() }), PAGE.margin, PAGE.margin, { width, align: 'center' });
  doc.fontSize(12).text(opts.dinas ?? t(locale, 'letter.header.office'), { width, align: 'center' });
  setWeight(doc, 'regular').fontSize(10);
  if (opts.address) doc.fontSize(9).text(opts.address, { width, align: 'center' }).fontSize(10);
  doc.text(t(locale, 'letter.header.system'), { width, align: 'center' });
  doc.text(opts.office, { width, align: 'center' });
  const y = doc.y + 6;
  doc.moveTo(PAGE.margin, y).lineTo(PAGE.width - PAGE.margin, y).lineWidth(1.5).stroke();
  doc.moveTo(PAGE.margin, y + 3).lineTo(PAGE.width - PAGE.margin, y + 3).lineWidth(0.5).stroke();
  doc.x = PAGE.margin;
  doc.y = y + 16;
}

async function qrPng(text: string): Promise<Buffer> {
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
  setWeight(doc, 'regular').fontSize(8).text(caption, x + size + 10, y + 8, { width: PAGE.width - 2 * PAGE.margin - size - 10 });
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
    setWeight(doc, 'regular').text(f.label, PAGE.margin, y, { width: labelWidth });
    const afterLabel = doc.y;
    doc.text(':', PAGE.margin + labelWidth, y, { width: 8 });
    write(doc, f.value || '-', PAGE.margin + labelWidth + 12, y, { width: valueWidth });
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
    setWeight(doc, 'bold').fontSize(12).text(c.title.toUpperCase(), { width, align: 'center', underline: true });
    setWeight(doc, 'regular').fontSize(10).text(t('id', 'letter.number', { number: letter.number }), { width, align: 'center' });
    doc.moveDown(1.2);
    if (c.recipient?.length) {
      doc.text(t('id', 'letter.recipient'));
      for (const line of c.recipient) write(doc, line);
      doc.moveDown();
    }
    if (c.opening) write(doc, c.opening, { width, align: 'justify' }).moveDown(0.5);
    drawFields(doc, c.fields);
    doc.moveDown(0.5);
    for (const p of c.paragraphs) write(doc, p, PAGE.margin, doc.y, { width, align: 'justify' }).moveDown(0.5);
    doc.text(t('id', 'letter.valid_until', { date: formatDateId(letter.valid_until, opts.timeZone) }), { width });
    doc.moveDown(1.5);
    const signX = PAGE.margin + width / 2;
    const signW = width / 2;
    doc.text(t('id', 'letter.place_date', { place: c.place, date: formatDateId(letter.issued_at, opts.timeZone) }), signX, doc.y, { width: signW, align: 'center' });
    doc.text(c.signer.title, signX, doc.y, { width: signW, align: 'center' });
    doc.moveDown(3.5);
    write(setWeight(doc, 'bold'), c.signer.name, signX, doc.y, { width: signW, align: 'center', underline: true });
    setWeight(doc, 'regular');
    doc.x = PAGE.margin;
    doc.moveDown(2);
    await drawQr(doc, opts.verifyUrl, t('id', 'letter.verify_caption', { number: letter.number }));
  });
}
