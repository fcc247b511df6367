import { describe, expect, it } from 'vitest';
import { COMPLEMENT_HIDDEN, SMALL_COUNT, suppressSmallCounts, type CountGroup, type ShownCount } from './suppression.ts';

const run = (cells: Record<string, number>, groups: CountGroup[] = []) =>
  Object.fromEntries(suppressSmallCounts(new Map(Object.entries(cells)), groups));

/**
 * What a reader can compute: every value of each hidden cell consistent with the shown cells,
 * the groups' sums and the markers' meaning (`<5` is 1..4, `x` is 0 or 5 and more), by brute
 * force over small tables. A hidden cell with exactly one consistent value is revealed.
 */
function revealed(cells: Record<string, number>, groups: CountGroup[], shown: Record<string, ShownCount>): string[] {
  const keys = Object.keys(cells);
  const hiddenKeys = keys.filter((k) => typeof shown[k] !== 'number');
  const max = Math.max(...Object.values(cells)) + 6;
  const options = (k: string) => {
    const s = shown[k];
    if (typeof s === 'number') return [s];
    const all = Array.from({ length: max + 1 }, (_, i) => i);
    return s === SMALL_COUNT ? all.filter((n) => n >= 1 && n <= 4) : all.filter((n) => n === 0 || n >= 5);
  };
  const seen = new Map<string, Set<number>>(hiddenKeys.map((k) => [k, new Set<number>()]));
  const assign: Record<string, number> = {};
  const walk = (i: number) => {
    if (i === keys.length) {
      if (groups.every((g) => g.parts.reduce((s, p) => s + (assign[p] ?? 0), 0) === assign[g.total])) {
        for (const k of hiddenKeys) seen.get(k)?.add(assign[k] ?? -1);
      }
      return;
    }
    const k = keys[i] as string;
    for (const v of options(k)) {
      assign[k] = v;
      walk(i + 1);
    }
  };
  walk(0);
  return hiddenKeys.filter((k) => seen.get(k)?.size === 1);
}

describe('small-count suppression', () => {
  it('shows counts 1 to 4 as <5, and 0 and 5 or more as they are', () => {
    expect(run({ a: 0, b: 1, c: 4, d: 5, e: 120 })).toEqual({ a: 0, b: SMALL_COUNT, c: SMALL_COUNT, d: 5, e: 120 });
  });

  it('hides the smallest other part when a total minus the shown parts would give the small one', () => {
    const cells = { total: 40, a: 3, b: 12, c: 25 };
    const groups = [{ total: 'total', parts: ['a', 'b', 'c'] }];
    const shown = run(cells, groups);
    expect(shown).toEqual({ total: 40, a: SMALL_COUNT, b: COMPLEMENT_HIDDEN, c: 25 });
    expect(revealed(cells, groups, shown)).toEqual([]);
  });

  it('leaves two small parts alone when their sum does not fix them, and hides more when it does', () => {
    const safe = run({ t: 25, a: 2, b: 3, c: 20 }, [{ total: 't', parts: ['a', 'b', 'c'] }]);
    expect(safe).toEqual({ t: 25, a: SMALL_COUNT, b: SMALL_COUNT, c: 20 });
    // 1 + 1 = 2 can only be 1 and 1: a third cell must go
    const cells = { t: 22, a: 1, b: 1, c: 20 };
    const groups = [{ total: 't', parts: ['a', 'b', 'c'] }];
    const shown = run(cells, groups);
    expect(shown.c).toBe(COMPLEMENT_HIDDEN);
    expect(revealed(cells, groups, shown)).toEqual([]);
  });

  it('hides a second complement when the first one is too small to hide the gap (1 + 5)', () => {
    const cells = { t: 26, a: 1, b: 5, c: 20 };
    const groups = [{ total: 't', parts: ['a', 'b', 'c'] }];
    const shown = run(cells, groups);
    expect(shown).toEqual({ t: 26, a: SMALL_COUNT, b: COMPLEMENT_HIDDEN, c: COMPLEMENT_HIDDEN });
    expect(revealed(cells, groups, shown)).toEqual([]);
  });

  it('hides the total when no other part can hide a small one', () => {
    const cells = { t: 8, a: 4, b: 4, c: 0 };
    const groups = [{ total: 't', parts: ['a', 'b', 'c'] }];
    const shown = run(cells, groups);
    expect(shown.t).toBe(COMPLEMENT_HIDDEN);
    expect(revealed(cells, groups, shown)).toEqual([]);
  });

  it('protects a table with row and column totals (groups sharing cells) against every reader computation', () => {
    // two villages x two statuses, with row, column and grand totals
    const cells = { v1a: 2, v1b: 9, v1: 11, v2a: 7, v2b: 8, v2: 15, a: 9, b: 17, all: 26 };
    const groups = [
      { total: 'v1', parts: ['v1a', 'v1b'] }, { total: 'v2', parts: ['v2a', 'v2b'] },
      { total: 'a', parts: ['v1a', 'v2a'] }, { total: 'b', parts: ['v1b', 'v2b'] },
      { total: 'all', parts: ['v1', 'v2'] }, { total: 'all', parts: ['a', 'b'] },
    ];
    const shown = run(cells, groups);
    expect(shown.v1a).toBe(SMALL_COUNT);
    expect(revealed(cells, groups, shown)).toEqual([]);
    // the naive rule (hide only the small cell) is revealed by the same check
    const naive = { ...Object.fromEntries(Object.entries(cells)), v1a: SMALL_COUNT } as Record<string, ShownCount>;
    expect(revealed(cells, groups, naive)).toEqual(['v1a']);
  });

  it('passes random small tables through the reader check', () => {
    let seed = 7;
    const rand = (n: number) => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed % n; };
    for (let round = 0; round < 60; round++) {
      const parts = Array.from({ length: 2 + rand(3) }, () => (rand(3) === 0 ? rand(5) : rand(14)));
      const cells: Record<string, number> = { t: parts.reduce((s, n) => s + n, 0) };
      parts.forEach((n, i) => { cells[`p${i}`] = n; });
      const groups = [{ total: 't', parts: parts.map((_, i) => `p${i}`) }];
      const shown = run(cells, groups);
      expect(revealed(cells, groups, shown), JSON.stringify({ cells, shown })).toEqual([]);
      for (const [k, n] of Object.entries(cells)) if (n >= 1 && n <= 4) expect(shown[k]).toBe(SMALL_COUNT);
    }
  });

  it('refuses a group naming a cell that does not exist', () => {
    expect(() => run({ t: 1 }, [{ total: 't', parts: ['missing'] }])).toThrow(/unknown cell/);
  });
});
