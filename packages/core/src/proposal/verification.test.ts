import { describe, expect, it } from 'vitest';
import { VerificationInput, confirmedChanges, correctedFields } from './verification.ts';

const visit = { verdict: 'valid', visitDate: '2025-03-10', metName: 'Ibu Euis', metRole: 'head' };
const paths = (input: unknown) => {
  const r = VerificationInput.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}:${i.message}`);
};

describe('VerificationInput', () => {
  it('accepts a valid visit with confirmed and corrected items and a GPS position', () => {
    const input = {
      ...visit,
      items: [{ field: 'floor', confirmed: true }, { field: 'wall', confirmed: false, correctedValue: 'bamboo' }],
      gps: { lat: -6.93, lon: 107.72, accuracyM: 12 },
    };
    expect(VerificationInput.parse(input)).toEqual(input);
  });

  it('needs a reason for an invalid verdict', () => {
    expect(paths({ ...visit, verdict: 'invalid', items: [] })).toEqual(['reason:proposal.reason_required']);
    expect(paths({ ...visit, verdict: 'invalid', reason: 'Rumah kosong, keluarga sudah pindah', items: [] })).toEqual([]);
  });

  it('needs the correction of an item not confirmed, and none on a confirmed one', () => {
    expect(paths({ ...visit, items: [{ field: 'floor', confirmed: false }] })).toEqual(['items.0.correctedValue:proposal.correction_required']);
    expect(paths({ ...visit, items: [{ field: 'floor', confirmed: true, correctedValue: 'earth' }] })).toEqual(['items.0.correctedValue:proposal.correction_on_confirmed']);
    expect(paths({ ...visit, items: [{ field: 'floor', confirmed: true }, { field: 'floor', confirmed: true }] })).toEqual(['items.1.field:proposal.item_repeated']);
  });

  it('checks the date, whom they met and the position', () => {
    expect(paths({ ...visit, visitDate: '2025-02-30', items: [] })).toHaveLength(1);
    expect(paths({ ...visit, metName: '', items: [] })).toHaveLength(1);
    expect(paths({ ...visit, metRole: 'cousin', items: [] })).toHaveLength(1);
    expect(paths({ ...visit, items: [], gps: { lat: 95, lon: 10 } })).toHaveLength(1);
    expect(paths({ ...visit, items: [], gps: { lat: 1 } })).toHaveLength(1);
  });
});

describe('confirmedChanges', () => {
  const proposed = { floor: 'ceramic', wall: 'masonry', address: 'Jl. A' };

  it('keeps confirmed values and takes corrections', () => {
    const items = [
      { field: 'floor', confirmed: false, correctedValue: 'earth' },
      { field: 'wall', confirmed: true },
      { field: 'address', confirmed: true },
    ];
    expect(confirmedChanges(proposed, items)).toEqual({ ok: true, changes: { floor: 'earth', wall: 'masonry', address: 'Jl. A' } });
    expect(correctedFields(items)).toEqual(['floor']);
  });

  it('says which proposed fields were not checked and which checked fields were not proposed', () => {
    expect(confirmedChanges(proposed, [{ field: 'floor', confirmed: true }, { field: 'roof', confirmed: true }]))
      .toEqual({ ok: false, missing: ['wall', 'address'], unknown: ['roof'] });
  });
});
