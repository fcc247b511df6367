/**
 * Kemendagri area codes, dotted: province `32`, kabupaten/kota `32.04`, kecamatan `32.04.05`,
 * desa/kelurahan `32.04.05.2004` (2xxx desa, 1xxx kelurahan). Always key areas by code:
 * village names repeat inside one kabupaten.
 */
export type AreaLevel = 'province' | 'kabupaten' | 'kecamatan' | 'village';

const DOTTED = /^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/;

export function areaLevel(code: string): AreaLevel | null {
  if (!DOTTED.test(code)) return null;
  switch (code.split('.').length) {
    case 1: return 'province';
    case 2: return 'kabupaten';
    case 3: return 'kecamatan';
    case 4: return 'village';
    default: return null;
  }
}

/**
 * Accepts a dotted code or its undotted digits (2, 4, 6 or 10 digits) and returns the dotted
 * form, or null when it is neither.
 */
export function normalizeAreaCode(input: string): string | null {
  const s = input.trim();
  if (DOTTED.test(s)) return s;
  if (!/^\d+$/.test(s)) return null;
  switch (s.length) {
    case 2: return s;
    case 4: return `${s.slice(0, 2)}.${s.slice(2)}`;
    case 6: return `${s.slice(0, 2)}.${s.slice(2, 4)}.${s.slice(4)}`;
    case 10: return `${s.slice(0, 2)}.${s.slice(2, 4)}.${s.slice(4, 6)}.${s.slice(6)}`;
    default: return null;
  }
}

/** The parent codes of an area, from the province down, excluding itself. */
export function parentCodes(code: string): string[] {
  const parts = code.split('.');
  const out: string[] = [];
  for (let i = 1; i < parts.length; i++) out.push(parts.slice(0, i).join('.'));
  return out;
}

/** `kab_code` as stored on every personal/case row: the 4 digits of the kabupaten/kota (`3204`). */
export function kabCodeOf(code: string): string {
  const parts = code.split('.');
  if (parts.length < 2) throw new Error(`area code ${code} has no kabupaten part`);
  return `${parts[0]}${parts[1]}`;
}

/**
 * The `kab_code` an account scoped at `code` belongs to (its audit chain, its settings): the
 * kabupaten/kota of the area, or for a province (the Dinas Sosial Provinsi) `<province>00`,
 * a code no kabupaten/kota has (Kemendagri numbers them from 01), so that the province office
 * keeps a chain of its own and never writes into a kabupaten's.
 */
export function homeKabCodeOf(code: string): string {
  return areaLevel(code) === 'province' ? `${code}00` : kabCodeOf(code);
}

/** True when `code` is `scope` itself or lies inside it (scope is a code prefix). */
export function isWithinArea(code: string, scope: string): boolean {
  return code === scope || code.startsWith(`${scope}.`);
}

/** A village code's kind: desa (2xxx) or kelurahan (1xxx). */
export function villageKind(code: string): 'desa' | 'kelurahan' | null {
  if (areaLevel(code) !== 'village') return null;
  const last = code.split('.')[3] ?? '';
  if (last.startsWith('1')) return 'kelurahan';
  if (last.startsWith('2')) return 'desa';
  return null;
}
