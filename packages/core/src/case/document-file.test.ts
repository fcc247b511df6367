import { describe, expect, it } from 'vitest';
import { safeFileName, sniffDocumentType } from './document-file.ts';

const bytes = (...b: number[]) => new Uint8Array(b);
/** Latin-1 text as bytes (core has no DOM or Node types). */
const text = (s: string) => new Uint8Array([...s].map((ch) => ch.charCodeAt(0)));

describe('document files', () => {
  it('recognises pdf, jpeg, png and webp by their first bytes', () => {
    expect(sniffDocumentType(text('%PDF-1.7\n'))).toBe('application/pdf');
    expect(sniffDocumentType(bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0))).toBe('image/jpeg');
    expect(sniffDocumentType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0))).toBe('image/png');
    expect(sniffDocumentType(text('RIFF\u0000\u0000\u0000\u0000WEBPVP8 '))).toBe('image/webp');
  });

  it('refuses everything else, whatever the name says', () => {
    expect(sniffDocumentType(text('<html><script>'))).toBeNull();
    expect(sniffDocumentType(text('GIF89a'))).toBeNull();
    expect(sniffDocumentType(text('RIFF....AVI '))).toBeNull();
    expect(sniffDocumentType(bytes())).toBeNull();
    expect(sniffDocumentType(bytes(0x25, 0x50))).toBeNull();
  });

  it('cleans file names and gives them the extension of their real type', () => {
    expect(safeFileName('KTP Siti.jpeg', 'image/jpeg')).toBe('KTP Siti.jpg');
    expect(safeFileName('../../etc/passwd', 'application/pdf')).toBe('_.._etc_passwd.pdf');
    expect(safeFileName('surat"\r\nX: y.pdf', 'application/pdf')).toBe('surat___X_ y.pdf');
    expect(safeFileName('', 'image/png')).toBe('dokumen.png');
  });
});
