import { DOCUMENT_MAX_BYTES } from '@slrt/core';
import { API_BASE, apiFetch } from '../../api/client.ts';
import { useUser } from '../../api/session.tsx';
import { useSearchParam } from '../../app/router.tsx';

/** Documents of a Puskesos record: funding lines (`puskesos-funding`) and visits (`puskesos-visits`). */
export type PuskesosDocumentOwner = 'puskesos-funding' | 'puskesos-visits';

export const puskesosDocuments = {
  url: (owner: PuskesosDocumentOwner, id: string, documentId: string) => `${API_BASE}/${owner}/${id}/documents/${documentId}`,
  upload: (owner: PuskesosDocumentOwner, id: string, kind: string, file: File) => {
    const body = new FormData();
    body.append('file', file);
    return apiFetch('POST', `/${owner}/${id}/documents`, { query: { kind }, body });
  },
  tooBig: (file: File) => file.size > DOCUMENT_MAX_BYTES,
};

/** The village a Puskesos page is about: `?desa=`, else the user's own village, else none. */
export function useVillage(): string | null {
  const user = useUser();
  const own = user.roles.map((r) => r.areaCode).find((c) => c?.split('.').length === 4);
  return useSearchParam('desa') ?? own ?? null;
}

/** Today in the browser's calendar, YYYY-MM-DD (the default of date fields). */
export function todayText(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
