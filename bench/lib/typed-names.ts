import { nameVariant, type NameVariantKind } from '../../packages/server/src/registry/synthetic/duplicates.ts';
import { Random } from '../../packages/server/src/registry/synthetic/random.ts';

/** A deterministic one-letter typo (swap, drop, double or change a vowel) in one word. */
export function typo(name: string, rnd: () => number): string {
  const words = name.split(' ');
  const candidates = words.map((w, i) => ({ w, i })).filter(({ w }) => w.length >= 4);
  if (!candidates.length) return name;
  const { w, i } = candidates[Math.floor(rnd() * candidates.length)]!;
  const at = 1 + Math.floor(rnd() * (w.length - 2));
  const kind = Math.floor(rnd() * 4);
  let t: string;
  if (kind === 0) t = w.slice(0, at) + w[at + 1] + w[at] + w.slice(at + 2);
  else if (kind === 1) t = w.slice(0, at) + w.slice(at + 1);
  else if (kind === 2) t = w.slice(0, at) + w[at] + w.slice(at);
  else {
    const vowels = 'AIUEO';
    const idx = [...w].findIndex((c, j) => j >= at && vowels.includes(c));
    const j = idx >= 0 ? idx : at;
    t = w.slice(0, j) + vowels[(vowels.indexOf(w[j]!) + 1 + Math.floor(rnd() * 4)) % 5] + w.slice(j + 1);
  }
  words[i] = t;
  return words.join(' ');
}

/**
 * How the benchmark's officer types a registered name into the search: one typo (the
 * benchmark's own, above), or one of the synthetic generator's variants
 * (registry/synthetic/duplicates.ts: old spelling J->DJ, C->TJ, U->OE, ...; a title or an
 * abbreviation; words in another order; the first two words joined; the longest word split
 * after its third letter, "NURHASANAH" -> "NUR HASANAH"), or a variant and a typo.
 */
export const TYPING_RATES = { typo: 0.45, oldSpelling: 0.15, title: 0.1, wordOrder: 0.1, joined: 0.075, split: 0.075, variantAndTypo: 0.05 } as const;
type TypingKind = keyof typeof TYPING_RATES;

export interface TypedName {
  /** What is typed. */
  q: string;
  /** The registered name (name_norm): someone of it should come back in the first 20. */
  orig: string;
  kind: TypingKind;
}

/** The search refuses fewer than 3 letters (registry.query_too_short): such names are not typed. */
const searchable = (q: string) => q.replace(/[^A-Za-z]/g, '').length >= 3;

/** The registered names as typed, in order, at TYPING_RATES (deterministic for a seed). */
function typedNames(rows: ReadonlyArray<{ name_norm: string; sex: 'M' | 'F' }>, seed: number): TypedName[] {
  const rng = new Random(`typed-names:${seed}`);
  const rnd = () => rng.next();
  const kinds = Object.entries(TYPING_RATES) as Array<[TypingKind, number]>;
  const out: TypedName[] = [];
  for (const r of rows) {
    const kind = rng.weighted(kinds);
    let q: string;
    if (kind === 'typo') q = typo(r.name_norm, rnd);
    else if (kind === 'variantAndTypo') {
      const first = rng.pick(['oldSpelling', 'title', 'wordOrder', 'joined', 'split'] as const satisfies readonly NameVariantKind[]);
      q = typo(nameVariant(rng, r.name_norm, r.sex, first).toUpperCase(), rnd);
    } else q = nameVariant(rng, r.name_norm, r.sex, kind);
    if (searchable(q)) out.push({ q, orig: r.name_norm, kind });
  }
  return out;
}

const TYPING_LABELS: Record<TypingKind, string> = {
  typo: 'one typo', oldSpelling: 'old spelling', title: 'a title or abbreviation', wordOrder: 'words in another order',
  joined: 'two words joined', split: 'a word split in two', variantAndTypo: 'one of these and a typo',
};

/** The rates, for the report: "45 % one typo, 15 % old spelling, ...". */
export function typingNote(): string {
  return (Object.entries(TYPING_RATES) as Array<[TypingKind, number]>).map(([k, r]) => `${Math.round(r * 1000) / 10} % ${TYPING_LABELS[k]}`).join(', ');
}

/**
 * The benchmark's name samples: up to `sampleSize` residents of `village` (in a fixed order) and
 * of the whole kabupaten (a repeatable table sample), their names typed at TYPING_RATES.
 */
export async function nameSamples(
  s: { query<R>(sql: string, params?: unknown[]): Promise<R[]> },
  o: { village: string; sampleSize: number; persons: number; seed: number },
): Promise<{ villageSample: TypedName[]; kabSample: TypedName[] }> {
  const pct = Math.min(100, (100 * o.sampleSize * 3) / Math.max(1, o.persons));
  type NameRow = { name_norm: string; sex: 'M' | 'F' };
  const village = await s.query<NameRow>(
    'SELECT name_norm, sex FROM persons WHERE village_code = $1 ORDER BY md5(id::text) LIMIT $2', [o.village, o.sampleSize],
  );
  const kab = await s.query<NameRow>(
    // in a fixed order: a parallel scan returns the sampled rows in any order
    `SELECT name_norm, sex FROM persons TABLESAMPLE BERNOULLI (${pct.toFixed(4)}) REPEATABLE (${o.seed}) ORDER BY md5(id::text) LIMIT $1`, [o.sampleSize],
  );
  return { villageSample: typedNames(village, o.seed), kabSample: typedNames(kab, o.seed + 1) };
}
