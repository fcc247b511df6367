import { describe, expect, it } from 'vitest';
import { codesOf } from './code-lists.ts';
import type { HouseholdIndicators } from './household.ts';
import { LOCAL_ESTIMATE_MODEL_V1, LocalEstimateModel, estimateLocalDecile } from './local-decile.ts';
import modelJson from './local-decile-model.v1.json' with { type: 'json' };

function aPoorHousehold(overrides: HouseholdIndicators = {}): HouseholdIndicators {
  return {
    floor: 'earth', wall: 'bamboo', roof: 'straw_palm_leaves', water: 'surface_water', lighting: 'not_electricity',
    cookingFuel: 'firewood', toilet: 'none', disposal: 'open_ground', tenure: 'rent_free', assets: [], floorAreaM2: 15,
    ...overrides,
  };
}
function aWellOffHousehold(overrides: HouseholdIndicators = {}): HouseholdIndicators {
  return {
    floor: 'marble_granite', wall: 'masonry', roof: 'concrete', water: 'bottled', lighting: 'pln_metered', powerVa: 'above_2200',
    cookingFuel: 'lpg_12kg', toilet: 'own', disposal: 'septic_tank', tenure: 'own',
    assets: ['car', 'air_conditioner', 'refrigerator', 'computer', 'smartphone'], floorAreaM2: 150,
    ...overrides,
  };
}
function aMiddlingHousehold(overrides: HouseholdIndicators = {}): HouseholdIndicators {
  return {
    floor: 'ceramic', wall: 'masonry', roof: 'clay_tile', water: 'refill', lighting: 'pln_metered', powerVa: 'va_900',
    cookingFuel: 'lpg_3kg', toilet: 'own', disposal: 'septic_tank', tenure: 'own',
    assets: ['motorcycle', 'television', 'smartphone', 'refrigerator'], floorAreaM2: 45,
    ...overrides,
  };
}

describe('the local estimate model file', () => {
  it('parses, with its id, version and effective date', () => {
    expect(LOCAL_ESTIMATE_MODEL_V1).toMatchObject({ modelId: 'slrt-local-estimate', version: 1, effectiveDate: '2026-01-01' });
  });

  it('gives points to every code of each scored list, so a left-out code is a choice made visible', () => {
    const lists: Record<string, Parameters<typeof codesOf>[0]> = {
      floor: 'floor', wall: 'wall', roof: 'roof', water: 'water', lighting: 'lighting', powerVa: 'power_va',
      cookingFuel: 'cooking_fuel', toilet: 'toilet', disposal: 'disposal', tenure: 'tenure', assets: 'assets',
    };
    for (const spec of LOCAL_ESTIMATE_MODEL_V1.indicators) {
      if (spec.kind === 'bands') continue;
      expect(Object.keys(spec.points).sort(), spec.indicator).toEqual(codesOf(lists[spec.indicator]!).sort());
    }
  });

  it('does not score programs received', () => {
    expect(LOCAL_ESTIMATE_MODEL_V1.indicators.map((i) => i.indicator)).not.toContain('programsReceived');
    expect(LocalEstimateModel.safeParse({ ...modelJson, indicators: [{ indicator: 'programsReceived', kind: 'set', points: {} }] }).success).toBe(false);
  });

  it('rejects a model with unknown codes, bad bands or bad thresholds', () => {
    const withIndicators = (indicators: unknown) => LocalEstimateModel.safeParse({ ...modelJson, indicators }).success;
    expect(withIndicators([{ indicator: 'floor', kind: 'code', points: { lava: 3 } }])).toBe(false);
    expect(withIndicators([{ indicator: 'floor', kind: 'code', points: {} }, { indicator: 'floor', kind: 'code', points: {} }])).toBe(false);
    expect(withIndicators([{ indicator: 'floorAreaM2', kind: 'bands', bands: [{ upTo: 30, points: 1 }] }])).toBe(false);
    expect(withIndicators([{ indicator: 'floorAreaM2', kind: 'bands', bands: [{ upTo: 30, points: 1 }, { upTo: 20, points: 1 }, { upTo: null, points: 0 }] }])).toBe(false);
    expect(withIndicators([{ indicator: 'floorAreaM2', kind: 'bands', bands: [{ upTo: null, points: 0 }] }])).toBe(true);
    const thresholds = modelJson.thresholds.slice(0, 8);
    expect(LocalEstimateModel.safeParse({ ...modelJson, thresholds }).success).toBe(false);
    const unordered = modelJson.thresholds.map((t, i) => (i === 3 ? { ...t, minScore: 100 } : t));
    expect(LocalEstimateModel.safeParse({ ...modelJson, thresholds: unordered }).success).toBe(false);
  });
});

describe('estimateLocalDecile', () => {
  it('labels the result a local estimate with the model that made it', () => {
    const r = estimateLocalDecile(aMiddlingHousehold());
    expect(r).toMatchObject({ label: 'local_estimate', modelId: 'slrt-local-estimate', modelVersion: 1 });
    expect(r).not.toHaveProperty('desil');
  });

  it('ranks a very poor household 1, a well-off one 10, and a middling one in between', () => {
    expect(estimateLocalDecile(aPoorHousehold())?.estimate).toBe(1);
    expect(estimateLocalDecile(aWellOffHousehold())?.estimate).toBe(10);
    const middling = estimateLocalDecile(aMiddlingHousehold())?.estimate ?? 0;
    expect(middling).toBeGreaterThan(3);
    expect(middling).toBeLessThan(8);
  });

  it('moves toward poorer when a poverty indicator worsens', () => {
    const base = estimateLocalDecile(aMiddlingHousehold());
    const worse = estimateLocalDecile(aMiddlingHousehold({ floor: 'earth', cookingFuel: 'firewood', toilet: 'none' }));
    expect(worse!.score).toBeGreaterThan(base!.score);
    expect(worse!.estimate).toBeLessThan(base!.estimate);
  });

  it('returns null when too few indicators are known', () => {
    expect(estimateLocalDecile({})).toBeNull();
    expect(estimateLocalDecile({ floor: 'earth', wall: 'bamboo', roof: 'zinc', water: 'rain', toilet: 'none' })).toBeNull();
    const six = estimateLocalDecile({ floor: 'earth', wall: 'bamboo', roof: 'zinc', water: 'rain', toilet: 'none', assets: [] });
    expect(six?.knownIndicators).toBe(6);
  });

  it('adds up points transparently, sorted by absolute effect', () => {
    const r = estimateLocalDecile(aMiddlingHousehold({ floorAreaM2: 200 }))!;
    expect(r.score).toBe(LOCAL_ESTIMATE_MODEL_V1.intercept + r.contributions.reduce((s, c) => s + c.points, 0));
    const effects = r.contributions.map((c) => Math.abs(c.points));
    expect(effects).toEqual([...effects].sort((a, b) => b - a));
    expect(r.contributions).toContainEqual({ indicator: 'floorAreaM2', value: 200, points: -3 });
    expect(r.contributions).toContainEqual({ indicator: 'assets', value: 'refrigerator', points: -3 });
    expect(r.contributions).toContainEqual({ indicator: 'floor', value: 'ceramic', points: -2 });
  });

  it('scores owning none of the assets, and an asset set with several items, one line each', () => {
    const none = estimateLocalDecile(aPoorHousehold())!;
    expect(none.contributions).toContainEqual({ indicator: 'assets', value: 'none', points: 4 });
    const some = estimateLocalDecile(aPoorHousehold({ assets: ['bicycle', 'smartphone'] }))!;
    expect(some.contributions.filter((c) => c.indicator === 'assets')).toEqual([
      { indicator: 'assets', value: 'smartphone', points: -1 },
      { indicator: 'assets', value: 'bicycle', points: 0 },
    ]);
  });

  it('puts floor area in its band, bounds inclusive', () => {
    const points = (floorAreaM2: number) =>
      estimateLocalDecile(aMiddlingHousehold({ floorAreaM2 }))!.contributions.find((c) => c.indicator === 'floorAreaM2')?.points;
    expect(points(20)).toBe(4);
    expect(points(20.5)).toBe(2);
    expect(points(36)).toBe(2);
    expect(points(70)).toBe(0);
    expect(points(71)).toBe(-3);
  });

  it('maps scores to deciles through the thresholds', () => {
    const model = LocalEstimateModel.parse({
      ...modelJson,
      minKnownIndicators: 1,
      intercept: 0,
      indicators: [{ indicator: 'floorAreaM2', kind: 'bands', bands: [{ upTo: 1, points: 35 }, { upTo: 2, points: 34 }, { upTo: 3, points: -38 }, { upTo: null, points: -39 }] }],
    });
    const at = (floorAreaM2: number) => estimateLocalDecile({ floorAreaM2 }, model);
    expect(at(1)?.estimate).toBe(1);
    expect(at(2)?.estimate).toBe(2);
    expect(at(3)?.estimate).toBe(9);
    expect(at(4)?.estimate).toBe(10);
    expect(at(4)?.modelVersion).toBe(1);
  });
});
