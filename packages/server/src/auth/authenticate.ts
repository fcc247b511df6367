import type { FastifyInstance, FastifyRequest } from 'fastify';
import { localeFromAcceptLanguage, type Permission } from '@slrt/core';
import { Actor } from '../access/actor.ts';
import { AppError, forbidden, unauthenticated } from '../http/errors.ts';
import { findSessionActor, findTokenActor, toGrants, touchSession, touchToken } from './queries.ts';
import type { SessionActorRow } from './actor-cache.ts';
import { sha256 } from './tokens.ts';
import { actorCacheOf } from './actor-cache.ts';

export const SESSION_COOKIE = 'slrt_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
// Touch the session at most once a minute: a read should not cost a write every time.
const TOUCH_AFTER_MS = 60_000;

function actorOf(row: SessionActorRow, via: 'session' | 'token'): Actor {
  return new Actor({
    userId: row.user_id,
    username: row.username,
    displayName: row.display_name,
    kabCode: row.kab_code,
    grants: toGrants(row.grants),
    via,
    tokenId: row.token_id,
    scopes: row.scopes as Permission[] | null,
  });
}

/**
 * Decides every request, in one place, before its body is even validated:
 * who is calling (session cookie or bearer token), whether the route's declared permission
 * is held, and, for cookie-authenticated writes, the CSRF token. Default deny: a route
 * without a declared permission never gets here (the app refuses to register it).
 */
export function registerAuthentication(app: FastifyInstance) {
  // this process's cache, emptied by every process's changes to sessions, tokens, users, roles
  const cache = actorCacheOf(app.deps.db);
  app.decorateRequest('actor', null);
  app.decorateRequest('authVia', null);
  app.decorateRequest('audited', false);
  app.decorateRequest('locale', 'id');

  app.addHook('onRequest', async (request: FastifyRequest) => {
    request.locale = localeFromAcceptLanguage(request.headers['accept-language']);
    const permission = request.routeOptions.config.permission;
    if (permission === undefined) return; // not an /api route (static files, docs)

    const { db, config } = app.deps;
    const authHeader = request.headers.authorization;
    if (authHeader?.startsWith('Bearer ')) {
      const tokenHash = sha256(authHeader.slice(7).trim());
      const key = `t:${tokenHash}`;
      let row = cache.get(key);
      if (!row) {
        const generation = cache.snapshot();
        row = await findTokenActor(db, tokenHash);
        if (row) cache.set(key, row, generation);
      }
      if (row) {
        request.actor = actorOf(row, 'token');
        request.authVia = 'token';
        if (!row.last_seen_at || Date.now() - row.last_seen_at.getTime() > TOUCH_AFTER_MS) {
          row.last_seen_at = new Date();
          await touchToken(db, tokenHash);
        }
      } else if (permission !== 'public') {
        throw unauthenticated();
      }
    } else {
      const cookie = request.cookies[SESSION_COOKIE];
      if (cookie) {
        const tokenHash = sha256(cookie);
        const key = `s:${tokenHash}`;
        let row = cache.get(key);
        if (!row) {
          const generation = cache.snapshot();
          row = await findSessionActor(db, tokenHash);
          if (row) cache.set(key, row, generation);
        }
        if (row) {
          request.actor = actorOf(row, 'session');
          request.authVia = 'session';
          if (!row.last_seen_at || Date.now() - row.last_seen_at.getTime() > TOUCH_AFTER_MS) {
            row.last_seen_at = new Date();
            await touchSession(db, tokenHash, new Date(Date.now() + config.sessionIdleHours * 3600_000));
          }
          if (!SAFE_METHODS.has(request.method) && permission !== 'public') {
            const sent = request.headers['x-csrf-token'];
            if (typeof sent !== 'string' || sent !== row.csrf_token) {
              throw new AppError('csrf', { key: 'error.csrf' });
            }
          }
        }
      }
    }

    // structured logs name the actor (never a NIK or a name of a resident)
    if (request.actor) request.log = request.log.child({ actor: request.actor.username });
    if (permission === 'public') return;
    if (!request.actor) throw unauthenticated();
    if (permission === 'authenticated') return;
    if (!request.actor.can(permission as Permission)) throw forbidden();
  });
}
