import { describe, expect, it } from 'vitest';
import { EligibilityRule, RuleVersionInput, inForce, versionInForce, type Criterion } from './eligibility-rule.ts';
import { evaluateRule, type ScreeningHousehold, type ScreeningMember } from './evaluate-rule.ts';
import { describeFinding } from './reasons.ts';

const DATE = '2026-07-01';

function member(over: Partial<ScreeningMember> & { name: string }): ScreeningMember {
  return {
    birthDate: null, sex: 'F', relationship: 'child', presence: 'living_here', pregnant: null,
    disability: null, documentsHeld: null, registryStatus: 'registered', ...over,
  };
}

function household(over: Partial<ScreeningHousehold> = {}): ScreeningHousehold {
  return {
    desil: 2,
    indicators: {},
    members: [
      member({ name: 'Asep', sex: 'M', relationship: 'head', birthDate: '1985-03-02', pregnant: false, disability: {} }),
      member({ name: 'Dewi', relationship: 'child', birthDate: '2017-05-10', pregnant: false, disability: {} }),
    ],
    ...over,
  };
}

const rule = (...criteria: Criterion[]) => EligibilityRule.parse({ criteria });
const run = (criteria: Criterion[], h: ScreeningHousehold, date = DATE) => evaluateRule(rule(...criteria), h, date);
const sentences = (criteria: Criterion[], h: ScreeningHousehold, locale: 'id' | 'en' = 'id') =>
  run(criteria, h).findings.map((f) => describeFinding(f, locale));

const PKH: Criterion[] = [
  { kind: 'maxDesil', max: 4 },
  { kind: 'members', anyOf: [{ kind: 'pregnant' }, { kind: 'age', max: 5 }, { kind: 'schoolAge', level: 'primary' }, { kind: 'severeDisability' }, { kind: 'age', min: 60 }] },
];

describe('maxDesil', () => {
  it('passes at the limit, fails above it, is unknown without a desil', () => {
    expect(run([{ kind: 'maxDesil', max: 4 }], household({ desil: 4 })).result).toBe('eligible');
    expect(run([{ kind: 'maxDesil', max: 4 }], household({ desil: 5 })).result).toBe('not_eligible');
    expect(run([{ kind: 'maxDesil', max: 4 }], household({ desil: null })).result).toBe('unknown');
    expect(sentences([{ kind: 'maxDesil', max: 4 }], household({ desil: 2 }))).toEqual(['Desil 2 ≤ 4']);
    expect(sentences([{ kind: 'maxDesil', max: 4 }], household({ desil: 9 }), 'en')).toEqual(["Desil 9 > 4 (the program's limit)"]);
    expect(sentences([{ kind: 'maxDesil', max: 4 }], household({ desil: null }))).toEqual(['Desil belum tercatat (batas program: desil 4)']);
  });
});

describe('members', () => {
  it('desil 2 with a primary-school child is eligible for PKH, desil 9 with the same members is not', () => {
    const eligible = run(PKH, household());
    expect(eligible.result).toBe('eligible');
    expect(sentences(PKH, household())).toEqual(['Desil 2 ≤ 4', 'Anak usia SD: Dewi, 9 tahun']);
    expect(run(PKH, household({ desil: 9 })).result).toBe('not_eligible');
  });

  it('counts ages in completed years at the screening date (birthday boundary)', () => {
    const h = (birthDate: string) => household({ members: [member({ name: 'Rina', birthDate, disability: {} })] });
    const under6: Criterion[] = [{ kind: 'members', anyOf: [{ kind: 'age', max: 5 }] }];
    expect(run(under6, h('2020-07-02')).result).toBe('eligible'); // 5 until tomorrow
    expect(run(under6, h('2020-07-01')).result).toBe('not_eligible'); // 6 today
    expect(sentences(under6, h('2020-07-02'), 'en')).toEqual(['Child under 6: Rina, 5 years']);
  });

  it('school levels by age, elderly by age', () => {
    const one = (birthDate: string) => household({ members: [member({ name: 'X', birthDate, disability: {} })] });
    const jr: Criterion[] = [{ kind: 'members', anyOf: [{ kind: 'schoolAge', level: 'junior_secondary' }] }];
    expect(run(jr, one('2012-01-01')).result).toBe('eligible'); // 14
    expect(run(jr, one('2017-01-01')).result).toBe('not_eligible'); // 9
    const sr: Criterion[] = [{ kind: 'members', anyOf: [{ kind: 'schoolAge', level: 'senior_secondary' }] }];
    expect(run(sr, one('2009-01-01')).result).toBe('eligible'); // 17
    const elderly: Criterion[] = [{ kind: 'members', anyOf: [{ kind: 'age', min: 60 }] }];
    expect(run(elderly, one('1966-07-01')).result).toBe('eligible'); // 60 today
    expect(run(elderly, one('1966-07-02')).result).toBe('not_eligible');
    expect(sentences(elderly, one('1950-01-01'))).toEqual(['Lansia 60 tahun ke atas: X, 76 tahun']);
  });

  it('pregnant woman: asked of women 15-49; missing flag is unknown', () => {
    const preg: Criterion[] = [{ kind: 'members', anyOf: [{ kind: 'pregnant' }] }];
    const one = (m: Partial<ScreeningMember>) => household({ members: [member({ name: 'Siti', birthDate: '1996-01-01', ...m })] });
    expect(run(preg, one({ pregnant: true })).result).toBe('eligible');
    expect(run(preg, one({ pregnant: false })).result).toBe('not_eligible');
    expect(run(preg, one({ pregnant: null })).result).toBe('unknown');
    expect(run(preg, one({ pregnant: null, birthDate: '1950-01-01' })).result).toBe('not_eligible');
    expect(run(preg, one({ pregnant: null, sex: 'M' })).result).toBe('not_eligible');
    expect(sentences(preg, one({ pregnant: null }))).toEqual(['Komponen (Ibu hamil) belum dapat dipastikan: status kehamilan Siti']);
  });

  it('severe disability: a lot of difficulty or cannot; not asked is unknown', () => {
    const dis: Criterion[] = [{ kind: 'members', anyOf: [{ kind: 'severeDisability' }] }];
    const one = (disability: Record<string, string> | null) => household({ members: [member({ name: 'Ujang', disability })] });
    expect(run(dis, one({ walking: 'cannot' })).result).toBe('eligible');
    expect(run(dis, one({ seeing: 'a_lot' })).result).toBe('eligible');
    expect(run(dis, one({ seeing: 'some' })).result).toBe('not_eligible');
    expect(run(dis, one(null)).result).toBe('unknown');
    expect(sentences(dis, one(null), 'en')).toEqual(['Components (Severe disability) cannot be decided yet: disability data of Ujang']);
  });

  it('a missing birth date is unknown, not not eligible; the deceased and moved do not count', () => {
    const h = household({ members: [member({ name: 'Asep', relationship: 'head', birthDate: null, pregnant: false, sex: 'M', disability: {} })] });
    expect(run(PKH, h).result).toBe('unknown');
    expect(sentences(PKH, h)[1]).toContain('tanggal lahir Asep');
    const gone = household({ members: [
      member({ name: 'Asep', sex: 'M', relationship: 'head', birthDate: '1985-03-02', disability: {} }),
      member({ name: 'Dewi', birthDate: '2017-05-10', presence: 'deceased', disability: {} }),
    ] });
    expect(run(PKH, gone).result).toBe('not_eligible');
    expect(sentences(PKH, gone)[1]).toBe('Tidak ada anggota dengan komponen: Ibu hamil, Anak usia di bawah 6 tahun, Anak usia SD, Disabilitas berat, Lansia 60 tahun ke atas');
  });

  it('one failing criterion outweighs an unknown one', () => {
    const h = household({ desil: 9, members: [member({ name: 'Asep', relationship: 'head', birthDate: null })] });
    expect(run(PKH, h).result).toBe('not_eligible');
  });
});

describe('indicators', () => {
  const unfit: Criterion = { kind: 'indicators', match: 'any', conditions: [
    { field: 'floor', values: ['earth', 'bamboo'] }, { field: 'roof', values: ['straw_palm_leaves', 'bamboo'] },
  ] };
  it('any: one unfit indicator passes; all known and fit fails; nothing known is unknown', () => {
    expect(run([unfit], household({ indicators: { floor: 'earth' } })).result).toBe('eligible');
    expect(run([unfit], household({ indicators: { floor: 'ceramic', roof: 'clay_tile' } })).result).toBe('not_eligible');
    expect(run([unfit], household({ indicators: { floor: 'ceramic' } })).result).toBe('unknown');
    expect(sentences([unfit], household({ indicators: { floor: 'earth' } }))).toEqual(['Kondisi rumah: lantai tanah']);
    expect(sentences([unfit], household({ indicators: {} }), 'en')).toEqual(['Housing not recorded: floor, roof']);
  });
  it('all: every condition must hold', () => {
    const land: Criterion = { kind: 'indicators', match: 'all', conditions: [{ field: 'landEvidence', values: ['shm_member', 'other_certificate'] }, { field: 'tenure', values: ['own'] }] };
    expect(run([land], household({ indicators: { landEvidence: 'shm_member', tenure: 'own' } })).result).toBe('eligible');
    expect(run([land], household({ indicators: { landEvidence: 'none', tenure: 'own' } })).result).toBe('not_eligible');
    expect(run([land], household({ indicators: { tenure: 'own' } })).result).toBe('unknown');
  });
  it('refuses a value that is not a code of the field', () => {
    expect(EligibilityRule.safeParse({ criteria: [{ kind: 'indicators', match: 'any', conditions: [{ field: 'floor', values: ['gold'] }] }] }).success).toBe(false);
  });
});

describe('registry status and documents', () => {
  it('registryStatus is judged on the head', () => {
    const c: Criterion[] = [{ kind: 'registryStatus', statuses: ['registered'] }];
    expect(run(c, household()).result).toBe('eligible');
    const h = household({ members: [member({ name: 'Asep', relationship: 'head', registryStatus: 'not_registered' }), member({ name: 'Dewi' })] });
    expect(run(c, h).result).toBe('not_eligible');
    expect(sentences(c, h)).toEqual(['Status DTSEN Asep: Belum terdaftar (disyaratkan: Terdaftar di DTSEN)']);
    expect(run(c, household({ members: [] })).result).toBe('unknown');
  });
  it('documents: held, lacking, not recorded', () => {
    const c: Criterion[] = [{ kind: 'documents', documents: ['ktp'], who: 'head' }];
    const withDocs = (documentsHeld: string[] | null) => household({ members: [member({ name: 'Asep', relationship: 'head', documentsHeld })] });
    expect(run(c, withDocs(['ktp', 'birth_certificate'])).result).toBe('eligible');
    expect(run(c, withDocs(['birth_certificate'])).result).toBe('not_eligible');
    expect(run(c, withDocs(null)).result).toBe('unknown');
    expect(run([{ kind: 'documents', documents: ['birth_certificate'], who: 'every' }], household({ members: [
      member({ name: 'A', documentsHeld: ['birth_certificate'] }), member({ name: 'B', documentsHeld: [] }),
    ] })).result).toBe('not_eligible');
  });
  it('decidedBy is always unknown with the body named', () => {
    const c: Criterion[] = [{ kind: 'decidedBy', body: 'village_deliberation' }];
    expect(run(c, household()).result).toBe('unknown');
    expect(sentences(c, household())[0]).toContain('musyawarah desa');
  });
});

describe('effective periods', () => {
  const v = (version: number, effectiveFrom: string, effectiveTo: string | null) => ({ version, effectiveFrom, effectiveTo });
  it('both boundary dates are in force, the days beyond are not', () => {
    const period = v(1, '2026-01-01', '2026-06-30');
    expect(inForce(period, '2025-12-31')).toBe(false);
    expect(inForce(period, '2026-01-01')).toBe(true);
    expect(inForce(period, '2026-06-30')).toBe(true);
    expect(inForce(period, '2026-07-01')).toBe(false);
    expect(inForce(v(1, '2026-01-01', null), '2099-01-01')).toBe(true);
  });
  it('picks the latest-starting version in force; none before the first', () => {
    const versions = [v(1, '2025-01-01', null), v(2, '2026-07-01', null)];
    expect(versionInForce(versions, '2026-06-30')?.version).toBe(1);
    expect(versionInForce(versions, '2026-07-01')?.version).toBe(2);
    expect(versionInForce(versions, '2024-12-31')).toBeNull();
  });
  it('a version input refuses an end before its start', () => {
    const r = { criteria: [{ kind: 'maxDesil', max: 4 }] };
    expect(RuleVersionInput.safeParse({ rule: r, effectiveFrom: '2026-07-01', effectiveTo: '2026-06-30' }).success).toBe(false);
    expect(RuleVersionInput.safeParse({ rule: r, effectiveFrom: '2026-07-01', effectiveTo: '2026-07-01' }).success).toBe(true);
    expect(RuleVersionInput.safeParse({ rule: r, effectiveFrom: '2026-02-30' }).success).toBe(false);
  });
});
