import { describe, expect, it } from 'vitest';
import { HouseholdIndicators } from './household.ts';

const issuePaths = (input: unknown) => {
  const r = HouseholdIndicators.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
};

describe('HouseholdIndicators', () => {
  it('accepts a full set of indicators', () => {
    const h = {
      tenure: 'own',
      landEvidence: 'other_evidence',
      floorAreaM2: 36,
      floor: 'earth',
      wall: 'woven_bamboo',
      roof: 'zinc',
      water: 'unprotected_well',
      lighting: 'pln_metered',
      powerVa: 'va_450',
      cookingFuel: 'firewood',
      toilet: 'shared',
      disposal: 'hole',
      programsReceived: ['pkh', 'sembako_bpnt'],
      programsLastReceived: { pkh: '2025-01' },
      assets: ['motorcycle', 'smartphone'],
      ownsLand: false,
      ownsOtherHouse: false,
      livestock: { goat_sheep: 3 },
    };
    expect(HouseholdIndicators.parse(h)).toEqual(h);
  });

  it('accepts nothing known, and an empty asset set', () => {
    expect(issuePaths({})).toEqual([]);
    expect(issuePaths({ assets: [] })).toEqual([]);
  });

  it('rejects codes that are not in their list', () => {
    expect(issuePaths({ floor: 'lava' })).toEqual(['floor']);
    expect(issuePaths({ wall: 'earth' })).toEqual(['wall']);
    expect(issuePaths({ assets: ['spaceship'] })).toEqual(['assets.0']);
    expect(issuePaths({ livestock: { dragon: 1 } })).toEqual(['livestock']);
    expect(issuePaths({ powerVa: 900 })).toEqual(['powerVa']);
  });

  it('checks numbers and sets', () => {
    expect(issuePaths({ floorAreaM2: 0 })).toEqual(['floorAreaM2']);
    expect(issuePaths({ floorAreaM2: -5 })).toEqual(['floorAreaM2']);
    expect(issuePaths({ livestock: { cattle: -1 } })).toEqual(['livestock.cattle']);
    expect(issuePaths({ livestock: { cattle: 1.5 } })).toEqual(['livestock.cattle']);
    expect(issuePaths({ assets: ['car', 'car'] })).toEqual(['assets']);
  });

  it('asks installed power only of a metered PLN connection', () => {
    expect(issuePaths({ lighting: 'not_electricity', powerVa: 'va_450' })).toEqual(['powerVa']);
    expect(issuePaths({ lighting: 'pln_metered', powerVa: 'va_450' })).toEqual([]);
    expect(issuePaths({ powerVa: 'va_450' })).toEqual([]);
  });

  it('records a last receipt only for a program received', () => {
    expect(issuePaths({ programsReceived: ['pkh'], programsLastReceived: { pkh: '2025-13' } })).toEqual(['programsLastReceived.pkh']);
    expect(issuePaths({ programsReceived: ['pkh'], programsLastReceived: { blt_dana_desa: '2025-01' } })).toEqual(['programsLastReceived.blt_dana_desa']);
  });
});
