import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctx } from '../http/context.ts';
import { Cursor, errorResponses, listOf } from '../http/schemas.ts';
import { anchorChainHeads, lastAnchor } from '../audit/anchor.ts';
import { verifyAuditChain } from '../audit/verify.ts';
import { listAuditEvents } from './queries.ts';

const Verification = z.object({
  ok: z.boolean(),
  events: z.number(),
  lastSeq: z.number().optional(),
  firstBrokenEventId: z.string().nullable().optional(),
  firstBrokenSeq: z.number().nullable().optional(),
  reason: z.string().optional(),
  anchoredSeq: z.number().optional().describe('truncated: the last event the newest anchor vouches for'),
  lastAnchor: z.object({ seq: z.number(), hash: z.string(), at: z.string() }).nullable().optional()
    .describe('the newest signed anchor of the chain head outside the database (DATA_DIR/audit-anchors.jsonl)'),
  keyDerived: z.boolean().optional().describe('true when no AUDIT_KEY is configured and a development key keys the chain'),
});

const AuditEventView = z.object({
  id: z.string(), seq: z.number(), at: z.string(), actorName: z.string().nullable(), actorRoles: z.string().nullable(),
  action: z.string(), recordType: z.string().nullable(), recordIds: z.array(z.string()), purpose: z.string().nullable(),
  clientAddr: z.string().nullable(),
});

export async function auditRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { deps } = fastify;
  const tags = ['audit'];

  app.get('/api/v1/audit/verify', {
    config: { permission: 'audit.verify' },
    schema: { tags, response: { 200: Verification, ...errorResponses } },
  }, async (request) => {
    const c = ctx(request);
    const { dataDir, auditKey, auditKeyDerived } = deps.config;
    const anchor = lastAnchor(dataDir, auditKey, c.actor.kabCode);
    const result = await verifyAuditChain(deps.db, c.actor.kabCode, auditKey, anchor);
    await deps.db.transaction((tx) => c.auditWrite(tx, { action: 'audit.verify', details: { ok: result.ok, ...(result.ok ? {} : { reason: result.reason }) } }));
    // a sound chain is anchored as it stands now (its head includes this verification)
    if (result.ok) await anchorChainHeads(deps, (msg, err) => request.log.warn({ err }, msg));
    return { ...result, lastAnchor: anchor ? { seq: anchor.seq, hash: anchor.hash, at: anchor.at } : null, keyDerived: auditKeyDerived };
  });

  app.get('/api/v1/audit/events', {
    config: { permission: 'audit.read' },
    schema: {
      tags,
      querystring: Cursor.extend({ recordId: z.string().max(64).optional(), actor: z.string().max(64).optional(), action: z.string().max(64).optional() }),
      response: { 200: listOf(AuditEventView), ...errorResponses },
    },
  }, async (request) => {
    const c = ctx(request);
    const { cursor, limit, recordId, actor, action } = request.query;
    const rows = await listAuditEvents(deps.db, c.actor.kabCode, { cursor, limit, recordId, actor, action });
    const page = rows.slice(0, limit);
    // the trail names the people whose records were touched: reading it is itself audited
    await c.auditRead({ action: 'audit.read', details: { recordId: recordId ?? null, actor: actor ?? null, action: action ?? null } });
    return {
      items: page.map((r) => ({
        id: r.id, seq: r.seq, at: r.at.toISOString(), actorName: r.actor_name, actorRoles: r.actor_roles, action: r.action,
        recordType: r.record_type, recordIds: r.record_ids, purpose: r.purpose, clientAddr: r.client_addr,
      })),
      nextCursor: rows.length > limit ? String(page.at(-1)?.seq) : null,
    };
  });
}
