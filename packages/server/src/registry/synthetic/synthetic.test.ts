import { describe, expect, it } from 'vitest';
import { validateKk, validateNik } from '@slrt/core';
import { generateHouseholds, type SyntheticHousehold } from './generator.ts';
import { canonicalCsvLines } from './canonical.ts';

const VILLAGES = ['32.04.05.2004', '32.04.05.2002', '32.04.37.2001', '32.04.12.2002'];
const today = new Date('2026-01-01T00:00:00Z');

function take(persons: number, seed: string | number, villages = VILLAGES): SyntheticHousehold[] {
  return [...generateHouseholds({ persons, seed, villages })];
}

describe('generateHouseholds', () => {
  it('is deterministic per seed and differs between seeds', () => {
    const a = take(500, 7);
    expect(take(500, 7)).toEqual(a);
    const b = take(500, 8);
    expect(b[0]!.families[0]!.members[0]!.nik).not.toBe(a[0]!.families[0]!.members[0]!.nik);
    const niksA = new Set(a.flatMap((h) => h.families.flatMap((f) => f.members.map((m) => m.nik))));
    const shared = b.flatMap((h) => h.families.flatMap((f) => f.members.map((m) => m.nik))).filter((n) => niksA.has(n));
    expect(shared).toEqual([]);
  });

  it('makes exactly the number of persons asked, with unique NIKs and KKs valid by the rules', () => {
    const households = take(3000, 'rules');
    const people = households.flatMap((h) => h.families.flatMap((f) => f.members.map((m) => ({ m, kk: f.kk, h }))));
    expect(people).toHaveLength(3000);
    expect(new Set(people.map((p) => p.m.nik)).size).toBe(3000);
    const kks = households.flatMap((h) => h.families.map((f) => f.kk));
    expect(new Set(kks).size).toBe(kks.length);
    let elsewhere = 0;
    for (const { m, kk, h } of people) {
      const r = validateNik(m.nik, { birthDate: m.birthDate, sex: m.sex }, { today });
      expect(r.errors, m.nik).toEqual([]);
      expect(r.warnings, m.nik).toEqual([]);
      const homeKec = h.villageCode.split('.').slice(0, 3).join('.');
      if (r.parsed!.kecamatanCode !== homeKec) elsewhere++;
      expect(validateKk(kk, { today }).ok).toBe(true);
      expect(kk.slice(0, 6)).toBe(homeKec.replace(/\./g, ''));
      if (m.pregnant) expect(m.sex).toBe('F');
    }
    // About one NIK in ten was issued in another kecamatan.
    expect(elsewhere / people.length).toBeGreaterThan(0.06);
    expect(elsewhere / people.length).toBeLessThan(0.14);
  });

  it('composes plausible households: one head per family, a spouse of the other sex, deciles with a date', () => {
    const households = take(2000, 'families');
    const sizes = households.map((h) => h.families.reduce((s, f) => s + f.members.length, 0));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(8);
    const mean = sizes.reduce((a, b) => a + b, 0) / sizes.length;
    expect(mean).toBeGreaterThan(2.8);
    expect(mean).toBeLessThan(4.5);
    for (const h of households) {
      for (const f of h.families) {
        expect(f.members.filter((m) => m.relationship === 'head')).toHaveLength(1);
        const head = f.members.find((m) => m.relationship === 'head')!;
        for (const s of f.members.filter((m) => m.relationship === 'spouse')) expect(s.sex).not.toBe(head.sex);
      }
      if (h.desil !== null) {
        expect(h.desil).toBeGreaterThanOrEqual(1);
        expect(h.desil).toBeLessThanOrEqual(10);
        expect(h.desilDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(h.desilSource).toBe('DTSEN');
      }
    }
    const ranked = households.filter((h) => h.desil !== null);
    expect(ranked.length / households.length).toBeGreaterThan(0.75);
    // Poorer deciles live in poorer housing: earth or bamboo floors mostly in deciles 1-3.
    const poorFloor = ranked.filter((h) => h.indicators.floor === 'earth' || h.indicators.floor === 'bamboo');
    const lowDeciles = poorFloor.filter((h) => h.desil! <= 3).length;
    expect(lowDeciles / Math.max(1, poorFloor.length)).toBeGreaterThan(0.6);
    const names = households.flatMap((h) => h.families.flatMap((f) => f.members.map((m) => m.fullName)));
    expect(new Set(names).size).toBeGreaterThan(names.length / 3);
  });

  it('places the population by village weight, and streams a canonical CSV', () => {
    const weights = new Map([['32.04.05.2004', 10]]);
    const households = [...generateHouseholds({ persons: 1000, seed: 'w', villages: VILLAGES, villageWeights: weights })];
    const cinunuk = households.filter((h) => h.villageCode === '32.04.05.2004').length;
    expect(cinunuk / households.length).toBeGreaterThan(0.6);
    const csv = [...canonicalCsvLines(households.slice(0, 3))].join('');
    const lines = csv.trim().split('\n');
    expect(lines[0]!.startsWith('nik,kk,full_name,sex,')).toBe(true);
    expect(lines.length - 1).toBe(households.slice(0, 3).reduce((s, h) => s + h.families.reduce((t, f) => t + f.members.length, 0), 0));
  });
});
