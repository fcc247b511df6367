import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AuditAnchorList, AuditEventList, AuditEventQuery, AuditVerification } from '@slrt/core';
import { ctx } from '../http/context.ts';
import { errorResponses } from '../http/schemas.ts';
import { anchorChainHeads, lastAnchor, recentAnchors } from '../audit/anchor.ts';
import { auditExport, searchAuditTrail } from './search.ts';
import { verifyAuditChain } from '../audit/verify.ts';

export async function auditRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { deps } = fastify;
  const tags = ['audit'];

  app.get('/api/v1/audit/verify', {
    config: { permission: 'audit.verify' },
    schema: { tags, response: { 200: AuditVerification, ...errorResponses } },
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

  app.get('/api/v1/audit/anchors', {
    config: { permission: 'audit.verify' },
    schema: {
      tags,
      description: 'The newest signed anchors of the kabupaten\'s chain head outside the database (DATA_DIR/audit-anchors.jsonl), newest first; a line whose signature does not hold under AUDIT_KEY is listed with signed false.',
      response: { 200: AuditAnchorList, ...errorResponses },
    },
  }, async (request) => {
    const c = ctx(request);
    const { dataDir, auditKey, auditAnchorUrl } = deps.config;
    return { items: recentAnchors(dataDir, auditKey, c.actor.kabCode, 20), external: Boolean(auditAnchorUrl) };
  });

  app.get('/api/v1/audit/events', {
    config: { permission: 'audit.read' },
    schema: {
      tags,
      description: 'The trail, newest first: by record, person (personId or nik: that search is itself recorded against the person), account name, action (code or prefix) and period (from/to dates, inclusive). Actions carry their label in the reader\'s language.',
      querystring: AuditEventQuery,
      response: { 200: AuditEventList, ...errorResponses },
    },
  }, async (request) => searchAuditTrail(deps, ctx(request), request.query));

  app.get('/api/v1/audit/events.csv', {
    config: { permission: 'audit.read' },
    schema: {
      tags,
      description: 'The same search as a CSV file (labels in the reader\'s language), at most 50,000 events; the export is audited.',
      querystring: AuditEventQuery.omit({ cursor: true, limit: true }),
      produces: ['text/csv'],
    },
  }, async (request, reply) => {
    const file = await auditExport(deps, ctx(request), request.query);
    reply.header('content-type', 'text/csv; charset=utf-8');
    reply.header('content-disposition', `attachment; filename="${file.fileName}"`);
    return reply.send(file.stream);
  });
}
