import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { twoProcesses, type TwoProcesses } from '../jobs/testing.ts';
import { RESYNC } from './notify.ts';

let two: TwoProcesses;
beforeAll(async () => {
  two = await twoProcesses();
});
afterAll(() => two.close());

const waitFor = async (check: () => boolean, ms = 2000) => {
  const until = Date.now() + ms;
  while (!check() && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
  return check();
};

describe('the notification channel between server processes', () => {
  it('delivers a message published in a transaction to every process, only once it commits', async () => {
    const heardA: string[] = [];
    const heardB: string[] = [];
    const offA = two.a.deps.db.notify.subscribe('test.topic', (p) => heardA.push(p));
    const offB = two.b.deps.db.notify.subscribe('test.topic', (p) => heardB.push(p));
    try {
      await two.a.deps.db.transaction(async (tx) => {
        await tx.notify.publish(tx, 'test.topic', 'one');
        // not before the commit, not even in the publishing process
        await new Promise((r) => setTimeout(r, 100));
        expect(heardA).toEqual([]);
        expect(heardB).toEqual([]);
      });
      expect(heardA).toEqual(['one']); // at once, after commit, in the publishing process
      expect(await waitFor(() => heardB.includes('one'))).toBe(true);
      expect(heardB.filter((p) => p === 'one')).toHaveLength(1);
    } finally {
      offA();
      offB();
    }
  });

  it('delivers nothing when the transaction rolls back', async () => {
    const heard: string[] = [];
    const offA = two.a.deps.db.notify.subscribe('test.rollback', (p) => heard.push(p));
    const offB = two.b.deps.db.notify.subscribe('test.rollback', (p) => heard.push(p));
    try {
      await expect(two.a.deps.db.transaction(async (tx) => {
        await tx.notify.publish(tx, 'test.rollback', 'never');
        throw new Error('roll back');
      })).rejects.toThrow('roll back');
      // a later message arrives, the rolled-back one never does
      await two.a.deps.db.notify.publish(two.a.deps.db, 'test.rollback', 'later');
      expect(await waitFor(() => heard.filter((p) => p === 'later').length === (two.shared ? 2 : 2))).toBe(true);
      expect(heard).not.toContain('never');
      expect(heard).not.toContain(RESYNC);
    } finally {
      offA();
      offB();
    }
  });
});
