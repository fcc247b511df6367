import { describe, expect, it } from 'vitest';
import { pdfText } from './pdf-text.ts';
import { renderLetterPdf } from './pdf.ts';
import type { LetterRow } from './queries.ts';

// Names and addresses as residents write them: Indonesian with Latin extensions, the numero
// sign, and Arabic script (Jawi/Arabic names). The standard PDF fonts printed "№" as "!".
const NAME = "Dédé Ñurhayati Mu'min";
const ADDRESS = 'Jl. Cempaka № 5, RT 03/RW 07, Kp. Cibiruŋ ẞ Łódź';
const ARABIC = 'محمد';

function letter(): LetterRow {
  const at = new Date('2026-10-01T03:00:00Z');
  return {
    id: 'l1', kab_code: '3204', village_code: '32.04.05.2004', owner_type: 'case', owner_id: 'c1', kind: 'recommendation',
    year: 2026, serial: 1, number: '0001/REK/SLRT-3204/X/2026', verify_token: 'v', issued_at: at, valid_until: at,
    issuing_office: 'Puskesos Desa Cinunuk', signer_id: null, signer_name: NAME, signer_title: 'Koordinator', issued_by: null, revoked_at: null, revoke_reason: null,
    content: {
      title: 'Surat Rekomendasi',
      recipient: [`Sdr. ${NAME}`],
      fields: [{ label: 'Nama', value: `${NAME} (${ARABIC} بن علي)` }, { label: 'Alamat', value: ADDRESS }],
      paragraphs: [`Dengan ini kami merekomendasikan ${NAME}, ${ADDRESS}.`],
      place: 'Cinunuk',
      signer: { name: NAME, title: 'Koordinator Puskesos' },
    },
  };
}

describe('letters in PDF', () => {
  it('embeds Unicode fonts: names outside Latin-1 and Arabic script read back from the PDF text', async () => {
    const pdf = await renderLetterPdf(letter(), { kabupatenName: 'Kabupaten Bandung', verifyUrl: 'https://slrt.example.go.id/verifikasi/v', timeZone: 'Asia/Jakarta' });
    const raw = pdf.toString('latin1');
    expect(raw).toContain('/FontFile2'); // embedded TrueType, not a standard font
    expect(raw).not.toMatch(/\/BaseFont\s*\/Helvetica/);
    const text = await pdfText(pdf);
    expect(text).toContain(NAME);
    expect(text).toContain('Jl. Cempaka № 5');
    expect(text).toContain('Cibiruŋ ẞ Łódź');
    expect(text).toContain(ARABIC);
    expect(text).toContain('1 Oktober 2026');
  });
});
