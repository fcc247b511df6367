import { describe, expect, it } from 'vitest';
import {
  BITFLAG_LISTS,
  CODE_LIST_NAMES,
  bitflagsFromSet,
  codeLabel,
  codeList,
  codesOf,
  fromRegsosek,
  isCode,
  setFromBitflags,
  toRegsosek,
} from './code-lists.ts';

describe('code lists', () => {
  it('has the thirty lists of the registry', () => {
    expect(CODE_LIST_NAMES).toHaveLength(30);
    for (const name of ['tenure', 'floor', 'relationship', 'disability_domain', 'registry_status', 'inactive_reason', 'sex'] as const) {
      expect(CODE_LIST_NAMES).toContain(name);
    }
  });

  it.each(CODE_LIST_NAMES)('%s: unique snake_case codes, both labels, unique Regsosek numbers', (name) => {
    const list = codeList(name);
    expect(list.length).toBeGreaterThan(1);
    const codes = list.map((e) => e.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const e of list) {
      if (name !== 'sex') expect(e.code).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
      expect(e.id.trim()).not.toBe('');
      expect(e.en.trim()).not.toBe('');
      expect(Object.keys(e).sort()).toEqual(['code', 'en', 'id', 'regsosek']);
    }
    const numbers = list.map((e) => e.regsosek).filter((n) => n !== null);
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it('uses powers of two, in order, for bit-flag lists', () => {
    for (const name of BITFLAG_LISTS) {
      expect(codeList(name).map((e) => e.regsosek)).toEqual(codeList(name).map((_, i) => 2 ** i));
    }
  });

  it('has the Regsosek codes stated in the domain notes', () => {
    expect(codesOf('relationship')).toEqual(['head', 'spouse', 'child', 'child_in_law', 'grandchild', 'parent_or_in_law', 'domestic_worker', 'other']);
    expect(codeList('relationship').map((e) => e.regsosek)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(codesOf('marital_status')).toEqual(['single', 'married', 'divorced', 'widowed']);
    expect(fromRegsosek('sex', 1)).toBe('M');
    expect(fromRegsosek('sex', 2)).toBe('F');
    expect(codesOf('disability_domain')).toHaveLength(9);
    expect(codesOf('disability_severity')).toEqual(['none', 'some', 'a_lot', 'cannot']);
    expect(codesOf('registry_status')).toEqual(['registered', 'proposed', 'not_registered', 'inactive']);
    expect(codesOf('inactive_reason')).toEqual(['deceased', 'moved', 'duplicate', 'no_longer_eligible']);
  });

  it('labels codes in both languages and shows an unknown code as itself', () => {
    expect(codeLabel('floor', 'earth', 'id')).toBe('Tanah');
    expect(codeLabel('floor', 'earth', 'en')).toBe('Earth');
    expect(codeLabel('floor', 'lava', 'en')).toBe('lava');
  });

  it('checks membership per list', () => {
    expect(isCode('floor', 'earth')).toBe(true);
    expect(isCode('wall', 'earth')).toBe(false);
    expect(isCode('floor', 'Earth')).toBe(false);
    expect(isCode('floor', '')).toBe(false);
  });

  it('maps Regsosek numbers both ways', () => {
    expect(fromRegsosek('relationship', 3)).toBe('child');
    expect(toRegsosek('relationship', 'child')).toBe(3);
    expect(fromRegsosek('relationship', 9)).toBeNull();
    expect(fromRegsosek('registry_status', 1)).toBeNull();
    expect(toRegsosek('floor', 'lava')).toBeNull();
  });

  it('reads and writes bit-flag sums as sets', () => {
    expect(setFromBitflags('documents_held', 0)).toEqual([]);
    expect(setFromBitflags('documents_held', 5)).toEqual(['birth_certificate', 'ktp']);
    expect(setFromBitflags('documents_held', 7)).toEqual(['birth_certificate', 'child_id_card', 'ktp']);
    expect(setFromBitflags('documents_held', 8)).toBeNull();
    expect(setFromBitflags('documents_held', -1)).toBeNull();
    expect(setFromBitflags('documents_held', 1.5)).toBeNull();
    expect(setFromBitflags('assets', 2 ** 14 - 1)).toEqual(codesOf('assets'));
    expect(bitflagsFromSet('documents_held', ['ktp', 'birth_certificate'])).toBe(5);
    expect(bitflagsFromSet('documents_held', ['ktp', 'ktp'])).toBe(4);
    expect(bitflagsFromSet('health_insurance', [])).toBe(0);
    expect(() => bitflagsFromSet('assets', ['spaceship'])).toThrow(/spaceship/);
    for (const name of BITFLAG_LISTS) {
      for (let sum = 0; sum < 2 ** Math.min(codeList(name).length, 8); sum++) {
        expect(bitflagsFromSet(name, setFromBitflags(name, sum) ?? [])).toBe(sum);
      }
    }
  });
});
