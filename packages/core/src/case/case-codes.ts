import type { Locale } from '../i18n/locale.ts';

/**
 * The code lists of intake and case work. Codes are stable lower snake case English words
 * (the API speaks them); labels are for screens and letters. Kept here, beside the rules
 * that use them, so the server, the letters and the web share one list.
 */
export interface CaseCode<C extends string = string> {
  readonly code: C;
  readonly id: string;
  readonly en: string;
}

/** One row of a code table: the code, its Bahasa Indonesia label, its English label. */
type CodeRow<C extends string> = readonly [code: C, id: string, en: string];

/** A code list from its table: the labelled entries and the codes in order (for `z.enum`). */
export function caseCodeList<const C extends string>(rows: readonly [CodeRow<C>, ...Array<CodeRow<C>>]) {
  const entries: ReadonlyArray<CaseCode<C>> = rows.map(([code, id, en]) => ({ code, id, en }));
  return { entries, codes: rows.map(([code]) => code) as unknown as readonly [C, ...C[]] };
}

/** Every code list of intake and case work, one table each: `[code, Bahasa Indonesia, English]`. */
const CASE_CODE_TABLES = {
  /** Sectors of a need (process.md: kinds of complaint). */
  sector: [
    ['health', 'Kesehatan', 'Health'],
    ['education', 'Pendidikan', 'Education'],
    ['social_assistance', 'Bantuan sosial', 'Social assistance'],
    ['economy_employment', 'Ekonomi dan ketenagakerjaan', 'Economy and employment'],
    ['housing', 'Perumahan', 'Housing'],
    ['civil_documents', 'Administrasi kependudukan', 'Civil documents'],
    ['disability', 'Disabilitas', 'Disability'],
    ['elderly', 'Lanjut usia', 'Elderly'],
    ['child_protection', 'Perlindungan anak', 'Child protection'],
    ['violence_abuse', 'Kekerasan dan penelantaran', 'Violence and abuse'],
    ['disaster', 'Kebencanaan', 'Disaster'],
    ['other', 'Lainnya', 'Other'],
  ],
  /** Urgency of a need, most urgent first. Sets the case's deadline to first action (sla.ts). */
  urgency: [
    ['emergency', 'Darurat', 'Emergency'],
    ['high', 'Tinggi', 'High'],
    ['normal', 'Biasa', 'Normal'],
  ],
  /** How the resident reached the one door. */
  channel: [
    ['walk_in_puskesos', 'Datang ke Puskesos', 'Walk-in at the Puskesos'],
    ['walk_in_slrt', 'Datang ke kantor SLRT', 'Walk-in at the SLRT office'],
    ['facilitator_visit', 'Kunjungan fasilitator', 'Facilitator visit'],
    ['phone_whatsapp', 'Telepon/WhatsApp', 'Phone/WhatsApp'],
    ['agency_referral', 'Rujukan instansi', 'Referred by an agency'],
    ['online', 'Daring', 'Online'],
    ['targeting_list', 'Daftar sasaran program', 'Program targeting list'],
  ],
  /** The ministry application's three kinds of keluhan. */
  kind: [
    ['question', 'Pertanyaan', 'Question'],
    ['suggestion', 'Saran', 'Suggestion'],
    ['complaint', 'Pengaduan', 'Complaint'],
  ],
  /** Why a resident is served on the fast track (process.md, Registration). */
  fast_track_reason: [
    ['pregnant_breastfeeding', 'Hamil atau menyusui', 'Pregnant or breastfeeding'],
    ['elderly', 'Lanjut usia', 'Elderly'],
    ['disability', 'Penyandang disabilitas', 'Person with a disability'],
    ['violence_women_children', 'Korban kekerasan terhadap perempuan dan anak', 'Violence against women and children'],
    ['urgent_health', 'Kesehatan mendesak', 'Urgent health'],
  ],
  /** Where a case is handled: the escalation ladder of Kabupaten Bandung. */
  level: [
    ['village', 'Desa/kelurahan', 'Village'],
    ['kecamatan', 'Kecamatan', 'Kecamatan'],
    ['kabupaten', 'Kabupaten (SLRT)', 'Kabupaten (SLRT)'],
  ],
  /** Legal basis of processing the case's personal data (UU 27/2022 art. 20 (2)). */
  legal_basis: [
    ['public_task', 'Pelaksanaan tugas pelayanan publik (Permensos 15/2018)', 'Public service task (Permensos 15/2018)'],
    ['legal_obligation', 'Pemenuhan kewajiban hukum', 'Legal obligation'],
    ['vital_interest', 'Perlindungan kepentingan vital', 'Vital interest'],
    ['consent', 'Persetujuan subjek data', 'Consent of the data subject'],
  ],
  /** What a recorded consent covers, where consent is the basis (beyond the service itself). */
  consent_purpose: [
    ['share_with_partners', 'Berbagi data dengan mitra penyedia layanan', 'Share data with partner service providers'],
    ['photo_documentation', 'Foto untuk dokumentasi di luar layanan', 'Photos used beyond the service'],
    ['contact_followup', 'Dihubungi untuk tindak lanjut', 'Contact for follow-up'],
    ['other', 'Lainnya', 'Other'],
  ],
  consent_method: [
    ['signature', 'Tanda tangan', 'Signature'],
    ['thumbprint', 'Cap jempol', 'Thumbprint'],
    ['verbal', 'Lisan, dicatat petugas', 'Verbal, recorded by the officer'],
  ],
  /** The service decision of the Koordinator Puskesos or the Manajer SLRT. */
  decision: [
    ['refer', 'Dirujuk ke mitra layanan', 'Refer to a partner service'],
    ['handle_directly', 'Ditangani langsung', 'Handle directly'],
    ['reject', 'Ditolak', 'Rejected'],
  ],
  /** Why a case closed without being resolved. */
  close_reason: [
    ['answered_at_front_office', 'Selesai di kantor depan dengan umpan balik', 'Answered at the front office'],
    ['rejected', 'Ditolak pada penetapan layanan', 'Rejected at the service decision'],
    ['withdrawn', 'Dicabut oleh warga', 'Withdrawn by the resident'],
    ['duplicate', 'Duplikat kasus lain', 'Duplicate of another case'],
    ['unreachable', 'Warga tidak dapat dihubungi', 'Resident unreachable'],
    ['not_eligible', 'Tidak memenuhi syarat', 'Not eligible'],
    ['out_of_jurisdiction', 'Di luar kewenangan', 'Outside our jurisdiction'],
    ['deceased', 'Warga meninggal dunia', 'Resident deceased'],
    ['other', 'Lainnya', 'Other'],
  ],
  /** Status of one need. Referrals (issue 5) move it; `resolved`/`closed` are done. */
  need_status: [
    ['open', 'Terbuka', 'Open'],
    ['in_progress', 'Sedang ditangani', 'In progress'],
    ['resolved', 'Terselesaikan', 'Resolved'],
    ['closed', 'Ditutup', 'Closed'],
  ],
  /** Outcome of a field verification (home visit). */
  verification_outcome: [
    ['confirmed', 'Kondisi sesuai keterangan', 'Situation confirmed'],
    ['not_confirmed', 'Kondisi tidak sesuai keterangan', 'Situation not confirmed'],
    ['registry_update_needed', 'Data registri perlu diperbarui', 'Registry data needs an update'],
  ],
  /** Kinds of attachment at intake (documents the resident shows). */
  case_document_kind: [
    ['ktp', 'KTP', 'Identity card (KTP)'],
    ['kk', 'Kartu Keluarga', 'Family card (KK)'],
    ['sktm', 'Surat Keterangan Tidak Mampu', 'Certificate of low income (SKTM)'],
    ['medical_letter', 'Surat keterangan medis', 'Medical letter'],
    ['house_photo', 'Foto rumah', 'Photo of the house'],
    ['other', 'Dokumen lain', 'Other document'],
  ],
} as const satisfies Record<string, readonly [CodeRow<string>, ...Array<CodeRow<string>>]>;

export type CaseCodeListName = keyof typeof CASE_CODE_TABLES;
type CaseCodeOf<L extends CaseCodeListName> = (typeof CASE_CODE_TABLES)[L][number][0];

/** The labelled entries of each list, by name. */
export const CASE_CODE_LISTS = Object.fromEntries(
  Object.entries(CASE_CODE_TABLES).map(([name, rows]) => [name, caseCodeList(rows).entries]),
) as { readonly [L in CaseCodeListName]: ReadonlyArray<CaseCode<CaseCodeOf<L>>> };

function codesOfCaseList<L extends CaseCodeListName>(name: L) {
  return CASE_CODE_TABLES[name].map(([code]) => code) as unknown as readonly [CaseCodeOf<L>, ...Array<CaseCodeOf<L>>];
}

// The codes of each list and their types, under the names the schemas and screens import.
export const SECTORS = codesOfCaseList('sector');
export const URGENCIES = codesOfCaseList('urgency');
export const CHANNELS = codesOfCaseList('channel');
export const CASE_KINDS = codesOfCaseList('kind');
export const FAST_TRACK_REASONS = codesOfCaseList('fast_track_reason');
export const CASE_LEVELS = codesOfCaseList('level');
export const LEGAL_BASES = codesOfCaseList('legal_basis');
export const CONSENT_PURPOSES = codesOfCaseList('consent_purpose');
export const CONSENT_METHODS = codesOfCaseList('consent_method');
export const DECISIONS = codesOfCaseList('decision');
export const CLOSE_REASONS = codesOfCaseList('close_reason');
export const NEED_STATUSES = codesOfCaseList('need_status');
export const VERIFICATION_OUTCOMES = codesOfCaseList('verification_outcome');
export const CASE_DOCUMENT_KINDS = codesOfCaseList('case_document_kind');
export type Sector = CaseCodeOf<'sector'>;
export type Urgency = CaseCodeOf<'urgency'>;
export type Channel = CaseCodeOf<'channel'>;
export type CaseKind = CaseCodeOf<'kind'>;
export type FastTrackReason = CaseCodeOf<'fast_track_reason'>;
export type CaseLevel = CaseCodeOf<'level'>;
export type LegalBasis = CaseCodeOf<'legal_basis'>;
export type ConsentPurpose = CaseCodeOf<'consent_purpose'>;
export type ConsentMethod = CaseCodeOf<'consent_method'>;
export type Decision = CaseCodeOf<'decision'>;
export type CloseReason = CaseCodeOf<'close_reason'>;
export type NeedStatus = CaseCodeOf<'need_status'>;
export type VerificationOutcome = CaseCodeOf<'verification_outcome'>;
export type CaseDocumentKind = CaseCodeOf<'case_document_kind'>;

/** Reasons an officer may pick with the `close` action (the others are set by other actions). */
export const MANUAL_CLOSE_REASONS = ['withdrawn', 'duplicate', 'unreachable', 'not_eligible', 'out_of_jurisdiction', 'deceased', 'other'] as const satisfies readonly CloseReason[];
export const NEED_DONE_STATUSES: readonly NeedStatus[] = ['resolved', 'closed'];
/** The need statuses with their labels (the browser tests read a label). */
export const NEED_STATUS_LIST = { entries: CASE_CODE_LISTS.need_status };

/** The worklists: new, assigned to me, waiting for my decision, overdue, escalated to my level, open, all. */
/** `returned`: cases with a need handed back by a declined referral, to be referred anew or decided otherwise. */
export const CASE_LISTS = ['new', 'mine', 'decide', 'returned', 'overdue', 'escalated', 'open', 'all'] as const;
export type CaseListName = (typeof CASE_LISTS)[number];

/** The label of a code in a language; the code itself when unknown (a gap shows, not a blank). */
export function caseCodeLabel(listName: CaseCodeListName, code: string, locale: Locale): string {
  const entry = (CASE_CODE_LISTS[listName] as ReadonlyArray<CaseCode>).find((e) => e.code === code);
  return entry ? entry[locale] : code;
}

/** Age from which a resident counts as elderly (lanjut usia, UU 13/1998). */
export const ELDERLY_AGE = 60;

/**
 * Fast-track reasons the record contradicts, where the record can tell: "elderly" for a
 * resident younger than 60 by their birth date; "pregnant or breastfeeding" for a man;
 * "disability" when the registry's disability indicators are recorded and show no difficulty.
 * Unknown facts (no birth date, no indicators) contradict nothing. Returns the index of each
 * contradicted reason and its catalog key; an officer may still keep them with a typed override.
 */
export function fastTrackProblems(
  reasons: readonly FastTrackReason[],
  person: { birthDate: string | null; sex: 'M' | 'F' | null; disability: Record<string, string> | null | undefined },
  today: string,
): Array<{ index: number; key: 'case.fast_track_not_elderly' | 'case.fast_track_not_pregnant' | 'case.fast_track_no_disability' }> {
  const out: Array<{ index: number; key: 'case.fast_track_not_elderly' | 'case.fast_track_not_pregnant' | 'case.fast_track_no_disability' }> = [];
  reasons.forEach((reason, index) => {
    if (reason === 'elderly' && person.birthDate) {
      const [by, bm, bd] = person.birthDate.split('-').map(Number) as [number, number, number];
      const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
      const age = ty - by - (tm > bm || (tm === bm && td >= bd) ? 0 : 1);
      if (age < ELDERLY_AGE) out.push({ index, key: 'case.fast_track_not_elderly' });
    }
    if (reason === 'pregnant_breastfeeding' && person.sex === 'M') out.push({ index, key: 'case.fast_track_not_pregnant' });
    if (reason === 'disability' && person.disability && Object.values(person.disability).every((s) => s === 'none')) {
      out.push({ index, key: 'case.fast_track_no_disability' });
    }
  });
  return out;
}
