import type { CaseListName, CaseListQuery, OrganizationType, PersonSearchQuery, ProposalQueue, ProposalStatus, ProposalType, Sector, ServiceSector } from '@slrt/core';
import type { ReferralTab } from '../features/referrals/tabs.ts';

/**
 * The web's own page URLs with their queries, one typed builder a page: a link or a
 * `navigate` names the page and its parameters, never writes `?name=value` by hand. The
 * parameters are in Indonesian, as the address bar shows them; where a page's filter is a
 * server query's, its values take that query's type from `@slrt/core`.
 */
type QueryValue = string | number | null | undefined;

/** `path` with the parameters that have a value (undefined, null and '' are left out), in their order. */
function pageUrl(path: string, query: Readonly<Record<string, QueryValue>> = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

const id = (value: string) => encodeURIComponent(value);

/** `/registri`: by NIK, by KK, or by name (`q`) with the area and the birth year (`tahun`). */
export const registryUrl = (q: Pick<PersonSearchQuery, 'nik' | 'kk' | 'q' | 'area'> & { tahun?: string }) =>
  pageUrl('/registri', { nik: q.nik, kk: q.kk, q: q.q, area: q.area, tahun: q.tahun });

/** `/direktori`: services or organizations, by sector (`sektor`), type (`jenis`) and words. */
export const directoryUrl = (q: { tab?: 'layanan' | 'organisasi'; sektor?: ServiceSector | ''; jenis?: OrganizationType | ''; q?: string }) =>
  pageUrl('/direktori', { tab: q.tab, sektor: q.sektor, jenis: q.jenis, q: q.q });

/** `/direktori/layanan/baru`: a new service, of an organization when `organisasi` is given. */
export const newServiceUrl = (q: { organisasi?: string }) => pageUrl('/direktori/layanan/baru', q);

/** `/kasus`: a work list (`daftar`), by sector and area (`wilayah`). */
export const caseListUrl = (q: { daftar?: CaseListName; sektor?: Sector | ''; wilayah?: CaseListQuery['area'] }) =>
  pageUrl('/kasus', { daftar: q.daftar, sektor: q.sektor, wilayah: q.wilayah });

/** `/kasus/papan`: the case board of an area (`wilayah`), the caller's own without one. */
export const caseBoardUrl = (q: { wilayah?: string }) => pageUrl('/kasus/papan', q);

/** `/kasus/:id/tanda-terima`: the receipt, saying how many attachments failed to upload (`gagal`). */
export const caseReceiptUrl = (caseId: string, q: { gagal?: number } = {}) => pageUrl(`/kasus/${id(caseId)}/tanda-terima`, q);

/** `/rujukan`: a tab of the referral list, by partner organization (`mitra`). */
export const referralListUrl = (q: { tab?: ReferralTab; mitra?: string }) => pageUrl('/rujukan', { tab: q.tab, mitra: q.mitra });

/** `/rujukan/baru`: refer one need (`kebutuhan`) of a case (`kasus`). */
export const newReferralUrl = (q: { kasus: string; kebutuhan: string }) => pageUrl('/rujukan/baru', { kasus: q.kasus, kebutuhan: q.kebutuhan });

/** `/rujukan/:id`, with the "sent" notice (`baru=1`) right after creating it. */
export const referralUrl = (referralId: string, q: { baru?: 1 } = {}) => pageUrl(`/rujukan/${id(referralId)}`, q);

/** `/usulan`: a queue (`daftar`), by area (`wilayah`), overdue only (`terlambat=1`). */
export const proposalListUrl = (q: { daftar?: ProposalQueue | 'all'; wilayah?: string; terlambat?: 1 }) =>
  pageUrl('/usulan', { daftar: q.daftar, wilayah: q.wilayah, terlambat: q.terlambat });

/** `/usulan/baru`: a proposal of a kind (`jenis`) about a household, a person or a new household (`baru=1`). */
export const newProposalUrl = (q: { jenis: ProposalType; rumahTangga?: string; orang?: string; baru?: 1 }) =>
  pageUrl('/usulan/baru', { jenis: q.jenis, rumahTangga: q.rumahTangga, orang: q.orang, baru: q.baru });

/** `/usulan/:id`, with the notice of the verdict just saved (`hasil`). */
export const proposalUrl = (proposalId: string, q: { hasil?: ProposalStatus } = {}) => pageUrl(`/usulan/${id(proposalId)}`, q);


/** `/usulan/rekap`: the proposals' progress at a level (`tingkat`). */
export const proposalProgressUrl = (q: { tingkat?: string }) => pageUrl('/usulan/rekap', q);

/** `/mitra/rujukan`: a tab of a partner's referral inbox. */
export const partnerInboxUrl = (q: { tab?: string }) => pageUrl('/mitra/rujukan', q);

/** The Puskesos pages of one village (`desa`): its profile, and the pages below it. */
export const puskesosUrl = (page: '' | 'ubah' | 'dana' | 'petugas' | 'kunjungan', desa: string) => pageUrl(page ? `/puskesos/${page}` : '/puskesos', { desa });

/** The pages of an area (`wilayah`): Puskesos equity and training gaps, the report, the programs' dashboard. */
export const areaPageUrl = (page: '/puskesos/kesetaraan' | '/puskesos/pelatihan' | '/laporan' | '/program/dasbor', wilayah: string) => pageUrl(page, { wilayah });

/** `/admin/pengguna`, pointing at the account just created (`baru`). */
export const usersUrl = (q: { baru?: string }) => pageUrl('/admin/pengguna', q);
