import type {
  CompleteReferralInput, CreateReferralInput, DocumentView, LinkHolder, NotificationsRead, Ok, ReferralCreated, ReferralLetterIssued,
  ReferralLinkCreated, ReferralLinkList, ReferralListItem, ReferralSummary, ReferralTracking, ReferralView,
} from '@slrt/core';
import { api, apiUpload, type UploadOptions } from '../../api/client.ts';

export type { ReferralCreated, ReferralListItem, ReferralSummary, ReferralView };

const enc = encodeURIComponent;

/** The referral API as the pages use it; shapes are core's response schemas. */
export const referralApi = {
  create: (body: CreateReferralInput) => api.post<ReferralCreated>('/referrals', body),
  get: (id: string) => api.get<ReferralView>(`/referrals/${enc(id)}`),
  accept: (id: string, notes?: string) => api.post<ReferralView>(`/referrals/${enc(id)}/accept`, notes ? { notes } : {}),
  start: (id: string, notes?: string) => api.post<ReferralView>(`/referrals/${enc(id)}/start`, notes ? { notes } : {}),
  decline: (id: string, reason: string) => api.post<ReferralView>(`/referrals/${enc(id)}/decline`, { reason }),
  complete: (id: string, body: CompleteReferralInput) => api.post<ReferralView>(`/referrals/${enc(id)}/complete`, body),
  cancel: (id: string, reason: string) => api.post<ReferralView>(`/referrals/${enc(id)}/cancel`, { reason }),
  issueLetter: (id: string) => api.post<ReferralLetterIssued>(`/referrals/${enc(id)}/letter`, {}),
  links: (id: string) => api.get<ReferralLinkList>(`/referrals/${enc(id)}/links`),
  createLink: (id: string, expiresInDays: number) => api.post<ReferralLinkCreated>(`/referrals/${enc(id)}/links`, { expiresInDays }),
  revokeLink: (id: string, linkId: string) => api.post<Ok>(`/referrals/${enc(id)}/links/${enc(linkId)}/revoke`, {}),
  uploadEvidence: (id: string, file: File, options?: UploadOptions) =>
    apiUpload<DocumentView>(`/referrals/${enc(id)}/documents`, { kind: 'evidence' }, file, file.name, options),
  // the signed link of a partner without an account
  viaLink: (token: string) => api.get<ReferralView>(`/referral-links/${enc(token)}`),
  acceptViaLink: (token: string, actedBy: LinkHolder) => api.post<ReferralView>(`/referral-links/${enc(token)}/accept`, { actedBy }),
  declineViaLink: (token: string, reason: string, actedBy: LinkHolder) => api.post<ReferralView>(`/referral-links/${enc(token)}/decline`, { reason, actedBy }),
  completeViaLink: (token: string, body: { outcome: CompleteReferralInput['outcome']; notes?: string; documentIds?: string[]; actedBy: LinkHolder }) =>
    api.post<ReferralView>(`/referral-links/${enc(token)}/complete`, body),
  /** The link's one piece of evidence (the same file again answers the first). */
  uploadEvidenceViaLink: (token: string, file: File, options?: UploadOptions) =>
    apiUpload<DocumentView>(`/referral-links/${enc(token)}/documents`, { kind: 'evidence' }, file, file.name, options),
  track: (code: string) => api.get<ReferralTracking>(`/public/referrals/${enc(code)}`),
};

export const letterPdfUrl = (id: string) => `/api/v1/referrals/${enc(id)}/letter.pdf`;
export const evidenceUrl = (id: string, documentId: string) => `/api/v1/referrals/${enc(id)}/documents/${enc(documentId)}`;

export const notificationApi = {
  read: (id: string) => api.post<Ok>(`/notifications/${enc(id)}/read`, {}),
  readAll: () => api.post<NotificationsRead>('/notifications/read-all', {}),
};
