import { createHash } from 'node:crypto';
import { areaLevel, nameSearchTerms, withinOneTypo, wordDeletions, type NameSearchTerms } from '@slrt/core';
import { areaScopeSql, SqlParams, type Actor } from '../access/actor.ts';
import { villagesOf } from '../areas/public.ts';
import type { Db, Queryable } from '../db/database.ts';
import { PERSON_SELECT } from './queries.ts';
import type { Col, Cols } from '../db/rows.ts';
import { personFromRow, type PersonRecord, type PersonRow } from './records.ts';
import type { PersonSummaryRecord } from './views.ts';

/**
 * The person search SQL, kept in one place so the benchmark issue can tune it.
 *
 * Index design, for a kabupaten of 3.6 million people:
 * - `persons_nik_uniq (kab_code, nik)` and `persons_kk_idx (kab_code, kk)`: the exact searches,
 *   reading the list columns of persons only (area names from memory, see `villageNamesOf`).
 * - Names (0013_registry_name_search.sql): each typed word is matched against the vocabulary of
 *   name words `person_name_words` (trigram similarity, thousands of rows, kept by triggers on
 *   persons), and a person must hold, for every typed word, one of its matches:
 *   `string_to_array(name_norm, ' ') && $matches`, answered by the GIN `persons_name_words_idx`
 *   (an AND of exact word lists, far shorter than the trigram lists of the whole kabupaten).
 *   In one village the same test runs on that village's own word lists: the GIN
 *   `persons_village_name_words_idx` (0015) indexes each word with its village in front.
 * - `persons_village_idx (village_code text_pattern_ops)`: scope and area filters, both
 *   `village_code = '32.04.05.2004'` and `village_code LIKE '32.04.05.%'`.
 *
 * Ranking: the mean of word similarity and whole-name similarity, so that a full name typed
 * with a typo ranks above a longer name that merely contains the words. Rounded to a numeric
 * so that the keyset cursor compares exactly. Beyond one village, at most
 * NAME_CANDIDATE_LIMIT matching persons are ranked: a name that common needs a village or a
 * birth year to mean anything.
 */

/** Similarity of a typed word and a vocabulary word for the word to count as a match. */
const WORD_MATCH_THRESHOLD = 0.25;
/** Similarity from which a match is strong (kept in the first, narrower pass). */
const STRONG_SIMILARITY = 0.5;
/**
 * The words of a name, each with its village in front ("32.04.05.2004:SITI"): the expression of
 * the GIN `persons_village_name_words_idx` (0015), so a village search reads that village's
 * word lists only. Must stay exactly the migration's expression for the planner to use it.
 */
const VILLAGE_WORDS = `string_to_array(p.village_code || ':' || replace(p.name_norm, ' ', ' ' || p.village_code || ':'), ' ')`;
/** Matching persons ranked at most, beyond one village. */
const NAME_CANDIDATE_LIMIT = 2000;
/**
 * Word-similarity threshold of the former whole-name query (`$q <% name_norm` through a trigram
 * index on name_norm, dropped in 0015); the app no longer uses it, the benchmark's bare query does.
 */
export const NAME_MATCH_THRESHOLD = 0.45;

export type SearchFilter = { kabCode: string; area?: { level: 'kecamatan' | 'village'; code: string } | undefined; birthYear?: number | undefined };

function filters(params: SqlParams, actor: Actor, f: SearchFilter): string[] {
  const where = [`p.kab_code = ${params.add(f.kabCode)}`, areaScopeSql(actor, 'registry.read', params, { kab: 'p.kab_code', village: 'p.village_code' })];
  if (f.area?.level === 'village') where.push(`p.village_code = ${params.add(f.area.code)}`);
  if (f.area?.level === 'kecamatan') where.push(`p.village_code LIKE ${params.add(`${f.area.code}.%`)}`);
  if (f.birthYear !== undefined) {
    where.push(`p.birth_date >= make_date(${params.add(f.birthYear)}::int, 1, 1) AND p.birth_date < make_date(${params.add(f.birthYear + 1)}::int, 1, 1)`);
  }
  return where;
}

/** The columns of a person that a list shows; area names come from `villageNamesOf`. */
const SUMMARY_COLUMNS = `p.id, p.village_code, p.household_id, p.family_id, p.nik, p.kk, p.full_name, p.birth_date, p.sex,
  p.relationship, p.registry_status, p.desil, p.desil_source, p.desil_date`;

type SummaryRow = Cols<'persons',
  | 'id' | 'village_code' | 'household_id' | 'family_id' | 'nik' | 'kk' | 'full_name' | 'birth_date' | 'sex'
  | 'relationship' | 'registry_status' | 'desil' | 'desil_source' | 'desil_date'>;

type VillageNames = { villageName: string; kecamatanCode: string; kecamatanName: string };

/**
 * The names of a kabupaten's villages and kecamatan, read once per database and kabupaten
 * (reference data, a few hundred rows) instead of two joins to `areas` in every search; read
 * again when a village is missing from them (areas loaded since).
 */
const areaNamesCache = new WeakMap<Db, Map<string, Promise<Map<string, VillageNames>>>>();

function loadVillageNames(db: Db, perKab: Map<string, Promise<Map<string, VillageNames>>>, kabupaten: string) {
  const loading = villagesOf(db, kabupaten).then((rows) => new Map(rows.map((v) => [
    v.code, { villageName: v.name, kecamatanCode: v.kecamatan_code, kecamatanName: v.kecamatan_name },
  ])));
  perKab.set(kabupaten, loading);
  loading.catch(() => perKab.delete(kabupaten));
  return loading;
}

async function villageNamesOf(db: Db, villageCodes: string[]): Promise<Map<string, VillageNames>> {
  let perKab = areaNamesCache.get(db);
  if (!perKab) areaNamesCache.set(db, (perKab = new Map()));
  const found = new Map<string, VillageNames>();
  for (const kabupaten of new Set(villageCodes.map((code) => code.slice(0, 5)))) {
    const codes = villageCodes.filter((code) => code.startsWith(`${kabupaten}.`));
    let names = await (perKab.get(kabupaten) ?? loadVillageNames(db, perKab, kabupaten));
    if (!codes.every((code) => names.has(code))) names = await loadVillageNames(db, perKab, kabupaten);
    for (const code of codes) {
      const village = names.get(code);
      if (!village) throw new Error(`village ${code} is not in areas`);
      found.set(code, village);
    }
  }
  return found;
}

async function withAreaNames(db: Db, rows: SummaryRow[]): Promise<PersonSummaryRecord[]> {
  const names = await villageNamesOf(db, [...new Set(rows.map((r) => r.village_code))]);
  return rows.map((r) => ({
    id: r.id, nik: r.nik, kk: r.kk, fullName: r.full_name, birthDate: r.birth_date, sex: r.sex, relationship: r.relationship,
    villageCode: r.village_code, ...names.get(r.village_code)!, householdId: r.household_id, familyId: r.family_id,
    registryStatus: r.registry_status, desil: r.desil, desilSource: r.desil_source, desilDate: r.desil_date,
  }));
}

/**
 * A prepared statement's name for the text of an exact search (planned once per connection):
 * the text varies with the caller's scope and the filters, a name must stay with one text.
 */
const statementNames = new Map<string, string>();
function statementNameOf(sql: string): string {
  let name = statementNames.get(sql);
  if (!name) {
    name = `registry_search_number_${createHash('sha1').update(sql).digest('hex').slice(0, 16)}`;
    if (statementNames.size < 1000) statementNames.set(sql, name);
  }
  return name;
}

/** Exact NIK or KK: the list columns of persons only, through `persons_nik_uniq`/`persons_kk_idx`. */
export async function searchByNumber(
  db: Db, actor: Actor, f: SearchFilter, column: 'nik' | 'kk', value: string, page: { limit: number; afterId?: string | undefined },
): Promise<PersonSummaryRecord[]> {
  const params = new SqlParams();
  const v = params.add(value);
  // a NIK merged away (a tombstone's) finds the record it was merged into; tombstones themselves
  // are left out. A NIK is one record of the kabupaten (persons_nik_uniq): that record, or the
  // one it was merged into, found first and then read by id, whatever the plan (an OR of the two
  // let a generic plan walk persons_pkey through the whole table for the ORDER BY ... LIMIT)
  const match = column === 'nik'
    ? `p.id = ANY (ARRAY(SELECT coalesce(t.merged_into, t.id) FROM persons t WHERE t.kab_code = ${params.add(actor.kabCode)} AND t.nik = ${v})) AND p.merged_into IS NULL`
    : `p.${column} = ${v}`;
  const where = [...filters(params, actor, f), match];
  if (page.afterId) where.push(`p.id > ${params.add(page.afterId)}`);
  const sql = `SELECT ${SUMMARY_COLUMNS} FROM persons p WHERE ${where.join(' AND ')} ORDER BY p.id LIMIT ${params.add(page.limit + 1)}`;
  const { rows } = await db.query<SummaryRow>(sql, params.values, statementNameOf(sql));
  return withAreaNames(db, rows);
}

/** Persons of an area (no name), by name then id. */
export async function listByArea(
  db: Db, actor: Actor, f: SearchFilter, page: { limit: number; after?: { name: string; id: string } | undefined },
): Promise<Array<PersonRecord & { nameNorm: string }>> {
  const params = new SqlParams();
  const where = filters(params, actor, f);
  if (page.after) where.push(`(p.name_norm, p.id) > (${params.add(page.after.name)}, ${params.add(page.after.id)}::uuid)`);
  const { rows } = await db.query<PersonRow>(
    `${PERSON_SELECT} WHERE ${where.join(' AND ')} ORDER BY p.name_norm, p.id LIMIT ${params.add(page.limit + 1)}`,
    params.values,
  );
  // name_norm is generated from full_name (NOT NULL): never null in fact, though the column may be
  return rows.map((r) => ({ ...personFromRow(r), nameNorm: r.name_norm ?? '' }));
}

interface VocabularyMatch { word: string; near: boolean; similarity: number }

/**
 * The vocabulary's words matching each term: trigram similarity (WORD_MATCH_THRESHOLD), or near:
 * the same word or within one typo (the deletion neighbourhoods of 0197). `exact` terms (split
 * halves) match themselves only.
 */
async function vocabularyMatches(tx: Queryable, fuzzy: string[], exact: string[]): Promise<{ fuzzy: VocabularyMatch[][]; exact: Set<string> }> {
  // one statement: the fuzzy matches of each term (ord 1..n), and the exact terms found (ord 0).
  // The threshold of `%` is set first (an init plan, run once before any row; set_config(...,
  // true) is local to the transaction, so it never leaks to other queries).
  const { rows } = await tx.query<{ ord: number; word: Col<'person_name_words', 'word'>; similarity: number }>(
    `SELECT t.ord::int AS ord, v.word, similarity(v.word, t.word)::float8 AS similarity
     FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS t(word, dels, ord)
     CROSS JOIN LATERAL (SELECT string_to_array(t.dels, ',') AS dels) d
     JOIN person_name_words v ON v.word % t.word OR v.deletions && d.dels
     WHERE (SELECT set_config('pg_trgm.similarity_threshold', '${WORD_MATCH_THRESHOLD}', true)) IS NOT NULL
     UNION ALL
     SELECT 0, v.word, 1 FROM person_name_words v WHERE v.word = ANY($3::text[])`,
    [fuzzy, fuzzy.map((w) => wordDeletions(w).join(',')), exact],
    'registry.name_vocabulary',
  );
  const out = fuzzy.map((): VocabularyMatch[] => []);
  const found = new Set<string>();
  for (const r of rows) {
    if (r.ord === 0) found.add(r.word);
    // sharing a deletion finds the words within one typo, and a few within two: told apart here
    else out[r.ord - 1]!.push({ word: r.word, near: withinOneTypo(fuzzy[r.ord - 1]!, r.word), similarity: r.similarity });
  }
  return { fuzzy: out, exact: found };
}

/** A strong match: within one typo, or similar enough (kept in the first, narrower pass). */
const isStrong = (x: VocabularyMatch) => x.near || x.similarity >= STRONG_SIMILARITY;

/**
 * The condition on a person's words, one term a conjunct: a typed word must be held (one of its
 * matches), or, where two neighbouring words joined are a word, that word instead of both; a
 * word cut in two where both halves are words may be held as the two halves. `strongOnly`
 * keeps each word's strong matches (where it has any): the first, narrower pass.
 */
function wordConditions(terms: NameSearchTerms, m: { fuzzy: VocabularyMatch[][]; exact: Set<string> }, strongOnly: boolean, holds: (list: string[]) => string): string[] {
  const n = terms.words.length;
  const listOf = (i: number) => {
    const all = m.fuzzy[i] ?? [];
    const strong = all.filter(isStrong);
    return (strongOnly && strong.length ? strong : all).map((x) => x.word);
  };
  // each alternative rendered only when used: a rendered list is a parameter of the statement
  const one = (i: number): Array<() => string> => {
    const alternatives: Array<() => string> = [];
    const list = listOf(i);
    if (list.length) alternatives.push(() => holds(list));
    if (!(m.fuzzy[i] ?? []).some((x) => x.word === terms.words[i])) {
      for (const [a, b] of terms.splits[i] ?? []) if (m.exact.has(a) && m.exact.has(b)) alternatives.push(() => `(${holds([a])} AND ${holds([b])})`);
    }
    return alternatives;
  };
  const any = (alternatives: Array<() => string>) => (alternatives.length === 1 ? alternatives[0]!() : `(${alternatives.map((a) => a()).join(' OR ')})`);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    // two words joined count when the joined word is within one typo of a word that is neither of them
    const joined = i + 1 < n
      ? (m.fuzzy[n + i] ?? []).filter((x) => x.near && x.word !== terms.words[i] && x.word !== terms.words[i + 1]).map((x) => x.word)
      : [];
    if (joined.length) {
      const a = one(i);
      const b = one(i + 1);
      out.push(any([...(a.length && b.length ? [() => `(${any(a)} AND ${any(b)})`] : []), () => holds(joined)]));
      i++;
      continue;
    }
    const c = one(i);
    if (c.length) out.push(any(c));
  }
  return out;
}

/**
 * Typo-tolerant name search; `q` is already normalized (normalizePersonName). The typed words are
 * normalised as record linkage does (nameSearchTerms), each matched in the vocabulary (typos,
 * joined and split words: wordConditions). Beyond one village, where at most NAME_CANDIDATE_LIMIT
 * candidates are ranked, a first pass holds each word to its strong matches; when it finds fewer
 * than a page, every match counts. A typed word that matches nothing is left
 * out of the condition (nobody holds it) but still counts in the ranking. Ranking: first the
 * same name once normalised (spaces aside), then by the share of typed words the name holds
 * within one typo; within that, names take turns (the first holder of each, then the second),
 * each by the whole name's trigram similarity with and without spaces (joined or split words
 * rank alike; word order barely counts). The score orders the results; it is no probability.
 */
export async function searchByName(
  db: Db, actor: Actor, f: SearchFilter, q: string, page: { limit: number; after?: { score: number; id: string } | undefined },
): Promise<Array<PersonSummaryRecord & { score: number }>> {
  const terms = nameSearchTerms(q);
  if (terms.words.length === 0) return [];
  const rows = await db.transaction(async (tx) => {
    const doubled = terms.doubled.flatMap((w, i) => (w ? [{ w, i }] : []));
    const matches = await vocabularyMatches(tx, [...terms.words, ...terms.joins, ...doubled.map((d) => d.w)], terms.splits.flat(2));
    // a word typed with doubled letters also matches with single letters ("NNEENG": NENG as well as NENENG)
    doubled.forEach((d, k) => {
      const own = matches.fuzzy[d.i]!;
      for (const x of matches.fuzzy[terms.words.length + terms.joins.length + k] ?? []) if (!own.some((y) => y.word === x.word)) own.push(x);
    });

    const scopes = actor.areasFor('registry.read');
    const oneVillage = f.area?.level === 'village' || (scopes.length === 1 && areaLevel(scopes[0]!) === 'village');
    const village = f.area?.level === 'village' ? f.area.code : scopes[0];
    const pass = async (strongOnly: boolean) => {
      const params = new SqlParams();
      // In one village, the word lists of that village (VILLAGE_WORDS); beyond it, the
      // kabupaten's word lists.
      const holds = oneVillage && village
        ? (list: string[]) => `${VILLAGE_WORDS} && ${params.add(list.map((w) => `${village}:${w}`))}::text[]`
        : (list: string[]) => `string_to_array(p.name_norm, ' ') && ${params.add(list)}::text[]`;
      const conditions = wordConditions(terms, matches, strongOnly, holds);
      if (conditions.length === 0) return [];
      const where = [...filters(params, actor, f), ...conditions];
      const qp = params.add(terms.words.join(' '));
      const qj = params.add(terms.joined);
      // a name holding, for a typed word, a word within one typo of it ranks above one that is
      // merely similar ("DAN": DIAN before DADAN)
      const nearLists = terms.words.map((_, i) => (matches.fuzzy[i] ?? []).filter((x) => x.near).map((x) => x.word)).filter((l) => l.length);
      const near = nearLists.length
        ? `(${nearLists.map((l) => `(string_to_array(c.name_norm, ' ') && ${params.add(l)}::text[])::int`).join(' + ')})::float8 / ${2 * terms.words.length}`
        : '0';
      let after = '';
      if (page.after) {
        const score = params.add(page.after.score);
        after = `WHERE s.score < ${score}::numeric OR (s.score = ${score}::numeric AND s.id > ${params.add(page.after.id)}::uuid)`;
      }
      // score: the class (exact name, then the share of words within one typo) in thousands,
      // then, within a class, the n-th holder of each name after the (n-1)-th of every other
      // (two names as close to what was typed both show on the first page), then similarity
      const { rows: found } = await tx.query<SummaryRow & { score: number }>(
        `SELECT ${SUMMARY_COLUMNS}, m.score FROM (
           SELECT s.id, s.score FROM (
             SELECT k.id, round((k.class * 1000 + 100 - least(row_number() OVER (PARTITION BY k.class, k.name_norm ORDER BY k.id), 100) + k.sim / 2)::numeric, 6) AS score
             FROM (
               SELECT c.id, c.name_norm, CASE WHEN c.joined = ${qj} THEN 1 ELSE 0 END + ${near} AS class,
                 (similarity(${qp}, c.name_norm) + similarity(${qj}, c.joined)) / 2 AS sim
               FROM (SELECT p.id, p.name_norm, replace(p.name_norm, ' ', '') AS joined
                     FROM persons p WHERE ${where.join(' AND ')}${oneVillage ? '' : ` LIMIT ${NAME_CANDIDATE_LIMIT}`}) c
             ) k
           ) s ${after}
           ORDER BY s.score DESC, s.id LIMIT ${params.add(page.limit + 1)}
         ) m JOIN persons p ON p.id = m.id
         ORDER BY m.score DESC, m.id`,
        params.values,
      );
      return found;
    };
    // in one village every candidate is ranked: one pass with every match
    if (oneVillage) return pass(false);
    const first = await pass(true);
    return first.length > page.limit ? first : pass(false);
  });
  const summaries = await withAreaNames(db, rows);
  return summaries.map((p, i) => ({ ...p, score: rows[i]!.score }));
}

/**
 * The village (code and name only) of the resident holding `nik` anywhere in the kabupaten,
 * for a caller whose own area does not reach them: no other field is read.
 */
export async function villageOfNik(db: Db, kabCode: string, nik: string): Promise<{ code: string; name: string } | null> {
  const { rows } = await db.query<{ code: Col<'persons', 'village_code'>; name: Col<'areas', 'name'> }>(
    `SELECT p.village_code AS code, v.name FROM persons p JOIN areas v ON v.code = p.village_code WHERE p.kab_code = $1 AND p.nik = $2 LIMIT 1`,
    [kabCode, nik],
  );
  return rows[0] ?? null;
}
