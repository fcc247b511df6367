import type {
  AnswerReport, BulkStepResult, ExportFormat, Locale, SubmissionExportQuery, CreateProposalInput, IntakeDraftsOpened, PrepareSubmissionInput, ProposalBulkInput, ProposalCreated, ProposalDetail, ProposalSettings,
  ProposalSettingsView, ProposalStepInput, ProposalStepResult, ProposalUserAction, ReviewRoundInput, RoundReviewed, RoundView, SubmissionView, SubmitRoundInput, VerificationInput, WorklistCounts,
} from '@slrt/core';
import { API_BASE, api, apiFetch, apiUpload, buildUrl, type UploadOptions } from '../../api/client.ts';

export type { ProposalDetail, RoundView, SubmissionView, WorklistCounts } from '@slrt/core';

function form(file: File): FormData {
  const data = new FormData();
  data.append('file', file);
  return data;
}

/** The proposals API (server: packages/server/src/proposals). */
export const proposalApi = {
  create: (input: CreateProposalInput) => api.post<ProposalCreated>('/proposals', input),
  get: (id: string) => api.get<ProposalDetail>(`/proposals/${id}`),
  step: (id: string, action: ProposalUserAction, body: ProposalStepInput | VerificationInput = {}) =>
    api.post<ProposalStepResult>(`/proposals/${id}/${action}`, body),
  bulk: (action: ProposalUserAction, ids: readonly string[], reason?: string) =>
    api.post<BulkStepResult>(`/proposals/bulk/${action}`, { ids: [...ids], ...(reason ? { reason } : {}) } satisfies ProposalBulkInput),
  openIntakeDrafts: () => api.post<IntakeDraftsOpened>('/proposals/intake-drafts', {}),
  upload: (id: string, kind: string, file: File, options?: UploadOptions) => apiUpload<unknown>(`/proposals/${id}/documents`, { kind }, file, file.name, options),
  documentUrl: (id: string, documentId: string) => `${API_BASE}/proposals/${id}/documents/${documentId}`,

  round: (id: string) => api.get<RoundView>(`/proposal-rounds/${id}`),
  roundUpload: (id: string, kind: string, file: File, options?: UploadOptions) => apiUpload<unknown>(`/proposal-rounds/${id}/documents`, { kind }, file, file.name, options),
  roundDocumentUrl: (id: string, documentId: string) => `${API_BASE}/proposal-rounds/${id}/documents/${documentId}`,
  submitRound: (id: string, input: SubmitRoundInput) => api.post<RoundView>(`/proposal-rounds/${id}/submit`, input),
  reviewRound: (id: string, note?: string) => api.post<RoundReviewed>(`/proposal-rounds/${id}/review`, (note ? { note } : {}) satisfies ReviewRoundInput),

  worklist: () => api.get<WorklistCounts>('/proposals/worklist'),
  settings: () => api.get<ProposalSettingsView>('/proposal-settings'),
  saveSettings: (s: ProposalSettings) => api.put<ProposalSettingsView>('/proposal-settings', s),

  prepareSubmission: (input: PrepareSubmissionInput) => api.post<SubmissionView>('/proposal-submissions', input),
  sendSubmission: (id: string) => api.post<SubmissionView>(`/proposal-submissions/${id}/send`, {}),
  exportUrl: (id: string, format: ExportFormat) => buildUrl(`/proposal-submissions/${id}/export`, { format } satisfies SubmissionExportQuery),
  /** The batch's readable companion (labels, in `lang`): for reading, never sent. */
  readableExportUrl: (id: string, format: ExportFormat, lang: Locale) => buildUrl(`/proposal-submissions/${id}/export`, { format, labels: '1', lang } satisfies SubmissionExportQuery),
  answer: async (id: string, file: File) => (await apiFetch('POST', `/proposal-submissions/${id}/answer`, { body: form(file) })).json() as Promise<AnswerReport>,
};
