import { describe, expect, it } from 'vitest';
import { monthOf, presetPeriod, StatsOverviewQuery } from './stats.ts';

describe('the dashboard period', () => {
  it('names this month, last month, this quarter and this year around a day', () => {
    expect(monthOf('2024-02-10')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(presetPeriod('this_month', '2026-12-07')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(presetPeriod('last_month', '2026-01-15')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(presetPeriod('last_month', '2026-03-31')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(presetPeriod('this_quarter', '2026-11-02')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(presetPeriod('this_quarter', '2026-05-20')).toEqual({ from: '2026-04-01', to: '2026-06-30' });
    expect(presetPeriod('this_year', '2026-07-01')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  });

  it('refuses a period that ends before it starts, naming `to`', () => {
    const r = StatsOverviewQuery.safeParse({ from: '2026-02-01', to: '2026-01-31' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({ path: ['to'], message: 'stats.period_order' });
    expect(StatsOverviewQuery.safeParse({ from: '2026-01-31', to: '2026-01-31' }).success).toBe(true);
  });
});
