import { describe, expect, it } from 'vitest';
import { candidatePairs, defaultLinkageModel, linkageRecordOf, linkRecords, type LinkageRecord } from '@slrt/core';
import { generateHouseholds } from './generator.ts';
import { Random } from './random.ts';
import { duplicateBirthDate } from './duplicates.ts';

const VILLAGES: string[] = [];
for (let k = 1; k <= 12; k++) for (let v = 1; v <= 6; v++) VILLAGES.push(`32.04.${String(k).padStart(2, '0')}.${2000 + v}`);

/** Records and the true pairs (original, duplicate) of a generated population. */
function population(persons: number, seed: string) {
  const records: LinkageRecord[] = [];
  const labels: (string | null)[] = [];
  const niks: string[] = [];
  for (const h of generateHouseholds({ persons, seed, villages: VILLAGES, duplicateShare: 0.05 })) {
    for (const f of h.families) {
      for (const p of f.members) {
        records.push(linkageRecordOf({ nik: p.nik, fullName: p.fullName, birthDate: p.birthDate, sex: p.sex, villageCode: h.villageCode, kk: f.kk }));
        labels.push(p.duplicateOf ?? null);
        niks.push(p.nik);
      }
    }
  }
  const original = new Map<string, number>();
  niks.forEach((nik, i) => { if (labels[i] === null) original.set(nik, i); });
  const n = records.length;
  const truth = new Set<number>();
  labels.forEach((l, i) => {
    const o = l === null ? undefined : original.get(l);
    if (o !== undefined) truth.add(Math.min(o, i) * n + Math.max(o, i));
  });
  return { records, truth, labels, niks };
}

describe('labelled duplicates', () => {
  it('makes about the share asked, never a NIK twice, and errors of every kind', () => {
    const { records, labels, niks } = population(20_000, 'dups');
    expect(records).toHaveLength(20_000);
    const share = labels.filter((l) => l !== null).length / records.length;
    expect(share).toBeGreaterThan(0.04);
    expect(share).toBeLessThan(0.06);
    const present = niks.filter((n) => n !== '');
    expect(new Set(present).size).toBe(present.length);
    const dups = records.filter((_, i) => labels[i] !== null);
    expect(dups.some((r) => r.nik === null)).toBe(true);
    expect(dups.some((r) => r.name.words.length > 0)).toBe(true);
  });

  it('EM converges on generated data, and the run finds the duplicates at the stated quality', () => {
    const { records, truth } = population(20_000, 'em');
    const rnd = new Random('em-run');
    const result = linkRecords(records, { random: () => rnd.next() });
    expect(result.model.trainedOn?.converged).toBe(true);
    // learned m of an exact name among matches, and u among random pairs, where they belong
    const name = result.model.comparisons.find((c) => c.key === 'name');
    expect(name?.m[4]).toBeGreaterThan(0.5);
    expect(name?.u[4]).toBeLessThan(0.01);
    const n = records.length;
    const found = result.pairs.map((p) => p.a * n + p.b);
    const tp = found.filter((c) => truth.has(c)).length;
    const precision = tp / found.length;
    const recall = tp / truth.size;
    expect(precision).toBeGreaterThan(0.95);
    expect(recall).toBeGreaterThan(0.85);
    // blocking keeps nearly every true pair
    const candidates = new Set(Array.from(candidatePairs(records).pairs));
    expect([...truth].filter((c) => candidates.has(c)).length / truth.size).toBeGreaterThan(0.97);
    expect(defaultLinkageModel().threshold).toBe(result.model.threshold);
  });
});

describe('duplicate birth dates', () => {
  it('always give a date that exists (29 February a year away is the 28th)', () => {
    const rng = new Random('leap');
    for (let i = 0; i < 2000; i++) {
      const d = duplicateBirthDate(rng, '2020-02-29');
      expect(new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10)).toBe(d);
    }
  });
});
