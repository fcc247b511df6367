/**
 * Indonesian personal names, normalised for matching: what differs between two files that
 * hold the same person without the person being different.
 *
 * - Spelling reforms (1947 Republican, 1972 EYD): DJ->J, TJ->C, NJ->NY, SJ->SY, CH->KH, OE->U
 *   ("Soedjono" = "Sujono", "Tjahjadi" = "Cahyadi" only for the TJ part; J->Y is ambiguous
 *   and left to the string distance).
 * - Double consonants collapse ("Muhammad" = "Muhamad", "Hasanuddin" = "Hasanudin").
 * - Honorifics and academic or religious titles drop ("Hj.", "H.", "Drs.", "S.Pd.", "Ir.",
 *   "Bpk.", "Almh."); the forms of Muhammad ("Moh.", "Moch.", "Mochammad", "Muh.", "M.")
 *   become one word, and "Abd." becomes "Abdul".
 * - Word order and words joined or split ("Nur Hasanah" = "Nurhasanah") are not removed here:
 *   `nameSimilarity` compares the words in order, sorted, and joined.
 */

export interface NormalizedName {
  /** Normalised words in their original order. */
  words: string[];
  /** The words joined by one space. */
  text: string;
  /** The words sorted, joined by one space (word order ignored). */
  sorted: string;
  /** The words joined without spaces (joined or split words). */
  joined: string;
  /** The letters sorted: the same for any word order and for joined or split words (a blocking key). */
  letters: string;
}

/** Titles and honorifics, without dots, uppercased. Dropped wherever they stand. */
const TITLES = new Set([
  'H', 'HJ', 'HAJI', 'HAJJAH', 'HAJAH', 'KH', 'KYAI', 'USTADZ', 'USTAD', 'USTADZAH', 'BPK', 'BAPAK', 'PAK', 'IBU', 'BU', 'SDR', 'SDRI', 'NY', 'NYONYA', 'TN', 'TUAN',
  'ALM', 'ALMH', 'ALMARHUM', 'ALMARHUMAH', 'DR', 'DRS', 'DRA', 'IR', 'PROF', 'DRG', 'DRH',
  'SPD', 'SPDI', 'SPDSD', 'SAG', 'SH', 'SE', 'ST', 'SSI', 'SKOM', 'SKM', 'SKEP', 'SSOS', 'SIP', 'SHI', 'SSOSI', 'SFARM', 'SKED', 'SPSI', 'SIKOM', 'SE', 'SS', 'SSN', 'STP', 'SP', 'SPT', 'SHUT', 'SIP',
  'MPD', 'MPDI', 'MAG', 'MH', 'MM', 'MSI', 'MKOM', 'MT', 'MKES', 'MSC', 'MA', 'AMD', 'AMK', 'AMKEB', 'AMKEP', 'APT', 'BSC', 'MBA', 'PHD', 'SSTP', 'MAP', 'MSOS',
]);

const AMBIGUOUS = new Set(['MA', 'ST', 'SE', 'SS', 'SP']);

/** Forms of one name written in many ways. */
const CANONICAL: ReadonlyMap<string, string> = new Map([
  ...['M', 'MOH', 'MOCH', 'MOHD', 'MUH', 'MUHD', 'MOKH', 'MUCH', 'MHD', 'MUHAMAD', 'MUHAMMAD', 'MOHAMAD', 'MOHAMMAD', 'MOCHAMAD', 'MOCHAMMAD', 'MUCHAMAD', 'MUCHAMMAD', 'MOHAMED', 'MUHAMED', 'MUHAMMED', 'MOKHAMAD', 'MUKHAMAD', 'MUKHAMMAD', 'MOKHAMMAD']
    .map((w) => [w, 'MUHAMAD'] as const),
  ['ABD', 'ABDUL'], ['ABDL', 'ABDUL'], ['SITTI', 'SITI'],
]);

/** Old spellings to the current ones, applied to a word in this order. */
const SPELLING: ReadonlyArray<readonly [RegExp, string]> = [
  [/DJ/g, 'J'],
  [/TJ/g, 'C'],
  [/SJ/g, 'SY'],
  [/NJ/g, 'NY'],
  [/CH/g, 'KH'],
  [/OE/g, 'U'],
];

function normalizeWord(w: string): string {
  let s = w;
  for (const [re, to] of SPELLING) s = s.replace(re, to);
  // doubled letters: "MUHAMMAD" = "MUHAMAD", "HASANUDDIN" = "HASANUDIN"
  s = s.replace(/([A-Z])\1+/g, '$1');
  return s;
}

/** Splits a raw name into words, dropping titles; academic titles after a comma go too. */
export function normalizePersonNameForMatching(raw: string): NormalizedName {
  const upper = raw.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toUpperCase();
  // "Budi Santoso, S.Pd., M.Pd." : everything after the first comma is titles
  const beforeComma = upper.split(',')[0] ?? '';
  // "S.Pd." -> "SPD", "Moh." -> "MOH": dots and apostrophes join; other marks separate
  const tokens = beforeComma.replace(/[.'`’]/g, (m) => (m === '.' ? '. ' : '')).split(/[^A-Z.]+/).filter(Boolean);
  const words: string[] = [];
  // dotted abbreviations written as separate letters ("S. Pd.") are joined back when they form a title
  for (let i = 0; i < tokens.length; i++) {
    const t = (tokens[i] ?? '').replace(/\./g, '');
    if (!t) continue;
    const next = (tokens[i + 1] ?? '').replace(/\./g, '');
    if (next && TITLES.has(t + next) && (tokens[i] ?? '').endsWith('.')) { i++; continue; }
    // short titles that are also names or initials ("Ma", "St.") count only when written with a dot
    if (TITLES.has(t) && (!AMBIGUOUS.has(t) || (tokens[i] ?? '').endsWith('.'))) continue;
    const canon = CANONICAL.get(t) ?? t;
    words.push(normalizeWord(canon));
  }
  if (words.length === 0) {
    // a name made only of what looks like titles: keep its words rather than nothing
    for (const t of tokens) { const w = t.replace(/\./g, ''); if (w) words.push(normalizeWord(w)); }
  }
  const text = words.join(' ');
  // joined words collapse their doubled letters again ("Yayan Nugraha" = "Yayannugraha")
  const joined = words.join('').replace(/([A-Z])\1+/g, '$1');
  return { words, text, sorted: [...words].sort().join(' '), joined, letters: joined.split('').sort().join('') };
}

/**
 * Similarity of two normalised names in [0, 1]: the best Jaro-Winkler of the names in order,
 * with words sorted, and with the spaces removed (joined or split words).
 */
export function nameSimilarity(a: NormalizedName, b: NormalizedName, jw: (x: string, y: string) => number): number {
  if (a.text === b.text) return 1;
  if (a.sorted === b.sorted || a.joined === b.joined) return 1;
  let best = jw(a.text, b.text);
  if (best < 1 && a.words.length > 1 && b.words.length > 1) best = Math.max(best, jw(a.sorted, b.sorted));
  if (best < 1 && (a.words.length > 1 || b.words.length > 1)) best = Math.max(best, jw(a.joined, b.joined));
  return best;
}
