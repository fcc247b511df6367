import {
  areaTimeZone, caseCodeLabel, CODE_LISTS, displayTrackingCode, mayDecideCase, mayWorkCase, villageKind, t,
  type CaseLevel, type LetterContent, type LetterDetail, type LetterKind,
} from '@slrt/core';
import { publicLink } from '../config.ts';
import type { Deps, RequestContext } from '../http/context.ts';
import type { Queryable, Tx } from '../db/database.ts';
import { conflict, forbidden } from '../http/errors.ts';
import { getLetterOf, findLiveLetter, issueLetter, revokeLetter, toLetterSummary } from '../letters/service.ts';
import type { LetterRow } from '../letters/public.ts';
import { drawFields, drawLetterhead, drawQr, formatDateId, formatDateTimeId, PAGE, renderLetterPdf, renderPdf, setWeight } from '../letters/pdf.ts';
import { kabupatenName } from '../areas/public.ts';
import { selectLetterResident, type LetterResidentRow } from '../registry/service.ts';
import { type CaseRow } from './queries.ts';
import { selectNeeds } from './need-queries.ts';
import { selectCaseEvents } from './event-queries.ts';
import { CASE_OWNER_TYPE, caseRowInScope, eventTarget, recordCaseEvent } from './service.ts';

/**
 * The case's printed documents: the receipt (tanda terima) with the tracking code, the
 * recommendation letter (surat rekomendasi) after the service decision, and the certificate
 * of registry status (surat keterangan) after the registry check. Letters are in Bahasa
 * Indonesia, the language of official letters.
 */

const L = 'id' as const;

async function residentOf(q: Queryable, kabCode: string, personId: string): Promise<LetterResidentRow> {
  const resident = await selectLetterResident(q, kabCode, personId);
  if (!resident) throw new Error('case person missing');
  return resident;
}

function villageLabel(c: Pick<CaseRow, 'village_code' | 'village_name'>): string {
  return t(L, villageKind(c.village_code) === 'kelurahan' ? 'letter.kelurahan' : 'letter.desa', { name: c.village_name });
}

/** The office a level speaks for: the village's Puskesos, or the kabupaten's SLRT. */
export function officeOf(c: Pick<CaseRow, 'village_code' | 'village_name' | 'kecamatan_name'>, level: CaseLevel, kabName: string): string {
  return level === 'village'
    ? t(L, 'letter.office.puskesos', { village: villageLabel(c), kecamatan: c.kecamatan_name, kabupaten: kabName })
    : t(L, 'letter.office.slrt', { kabupaten: kabName });
}

function signerTitleOf(c: Pick<CaseRow, 'village_code' | 'village_name'>, level: CaseLevel, kabName: string): string {
  return level === 'village'
    ? t(L, 'letter.signer.coordinator', { village: villageLabel(c) })
    : t(L, 'letter.signer.manager', { kabupaten: kabName });
}

function residentFields(c: CaseRow, r: LetterResidentRow, tz: string) {
  const birth = [r.birth_place, r.birth_date ? formatDateId(r.birth_date, tz) : null].filter(Boolean).join(', ');
  const address = [r.address, r.rt || r.rw ? t(L, 'letter.rt_rw', { rt: r.rt ?? '-', rw: r.rw ?? '-' }) : null, villageLabel(c), t(L, 'letter.kecamatan', { name: c.kecamatan_name })].filter(Boolean).join(', ');
  return [
    { label: t(L, 'letter.field.name'), value: c.person_name },
    { label: t(L, 'letter.field.nik'), value: r.nik ?? t(L, 'letter.no_nik') },
    { label: t(L, 'letter.field.birth'), value: birth || '-' },
    { label: t(L, 'letter.field.address'), value: address },
  ];
}

function registryStatusLabel(code: string): string {
  return CODE_LISTS.registry_status.find((e) => e.code === code)?.[L] ?? code;
}

async function composeLetter(q: Queryable, ctx: RequestContext, c: CaseRow, kind: Exclude<LetterKind, 'referral'>, kabName: string) {
  const tz = areaTimeZone(c.village_code);
  const resident = await residentOf(q, c.kab_code, c.person_id);
  const fields = residentFields(c, resident, tz);
  const caseField = { label: t(L, 'letter.field.case'), value: c.code };
  if (kind === 'recommendation') {
    const decideEvent = (await selectCaseEvents(q, c.kab_code, c.id)).filter((e) => e.action === 'decide').at(-1);
    const level = decideEvent?.from_level ?? c.level;
    const needs = await selectNeeds(q, c.id);
    const signer = { id: c.decided_by, name: c.decided_by_name ?? '', title: signerTitleOf(c, level, kabName) };
    const content: LetterContent = {
      title: t(L, 'letter.recommendation.title'),
      recipient: [t(L, 'letter.recommendation.recipient'), t(L, 'letter.recommendation.recipient_place')],
      opening: t(L, 'letter.recommendation.opening', { signer: signer.title }),
      fields: [...fields, { label: t(L, 'letter.field.registry_status'), value: registryStatusLabel(resident.registry_status) }, caseField],
      paragraphs: [
        t(L, 'letter.recommendation.needs_intro'),
        ...needs.map((n, i) => t(L, n.recommendation ? 'letter.recommendation.need_with_rec' : 'letter.recommendation.need', {
          n: i + 1, sector: caseCodeLabel('sector', n.sector, L), urgency: caseCodeLabel('urgency', n.urgency, L), recommendation: n.recommendation ?? '',
          // a need of another household member names them (the case's person is the letter's subject)
          request: n.person_id === c.person_id ? n.request : t(L, 'letter.recommendation.need_for', { request: n.request, name: n.person_name }),
        })),
        t(L, 'letter.recommendation.decision', { decision: caseCodeLabel('decision', c.decision ?? '', L) }),
        ...(c.decision_notes ? [c.decision_notes] : []),
        t(L, 'letter.closing'),
      ],
      place: c.village_name,
      signer: { name: signer.name, title: signer.title },
    };
    return { content, signer, office: officeOf(c, level, kabName) };
  }
  const signer = { id: ctx.actor.userId, name: ctx.actor.displayName, title: signerTitleOf(c, c.level, kabName) };
  const registered = resident.registry_status === 'registered';
  const content: LetterContent = {
    title: t(L, 'letter.certificate.title'),
    opening: t(L, 'letter.certificate.opening', { signer: signer.title }),
    fields: [...fields, caseField],
    paragraphs: [
      t(L, registered ? 'letter.certificate.registered' : 'letter.certificate.not_registered', {
        date: formatDateId(new Date(), tz), status: registryStatusLabel(resident.registry_status),
      }),
      ...(registered && resident.desil !== null ? [t(L, 'letter.certificate.desil', { desil: resident.desil, source: resident.desil_source ?? '-', date: resident.desil_date ? formatDateId(resident.desil_date, tz) : '-' })] : []),
      t(L, 'letter.closing'),
    ],
    place: c.village_name,
    signer: { name: signer.name, title: signer.title },
  };
  return { content, signer, office: officeOf(c, c.level, kabName) };
}

export function toLetterDetail(r: LetterRow, verifyUrl: string, kabupatenName: string): LetterDetail {
  return { ...toLetterSummary(r), kabupatenName, issuingOffice: r.issuing_office, signerName: r.signer_name, signerTitle: r.signer_title, content: r.content, verifyUrl };
}

/**
 * Issues (or, when a live one exists, returns) the case's letter of `kind`. The recommendation
 * needs a service decision to refer or handle directly and names the deciding officer; the
 * certificate needs a registry check and is signed by an officer who decides at the case's level.
 */
export async function issueCaseLetter(
  deps: Deps,
  ctx: RequestContext,
  caseId: string,
  kind: Exclude<LetterKind, 'referral'>,
): Promise<{ letter: LetterRow; created: boolean }> {
  const result = await deps.db.transaction(async (tx: Tx) => {
    const c = await caseRowInScope(tx, ctx, caseId, 'cases.read', { forUpdate: true });
    if (!mayWorkCase(ctx.actor.grants, { villageCode: c.village_code, level: c.level }) && !mayDecideCase(ctx.actor.grants, { villageCode: c.village_code, level: c.level })) throw forbidden();
    if (kind === 'recommendation' && (c.decision === null || c.decision === 'reject')) throw conflict('case.letter_needs_decision');
    if (kind === 'registry_certificate') {
      if (!(await selectCaseEvents(tx, c.kab_code, c.id)).some((e) => e.action === 'check_registry')) throw conflict('case.letter_needs_registry_check');
      if (!mayDecideCase(ctx.actor.grants, { villageCode: c.village_code, level: c.level })) throw forbidden();
    }
    const live = await findLiveLetter(tx, c.kab_code, CASE_OWNER_TYPE, c.id, kind);
    if (live) return { letter: live, created: false };
    const kabName = await kabupatenName(tx, c.kab_code);
    const { content, signer, office } = await composeLetter(tx, ctx, c, kind, kabName);
    const letter = await issueLetter(tx, ctx, {
      kind, ownerType: CASE_OWNER_TYPE, ownerId: c.id, kabCode: c.kab_code, villageCode: c.village_code, issuingOffice: office, signer, content,
    });
    await recordCaseEvent(tx, ctx, eventTarget(c), { action: 'letter_issued', details: { letterId: letter.id, kind, number: letter.number } });
    return { letter, created: true };
  });
  if (!result.created) {
    await ctx.auditRead({ action: 'letter.read', recordType: 'letter', recordIds: [result.letter.id, caseId], purpose: 'case.letter', details: { number: result.letter.number } });
  }
  return result;
}

/** A letter of the case, for the print view; audited (it carries the resident's data). */
export async function readCaseLetter(deps: Deps, ctx: RequestContext, caseId: string, letterId: string, purpose: 'letter.read' | 'letter.print') {
  const c = await caseRowInScope(deps.db, ctx, caseId, 'cases.read');
  const letter = await getLetterOf(deps.db, c.kab_code, CASE_OWNER_TYPE, c.id, letterId);
  await ctx.auditRead({ action: purpose, recordType: 'letter', recordIds: [letter.id, c.id, c.person_id], purpose: 'case.letter', details: { number: letter.number } });
  return { letter, case: c, kabName: await kabupatenName(deps.db, c.kab_code) };
}

export async function revokeCaseLetter(deps: Deps, ctx: RequestContext, caseId: string, letterId: string, reason: string): Promise<LetterRow> {
  return deps.db.transaction(async (tx) => {
    const c = await caseRowInScope(tx, ctx, caseId, 'cases.read', { forUpdate: true });
    const letter = await getLetterOf(tx, c.kab_code, CASE_OWNER_TYPE, c.id, letterId);
    if (!mayDecideCase(ctx.actor.grants, { villageCode: c.village_code, level: c.level })) throw forbidden();
    await revokeLetter(tx, ctx, letter, reason);
    await recordCaseEvent(tx, ctx, eventTarget(c), { action: 'letter_revoked', details: { letterId, number: letter.number, reason } });
    return getLetterOf(tx, c.kab_code, CASE_OWNER_TYPE, c.id, letterId);
  });
}

export async function caseLetterPdf(deps: Deps, ctx: RequestContext, caseId: string, letterId: string, verifyUrlOf: (token: string) => string): Promise<{ pdf: Buffer; fileName: string }> {
  const { letter, case: c, kabName } = await readCaseLetter(deps, ctx, caseId, letterId, 'letter.print');
  const pdf = await renderLetterPdf(letter, { kabupatenName: kabName, verifyUrl: verifyUrlOf(letter.verify_token), timeZone: areaTimeZone(c.village_code) });
  return { pdf, fileName: `${letter.kind}-${letter.number.replaceAll('/', '-')}.pdf` };
}

/**
 * The receipt (tanda terima) handed to the resident: tracking code, what was recorded, the
 * deadline to first action and how to follow the case at /lacak. Audited as a print.
 */
export async function caseReceiptPdf(deps: Deps, ctx: RequestContext, caseId: string): Promise<{ pdf: Buffer; fileName: string }> {
  const c = await caseRowInScope(deps.db, ctx, caseId, 'cases.read');
  const needs = await selectNeeds(deps.db, c.id);
  const kabName = await kabupatenName(deps.db, c.kab_code);
  const tz = areaTimeZone(c.village_code);
  await ctx.auditRead({ action: 'case.receipt_print', recordType: 'case', recordIds: [c.id, c.person_id], purpose: 'case.receipt' });
  const trackingCode = displayTrackingCode(c.tracking_code);
  const trackUrl = publicLink(deps.config, `/lacak?kode=${encodeURIComponent(trackingCode)}`);
  const trackPage = publicLink(deps.config, '/lacak');
  const width = PAGE.width - 2 * PAGE.margin;
  const pdf = await renderPdf({ title: t(L, 'receipt.title') }, async (doc) => {
    drawLetterhead(doc, { kabupatenName: kabName, office: officeOf(c, 'village', kabName) });
    setWeight(doc, 'bold').fontSize(13).text(t(L, 'receipt.title'), { width, align: 'center' });
    doc.moveDown(0.6);
    setWeight(doc, 'regular').fontSize(10).text(t(L, 'receipt.code_label'), { width, align: 'center' });
    setWeight(doc, 'bold').fontSize(22).text(trackingCode, { width, align: 'center' });
    doc.moveDown(0.8);
    drawFields(doc, [
      { label: t(L, 'receipt.field.case_number'), value: c.code },
      { label: t(L, 'receipt.field.registered_at'), value: formatDateTimeId(c.registered_at, tz) },
      { label: t(L, 'letter.field.name'), value: c.person_name },
      { label: t(L, 'receipt.field.village'), value: `${villageLabel(c)}, ${t(L, 'letter.kecamatan', { name: c.kecamatan_name })}` },
      { label: t(L, 'receipt.field.channel'), value: caseCodeLabel('channel', c.channel, L) },
      { label: t(L, 'receipt.field.kind'), value: caseCodeLabel('kind', c.kind, L) },
      ...(c.fast_track ? [{ label: t(L, 'receipt.field.fast_track'), value: c.fast_track_reasons.map((r) => caseCodeLabel('fast_track_reason', r, L)).join(', ') }] : []),
      { label: t(L, 'receipt.field.complaint'), value: c.complaint },
      ...needs.map((n, i) => ({ label: t(L, 'receipt.field.need', { n: i + 1 }), value: `${caseCodeLabel('sector', n.sector, L)} (${caseCodeLabel('urgency', n.urgency, L)}): ${n.request}` })),
      { label: t(L, 'receipt.field.due'), value: formatDateId(c.due_at, tz) },
      { label: t(L, 'receipt.field.officer'), value: c.registered_by_name ?? '-' },
    ]);
    doc.moveDown(0.8);
    setWeight(doc, 'regular').fontSize(10).text(
      c.pin_from_nik ? t(L, 'receipt.track_with_nik', { url: trackPage }) : t(L, 'receipt.track_with_pin', { url: trackPage, pin: c.track_pin }),
      PAGE.margin, doc.y, { width, align: 'justify' },
    );
    doc.moveDown(0.8);
    await drawQr(doc, trackUrl, t(L, 'receipt.qr_caption'));
  });
  return { pdf, fileName: `tanda-terima-${c.code}.pdf` };
}
