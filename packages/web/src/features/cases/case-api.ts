import type { AssigneeList, CaseCounts, CaseSummary, CaseTransferResult, CaseView, DocumentView, LetterDetail } from '@slrt/core';
import { api, apiFetch, apiUpload, type UploadOptions } from '../../api/client.ts';

/** The case API as the pages use it; the shapes are core's response schemas. */
export type { CaseCounts, CaseSummary, CaseTransferResult, CaseView, DocumentView, LetterDetail };

export const caseApi = {
  get: (id: string) => api.get<CaseView>(`/cases/${encodeURIComponent(id)}`),
  action: (id: string, action: string, body: unknown) => api.post<CaseView>(`/cases/${encodeURIComponent(id)}/${action.replaceAll('_', '-')}`, body),
  /** To another village's Puskesos; `case` is null when the caller no longer covers the case there. */
  transfer: (id: string, body: { villageCode: string; reason: string }) => api.post<CaseTransferResult>(`/cases/${encodeURIComponent(id)}/transfer`, body),
  note: (id: string, text: string) => api.post<CaseView>(`/cases/${encodeURIComponent(id)}/notes`, { text }),
  assign: (id: string, assigneeId: string | null) => api.post<CaseView>(`/cases/${encodeURIComponent(id)}/assign`, { assigneeId }),
  assignees: (id: string) => api.get<AssigneeList>(`/cases/${encodeURIComponent(id)}/assignees`),
  needStatus: (id: string, needId: string, status: string) => api.post<CaseView>(`/cases/${encodeURIComponent(id)}/needs/${encodeURIComponent(needId)}/status`, { status }),
  issueLetter: (id: string, kind: 'recommendation' | 'registry_certificate') => api.post<LetterDetail>(`/cases/${encodeURIComponent(id)}/letters`, { kind }),
  letter: (id: string, letterId: string) => api.get<LetterDetail>(`/cases/${encodeURIComponent(id)}/letters/${encodeURIComponent(letterId)}`),
  upload: (id: string, kind: string, file: File, options?: UploadOptions) => apiUpload<DocumentView>(`/cases/${encodeURIComponent(id)}/documents`, { kind }, file, file.name, options),
  async exportCsv(body: { ids?: string[]; list?: string }): Promise<Blob> {
    return (await apiFetch('POST', '/cases/export', { body })).blob();
  },
};

export const receiptPdfUrl = (id: string) => `/api/v1/cases/${encodeURIComponent(id)}/receipt.pdf`;
export const letterPdfUrl = (id: string, letterId: string) => `/api/v1/cases/${encodeURIComponent(id)}/letters/${encodeURIComponent(letterId)}/pdf`;
export const documentUrl = (id: string, documentId: string) => `/api/v1/cases/${encodeURIComponent(id)}/documents/${encodeURIComponent(documentId)}`;
