import type { FastifyRequest } from 'fastify';
import type { Locale, Permission } from '@slrt/core';
import type { Actor } from '../access/actor.ts';
import type { AuditContext, AuditInput } from '../audit/audit-event.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { Config } from '../config.ts';
import type { Db, Tx } from '../db/database.ts';
import { unauthenticated } from './errors.ts';

/** What every service needs from the process: the database, the audit log, the config. */
export interface Deps {
  /** The primary: every write, and every read that must see the writes before it. */
  db: Db;
  /**
   * Where dashboards, reports, exports and kabupaten-wide searches read: the streaming replica
   * (DATABASE_REPLICA_URL), or `db` itself when there is none (db/replica.ts).
   */
  replica: Db;
  auditLog: AuditLog;
  config: Config;
}

/**
 * What a service knows of the request: who acts, in which language, and how to audit. Built
 * once per request; services take it instead of the request itself.
 */
export interface RequestContext {
  actor: Actor;
  locale: Locale;
  /** Records a write inside its transaction. */
  auditWrite(tx: Tx, input: AuditInput): Promise<void>;
  /** Records a read of personal data; resolves when the event is durable. */
  auditRead(input: AuditInput): Promise<void>;
  /**
   * The answer of a read under a personal-data permission names no resident (counts, an empty
   * page, configuration), or a write changed nothing: nothing to record, and the app's audit
   * safety net must not add a generic event. Say why at the call.
   */
  noPersonalData(): void;
  readonly auditContext: AuditContext;
}

interface RouteAccess {
  /**
   * The permission a route needs: a permission of the shared vocabulary, `authenticated`
   * (any signed-in user, e.g. /auth/me) or `public` (no sign-in: health, login, public
   * tracking). Every /api route must declare one; the app refuses to start otherwise.
   */
  permission: Permission | 'authenticated' | 'public';
}

declare module 'fastify' {
  interface FastifyContextConfig {
    permission?: RouteAccess['permission'];
  }
  interface FastifyRequest {
    actor: Actor | null;
    authVia: 'session' | 'token' | null;
    /** Set when a service wrote an audit event for this request. */
    audited: boolean;
    locale: Locale;
  }
  interface FastifyInstance {
    deps: Deps;
  }
}

export function auditContextOf(request: FastifyRequest, kabCode: string): AuditContext {
  const actor = request.actor;
  return {
    kabCode: actor?.kabCode ?? kabCode,
    actorId: actor?.userId ?? null,
    // a token's use is audited as the token: its account and its id
    actorName: actor ? (actor.tokenId ? `${actor.username} (token ${actor.tokenId})` : actor.username) : null,
    actorRoles: actor ? actor.roles.join(',') : null,
    clientAddr: request.ip ?? null,
    requestId: String(request.id),
  };
}

/** The context of a signed-in request. Throws 401 where there is no actor. */
export function ctx(request: FastifyRequest): RequestContext {
  const actor = request.actor;
  if (!actor) throw unauthenticated();
  return contextFor(request, actor);
}

function contextFor(request: FastifyRequest, actor: Actor): RequestContext {
  const deps = request.server.deps;
  const auditContext = auditContextOf(request, deps.config.kabupatenCode.replace('.', ''));
  return {
    actor,
    locale: request.locale,
    auditContext,
    async auditWrite(tx, input) {
      request.audited = true;
      await deps.auditLog.record(tx, auditContext, input);
    },
    async auditRead(input) {
      request.audited = true;
      await deps.auditLog.recordRead(auditContext, input);
    },
    noPersonalData() {
      request.audited = true;
    },
  };
}
