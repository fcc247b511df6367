import { describe, expect, it } from 'vitest';
import { TABS, tabCount, tabQuery } from './tabs.ts';

const summary = { byStatus: { sent: 3, accepted: 2, declined: 1, in_service: 4, completed: 5, cancelled: 0 }, overdue: 2 };

describe('referral list tabs', () => {
  it('ask the API for the statuses of each tab', () => {
    expect(tabQuery('open')).toEqual({ status: 'sent,accepted,in_service' });
    expect(tabQuery('overdue')).toEqual({ overdue: 'true' });
    expect(tabQuery('declined')).toEqual({ status: 'declined' });
    expect(tabQuery('all')).toEqual({});
  });

  it('count from the summary, none for "all" or before it loads', () => {
    expect(tabCount('open', summary)).toBe(9);
    expect(tabCount('overdue', summary)).toBe(2);
    expect(tabCount('completed', summary)).toBe(5);
    expect(tabCount('all', summary)).toBeNull();
    expect(tabCount('sent', null)).toBeNull();
    expect(TABS[0]).toBe('open');
  });
});
