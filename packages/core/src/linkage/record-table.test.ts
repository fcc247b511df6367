import { describe, expect, it } from 'vitest';
import { BLOCKING_RULES, candidatePairs } from './blocking.ts';
import { CandidateIndex } from './candidate-stream.ts';
import { COMPARISON_COUNT, compareRecords, linkageRecordOf, oneEditApart, type LinkageRecord } from './comparisons.ts';
import { defaultLinkageModel, levelWeights, matchWeightOf, nameFrequencyAdjustment, nameFrequencyOf, priorWeight, probabilityOf } from './fellegi-sunter.ts';
import { prepareHouseholds } from './household-members.ts';
import { expectedF1Threshold, learnModel, linkTable } from './link-records.ts';
import { NameLevels } from './name-levels.ts';
import { RecordTableBuilder, rowStrings, tableOfRecords } from './record-table.ts';
import { compareRows, serialsOneEditApart } from './table-comparisons.ts';
import { trainDataOfRecords, trainDataOfTable, trainLinkageModel, trainOn } from './train.ts';

function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a |= 0; a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A small population dense in what the comparisons tell apart: few names, dates and
 * villages (so blocks and agreements are common), households of several members (some over
 * the 31 compared), NIKs whose serials are one digit or one swap apart, NIKs carrying
 * another date than the record's, missing values of every field, names with titles, old
 * spellings, joined words and none at all.
 */
function population(n: number, seed: number): { raw: Parameters<typeof linkageRecordOf>[0][]; records: LinkageRecord[] } {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const names = ['Ujang Suparman', 'Suparman Ujang', 'Ujangsuparman', 'Siti Aminah', 'Hj. Siti Aminah', 'Siti Aminah, S.Pd.', 'Nur Hasanah', 'Nurhasanah', 'Soedjono', 'Sujono',
    'Moh. Rizki', 'Muhammad Rizki', 'Dedi', 'Asep Rahmat', 'Asep Rahmat Hidayat', 'Tjahjadi', 'Cahyadi', '', 'Siti Siti Aminah', 'Ujang Suparmn', 'Asep Rahmat Hidayat Suparman', 'Rahmat Asep Suparman Hidayat'];
  const raw: Parameters<typeof linkageRecordOf>[0][] = [];
  let household = 0, left = 0;
  for (let i = 0; i < n; i++) {
    if (left === 0) { household++; left = rnd() < 0.05 ? 35 : 1 + Math.floor(rnd() * 5); }
    left--;
    const year = 1970 + Math.floor(rnd() * 3), month = 1 + Math.floor(rnd() * 3), day = 1 + Math.floor(rnd() * 4);
    const p2 = (v: number) => String(v).padStart(2, '0');
    const birthDate = rnd() < 0.05 ? null : `${year}-${p2(month)}-${p2(day)}`;
    const sex = rnd() < 0.5 ? 'M' : rnd() < 0.97 ? 'F' : null;
    // the NIK's date: mostly the record's own, sometimes another day (a date typed wrong)
    const nd = rnd() < 0.8 ? day : 1 + Math.floor(rnd() * 4);
    const serial = pick(['0001', '0002', '0010', '0012', '0021', '0013', '1200', '2100', '0120']);
    const nik = rnd() < 0.15 ? null : `3204${pick(['05', '06'])}${p2(sex === 'F' ? nd + 40 : nd)}${p2(month)}${p2(year % 100)}${serial}`;
    const kk = rnd() < 0.3 ? null : `32040512${String(household % 40).padStart(8, '0')}`;
    const villageCode = rnd() < 0.03 ? null : pick(['32.04.05.2001', '32.04.05.2002', '32.04.06.2001']);
    raw.push({ nik, fullName: pick(names), birthDate, sex, villageCode, kk, householdId: rnd() < 0.1 ? null : `h${household}` });
  }
  const records = raw.map((r) => linkageRecordOf(r));
  prepareHouseholds(records, (r) => r.householdId);
  return { raw, records };
}

describe('RecordTable', () => {
  it('serials one edit apart as oneEditApart on their text', () => {
    const all = ['0001', '0002', '0010', '0012', '0021', '0013', '1200', '2100', '0120', '1021', '9999', '0000'];
    for (const a of all) for (const b of all) expect(serialsOneEditApart(Number(a), Number(b)), `${a} ${b}`).toBe(oneEditApart(a, b));
  });

  it('compares every pair of rows as compareRecords compares the records', () => {
    const { raw, records } = population(300, 11);
    const b = new RecordTableBuilder();
    for (const r of raw) b.add(r.nik, r.kk, r.fullName, r.birthDate, r.sex, r.villageCode, r.householdId ?? null);
    const t = b.finish();
    const names = NameLevels.ofTable(t);
    const out = new Int8Array(COMPARISON_COUNT);
    const levels = new Set<string>();
    for (let i = 0; i < records.length; i++) {
      for (let j = i + 1; j < records.length; j++) {
        compareRows(t, i, j, out, 0, names.level(i, j));
        const expected = Array.from(compareRecords(records[i]!, records[j]!));
        expect(Array.from(out), `${i} ${j}`).toEqual(expected);
        levels.add(expected.join(','));
      }
    }
    // the population reaches every level of every comparison
    for (let c = 0; c < COMPARISON_COUNT; c++) {
      const seen = new Set([...levels].map((l) => Number(l.split(',')[c])));
      expect(seen.size, `comparison ${c}`).toBeGreaterThan(2);
    }
    // the registry's fields come back as written
    for (let i = 0; i < raw.length; i++) {
      const s = rowStrings(t, i);
      expect([s.nik, s.kk, s.birthDate, s.sex, s.villageCode]).toEqual([raw[i]!.nik, raw[i]!.kk, raw[i]!.birthDate, raw[i]!.sex, raw[i]!.villageCode]);
      expect(t.rawNames[t.rawNameId[i]!]).toBe(raw[i]!.fullName);
    }
  });

  it('proposes the candidate pairs of candidatePairs (the rules keyed on numbers)', () => {
    const { records } = population(1000, 12);
    const t = tableOfRecords(records);
    const n = records.length;
    const expected = candidatePairs(records, BLOCKING_RULES, 30);
    const seen: number[] = [];
    const index = new CandidateIndex(t, (i, j) => seen.push(i * n + j), BLOCKING_RULES, 30);
    expect(index.stats.some((s) => s.oversizedBlocks > 0)).toBe(true);
    expect(Float64Array.from(seen).sort()).toEqual(expected.pairs);
    // and the same counts per rule as the index on the records (keys as strings)
    expect(index.stats).toEqual(new CandidateIndex(records, () => {}, BLOCKING_RULES, 30).stats);
  });

  it('learns the same model from the table as from the records', () => {
    const { records } = population(1200, 13);
    const t = tableOfRecords(records);
    const a = trainLinkageModel(records, linkTableStart(), { random: mulberry32(5), uSamples: 20_000 });
    const b = trainOn(trainDataOfTable(t), linkTableStart(), { random: mulberry32(5), uSamples: 20_000 });
    expect(b).toEqual(a);
  });

  it('links as the previous algorithm did: candidatePairs, compareRecords, the same weights and threshold', () => {
    const { records } = population(1200, 14);
    const result = linkTable(tableOfRecords(records), { random: mulberry32(9), uSamples: 20_000, threshold: 'expected-f1' });
    // the previous algorithm, written out: every candidate pair compared on the objects and scored
    const model = learnModel(trainDataOfRecords(records), { random: mulberry32(9), uSamples: 20_000, threshold: 'expected-f1' });
    const weights = levelWeights(model), prior = priorWeight(model);
    const n = records.length;
    const { pairs, count } = candidatePairs(records);
    const scored: { a: number; b: number; w: number; p: number; levels: string }[] = [];
    let below = 0;
    for (let k = 0; k < count; k++) {
      const code = pairs[k]!;
      const i = Math.floor(code / n), j = code - i * n;
      const levels = compareRecords(records[i]!, records[j]!);
      let w = matchWeightOf(weights, prior, levels);
      if (levels[1] === 4) w += nameFrequencyAdjustment(model, nameFrequencyOf(model, records[i]!.name.sorted) ?? 0, nameFrequencyOf(model, records[j]!.name.sorted) ?? 0);
      const p = probabilityOf(w);
      if (p < 0.01) below += p;
      else scored.push({ a: i, b: j, w, p, levels: Array.from(levels).join(',') });
    }
    const threshold = expectedF1Threshold(scored.map((s) => s.p), below)!;
    const listed = scored.filter((s) => s.p >= threshold);
    expect(result.candidateCount).toBe(count);
    expect(result.model.threshold).toBeCloseTo(threshold, 12);
    expect(result.pairs.length).toBe(listed.length);
    expect(listed.length).toBeGreaterThan(20);
    result.pairs.forEach((p, k) => {
      const e = listed[k]!;
      expect([p.a, p.b]).toEqual([e.a, e.b]);
      expect(p.matchWeight).toBeCloseTo(e.w, 9);
      expect(Array.from(result.levels.subarray(p.candidate * COMPARISON_COUNT, (p.candidate + 1) * COMPARISON_COUNT)).join(',')).toBe(e.levels);
    });
  });
});

/** The start model of linkRecords: the default one. */
const linkTableStart = () => defaultLinkageModel();
