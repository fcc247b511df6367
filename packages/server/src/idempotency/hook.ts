import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { canonicalJson } from '../audit/audit-event.ts';
import { ctx } from '../http/context.ts';
import { conflict, fieldError } from '../http/errors.ts';
import type { Queryable } from '../db/database.ts';
import { claimKey, completeKey, deleteOldKeys, reclaimKey, releaseKey, selectKey } from './queries.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The route honours an `Idempotency-Key` header: the first successful answer is kept and a
     * retry with the same key (same user, same request) gets it again, marked
     * `idempotent-replayed: true`, without running the route a second time.
     */
    idempotent?: boolean;
  }
  interface FastifyRequest {
    idempotencyClaim?: { userId: string; key: string };
  }
}

const KEY = /^[\w.:-]{8,100}$/;
/** A first request still unanswered after this long is taken as abandoned (its process stopped). */
const STALE_SECONDS = 120;

/**
 * `Idempotency-Key` for the routes that declare `config: { idempotent: true }` (the steps an
 * officer queues offline and the device resends when the link returns: issue 13 item 5). Keys
 * belong to the user who sent them, are kept with the request's hash (same key, other request:
 * 409) and, once answered with success, with the answer. A failed request gives its key back,
 * so the retry meets the route's rules again (a step no longer allowed answers 409 itself).
 * The case intake has its own key on the case row (`cases.client_request_id`).
 */
export function registerIdempotency(app: FastifyInstance) {
  app.addHook('preHandler', async (request, reply) => {
    if (!request.routeOptions.config.idempotent) return;
    const header = request.headers['idempotency-key'];
    if (header === undefined) return;
    const key = (Array.isArray(header) ? header[0] ?? '' : header).trim();
    if (!KEY.test(key)) throw fieldError('Idempotency-Key', 'idempotency.key_invalid');
    const c = ctx(request);
    const userId = c.actor.userId;
    const route = `${request.method} ${request.url.split('?')[0] ?? ''}`;
    const requestHash = createHash('sha256').update(`${route}\n${canonicalJson(request.body ?? null)}`).digest('hex');
    const db = app.deps.db;

    if (await claimKey(db, { userId, key, kabCode: c.actor.kabCode, route, requestHash })) {
      request.idempotencyClaim = { userId, key };
      return;
    }
    const found = await selectKey(db, userId, key);
    if (!found) throw conflict('idempotency.in_progress'); // given back a moment ago: the client retries
    if (found.request_hash !== requestHash) throw conflict('idempotency.mismatch');
    if (found.status_code === null || found.response === null) {
      if (await reclaimKey(db, userId, key, STALE_SECONDS)) {
        request.idempotencyClaim = { userId, key };
        return;
      }
      throw conflict('idempotency.in_progress');
    }
    // the answer holds the record again: a read, audited as one
    const params = request.params as Record<string, unknown> | undefined;
    await c.auditRead({ action: 'request.replayed', recordIds: typeof params?.id === 'string' ? [params.id] : [], details: { route } });
    return reply.code(found.status_code).header('idempotent-replayed', 'true').type('application/json; charset=utf-8').send(found.response);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const claim = request.idempotencyClaim;
    if (!claim) return payload;
    request.idempotencyClaim = undefined;
    if (reply.statusCode >= 200 && reply.statusCode < 300 && typeof payload === 'string') {
      await completeKey(app.deps.db, claim.userId, claim.key, reply.statusCode, payload);
    } else {
      await releaseKey(app.deps.db, claim.userId, claim.key);
    }
    return payload;
  });
}

/** Keys and kept answers older than a week go (a device resends within hours, not weeks). */
export async function pruneIdempotencyKeys(db: Queryable): Promise<number> {
  return deleteOldKeys(db, 7);
}
