import { describe, expect, it } from 'vitest';
import { jaro, jaroWinkler } from './jaro-winkler.ts';
import { nameSimilarity, normalizePersonNameForMatching as norm } from './person-name.ts';
import { defaultLinkageModel, explain, nameFrequencyTable } from './fellegi-sunter.ts';
import { birthKeyOf, compareBirthDate, compareDateNum, compareKk, compareName, compareNik, compareNikBirthDate, compareRecords, compareSex, compareVillage, linkageRecordOf, nikDateKeyOf, oneEditApart } from './comparisons.ts';

describe('Jaro-Winkler', () => {
  it('gives the published values', () => {
    expect(jaro('MARTHA', 'MARHTA')).toBeCloseTo(0.944, 3);
    expect(jaroWinkler('MARTHA', 'MARHTA')).toBeCloseTo(0.961, 3);
    expect(jaroWinkler('DWAYNE', 'DUANE')).toBeCloseTo(0.84, 2);
    expect(jaroWinkler('DIXON', 'DICKSONX')).toBeCloseTo(0.813, 3);
    expect(jaroWinkler('ABC', 'XYZ')).toBe(0);
    expect(jaroWinkler('', 'A')).toBe(0);
    expect(jaroWinkler('SAME', 'SAME')).toBe(1);
  });
  it('is symmetric', () => {
    for (const [a, b] of [['BUDI SANTOSO', 'BUDI SUSANTO'], ['NURHASANAH', 'NUR HASANAH'], ['A', 'AB']] as const) {
      expect(jaroWinkler(a, b)).toBeCloseTo(jaroWinkler(b, a), 12);
    }
  });
});

describe('Indonesian name normalisation', () => {
  const same = (a: string, b: string) => expect(norm(a).text).toBe(norm(b).text);
  it('maps the old spellings to the current ones', () => {
    same('Soedjono', 'Sujono'); // oe/u, dj/j
    same('Tjahjono', 'Cahjono'); // tj/c
    same('Sjarifudin', 'Syarifudin'); // sj/sy
    same('Chairul Anwar', 'Khairul Anwar'); // ch/kh
    same('Njoman', 'Nyoman'); // nj/ny
  });
  it('drops honorifics and academic titles, before and after the name', () => {
    same('Hj. Siti Aminah', 'Siti Aminah');
    same('H. Ahmad Dahlan', 'Ahmad Dahlan');
    same('Budi Santoso, S.Pd.', 'Budi Santoso');
    same('Drs. Budi Santoso, M.Pd.', 'Budi Santoso');
    same('Ir. H. Asep Saepudin', 'Asep Saepudin');
    same('Almh. Euis Komariah', 'Euis Komariah');
  });
  it('writes the forms of Muhammad and Abdul one way, and doubled letters once', () => {
    same('Moh. Rizki', 'Muhammad Rizki');
    same('Moch. Rizki', 'Mochammad Rizki');
    same('M. Rizki', 'Muhamad Rizki');
    same('Abd. Rahman', 'Abdul Rahman');
    same('Hasanuddin', 'Hasanudin');
  });
  it('keeps short words that are names when written without a dot', () => {
    expect(norm('Ma Encum').words).toEqual(['MA', 'ENCUM']);
  });
  it('ignores word order and joined or split words in the similarity', () => {
    expect(nameSimilarity(norm('Nur Hasanah'), norm('Nurhasanah'), jaroWinkler)).toBe(1);
    expect(nameSimilarity(norm('Santoso Budi'), norm('Budi Santoso'), jaroWinkler)).toBe(1);
    expect(nameSimilarity(norm('Budi Santoso'), norm('Budi Susanto'), jaroWinkler)).toBeGreaterThan(0.85);
    expect(nameSimilarity(norm('Budi Santoso'), norm('Wahyu Hidayat'), jaroWinkler)).toBeLessThan(0.6);
  });
});

describe('comparisons', () => {
  it('NIK: the same, else its serial alone (the same, one edit apart, other), missing', () => {
    expect(compareNik('3204051204780001', '3204051204780001')).toBe(3);
    // digits 1-12 differ (they repeat kecamatan, date and sex, compared elsewhere): the serial decides
    expect(compareNik('3204051204780001', '3204051304780001')).toBe(2);
    expect(compareNik('3204051204780012', '3204051204780021')).toBe(1);
    expect(compareNik('3204051204780012', '3204051204780013')).toBe(1);
    expect(compareNik('3204051204780012', '3204051204780099')).toBe(0);
    expect(compareNik(null, '3204051204780012')).toBe(-1);
  });
  it('reads the birth date a NIK encodes (women: day plus 40)', () => {
    expect(nikDateKeyOf('3204051204780012')).toBe('780412');
    expect(nikDateKeyOf('3204055204780012')).toBe('780412');
    expect(nikDateKeyOf(null)).toBe(null);
    expect(birthKeyOf('1978-04-12')).toBe('780412');
  });
  it("NIK's date against the other's recorded date: only where the recorded dates disagree", () => {
    const r = (nik: string | null, birthDate: string | null, sex: 'M' | 'F' = 'M') => linkageRecordOf({ nik, fullName: 'Siti Aminah', birthDate, sex, villageCode: '32.04.05.2004', kk: null });
    // the second registration typed another day; its NIK (one serial digit wrong) still carries the right one
    expect(compareNikBirthDate(r('3204051204780012', '1978-04-12'), r('3204051204780013', '1978-04-21'))).toBe(1);
    expect(compareNikBirthDate(r('3204055204780012', '1978-04-21', 'F'), r(null, '1978-04-12', 'F'))).toBe(1);
    // a NIK that disagrees with its own record's date and carries another
    expect(compareNikBirthDate(r('3204055204780012', '1978-04-21', 'F'), r(null, '1978-04-19', 'F'))).toBe(0);
    // born another day, each NIK carrying its own record's date: the dates said it all
    expect(compareNikBirthDate(r('3204051204780012', '1978-04-12'), r('3204051304780012', '1978-04-13'))).toBe(-1);
    expect(compareNikBirthDate(r('3204055204780012', '1978-04-12', 'F'), r(null, '1978-04-19', 'F'))).toBe(-1);
    // recorded dates the same: the birth date comparison has counted them; nothing twice
    expect(compareNikBirthDate(r('3204051204780012', '1978-04-12'), r('3204051204780013', '1978-04-12'))).toBe(-1);
    expect(compareNikBirthDate(r(null, '1978-04-12'), r(null, '1978-04-21'))).toBe(-1);
    expect(compareNikBirthDate(r('3204051204780012', null), r(null, '1978-04-21'))).toBe(-1);
  });
  it('two people born the same day in the same kecamatan (NIKs one digit apart) do not score as one person', () => {
    // the trap of issue 18: digits 1-12 repeat kecamatan, birth date and sex, so these NIKs
    // differ only in the serial; an edit-distance NIK level would add its weight on top of
    // the birth date's and the place's
    const rec = (nik: string, fullName: string) => linkageRecordOf({ nik, fullName, birthDate: '1978-04-12', sex: 'M', villageCode: '32.04.05.2004', kk: null });
    const a = rec('3204051204780001', 'Asep Saepudin');
    const b = rec('3204051204780002', 'Dadang Hermawan');
    const levels = compareRecords(a, b);
    // the serials are one edit apart, which unrelated people's serials often are: a weak level
    expect(levels[0]).toBe(1);
    expect(levels[3]).toBe(-1); // recorded dates the same: the NIK's date is not counted again
    expect(explain(defaultLinkageModel(), levels).probability).toBeLessThan(0.5);
    // the same person typed twice with one wrong NIK digit does
    const c = rec('3204051204780007', 'Asep Saepudin');
    expect(explain(defaultLinkageModel(), compareRecords(a, c)).probability).toBeGreaterThan(0.95);
  });
  it('one edit: substitution and adjacent transposition only', () => {
    expect(oneEditApart('1234', '1244')).toBe(true);
    expect(oneEditApart('1234', '1324')).toBe(true);
    expect(oneEditApart('1234', '4231')).toBe(false);
    expect(oneEditApart('1234', '1243')).toBe(true);
    expect(oneEditApart('1234', '2143')).toBe(false);
    expect(oneEditApart('1234', '1234')).toBe(false);
  });
  it('name levels follow the similarity', () => {
    expect(compareName(norm('Sjarifudin'), norm('Syarifudin'))).toBe(4);
    expect(compareName(norm('Nur Hasanah'), norm('Nurhasanah'))).toBe(4);
    expect(compareName(norm('Siti Aminah'), norm('Siti Aminh'))).toBe(3);
    expect(compareName(norm('Budi Santoso'), norm('Budi Susanto'))).toBe(2);
    expect(compareName(norm('Budi Santoso'), norm('Wahyu Hidayat'))).toBe(0);
  });
  it('birth date: exact, day and month swapped, year off by one, different', () => {
    expect(compareBirthDate('1980-04-12', '1980-04-12')).toBe(3);
    expect(compareBirthDate('1980-04-12', '1980-12-04')).toBe(2);
    expect(compareBirthDate('1980-04-12', '1981-04-12')).toBe(1);
    expect(compareBirthDate('1980-04-12', '1979-04-12')).toBe(1);
    expect(compareBirthDate('1980-04-12', '1982-04-12')).toBe(0);
    expect(compareBirthDate('1980-04-12', null)).toBe(-1);
  });
  it('birth date prepared as a number: the same levels as on the text', () => {
    const dates = ['1980-04-12', '1980-12-04', '1981-04-12', '1979-04-12', '1982-04-12', '1980-04-13', '1980-04-04', '2000-02-29', '2001-02-28'];
    const num = (d: string) => linkageRecordOf({ nik: null, fullName: 'A', birthDate: d, sex: 'M', villageCode: null, kk: null }).dateNum;
    for (const a of dates) for (const b of dates) expect(compareDateNum(num(a), num(b)), `${a} ${b}`).toBe(compareBirthDate(a, b));
    expect(compareDateNum(-1, num('1980-04-12'))).toBe(-1);
  });
  it('sex, village (same village, same kecamatan) and KK', () => {
    expect(compareSex('M', 'M')).toBe(1);
    expect(compareSex('M', 'F')).toBe(0);
    expect(compareVillage('32.04.05.2004', '32.04.05.2004')).toBe(2);
    expect(compareVillage('32.04.05.2004', '32.04.05.2001')).toBe(1);
    expect(compareVillage('32.04.05.2004', '32.04.37.2001')).toBe(0);
    expect(compareKk('3204051705100001', '3204051705100001')).toBe(1);
    expect(compareKk('3204051705100001', '3204051705100002')).toBe(0);
    expect(compareKk(null, '3204051705100002')).toBe(-1);
  });
  it('compares two records into one vector', () => {
    const a = linkageRecordOf({ nik: '3204051204780012', fullName: 'Sjarifudin', birthDate: '1978-04-12', sex: 'M', villageCode: '32.04.05.2004', kk: null });
    const b = linkageRecordOf({ nik: '3204051204780021', fullName: 'Syarifudin', birthDate: '1978-04-12', sex: 'M', villageCode: '32.04.05.2001', kk: null });
    expect(Array.from(compareRecords(a, b))).toEqual([1, 4, 3, -1, 1, 1, -1, -1]);
  });
});

describe('term-frequency adjustment of an exact name', () => {
  it('weighs an exact common name less than an exact rare one, and says so in the explanation', () => {
    const names = [...Array.from({ length: 300 }, () => 'SITI AMINAH'), ...Array.from({ length: 700 }, (_, i) => `NAMA${i} LAIN`), 'HASIBUAN SYARIFUDIN'];
    const model = { ...defaultLinkageModel(), nameFrequency: nameFrequencyTable(names, 100) };
    expect(model.nameFrequency.top['AMINAH SITI']).toBeUndefined(); // keys are the sorted words
    expect(model.nameFrequency.top['SITI AMINAH']).toBeCloseTo(300 / 1001, 6);
    const levels = [-1, 4, 3, -1, 1, 2, -1];
    const common = explain(model, levels, ['SITI AMINAH', 'SITI AMINAH']);
    const rare = explain(model, levels, ['HASIBUAN SYARIFUDIN', 'HASIBUAN SYARIFUDIN']);
    const plain = explain(model, levels);
    expect(common.matchWeight).toBeLessThan(plain.matchWeight);
    expect(rare.matchWeight).toBeGreaterThan(common.matchWeight);
    // the adjustment is the name's contribution: the parts still add up to the weight
    const sum = (e: typeof common) => e.contributions.reduce((s, c) => s + c.weight, 0);
    expect(common.matchWeight - sum(common)).toBeCloseTo(plain.matchWeight - sum(plain), 9);
    // a name that is not exact is not adjusted
    const near = [-1, 3, 3, -1, 1, 2, -1];
    expect(explain(model, near, ['SITI AMINAH', 'SITI AMINA']).matchWeight).toBe(explain(model, near).matchWeight);
  });
});
