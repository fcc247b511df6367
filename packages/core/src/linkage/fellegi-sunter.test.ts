import { expectedF1Threshold, isPlausibleModel } from './link-records.ts';
import { describe, expect, it } from 'vitest';
import { COMPARISON_COUNT, linkageRecordOf } from './comparisons.ts';
import { defaultLinkageModel, explain, patternsOf, trainEm, type LinkageModel } from './fellegi-sunter.ts';
import { candidatePairs, BLOCKING_RULES } from './blocking.ts';
import { keyHash } from './key-hash.ts';
import { CandidateIndex } from './candidate-stream.ts';
import { clustersOf } from './link-records.ts';

/** sfc-like tiny seeded generator for the tests. */
function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a |= 0; a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = (rnd: () => number, probs: number[]) => {
  let x = rnd();
  for (let l = 0; l < probs.length; l++) { x -= probs[l] ?? 0; if (x < 0) return l; }
  return probs.length - 1;
};

describe('Fellegi-Sunter with EM', () => {
  it('recovers m, u and lambda from pairs generated under a known model', () => {
    const truth: LinkageModel = {
      ...defaultLinkageModel(),
      lambda: 0.1,
      comparisons: [
        { key: 'nik', levels: ['a', 'b', 'c', 'd'], m: [0.2, 0.1, 0.3, 0.4], u: [0.6, 0.2, 0.18, 0.02] },
        { key: 'name', levels: ['a', 'b', 'c', 'd', 'e'], m: [0.03, 0.05, 0.12, 0.2, 0.6], u: [0.7, 0.2, 0.06, 0.03, 0.01] },
        { key: 'birthDate', levels: ['a', 'b', 'c', 'd'], m: [0.04, 0.03, 0.03, 0.9], u: [0.9, 0.02, 0.02, 0.06] },
        { key: 'nikBirthDate', levels: ['a', 'b'], m: [0.3, 0.7], u: [0.95, 0.05] },
        { key: 'sex', levels: ['a', 'b'], m: [0.02, 0.98], u: [0.5, 0.5] },
        { key: 'village', levels: ['a', 'b', 'c'], m: [0.1, 0.15, 0.75], u: [0.6, 0.3, 0.1] },
        { key: 'kk', levels: ['a', 'b'], m: [0.35, 0.65], u: [0.95, 0.05] },
        { key: 'household', levels: ['a', 'b', 'c', 'd'], m: [0.05, 0.25, 0.2, 0.5], u: [0.1, 0.8, 0.07, 0.03] },
      ],
    };
    const rnd = mulberry32(7);
    const n = 60_000;
    const levels = new Int8Array(n * COMPARISON_COUNT);
    for (let i = 0; i < n; i++) {
      const match = rnd() < truth.lambda;
      truth.comparisons.forEach((c, k) => { levels[i * COMPARISON_COUNT + k] = pick(rnd, match ? c.m : c.u); });
    }
    const trained = trainEm(patternsOf(levels, n), defaultLinkageModel(), { maxIterations: 500 });
    expect(trained.trainedOn?.converged).toBe(true);
    expect(trained.lambda).toBeCloseTo(0.1, 1);
    trained.comparisons.forEach((c, k) => {
      const t = truth.comparisons[k];
      c.m.forEach((m, l) => expect(Math.abs(m - (t?.m[l] ?? 0))).toBeLessThan(0.03));
      c.u.forEach((u, l) => expect(Math.abs(u - (t?.u[l] ?? 0))).toBeLessThan(0.03));
    });
  });

  it('explains a score comparison by comparison; missing values weigh nothing', () => {
    const model = defaultLinkageModel();
    const e = explain(model, [2, 4, 3, -1, 1, 2, -1, -1]);
    expect(e.contributions.map((c) => c.key)).toEqual(['nik', 'name', 'birthDate', 'nikBirthDate', 'sex', 'village', 'kk', 'household']);
    expect(e.contributions[3]).toEqual({ key: 'nikBirthDate', level: null, weight: 0 });
    expect(e.contributions[6]).toEqual({ key: 'kk', level: null, weight: 0 });
    expect(e.contributions.filter((c) => c.level !== null).every((c) => c.weight > 0)).toBe(true);
    expect(e.probability).toBeGreaterThan(0.99);
    const against = explain(model, [0, 0, 0, 0, 0, 0, 0, 0]);
    expect(against.probability).toBeLessThan(0.001);
  });
});

describe('blocking', () => {
  const rec = (nik: string | null, name: string, birthDate: string, kk: string | null = null) =>
    linkageRecordOf({ nik, fullName: name, birthDate, sex: 'M', villageCode: '32.04.05.2004', kk });
  it('keeps pairs with a wrong NIK digit, a missing NIK, a swapped date, another word order', () => {
    const base = rec('3204051204780012', 'Ujang Suparman', '1978-04-12');
    const records = [
      base,
      rec('3204051204780013', 'Dedi Suparman', '1979-01-01'), // serial digit wrong, another name and date: NIK without serial
      rec('3204061204780012', 'Ujang Suparman', '1978-12-04'), // region digit wrong and the date swapped: NIK date and initial
      rec('3204051204780099', 'Ujang Suparman', '1978-04-12'), // same birth date, sex, initial
      rec(null, 'Suparman Ujang', '1978-12-04'), // no NIK, word order and date swapped: name letters, day and month
      rec(null, 'Ujangsuparman', '1979-04-12'), // joined words, year off: name letters, day and month
      rec(null, 'Ujang Suparmn', '1978-06-30'), // typo and another date: a word of the name, birth year, sex
    ];
    const { pairs, count } = candidatePairs(records);
    const n = records.length;
    const set = new Set(Array.from(pairs.subarray(0, count)));
    for (let k = 1; k < n; k++) expect(set.has(0 * n + k), `record ${k}`).toBe(true);
  });
  it('does not expand blocks past the limit and counts them', () => {
    const records = Array.from({ length: 20 }, (_, i) => rec(null, `Siti ${i}`, '1990-01-01'));
    const r = candidatePairs(records, BLOCKING_RULES.filter((x) => x.name === 'birth_date_sex_initial'), 10);
    expect(r.count).toBe(0);
    expect(r.stats[0]?.oversizedBlocks).toBe(1);
  });
  it('streams the same candidate pairs as candidatePairs, each once, and knows them afterwards', () => {
    const words = ['Ujang', 'Siti', 'Nur', 'Hasanah', 'Dedi', 'Suparman', 'Asep', 'Rahmat'];
    const rnd = mulberry32(7);
    const w = () => words[Math.floor(rnd() * words.length)] ?? 'Siti';
    const records = Array.from({ length: 600 }, (_, i) => {
      const day = String(1 + Math.floor(rnd() * 3)).padStart(2, '0');
      const nik = rnd() < 0.2 ? null : `320405${day}0${Math.floor(rnd() * 3)}9${Math.floor(rnd() * 3)}${String(i % 7).padStart(4, '0')}`;
      return linkageRecordOf({ nik, fullName: `${w()} ${w()} ${w()}`, birthDate: `199${Math.floor(rnd() * 3)}-0${1 + Math.floor(rnd() * 2)}-${day}`, sex: rnd() < 0.5 ? 'M' : 'F', villageCode: `32.04.0${1 + Math.floor(rnd() * 2)}.2001`, kk: null });
    });
    const n = records.length;
    const expected = candidatePairs(records, BLOCKING_RULES, 40);
    const seen: number[] = [];
    const index = new CandidateIndex(records, (i, j) => seen.push(i * n + j), BLOCKING_RULES, 40);
    expect(index.stats.some((s) => s.oversizedBlocks > 0)).toBe(true);
    expect(Float64Array.from(seen).sort()).toEqual(expected.pairs);
    expect(index.count).toBe(expected.count);
    const set = new Set(seen);
    for (let i = 0; i < n; i += 7) for (let j = i + 1; j < n; j += 5) expect(index.isCandidate(i, j), `${i} ${j}`).toBe(set.has(i * n + j));
  });
  it('hashes equal keys equally', () => {
    expect(keyHash('abc')).toBe(keyHash('abc'));
    expect(keyHash('abc')).not.toBe(keyHash('abd'));
  });
  it('groups pairs into clusters', () => {
    expect(Array.from(clustersOf(5, [{ a: 0, b: 1 }, { a: 1, b: 3 }]))).toEqual([0, 0, -1, 0, -1]);
  });
});

describe('threshold from the model', () => {
  it('lists the pairs where the model expects the best F1: down to about half that F1', () => {
    // certain pairs and one at 0.2: E[F1] 8/8.2 with four, 8.4/9.2 with five
    expect(expectedF1Threshold([1, 0.2, 1, 1, 1])).toBe(1);
    // 0.9, 0.6, 0.4: E[F1] 0.62, 0.769, 0.776: the 0.4 pair is worth listing (F1 / 2 = 0.39)
    expect(expectedF1Threshold([0.4, 0.9, 0.6])).toBe(0.4);
    // the probability of the candidates left below adds pairs expected missed, not listed
    expect(expectedF1Threshold([0.9, 0.6, 0.4], 3)).toBe(0.4);
    expect(expectedF1Threshold([])).toBeNull();
  });
});

describe('isPlausibleModel', () => {
  it('refuses a model where an exact name or the same village counts against a match (EM gone astray on a small registry)', () => {
    const good = defaultLinkageModel();
    expect(isPlausibleModel(good)).toBe(true);
    const astray = JSON.parse(JSON.stringify(good)) as LinkageModel;
    const village = astray.comparisons.find((c) => c.key === 'village')!;
    village.m = [0.999998, 0.000001, 0.000001];
    village.u = [0.93, 0.03, 0.04];
    expect(isPlausibleModel(astray)).toBe(false);
  });
});
