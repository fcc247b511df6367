import { composeKk, composeNik } from '@slrt/core';
import { BIRTH_PLACES, FEMALE_GIVEN, FEMALE_SECOND, KAMPUNG, MALE_GIVEN, MALE_SECOND } from './names.ts';
import { Random } from './random.ts';
import { DUPLICATE_RATES, duplicateBirthDate, duplicateName, duplicateNik } from './duplicates.ts';

/**
 * A synthetic population for demos and benchmarks: households of plausible composition,
 * Sundanese and Indonesian names, NIKs consistent with the NIK rules (issuing kecamatan,
 * birth date, sex; about one in ten issued in another kecamatan, as happens when people
 * move), KK numbers, housing indicators and a national desil that follow one latent welfare
 * level per household. Pure and deterministic: the same options give the same population.
 * A generator, so 3.6 million people stream through without being held in memory.
 */

interface SyntheticPerson {
  nik: string;
  fullName: string;
  sex: 'M' | 'F';
  birthPlace: string;
  birthDate: string;
  relationship: string;
  maritalStatus: string;
  presence: string;
  pregnant: boolean | null;
  documentsHeld: string[];
  schoolParticipation: string;
  educationLevel: string;
  workStatus: string | null;
  workSector: string | null;
  disability: Record<string, string> | null;
  chronicIllnesses: string[] | null;
  healthInsurance: string[];
  pipKip: boolean | null;
  dukcapilMatch: string;
  /** Set on a labelled duplicate: the NIK of the original record (see duplicates.ts). */
  duplicateOf?: string;
}

interface SyntheticFamily {
  kk: string;
  members: SyntheticPerson[];
}

export interface SyntheticHousehold {
  /** Stable reference (`household_ref` of the canonical file). */
  ref: string;
  villageCode: string;
  address: string;
  rt: string;
  rw: string;
  indicators: Record<string, unknown>;
  desil: number | null;
  desilSource: string | null;
  desilDate: string | null;
  families: SyntheticFamily[];
}

export interface SyntheticOptions {
  persons: number;
  seed: string | number;
  /** Dotted village codes the population lives in (sorted by the generator). */
  villages: readonly string[];
  /** Relative weight per village (default 1 each). */
  villageWeights?: ReadonlyMap<string, number>;
  /** Kecamatan codes of other kabupaten that may have issued a NIK (people who moved in). */
  foreignKecamatan?: readonly string[];
  /** Reference day for ages (YYYY-MM-DD); fixed so that a seed always gives the same people. */
  today?: string;
  /** Share of households already ranked in DTSEN (with a national desil). */
  rankedShare?: number;
  /**
   * Share of the records that are labelled duplicates of another (default 0): a household
   * registered a second time, with the errors and at the rates of duplicates.ts.
   */
  duplicateShare?: number;
}

const DAY = 86_400_000;
const EPOCH_1900 = Date.UTC(1900, 0, 1);
const KK_FROM = Date.UTC(2000, 0, 1);
const DAYS_1900_2100 = Math.ceil((Date.UTC(2100, 0, 1) - EPOCH_1900) / DAY);
const DAYS_KK = Math.ceil((Date.UTC(2100, 0, 1) - KK_FROM) / DAY);
const DESIL_DATES: ReadonlyArray<readonly [string, number]> = [['2025-10-01', 6], ['2025-07-01', 3], ['2025-01-15', 1]];
const DEFAULT_FOREIGN = ['32.73.01', '32.73.10', '32.17.01', '32.17.05', '32.05.10', '32.11.02', '32.77.01'];

const ymd = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const pad3 = (n: number) => String(n).padStart(3, '0');

/** Standard normal cumulative distribution (Abramowitz-Stegun 7.1.26). */
function phi(x: number): number {
  const t = 1 / (1 + 0.3275911 * Math.abs(x) / Math.SQRT2);
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-(x * x) / 2);
  return x >= 0 ? (1 + y) / 2 : (1 - y) / 2;
}

/** 0 (poorest) to 3 (best off) from the welfare level plus some noise of its own. */
const tier = (rng: Random, w: number) => {
  const x = w + rng.normal() * 0.6;
  return x < -1 ? 0 : x < -0.2 ? 1 : x < 0.9 ? 2 : 3;
};

const FLOOR = [[['earth', 3], ['bamboo', 2], ['wood_board', 2]], [['cement_red_brick', 5], ['wood_board', 2], ['tile_terrazzo', 1]], [['ceramic', 6], ['tile_terrazzo', 3]], [['ceramic', 6], ['marble_granite', 2], ['parquet_vinyl_carpet', 1]]] as const;
const WALL = [[['woven_bamboo', 4], ['bamboo', 2], ['wood_board_gypsum', 2]], [['plastered_woven_bamboo', 3], ['wood_board_gypsum', 2], ['masonry', 3]], [['masonry', 9], ['wood_board_gypsum', 1]], [['masonry', 1]]] as const;
const ROOF = [[['zinc', 3], ['asbestos', 3], ['bamboo', 1], ['straw_palm_leaves', 1]], [['clay_tile', 4], ['asbestos', 3], ['zinc', 2]], [['clay_tile', 7], ['asbestos', 2], ['concrete', 1]], [['clay_tile', 5], ['concrete', 4]]] as const;
const WATER = [[['unprotected_well', 3], ['unprotected_spring', 2], ['protected_well', 3], ['surface_water', 1]], [['protected_well', 4], ['bore_well', 3], ['protected_spring', 2]], [['bore_well', 4], ['refill', 4], ['piped', 2]], [['refill', 4], ['bottled', 3], ['piped', 3]]] as const;
const LIGHTING = [[['pln_unmetered', 4], ['pln_metered', 5], ['non_pln_electricity', 1]], [['pln_metered', 9], ['pln_unmetered', 1]], [['pln_metered', 1]], [['pln_metered', 1]]] as const;
const POWER = [[['va_450', 8], ['va_900', 2]], [['va_450', 5], ['va_900', 5]], [['va_900', 6], ['va_1300', 3], ['va_2200', 1]], [['va_1300', 4], ['va_2200', 4], ['above_2200', 2]]] as const;
const FUEL = [[['firewood', 4], ['lpg_3kg', 5], ['kerosene', 1]], [['lpg_3kg', 9], ['firewood', 1]], [['lpg_3kg', 8], ['lpg_12kg', 1], ['lpg_5_5kg', 1]], [['lpg_12kg', 4], ['lpg_5_5kg', 3], ['electricity', 2], ['lpg_3kg', 1]]] as const;
const TOILET = [[['shared', 3], ['communal', 2], ['none', 2], ['own', 3]], [['own', 6], ['shared', 3], ['public', 1]], [['own', 1]], [['own', 1]]] as const;
const DISPOSAL = [[['pond_field_river_sea', 4], ['hole', 3], ['septic_tank', 3]], [['septic_tank', 6], ['hole', 2], ['pond_field_river_sea', 2]], [['septic_tank', 1]], [['septic_tank', 9], ['treatment_plant', 1]]] as const;
const TENURE = [[['own', 5], ['rent_free', 3], ['contract_rent', 2]], [['own', 7], ['contract_rent', 2], ['rent_free', 1]], [['own', 8], ['contract_rent', 2]], [['own', 9], ['official', 1]]] as const;
const ASSET_CHANCE: Record<string, readonly [number, number, number, number]> = {
  gas_cylinder_5_5kg: [0.02, 0.05, 0.15, 0.5], refrigerator: [0.1, 0.4, 0.8, 0.97], air_conditioner: [0, 0.01, 0.05, 0.35],
  water_heater: [0, 0, 0.05, 0.3], television: [0.5, 0.85, 0.95, 0.98], gold: [0.02, 0.08, 0.2, 0.45], computer: [0.01, 0.05, 0.25, 0.7],
  motorcycle: [0.3, 0.7, 0.85, 0.9], bicycle: [0.1, 0.2, 0.25, 0.3], car: [0, 0.01, 0.1, 0.55], smartphone: [0.5, 0.85, 0.95, 0.99],
};

export function* generateHouseholds(opts: SyntheticOptions): Generator<SyntheticHousehold> {
  const rng = new Random(`slrt-synthetic:${opts.seed}`);
  const villages = [...opts.villages].sort();
  if (villages.length === 0) throw new RangeError('no villages to place the population in');
  const weights = villages.map((v) => [v, opts.villageWeights?.get(v) ?? 1] as const);
  const today = Date.parse(`${opts.today ?? '2026-01-01'}T00:00:00Z`);
  const rankedShare = opts.rankedShare ?? 0.85;

  // NIK and KK serials: one counter per (issuing kecamatan, day, sex), in typed arrays.
  const localKec = [...new Set(villages.map((v) => v.split('.').slice(0, 3).join('.')))].sort();
  const foreignKec = [...(opts.foreignKecamatan ?? DEFAULT_FOREIGN)].filter((k) => !localKec.includes(k));
  const kecIndex = new Map([...localKec, ...foreignKec].map((k, i) => [k, i]));
  const nikSerial = new Uint16Array(kecIndex.size * DAYS_1900_2100 * 2);
  const kkSerial = new Uint16Array(localKec.length * DAYS_KK);
  // Serials 1-4999 (tests use 5000+), starting at a point of the seed's own, so that two
  // populations of different seeds practically never share a number.
  const serialBase = new Random(`slrt-serials:${opts.seed}`).int(0, 4998);
  const serialOf = (count: number) => ((serialBase + count - 1) % 4999) + 1;

  const duplicateShare = opts.duplicateShare ?? 0;
  // with duplicates, NIKs typed wrong must not take a number issued to someone else
  const usedNiks = duplicateShare > 0 ? new Set<string>() : null;
  const issue = (kec: string, birthMs: number, sex: 'M' | 'F') => {
    const slot = (kecIndex.get(kec)! * DAYS_1900_2100 + Math.floor((birthMs - EPOCH_1900) / DAY)) * 2 + (sex === 'F' ? 1 : 0);
    for (;;) {
      const count = ++nikSerial[slot]!;
      if (count > 4999) throw new RangeError('NIK serials exhausted for one day and kecamatan');
      const nik = composeNik({ kecamatanCode: kec, birthDate: ymd(birthMs), sex, serial: serialOf(count) });
      if (!usedNiks) return nik;
      if (!usedNiks.has(nik)) {
        usedNiks.add(nik);
        return nik;
      }
    }
  };
  const nikFor = (homeKec: string, birthMs: number, sex: 'M' | 'F') => {
    const r = rng.next();
    const kec = r < 0.9 || localKec.length === 1 && foreignKec.length === 0 ? homeKec
      : r < 0.97 && localKec.length > 1 ? rng.pick(localKec) : rng.pick(foreignKec.length ? foreignKec : localKec);
    return issue(kec, birthMs, sex);
  };
  // a household registered twice: share of households chosen so that `duplicateShare` of records are duplicates
  const duplicateChance = duplicateShare > 0 ? duplicateShare / (DUPLICATE_RATES.memberInDuplicate * (1 - duplicateShare)) : 0;
  const kkFor = (homeKec: string, earliest: number) => {
    const from = Math.max(KK_FROM, earliest);
    const ms = from + Math.floor(rng.next() * Math.max(1, (today - DAY - from) / DAY)) * DAY;
    const slot = localKec.indexOf(homeKec) * DAYS_KK + Math.floor((ms - KK_FROM) / DAY);
    const count = ++kkSerial[slot]!;
    if (count > 4999) throw new RangeError('KK serials exhausted for one day and kecamatan');
    return composeKk({ kecamatanCode: homeKec, recordedDate: ymd(ms), serial: serialOf(count) });
  };

  let made = 0;
  let n = 0;
  while (made < opts.persons) {
    n++;
    const villageCode = rng.weighted(weights);
    const homeKec = villageCode.split('.').slice(0, 3).join('.');
    const w = rng.normal();
    const t = (x: number) => tier(rng, x);
    const indicators: Record<string, unknown> = {
      tenure: rng.weighted(TENURE[t(w)]!),
      floorAreaM2: Math.max(12, Math.round(45 + w * 22 + rng.normal() * 10)),
      floor: rng.weighted(FLOOR[t(w)]!),
      wall: rng.weighted(WALL[t(w)]!),
      roof: rng.weighted(ROOF[t(w)]!),
      water: rng.weighted(WATER[t(w)]!),
      lighting: rng.weighted(LIGHTING[t(w)]!),
      cookingFuel: rng.weighted(FUEL[t(w)]!),
      toilet: rng.weighted(TOILET[t(w)]!),
      disposal: rng.weighted(DISPOSAL[t(w)]!),
    };
    if (indicators.lighting === 'pln_metered') indicators.powerVa = rng.weighted(POWER[t(w)]!);
    const assetTier = t(w);
    indicators.assets = Object.entries(ASSET_CHANCE).filter(([, p]) => rng.chance(p[assetTier]!)).map(([a]) => a);

    const ranked = rng.chance(rankedShare);
    const desil = ranked ? Math.min(10, Math.max(1, Math.ceil(phi(w + rng.normal() * 0.35) * 10))) : null;
    const programs: string[] = [];
    if (desil !== null && desil <= 5 && rng.chance(0.7)) programs.push('sembako_bpnt');
    if (desil !== null && desil <= 4 && rng.chance(0.5)) programs.push('pkh');
    if (desil !== null && desil <= 3 && rng.chance(0.2)) programs.push('blt_dana_desa');
    if (programs.length || rng.chance(0.3)) indicators.programsReceived = programs;

    const size = rng.weighted([[1, 8], [2, 15], [3, 22], [4, 25], [5, 15], [6, 8], [7, 5], [8, 2]] as const);
    const wanted = Math.min(size, opts.persons - made);
    const families = makeFamilies(rng, wanted, today, w, desil, homeKec, nikFor, kkFor);
    made += families.reduce((s, f) => s + f.members.length, 0);
    yield {
      ref: `SYN-${opts.seed}-${n}`,
      villageCode,
      address: `Kp. ${rng.pick(KAMPUNG)} No. ${rng.int(1, 150)}`,
      rt: pad3(rng.int(1, 12)),
      rw: pad3(rng.int(1, 15)),
      indicators,
      desil,
      desilSource: desil === null ? null : 'DTSEN',
      desilDate: desil === null ? null : rng.weighted(DESIL_DATES),
      families,
    };
    if (usedNiks && made < opts.persons && rng.chance(duplicateChance)) {
      const dup = duplicateHousehold(rng, villages, villageCode, families, opts.persons - made, usedNiks, issue, kkFor);
      if (dup) {
        made += dup.families.reduce((s, f) => s + f.members.length, 0);
        yield { ...dup, ref: `SYN-${opts.seed}-${n}-DUP`, indicators, desil, desilSource: desil === null ? null : 'DTSEN', desilDate: desil === null ? null : rng.weighted(DESIL_DATES) };
      }
    }
  }
}

type Issue = (kec: string, birthMs: number, sex: 'M' | 'F') => string;

/** The members of `families` registered a second time (duplicates.ts), or null when none was picked. */
function duplicateHousehold(
  rng: Random, villages: readonly string[], villageCode: string, families: SyntheticFamily[], room: number,
  usedNiks: Set<string>, issue: Issue, kkFor: (homeKec: string, earliest: number) => string,
): Pick<SyntheticHousehold, 'villageCode' | 'address' | 'rt' | 'rw' | 'families'> | null {
  const kec = villageCode.slice(0, 8);
  const place = rng.weighted([['same', DUPLICATE_RATES.place.sameVillage], ['kec', DUPLICATE_RATES.place.sameKecamatan], ['other', DUPLICATE_RATES.place.otherKecamatan]] as const);
  const inKec = villages.filter((v) => v.startsWith(kec) && v !== villageCode);
  const outside = villages.filter((v) => !v.startsWith(kec));
  const village = place === 'kec' && inKec.length ? rng.pick(inKec) : place === 'other' && outside.length ? rng.pick(outside) : villageCode;
  const members: SyntheticPerson[] = [];
  for (const p of families.flatMap((f) => f.members)) {
    if (members.length >= room || !rng.chance(DUPLICATE_RATES.memberInDuplicate)) continue;
    const birthMs = Date.parse(`${p.birthDate}T00:00:00Z`);
    const reissue = () => issue(rng.pick(villages).slice(0, 8), birthMs, p.sex);
    let nik: string | null = null;
    for (let tries = 0; tries < 5; tries++) {
      nik = duplicateNik(rng, p.nik, reissue);
      if (nik === null || !usedNiks.has(nik)) break;
      nik = null;
    }
    if (nik) usedNiks.add(nik);
    const sex = rng.chance(DUPLICATE_RATES.sexFlipped) ? (p.sex === 'M' ? 'F' : 'M') : p.sex;
    members.push({ ...p, nik: nik ?? '', fullName: duplicateName(rng, p.fullName, p.sex), birthDate: duplicateBirthDate(rng, p.birthDate), sex, duplicateOf: p.nik });
  }
  if (!members.length) return null;
  const head = members[0]!;
  const kk = kkFor(village.slice(0, 8), Date.parse(`${head.birthDate}T00:00:00Z`) + 18 * 365 * DAY);
  return { villageCode: village, address: `Kp. ${rng.pick(KAMPUNG)} No. ${rng.int(1, 150)}`, rt: pad3(rng.int(1, 12)), rw: pad3(rng.int(1, 15)), families: [{ kk, members }] };
}

type NikFor = (homeKec: string, birthMs: number, sex: 'M' | 'F') => string;
type KkFor = (homeKec: string, earliest: number) => string;

function makeFamilies(rng: Random, size: number, today: number, w: number, desil: number | null, homeKec: string, nikFor: NikFor, kkFor: KkFor): SyntheticFamily[] {
  const birth = (age: number) => today - Math.round((age + rng.next()) * 365.25) * DAY;
  const person = (sex: 'M' | 'F', birthMs: number, relationship: string, married: boolean, second?: string): SyntheticPerson =>
    makePerson(rng, { sex, birthMs, relationship, married, today, w, desil, nik: nikFor(homeKec, birthMs, sex), second });

  const families: SyntheticFamily[] = [];
  const first: SyntheticPerson[] = [];
  const headSex: 'M' | 'F' = size === 1 ? (rng.chance(0.55) ? 'M' : 'F') : rng.chance(0.88) ? 'M' : 'F';
  const headAge = size === 1 ? rng.int(20, 85) : rng.int(24, 72);
  const head = person(headSex, birth(headAge), 'head', size > 1 && headSex === 'M');
  first.push(head);
  const familyName = headSex === 'M' ? head.fullName.split(' ')[1] : undefined;
  let left = size - 1;
  let motherAge = headSex === 'F' ? headAge : headAge - rng.int(0, 7);
  if (left > 0 && headSex === 'M') {
    first.push(person('F', birth(motherAge), 'spouse', true));
    left--;
  } else if (headSex === 'M') {
    motherAge = headAge - 4;
  }
  // A married adult child with their own KK in the same dwelling, sometimes.
  const second: SyntheticPerson[] = [];
  if (left >= 3 && headAge >= 45 && rng.chance(0.35)) {
    const childAge = rng.int(21, Math.min(35, headAge - 20));
    const sex: 'M' | 'F' = rng.chance(0.5) ? 'M' : 'F';
    second.push(person(sex, birth(childAge), 'head', true, sex === 'M' ? familyName : undefined));
    second.push(person(sex === 'M' ? 'F' : 'M', birth(childAge + rng.int(-3, 3)), 'spouse', true));
    left -= 2;
    const kids = Math.min(left, rng.int(0, 2));
    for (let i = 0; i < kids; i++) second.push(person(rng.chance(0.5) ? 'M' : 'F', birth(rng.int(0, Math.max(0, childAge - 20))), 'child', false));
    left -= kids;
  }
  if (left > 0 && headAge < 55 && rng.chance(0.12)) {
    first.push(person(rng.chance(0.7) ? 'F' : 'M', birth(Math.min(95, headAge + rng.int(22, 32))), 'parent_or_in_law', false));
    left--;
  }
  for (let i = 0; i < left; i++) {
    const oldest = Math.max(0, Math.min(motherAge - 18, 30));
    const age = rng.int(0, oldest);
    const sex: 'M' | 'F' = rng.chance(0.5) ? 'M' : 'F';
    const grand = age < 6 && headAge > 50 && rng.chance(0.3);
    first.push(person(sex, birth(age), grand ? 'grandchild' : 'child', false, sex === 'M' && !grand ? familyName : undefined));
  }
  const adultSince = (p: SyntheticPerson) => Date.parse(`${p.birthDate}T00:00:00Z`) + 18 * 365 * DAY;
  families.push({ kk: kkFor(homeKec, adultSince(head)), members: first });
  if (second.length) families.push({ kk: kkFor(homeKec, adultSince(second[0]!)), members: second });
  return families;
}

function makePerson(
  rng: Random,
  p: { sex: 'M' | 'F'; birthMs: number; relationship: string; married: boolean; today: number; w: number; desil: number | null; nik: string; second?: string | undefined },
): SyntheticPerson {
  const age = Math.floor((p.today - p.birthMs) / (365.25 * DAY));
  const given = rng.pick(p.sex === 'M' ? MALE_GIVEN : FEMALE_GIVEN);
  const second = p.second ?? (rng.chance(0.8) ? rng.pick(p.sex === 'M' ? MALE_SECOND : FEMALE_SECOND) : null);
  const fullName = second ? `${given} ${second}` : given;
  const poor = p.desil !== null ? p.desil <= 4 : p.w < -0.5;
  const edu = p.w + rng.normal() * 0.8;
  const educationLevel = age < 7 ? 'none'
    : age < 13 ? 'primary'
    : age < 16 ? (edu < -1.5 ? 'primary' : 'junior_secondary')
    : edu < -1.2 ? 'primary' : edu < -0.3 ? 'junior_secondary' : edu < 0.9 ? (rng.chance(0.3) ? 'vocational_secondary' : 'senior_secondary')
    : edu < 1.5 ? 'diploma' : rng.chance(0.85) ? 'bachelor' : 'postgraduate';
  const schoolParticipation = age < 6 ? 'never_attended' : age <= 18 && rng.chance(0.9) ? 'attending' : 'no_longer_attending';
  const working = age >= 18 && age < 70 && schoolParticipation !== 'attending' && rng.chance(p.relationship === 'head' ? 0.85 : p.sex === 'F' ? 0.35 : 0.7);
  const workStatus = age < 15 ? null : !working ? 'not_working'
    : rng.weighted(poor
      ? [['casual_non_agricultural', 4], ['casual_agricultural', 3], ['self_employed', 3], ['employee', 2], ['unpaid_family_worker', 1]] as const
      : [['employee', 5], ['self_employed', 3], ['employer_unpaid_help', 1], ['civil_servant', 1], ['employer_paid_workers', 1]] as const);
  const workSector = working ? rng.weighted([['trade', 5], ['manufacturing', 5], ['food_crops', 3], ['construction', 3], ['transport', 2], ['horticulture', 2], ['education', 1], ['food_accommodation', 2], ['other_services', 2], ['public_administration', 1]] as const) : null;
  const documentsHeld: string[] = [];
  if (rng.chance(age < 30 ? 0.92 : 0.7)) documentsHeld.push('birth_certificate');
  if (age < 17 && rng.chance(0.4)) documentsHeld.push('child_id_card');
  if (age >= 17 && rng.chance(0.96)) documentsHeld.push('ktp');
  let disability: Record<string, string> | null = null;
  if (rng.chance(age >= 60 ? 0.12 : 0.025)) {
    const domain = rng.pick(['seeing', 'hearing', 'walking', 'hands', 'learning', 'communicating', 'self_care', 'memory'] as const);
    disability = { [domain]: rng.weighted([['some', 5], ['a_lot', 3], ['cannot', 1]] as const) };
  }
  let chronic: string[] | null = null;
  if (age >= 35 && rng.chance(age >= 55 ? 0.3 : 0.12)) {
    chronic = [rng.weighted([['hypertension', 6], ['diabetes', 3], ['rheumatism', 2], ['heart', 1], ['asthma', 1], ['cholesterol', 2], ['stroke', 1], ['tuberculosis', 1]] as const)];
  }
  const healthInsurance = poor && rng.chance(0.75) ? ['pbi_jkn']
    : workStatus === 'employee' || workStatus === 'civil_servant' ? (rng.chance(0.8) ? ['jkn_employer'] : [])
    : rng.chance(0.4) ? ['jkn_self_paid'] : [];
  const maritalStatus = age < 17 ? 'single' : p.married ? 'married'
    : p.relationship === 'parent_or_in_law' ? 'widowed'
    : p.relationship === 'head' ? rng.weighted([['widowed', 5], ['divorced', 3], ['single', 2]] as const)
    : age > 25 && rng.chance(0.3) ? 'married' : 'single';
  return {
    nik: p.nik,
    fullName,
    sex: p.sex,
    birthPlace: rng.weighted(BIRTH_PLACES),
    birthDate: ymd(p.birthMs),
    relationship: p.relationship,
    maritalStatus,
    presence: rng.chance(0.98) ? 'living_here' : rng.pick(['moved_domestic', 'not_found'] as const),
    pregnant: p.sex === 'F' && age >= 18 && age <= 42 ? (p.married && rng.chance(0.06)) : null,
    documentsHeld,
    schoolParticipation,
    educationLevel,
    workStatus,
    workSector,
    disability,
    chronicIllnesses: chronic,
    healthInsurance,
    pipKip: schoolParticipation === 'attending' ? poor && rng.chance(0.5) : null,
    dukcapilMatch: rng.weighted([['matched', 95], ['not_matched', 3], ['not_checked', 2]] as const),
  };
}
