import { describe, expect, it } from 'vitest';
import { areaLevel, isWithinArea, kabCodeOf, normalizeAreaCode, parentCodes, villageKind } from './area-code.ts';

describe('area codes', () => {
  it('knows the level of a dotted code', () => {
    expect(areaLevel('32')).toBe('province');
    expect(areaLevel('32.04')).toBe('kabupaten');
    expect(areaLevel('32.04.05')).toBe('kecamatan');
    expect(areaLevel('32.04.05.2004')).toBe('village');
    expect(areaLevel('32.4')).toBeNull();
    expect(areaLevel('3204052004')).toBeNull();
  });
  it('normalizes undotted codes', () => {
    expect(normalizeAreaCode('3204052004')).toBe('32.04.05.2004');
    expect(normalizeAreaCode('320405')).toBe('32.04.05');
    expect(normalizeAreaCode('32.04')).toBe('32.04');
    expect(normalizeAreaCode('32045')).toBeNull();
    expect(normalizeAreaCode('ab')).toBeNull();
  });
  it('lists parents, kab code and containment', () => {
    expect(parentCodes('32.04.05.2004')).toEqual(['32', '32.04', '32.04.05']);
    expect(kabCodeOf('32.04.05.2004')).toBe('3204');
    expect(isWithinArea('32.04.05.2004', '32.04.05')).toBe(true);
    expect(isWithinArea('32.04.051', '32.04.05')).toBe(false);
    expect(isWithinArea('32.04.37.2001', '32.04.05')).toBe(false);
    expect(villageKind('32.04.05.1001')).toBe('kelurahan');
    expect(villageKind('32.04.05.2004')).toBe('desa');
  });
});
