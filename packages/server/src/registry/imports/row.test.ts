import { describe, expect, it } from 'vitest';
import type { CanonicalColumn } from './columns.ts';
import { parseImportRow, type RowContext } from './row.ts';

const ctx: RowContext = { villages: new Set(['32.04.05.2001']), bps: new Map(), knownRegion: () => true };

function parse(values: Partial<Record<CanonicalColumn, string>>) {
  const cells = Object.fromEntries(Object.entries({ nik: '3204055507850003', full_name: 'Siti Aminah', sex: 'P', village_code: '32.04.05.2001', ...values })
    .map(([k, text]) => [k, { text, numeric: false }]));
  return parseImportRow(2, cells, ctx);
}
const keys = (r: ReturnType<typeof parse>) => r.errors.map((e) => `${e.column}:${e.key}`);

describe('parseImportRow: the rules of PersonInput and HouseholdIndicators', () => {
  it('accepts a usual row, indicators in the schema order', () => {
    const r = parse({ pregnant: 'ya', birth_date: '1985-07-15', relationship: 'istri', water: 'refill', tenure: 'own', assets: 'television;refrigerator', floor_area_m2: '36' });
    expect(r.errors).toEqual([]);
    expect(Object.keys(r.row!.indicators)).toEqual(['tenure', 'floorAreaM2', 'water', 'assets']);
    expect(r.row!.person).toMatchObject({ pregnant: true, birthDate: '1985-07-15', relationship: 'spouse' });
  });

  it('rejects what the schemas reject, with the same columns and keys', () => {
    expect(keys(parse({ sex: 'L', pregnant: 'ya' }))).toEqual(['pregnant:registry.import.pregnant_not_female']);
    expect(keys(parse({ birth_date: '2999-01-01' }))).toEqual(['birth_date:registry.import.bad_value']);
    expect(keys(parse({ full_name: 'A'.repeat(201) }))).toEqual(['full_name:registry.import.bad_value']);
    expect(keys(parse({ floor_area_m2: '0' }))).toEqual(['floor_area_m2:registry.import.bad_value']);
    expect(keys(parse({ floor_area_m2: '10001' }))).toEqual(['floor_area_m2:registry.import.bad_value']);
    expect(keys(parse({ power_va: 'va_900', lighting: 'pln_unmetered' }))).toEqual(['power_va:registry.import.bad_value']);
    expect(keys(parse({ power_va: 'va_900', lighting: 'pln_metered' }))).toEqual([]);
  });
});
