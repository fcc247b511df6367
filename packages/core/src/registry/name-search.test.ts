import { describe, expect, it } from 'vitest';
import { nameSearchTerms, withinOneTypo, wordDeletions } from './name-search.ts';

describe('nameSearchTerms', () => {
  it('normalises as record linkage does: titles, old spellings, the forms of Muhammad', () => {
    expect(nameSearchTerms('Hj. Tjutju Soemarni, S.Pd.').words).toEqual(['CUCU', 'SUMARNI']);
    expect(nameSearchTerms('Moh. Rahmat').words).toEqual(['MUHAMAD', 'RAHMAT']);
  });

  it('keeps a word typed with doubled letters as typed, its single-letter form beside it', () => {
    const t = nameSearchTerms('nneeng juariah');
    expect(t.words).toEqual(['NNEENG', 'JUARIAH']);
    expect(t.doubled).toEqual(['NENG', null]);
  });

  it('joins neighbours and cuts long words in two', () => {
    const t = nameSearchTerms('Siti Nur Hasanah');
    expect(t.joins).toEqual(['SITINUR', 'NURHASANAH']);
    expect(t.joined).toBe('SITINURHASANAH');
    expect(nameSearchTerms('nurhasanah').splits[0]).toContainEqual(['NUR', 'HASANAH']);
    expect(nameSearchTerms('Nur').splits[0]).toEqual([]);
  });
});

describe('typos', () => {
  it('two words within one typo share a deletion', () => {
    const share = (a: string, b: string) => wordDeletions(a).some((d) => wordDeletions(b).includes(d));
    for (const [a, b] of [['ECNEP', 'ENCEP'], ['RZIKI', 'RIZKI'], ['DDOI', 'DODI'], ['DAN', 'DIAN'], ['NQNA', 'NANA'], ['AP', 'AEP']]) {
      expect(share(a!, b!), `${a} ${b}`).toBe(true);
      expect(withinOneTypo(a!, b!), `${a} ${b}`).toBe(true);
    }
    // a two-letter word is sent alone: "AI" is not near "AP"
    expect(share('AP', 'AI')).toBe(false);
    expect(withinOneTypo('RIAN', 'RINI')).toBe(false);
    expect(withinOneTypo('DAN', 'DADAN')).toBe(false);
    expect(withinOneTypo('SRAI', 'SARI')).toBe(true);
  });
});
