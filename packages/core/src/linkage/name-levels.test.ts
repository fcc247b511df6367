import { describe, expect, it } from 'vitest';
import { compareName, linkageRecordOf } from './comparisons.ts';
import { NameLevels } from './name-levels.ts';

describe('NameLevels', () => {
  it('gives compareName of every pair, remembered or not', () => {
    const raw = ['Siti Nurhasanah', 'Siti Nur Hasanah', 'Moh. Sjarifudin', 'Muhammad Syarifudin', 'Hasanah Nur Siti', 'Dedi', 'Dede', 'Siti Nurhasanah', 'Asep Sunandar, S.Pd.'];
    const records = raw.map((fullName, i) => linkageRecordOf({ nik: null, fullName, birthDate: null, sex: i % 2 ? 'F' : 'M', villageCode: null, kk: null }));
    const names = new NameLevels(records);
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < records.length; i++) {
        for (let j = 0; j < records.length; j++) expect(names.level(i, j)).toBe(compareName(records[i]!.name, records[j]!.name));
      }
    }
  });
});
