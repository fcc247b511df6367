import { afterEach, describe, expect, it, vi } from 'vitest';
import { ACTOR_CACHE_TTL_MS, cachedActor, forgetActors, rememberActor } from './actor-cache.ts';
import type { SessionActorRow } from './queries.ts';

const row: SessionActorRow = {
  user_id: 'u', kab_code: '3204', username: 'x', display_name: 'X', csrf_token: 'c', last_seen_at: null, grants: [], token_id: null, scopes: null,
};

afterEach(() => {
  vi.useRealTimers();
  forgetActors();
});

describe('actor cache', () => {
  it('remembers an actor for a few seconds only', () => {
    vi.useFakeTimers();
    rememberActor('s:1', row);
    expect(cachedActor('s:1')).toBe(row);
    vi.advanceTimersByTime(ACTOR_CACHE_TTL_MS + 1);
    expect(cachedActor('s:1')).toBeNull();
  });

  it('forgets everything when users, roles, sessions or tokens change', () => {
    rememberActor('s:1', row);
    rememberActor('t:2', row);
    forgetActors();
    expect(cachedActor('s:1')).toBeNull();
    expect(cachedActor('t:2')).toBeNull();
  });
});
