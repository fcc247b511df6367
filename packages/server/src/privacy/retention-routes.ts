import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CreateLegalHold, LegalHoldCreated, RetentionRunInput, RetentionRunReport, RetentionSchedule, UpdateRetentionRule } from '@slrt/core';
import { ctx } from '../http/context.ts';
import { errorResponses } from '../http/schemas.ts';
import { createLegalHold, retentionRuns, retentionSchedule, setRetentionRule, startRetentionRun } from './retention.ts';

/** Retention: the schedule, runs (dry by default) and legal holds. */
export async function retentionRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { deps } = fastify;
  const tags = ['privacy'];

  app.get('/api/v1/privacy/retention', {
    config: { permission: 'privacy.oversee' },
    schema: { tags, description: 'The kabupaten\'s retention schedule: days kept after the purpose ended, per record type, and what happens then.', response: { 200: RetentionSchedule, ...errorResponses } },
  }, async (request) => {
    const c = ctx(request);
    c.noPersonalData(); // the schedule is configuration: days per record type
    return { rules: await retentionSchedule(deps, c.actor.kabCode) };
  });

  app.put('/api/v1/privacy/retention/:recordType', {
    config: { permission: 'privacy.manage' },
    schema: { tags, params: z.object({ recordType: z.string().max(40) }), body: UpdateRetentionRule, response: { 200: RetentionSchedule, ...errorResponses } },
  }, async (request) => ({ rules: await setRetentionRule(deps, ctx(request), request.params.recordType, request.body.keepDays) }));

  app.get('/api/v1/privacy/retention/runs', {
    config: { permission: 'privacy.oversee' },
    schema: { tags, description: 'The latest 20 run reports (dry runs and runs), newest first.', response: { 200: z.object({ items: z.array(RetentionRunReport) }), ...errorResponses } },
  }, async (request) => {
    const c = ctx(request);
    c.noPersonalData(); // counts per record type and record labels (case codes, document kinds, village codes)
    return { items: await retentionRuns(deps, c.actor.kabCode) };
  });

  app.post('/api/v1/privacy/retention/runs', {
    config: { permission: 'privacy.manage' },
    schema: {
      tags,
      description: 'Runs the schedule now: a dry run (default) counts and lists what would go and what is held; a real run anonymizes or deletes in batches, one audit event per batch.',
      body: RetentionRunInput, response: { 200: RetentionRunReport, ...errorResponses },
    },
  }, async (request) => startRetentionRun(deps, ctx(request), request.body));

  app.post('/api/v1/privacy/legal-holds', {
    config: { permission: 'privacy.manage' },
    schema: { tags, description: 'Keeps a person\'s data out of retention (a dispute, an investigation).', body: CreateLegalHold, response: { 201: LegalHoldCreated, ...errorResponses } },
  }, async (request, reply) => reply.code(201).send(await createLegalHold(deps, ctx(request), request.body)));
}
