import { normalizePersonNameForMatching } from '../linkage/person-name.ts';

/**
 * What the registry's name search looks up for a typed name. The words are normalised as record
 * linkage normalises them (`normalizePersonNameForMatching`: titles dropped, old spellings
 * DJ/TJ/OE/... to the current ones, the forms of Muhammad as one), so "Hj. Tjutju Soemarni" is
 * searched as CUCU SUMARNI; a word typed with doubled letters is kept as typed, its form with
 * single letters beside it. Words joined or split are looked up both
 * ways: each pair of neighbouring words joined ("NUR HASANAH" -> NURHASANAH), and each word of 6
 * letters or more cut in two ("SITINURHASANAH" -> SITI + NURHASANAH, ...), the halves kept only
 * when both are words of the vocabulary.
 */
export interface NameSearchTerms {
  /** The typed words, normalised, in order (at most MAX_WORDS). */
  words: string[];
  /** `joins[i]`: words i and i+1 written as one word. */
  joins: string[];
  /** `splits[i]`: the ways of cutting word i in two, each half at least 2 letters. */
  splits: Array<Array<[string, string]>>;
  /** The words without spaces (joined or split words rank alike). */
  joined: string;
  /** `doubled[i]`: when word i was typed with doubled letters, its single-letter form ("NENG" for NENNG), else null. */
  doubled: Array<string | null>;
}

/** Words of a name looked at; a longer query is cut (a name rarely has more). */
const MAX_WORDS = 6;

export function nameSearchTerms(typed: string): NameSearchTerms {
  const normalized = [...new Set(normalizePersonNameForMatching(typed).words.filter((w) => w.length > 0))].slice(0, MAX_WORDS);
  // a word typed with doubled letters is searched as typed, its single-letter form beside it:
  // the registry holds names as written ("NNEENG" is one typo from NENENG, two from NENG)
  const typedWords = typed.toUpperCase().split(/[^A-Z]+/);
  const asTyped = normalized.map((w) => typedWords.find((t) => t !== w && collapse(t) === w) ?? null);
  const words = normalized.map((w, i) => asTyped[i] ?? w);
  const joins = words.slice(0, -1).map((w, i) => collapse(w + (words[i + 1] ?? '')));
  const splits = words.map((w) => {
    const out: Array<[string, string]> = [];
    if (w.length >= 6) for (let k = 2; k <= w.length - 2; k++) out.push([w.slice(0, k), w.slice(k)]);
    return out;
  });
  return { words, joins, splits, joined: words.join(''), doubled: asTyped.map((t, i) => (t ? normalized[i]! : null)) };
}

const collapse = (s: string) => s.replace(/([A-Z])\1+/g, '$1');

/**
 * A word with one letter left out, each way, and the word itself: two words within one typo
 * (a letter changed, left out, added, or two neighbours swapped) share one of these. The
 * vocabulary keeps the same set for its words (`person_name_words.deletions`, 0197); a
 * two-letter word is sent alone (its one-letter remnants would match too much).
 */
export function wordDeletions(word: string): string[] {
  const out = new Set<string>([word]);
  // one letter left of a two-letter word would be near every word holding that letter
  if (word.length > 2) for (let i = 0; i < word.length; i++) out.add(word.slice(0, i) + word.slice(i + 1));
  return [...out];
}

/** True when `a` and `b` differ by at most one typo: a letter changed, left out or added, or two neighbours swapped. */
export function withinOneTypo(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // changed
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // swapped
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1); // left out or added
}
