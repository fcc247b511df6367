import type { Random } from './random.ts';

/**
 * Labelled duplicates for measuring record linkage: the same person registered a second time,
 * with the errors that real files show. Every rate is stated here and in docs/benchmarks.md.
 *
 * NIK (never the same NIK: the registry refuses a NIK twice):
 *   40 % one digit typed wrong, 15 % two adjacent digits swapped, 15 % missing (a newborn
 *   added before the NIK was issued, an officer without the card), 30 % a different NIK
 *   (another issuing kecamatan and serial, same birth date and sex: the card of a relative, a
 *   re-issued number).
 * Name: 35 % as is, 15 % old spelling (J->DJ, C->TJ, U->OE, SY->SJ, KH->CH, NY->NJ), 15 % one
 *   letter typed wrong, left out or doubled, 10 % a title or an abbreviation (Hj./H., S.Pd.,
 *   Moh. for Muhammad, Abd. for Abdul), 10 % words in another order, 8 % words joined or split,
 *   7 % two of these.
 * Birth date: 80 % as is, 7 % day and month swapped (when both are 12 or less; else as is),
 *   7 % year off by one, 6 % another day of the same month.
 * Sex: 0.5 % the other. Place: the household registered again (a new KK), 50 % in the same
 *   village, 30 % another village of the same kecamatan, 20 % another kecamatan.
 */
export const DUPLICATE_RATES = {
  nik: { oneDigit: 0.4, transposed: 0.15, missing: 0.15, different: 0.3 },
  name: { asIs: 0.35, oldSpelling: 0.15, typo: 0.15, title: 0.1, wordOrder: 0.1, joinedSplit: 0.08, two: 0.07 },
  birthDate: { asIs: 0.8, dayMonthSwapped: 0.07, yearOffByOne: 0.07, otherDay: 0.06 },
  sexFlipped: 0.005,
  place: { sameVillage: 0.5, sameKecamatan: 0.3, otherKecamatan: 0.2 },
  /** Of a household registered twice, each member is in the second registration with this chance. */
  memberInDuplicate: 0.7,
} as const;

const OLD_SPELLING: ReadonlyArray<readonly [RegExp, string]> = [
  [/SY/, 'SJ'], [/NY/, 'NJ'], [/KH/, 'CH'], [/C/, 'TJ'], [/J/, 'DJ'], [/U/, 'OE'],
];

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

function typo(rng: Random, word: string): string {
  if (word.length < 3) return word + word.charAt(word.length - 1);
  const i = rng.int(1, word.length - 1);
  const kind = rng.int(0, 2);
  if (kind === 0) return word.slice(0, i) + rng.pick(LETTERS.split('')) + word.slice(i + 1);
  if (kind === 1) return word.slice(0, i) + word.slice(i + 1);
  return word.slice(0, i) + word.charAt(i) + word.slice(i);
}

function titleCase(s: string): string {
  return s.split(' ').map((w) => (w.length > 1 && /^[A-Z]+$/.test(w) ? w.charAt(0) + w.slice(1).toLowerCase() : w)).join(' ');
}

/** The ways a name is written again: the kinds of DUPLICATE_RATES.name, and words joined or split on purpose. */
export type NameVariantKind = 'oldSpelling' | 'typo' | 'title' | 'wordOrder' | 'joinedSplit' | 'joined' | 'split';

/**
 * `name` written another way (`kind`); a kind that does not apply to the name (no old spelling
 * to give, one word to reorder) gives a typo instead. `joined` joins the first two words (a
 * one-word name is split), `split` cuts the longest word of 6 letters or more after its third
 * ("NURHASANAH" -> "Nur Hasanah"; a name without one has its first two words joined).
 */
export function nameVariant(rng: Random, name: string, sex: 'M' | 'F', kind: NameVariantKind | 'asIs'): string {
  const words = name.toUpperCase().split(' ');
  switch (kind) {
    case 'oldSpelling': {
      for (let k = 0; k < words.length; k++) {
        const w = words[k] ?? '';
        for (const [re, to] of OLD_SPELLING) if (re.test(w)) { words[k] = w.replace(re, to); return titleCase(words.join(' ')); }
      }
      return nameVariant(rng, name, sex, 'typo');
    }
    case 'typo': {
      const k = rng.int(0, words.length - 1);
      words[k] = typo(rng, words[k] ?? '');
      return titleCase(words.join(' '));
    }
    case 'title': {
      if (words[0] === 'MUHAMMAD') return titleCase(['MOH.', ...words.slice(1)].join(' '));
      const r = rng.next();
      if (r < 0.4) return `${sex === 'F' ? 'Hj.' : 'H.'} ${titleCase(words.join(' '))}`;
      if (r < 0.7) return `${titleCase(words.join(' '))}, S.Pd.`;
      return `${sex === 'F' ? 'Ibu' : 'Bpk.'} ${titleCase(words.join(' '))}`;
    }
    case 'wordOrder':
      return words.length > 1 ? titleCase([...words.slice(1), words[0] ?? ''].join(' ')) : nameVariant(rng, name, sex, 'typo');
    case 'joinedSplit': {
      if (words.length > 1) return titleCase([(words[0] ?? '') + (words[1] ?? '').toLowerCase(), ...words.slice(2)].join(' '));
      const w = words[0] ?? '';
      return w.length >= 6 ? titleCase(`${w.slice(0, 3)} ${w.slice(3)}`) : nameVariant(rng, name, sex, 'typo');
    }
    case 'joined':
      return nameVariant(rng, name, sex, 'joinedSplit');
    case 'split': {
      const longest = words.reduce((best, w, k) => (w.length > (words[best] ?? '').length ? k : best), 0);
      const w = words[longest] ?? '';
      if (w.length < 6) return words.length > 1 ? nameVariant(rng, name, sex, 'joinedSplit') : nameVariant(rng, name, sex, 'typo');
      words.splice(longest, 1, w.slice(0, 3), w.slice(3));
      return titleCase(words.join(' '));
    }
    case 'asIs':
      return name;
  }
}

/** The name as typed the second time. */
export function duplicateName(rng: Random, name: string, sex: 'M' | 'F'): string {
  const r = DUPLICATE_RATES.name;
  const kind = rng.weighted([['asIs', r.asIs], ['oldSpelling', r.oldSpelling], ['typo', r.typo], ['title', r.title], ['wordOrder', r.wordOrder], ['joinedSplit', r.joinedSplit], ['two', r.two]] as const);
  if (kind === 'two') {
    const kinds = ['oldSpelling', 'typo', 'title', 'wordOrder', 'joinedSplit'] as const;
    return nameVariant(rng, nameVariant(rng, name, sex, rng.pick(kinds)), sex, 'typo');
  }
  return nameVariant(rng, name, sex, kind);
}

/** The birth date as typed the second time (YYYY-MM-DD). */
export function duplicateBirthDate(rng: Random, birthDate: string): string {
  const r = DUPLICATE_RATES.birthDate;
  const kind = rng.weighted([['asIs', r.asIs], ['swap', r.dayMonthSwapped], ['year', r.yearOffByOne], ['day', r.otherDay]] as const);
  const y = Number(birthDate.slice(0, 4)), m = birthDate.slice(5, 7), d = birthDate.slice(8, 10);
  if (kind === 'swap' && Number(d) <= 12 && d !== m) return `${y}-${d}-${m}`;
  if (kind === 'year') {
    const other = `${y + (rng.chance(0.5) ? 1 : -1)}-${m}-${d}`;
    // 29 February has no twin a year away: the 28th then
    return other.endsWith('-02-29') ? other.replace(/-29$/, '-28') : other;
  }
  if (kind === 'day') {
    const other = ((Number(d) - 1 + rng.int(1, 27)) % 28) + 1;
    return `${y}-${m}-${String(other).padStart(2, '0')}`;
  }
  return birthDate;
}

/** The NIK as typed the second time: null when missing; `reissue` gives a different valid NIK. */
export function duplicateNik(rng: Random, nik: string, reissue: () => string): string | null {
  const r = DUPLICATE_RATES.nik;
  const kind = rng.weighted([['one', r.oneDigit], ['swap', r.transposed], ['missing', r.missing], ['different', r.different]] as const);
  if (kind === 'missing') return null;
  if (kind === 'different') return reissue();
  const digits = nik.split('');
  if (kind === 'swap') {
    for (let tries = 0; tries < 10; tries++) {
      const i = rng.int(0, 14);
      if (digits[i] !== digits[i + 1]) {
        [digits[i], digits[i + 1]] = [digits[i + 1] ?? '0', digits[i] ?? '0'];
        return digits.join('');
      }
    }
  }
  const i = rng.int(0, 15);
  const old = Number(digits[i]);
  digits[i] = String((old + rng.int(1, 9)) % 10);
  return digits.join('');
}
