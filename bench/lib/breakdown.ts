/**
 * Where the time of a NIK lookup goes: the same lookup built up one layer at a time on the
 * bare Fastify app, each layer calling the real code (session lookup, registry query, audit),
 * so that the gap between the bare route and the real route can be attributed.
 *   1 bare indexed query
 *   2 + the session lookup (auth/queries.ts findSessionActor; the app caches it for 5 s, this step does not)
 *   3 + the registry's NIK query with the scope condition (registry/search-queries.ts)
 *   4 + the audit event of the read (AuditLog.recordRead, group-committed)
 * The real route adds the rest: Fastify plugins and hooks, zod validation and serialization.
 */
import type { FastifyInstance } from 'fastify';
import { kabCodeOf } from '@slrt/core';
import { Actor } from '../../packages/server/src/access/actor.ts';
import { findSessionActor, toGrants } from '../../packages/server/src/auth/queries.ts';
import { sha256 } from '../../packages/server/src/auth/tokens.ts';
import type { Deps } from '../../packages/server/src/http/context.ts';
import { searchByNumber } from '../../packages/server/src/registry/search-queries.ts';
import { toPersonSummary } from '../../packages/server/src/registry/views.ts';

export const BREAKDOWN_STEPS = [
  { step: 1, label: 'bare indexed query' },
  { step: 2, label: '+ session lookup' },
  { step: 3, label: '+ registry NIK query (scope)' },
  { step: 4, label: '+ audit event (group commit)' },
] as const;

export function registerBreakdownRoutes(app: FastifyInstance, deps: Deps) {
  const kab4 = kabCodeOf(deps.config.kabupatenCode);
  app.get<{ Params: { step: string }; Querystring: { nik: string } }>('/steps/nik/:step', async (request, reply) => {
    const step = Number(request.params.step);
    const nik = request.query.nik;
    if (step === 1) {
      const { rows } = await deps.db.query('SELECT id, full_name, village_code, birth_date, sex FROM persons WHERE kab_code = $1 AND nik = $2', [kab4, nik]);
      return { items: rows };
    }
    const cookie = /slrt_session=([^;]+)/.exec(request.headers.cookie ?? '')?.[1];
    const session = cookie ? await findSessionActor(deps.db, sha256(cookie)) : null;
    if (!session) return reply.code(401).send({ error: 'no session' });
    if (step === 2) {
      const { rows } = await deps.db.query('SELECT id, full_name, village_code, birth_date, sex FROM persons WHERE kab_code = $1 AND nik = $2', [kab4, nik]);
      return { items: rows };
    }
    const actor = new Actor({ userId: session.user_id, username: session.username, displayName: session.display_name, kabCode: session.kab_code, grants: toGrants(session.grants), via: 'session' });
    const rows = await searchByNumber(deps.db, actor, { kabCode: kab4 }, 'nik', nik, { limit: 20 });
    const items = rows.map(toPersonSummary);
    if (step >= 4) {
      await deps.auditLog.recordRead(
        { kabCode: kab4, actorId: actor.userId, actorName: actor.username, actorRoles: actor.roles.join(','), clientAddr: request.ip, requestId: String(request.id) },
        { action: 'person.search', recordType: 'person', recordIds: items.map((p) => p.id), purpose: 'registry.search', details: { mode: 'nik', count: items.length } },
      );
    }
    return { items, nextCursor: null };
  });
}
