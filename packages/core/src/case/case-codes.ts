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

function list<const C extends string>(entries: ReadonlyArray<CaseCode<C>>) {
  return { entries, codes: entries.map((e) => e.code) as unknown as readonly [C, ...C[]] };
}

/** Sectors of a need (process.md: kinds of complaint). */
export const SECTOR_LIST = list([
  { code: 'health', id: 'Kesehatan', en: 'Health' },
  { code: 'education', id: 'Pendidikan', en: 'Education' },
  { code: 'social_assistance', id: 'Bantuan sosial', en: 'Social assistance' },
  { code: 'economy_employment', id: 'Ekonomi dan ketenagakerjaan', en: 'Economy and employment' },
  { code: 'housing', id: 'Perumahan', en: 'Housing' },
  { code: 'civil_documents', id: 'Administrasi kependudukan', en: 'Civil documents' },
  { code: 'disability', id: 'Disabilitas', en: 'Disability' },
  { code: 'elderly', id: 'Lanjut usia', en: 'Elderly' },
  { code: 'child_protection', id: 'Perlindungan anak', en: 'Child protection' },
  { code: 'violence_abuse', id: 'Kekerasan dan penelantaran', en: 'Violence and abuse' },
  { code: 'disaster', id: 'Kebencanaan', en: 'Disaster' },
  { code: 'other', id: 'Lainnya', en: 'Other' },
]);
export const SECTORS = SECTOR_LIST.codes;
export type Sector = (typeof SECTORS)[number];

/** Urgency of a need, most urgent first. Sets the case's deadline to first action (sla.ts). */
export const URGENCY_LIST = list([
  { code: 'emergency', id: 'Darurat', en: 'Emergency' },
  { code: 'high', id: 'Tinggi', en: 'High' },
  { code: 'normal', id: 'Biasa', en: 'Normal' },
]);
export const URGENCIES = URGENCY_LIST.codes;
export type Urgency = (typeof URGENCIES)[number];

/** How the resident reached the one door. */
export const CHANNEL_LIST = list([
  { code: 'walk_in_puskesos', id: 'Datang ke Puskesos', en: 'Walk-in at the Puskesos' },
  { code: 'walk_in_slrt', id: 'Datang ke kantor SLRT', en: 'Walk-in at the SLRT office' },
  { code: 'facilitator_visit', id: 'Kunjungan fasilitator', en: 'Facilitator visit' },
  { code: 'phone_whatsapp', id: 'Telepon/WhatsApp', en: 'Phone/WhatsApp' },
  { code: 'agency_referral', id: 'Rujukan instansi', en: 'Referred by an agency' },
  { code: 'online', id: 'Daring', en: 'Online' },
  { code: 'targeting_list', id: 'Daftar sasaran program', en: 'Program targeting list' },
]);
export const CHANNELS = CHANNEL_LIST.codes;
export type Channel = (typeof CHANNELS)[number];

/** The ministry application's three kinds of keluhan. */
export const CASE_KIND_LIST = list([
  { code: 'question', id: 'Pertanyaan', en: 'Question' },
  { code: 'suggestion', id: 'Saran', en: 'Suggestion' },
  { code: 'complaint', id: 'Pengaduan', en: 'Complaint' },
]);
export const CASE_KINDS = CASE_KIND_LIST.codes;
export type CaseKind = (typeof CASE_KINDS)[number];

/** Why a resident is served on the fast track (process.md, Registration). */
export const FAST_TRACK_REASON_LIST = list([
  { code: 'pregnant_breastfeeding', id: 'Hamil atau menyusui', en: 'Pregnant or breastfeeding' },
  { code: 'elderly', id: 'Lanjut usia', en: 'Elderly' },
  { code: 'disability', id: 'Penyandang disabilitas', en: 'Person with a disability' },
  { code: 'violence_women_children', id: 'Korban kekerasan terhadap perempuan dan anak', en: 'Violence against women and children' },
  { code: 'urgent_health', id: 'Kesehatan mendesak', en: 'Urgent health' },
]);
export const FAST_TRACK_REASONS = FAST_TRACK_REASON_LIST.codes;
export type FastTrackReason = (typeof FAST_TRACK_REASONS)[number];

/** Where a case is handled: the escalation ladder of Kabupaten Bandung. */
export const CASE_LEVEL_LIST = list([
  { code: 'village', id: 'Desa/kelurahan', en: 'Village' },
  { code: 'kecamatan', id: 'Kecamatan', en: 'Kecamatan' },
  { code: 'kabupaten', id: 'Kabupaten (SLRT)', en: 'Kabupaten (SLRT)' },
]);
export const CASE_LEVELS = CASE_LEVEL_LIST.codes;
export type CaseLevel = (typeof CASE_LEVELS)[number];

/** Legal basis of processing the case's personal data (UU 27/2022 art. 20 (2)). */
export const LEGAL_BASIS_LIST = list([
  { code: 'public_task', id: 'Pelaksanaan tugas pelayanan publik (Permensos 15/2018)', en: 'Public service task (Permensos 15/2018)' },
  { code: 'legal_obligation', id: 'Pemenuhan kewajiban hukum', en: 'Legal obligation' },
  { code: 'vital_interest', id: 'Perlindungan kepentingan vital', en: 'Vital interest' },
  { code: 'consent', id: 'Persetujuan subjek data', en: 'Consent of the data subject' },
]);
export const LEGAL_BASES = LEGAL_BASIS_LIST.codes;
export type LegalBasis = (typeof LEGAL_BASES)[number];

/** What a recorded consent covers, where consent is the basis (beyond the service itself). */
export const CONSENT_PURPOSE_LIST = list([
  { code: 'share_with_partners', id: 'Berbagi data dengan mitra penyedia layanan', en: 'Share data with partner service providers' },
  { code: 'photo_documentation', id: 'Foto untuk dokumentasi di luar layanan', en: 'Photos used beyond the service' },
  { code: 'contact_followup', id: 'Dihubungi untuk tindak lanjut', en: 'Contact for follow-up' },
  { code: 'other', id: 'Lainnya', en: 'Other' },
]);
export const CONSENT_PURPOSES = CONSENT_PURPOSE_LIST.codes;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

export const CONSENT_METHOD_LIST = list([
  { code: 'signature', id: 'Tanda tangan', en: 'Signature' },
  { code: 'thumbprint', id: 'Cap jempol', en: 'Thumbprint' },
  { code: 'verbal', id: 'Lisan, dicatat petugas', en: 'Verbal, recorded by the officer' },
]);
export const CONSENT_METHODS = CONSENT_METHOD_LIST.codes;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];

/** The service decision of the Koordinator Puskesos or the Manajer SLRT. */
export const DECISION_LIST = list([
  { code: 'refer', id: 'Dirujuk ke mitra layanan', en: 'Refer to a partner service' },
  { code: 'handle_directly', id: 'Ditangani langsung', en: 'Handle directly' },
  { code: 'reject', id: 'Ditolak', en: 'Rejected' },
]);
export const DECISIONS = DECISION_LIST.codes;
export type Decision = (typeof DECISIONS)[number];

/** Why a case closed without being resolved. */
export const CLOSE_REASON_LIST = list([
  { code: 'answered_at_front_office', id: 'Selesai di kantor depan dengan umpan balik', en: 'Answered at the front office' },
  { code: 'rejected', id: 'Ditolak pada penetapan layanan', en: 'Rejected at the service decision' },
  { code: 'withdrawn', id: 'Dicabut oleh warga', en: 'Withdrawn by the resident' },
  { code: 'duplicate', id: 'Duplikat kasus lain', en: 'Duplicate of another case' },
  { code: 'unreachable', id: 'Warga tidak dapat dihubungi', en: 'Resident unreachable' },
  { code: 'not_eligible', id: 'Tidak memenuhi syarat', en: 'Not eligible' },
  { code: 'out_of_jurisdiction', id: 'Di luar kewenangan', en: 'Outside our jurisdiction' },
  { code: 'deceased', id: 'Warga meninggal dunia', en: 'Resident deceased' },
  { code: 'other', id: 'Lainnya', en: 'Other' },
]);
export const CLOSE_REASONS = CLOSE_REASON_LIST.codes;
export type CloseReason = (typeof CLOSE_REASONS)[number];
/** Reasons an officer may pick with the `close` action (the others are set by other actions). */
export const MANUAL_CLOSE_REASONS = ['withdrawn', 'duplicate', 'unreachable', 'not_eligible', 'out_of_jurisdiction', 'deceased', 'other'] as const satisfies readonly CloseReason[];

/** Status of one need. Referrals (issue 5) move it; `resolved`/`closed` are done. */
export const NEED_STATUS_LIST = list([
  { code: 'open', id: 'Terbuka', en: 'Open' },
  { code: 'in_progress', id: 'Sedang ditangani', en: 'In progress' },
  { code: 'resolved', id: 'Terselesaikan', en: 'Resolved' },
  { code: 'closed', id: 'Ditutup', en: 'Closed' },
]);
export const NEED_STATUSES = NEED_STATUS_LIST.codes;
export type NeedStatus = (typeof NEED_STATUSES)[number];
export const NEED_DONE_STATUSES: readonly NeedStatus[] = ['resolved', 'closed'];

/** Outcome of a field verification (home visit). */
export const VERIFICATION_OUTCOME_LIST = list([
  { code: 'confirmed', id: 'Kondisi sesuai keterangan', en: 'Situation confirmed' },
  { code: 'not_confirmed', id: 'Kondisi tidak sesuai keterangan', en: 'Situation not confirmed' },
  { code: 'registry_update_needed', id: 'Data registri perlu diperbarui', en: 'Registry data needs an update' },
]);
export const VERIFICATION_OUTCOMES = VERIFICATION_OUTCOME_LIST.codes;
export type VerificationOutcome = (typeof VERIFICATION_OUTCOMES)[number];

/** Kinds of attachment at intake (documents the resident shows). */
export const CASE_DOCUMENT_KIND_LIST = list([
  { code: 'ktp', id: 'KTP', en: 'Identity card (KTP)' },
  { code: 'kk', id: 'Kartu Keluarga', en: 'Family card (KK)' },
  { code: 'sktm', id: 'Surat Keterangan Tidak Mampu', en: 'Certificate of low income (SKTM)' },
  { code: 'medical_letter', id: 'Surat keterangan medis', en: 'Medical letter' },
  { code: 'house_photo', id: 'Foto rumah', en: 'Photo of the house' },
  { code: 'other', id: 'Dokumen lain', en: 'Other document' },
]);
export const CASE_DOCUMENT_KINDS = CASE_DOCUMENT_KIND_LIST.codes;
export type CaseDocumentKind = (typeof CASE_DOCUMENT_KINDS)[number];

/** The worklists: new, assigned to me, waiting for my decision, overdue, escalated to my level, open, all. */
/** `returned`: cases with a need handed back by a declined referral, to be referred anew or decided otherwise. */
export const CASE_LISTS = ['new', 'mine', 'decide', 'returned', 'overdue', 'escalated', 'open', 'all'] as const;
export type CaseListName = (typeof CASE_LISTS)[number];

export const CASE_CODE_LISTS = {
  sector: SECTOR_LIST.entries,
  urgency: URGENCY_LIST.entries,
  channel: CHANNEL_LIST.entries,
  kind: CASE_KIND_LIST.entries,
  fast_track_reason: FAST_TRACK_REASON_LIST.entries,
  level: CASE_LEVEL_LIST.entries,
  legal_basis: LEGAL_BASIS_LIST.entries,
  consent_purpose: CONSENT_PURPOSE_LIST.entries,
  consent_method: CONSENT_METHOD_LIST.entries,
  decision: DECISION_LIST.entries,
  close_reason: CLOSE_REASON_LIST.entries,
  need_status: NEED_STATUS_LIST.entries,
  verification_outcome: VERIFICATION_OUTCOME_LIST.entries,
  case_document_kind: CASE_DOCUMENT_KIND_LIST.entries,
} as const;
export type CaseCodeListName = keyof typeof CASE_CODE_LISTS;

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
