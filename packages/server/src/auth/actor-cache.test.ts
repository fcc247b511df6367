import { afterEach, describe, expect, it, vi } from 'vitest';
import { ACTOR_CACHE_TTL_MS, ActorCache } from './actor-cache.ts';
import type { SessionActorRow } from './actor-cache.ts';

const row: SessionActorRow = {
  user_id: 'u', kab_code: '3204', username: 'x', display_name: 'X', csrf_token: 'c', last_seen_at: null, grants: [], token_id: null, scopes: null,
};

afterEach(() => {
  vi.useRealTimers();
});

describe('actor cache', () => {
  it('remembers an actor for a few seconds only', () => {
    vi.useFakeTimers();
    const cache = new ActorCache();
    cache.set('s:1', row, cache.snapshot());
    expect(cache.get('s:1')).toBe(row);
    vi.advanceTimersByTime(ACTOR_CACHE_TTL_MS + 1);
    expect(cache.get('s:1')).toBeNull();
  });

  it('forgets everything when users, roles, sessions or tokens change', () => {
    const cache = new ActorCache();
    cache.set('s:1', row, cache.snapshot());
    cache.set('t:2', row, cache.snapshot());
    cache.clear();
    expect(cache.get('s:1')).toBeNull();
    expect(cache.get('t:2')).toBeNull();
  });

  it('does not keep a row read before an invalidation (a request in flight while a token is revoked)', () => {
    const cache = new ActorCache();
    const before = cache.snapshot();
    cache.clear(); // the revocation commits while the request is reading the old row
    cache.set('t:1', row, before);
    expect(cache.get('t:1')).toBeNull();
  });
});
