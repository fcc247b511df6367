/**
 * Uploaded documents (KTP, KK, SKTM, medical letters, photos, referral evidence): the file
 * types accepted and the size limit, shared by the server (which decides) and the web (which
 * warns before uploading over a weak link).
 */
export const DOCUMENT_MIME_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'image/webp'] as const;
export type DocumentMimeType = (typeof DOCUMENT_MIME_TYPES)[number];

/** 5 MB: a phone photo or a scanned letter fits; a video does not. */
export const DOCUMENT_MAX_BYTES = 5 * 1024 * 1024;

export const DOCUMENT_EXTENSIONS: Readonly<Record<DocumentMimeType, string>> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
};

function startsWith(bytes: Uint8Array, sig: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + sig.length) return false;
  return sig.every((b, i) => bytes[offset + i] === b);
}

/**
 * The type of a file from its first bytes (never from its name or the browser's claim), or
 * null when it is none of the accepted types.
 */
export function sniffDocumentType(head: Uint8Array): DocumentMimeType | null {
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // %PDF-
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(head, [0x52, 0x49, 0x46, 0x46]) && startsWith(head, [0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp'; // RIFF....WEBP
  return null;
}

/** A file name safe to show and to put in a Content-Disposition header. */
export function safeFileName(name: string, mime: DocumentMimeType): string {
  const base = name.normalize('NFC').replace(/[\\/:*?"<>|\p{Cc}]/gu, '_').replace(/\s+/g, ' ').trim().slice(0, 120);
  const ext = DOCUMENT_EXTENSIONS[mime];
  const stem = base.replace(/\.[A-Za-z0-9]{1,5}$/, '').replace(/^[.\s]+/, '') || 'dokumen';
  return `${stem}.${ext}`;
}
