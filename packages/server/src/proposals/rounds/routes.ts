import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProposalSettings, ProposalSettingsView, ROUND_STATUSES, ReviewRoundInput, RoundPeriod, RoundReviewed, RoundView, SubmitRoundInput } from '@slrt/core';
import { mountDocumentRoutes } from '../../documents/routes.ts';
import { ctx } from '../../http/context.ts';
import { fieldError, notFound } from '../../http/errors.ts';
import { selectRound } from './queries.ts';
import { Cursor, errorResponses, IdParams, listOf } from '../../http/schemas.ts';
import { normalizeAreaCode } from '@slrt/core';
import { getRound, listRoundsFor, reviewRound, ROUND_DOCUMENTS, settingsView, submitRound, updateSettings } from './service.ts';

/** Villages' monthly rounds (list, read, send, review, documents) and the kabupaten's round rules. */
export async function proposalRoundRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { deps } = fastify;
  const tags = ['proposals'];

  app.get('/api/v1/proposal-rounds', {
    config: { permission: 'proposals.read' },
    schema: {
      tags,
      querystring: Cursor.extend({ area: z.string().max(20).optional(), period: RoundPeriod.optional(), status: z.enum(ROUND_STATUSES).optional() }),
      response: { 200: listOf(RoundView), ...errorResponses },
    },
  }, async (request) => {
    const c = ctx(request);
    const area = request.query.area ? normalizeAreaCode(request.query.area) : undefined;
    if (area === null) throw fieldError('area', 'field.invalid_format');
    const result = await listRoundsFor(deps, c, { ...request.query, area });
    await c.auditRead({ action: 'proposal_round.list', recordType: 'proposal_round', recordIds: result.items.map((r) => r.id), purpose: 'proposals.read' });
    return result;
  });

  app.get('/api/v1/proposal-rounds/:id', {
    config: { permission: 'proposals.read' },
    schema: { tags, params: IdParams, response: { 200: RoundView, ...errorResponses } },
  }, async (request) => {
    const c = ctx(request);
    const round = await getRound(deps, c, request.params.id);
    await c.auditRead({ action: 'proposal_round.read', recordType: 'proposal_round', recordIds: [round.id], purpose: 'proposals.read' });
    return round;
  });

  // A round outside the caller's area answers 404 before its body is validated (no existence leak).
  const roundInScope = async (request: FastifyRequest) => {
    const { id } = request.params as { id?: string };
    if (id && /^[0-9a-f-]{36}$/i.test(id) && !(await selectRound(deps.db, ctx(request).actor, 'proposals.read', id))) throw notFound();
  };

  app.post('/api/v1/proposal-rounds/:id/submit', {
    config: { permission: 'proposals.create' },
    preValidation: roundInScope,
    schema: { tags, params: IdParams, body: SubmitRoundInput, response: { 200: RoundView, ...errorResponses } },
  }, async (request) => submitRound(deps, ctx(request), request.params.id, request.body));

  app.post('/api/v1/proposal-rounds/:id/review', {
    config: { permission: 'proposals.review' },
    preValidation: roundInScope,
    schema: {
      tags, params: IdParams, body: ReviewRoundInput,
      response: { 200: RoundReviewed, ...errorResponses },
    },
  }, async (request) => reviewRound(deps, ctx(request), request.params.id, request.body));

  app.get('/api/v1/proposal-settings', {
    config: { permission: 'proposals.read' },
    schema: { tags, response: { 200: ProposalSettingsView, ...errorResponses } },
  }, async (request) => {
    const c = ctx(request);
    const view = await settingsView(deps, c);
    await c.auditRead({ action: 'proposal_settings.read', recordType: 'proposal_settings', purpose: 'proposals.read' });
    return view;
  });

  app.put('/api/v1/proposal-settings', {
    config: { permission: 'proposals.approve' },
    schema: { tags, body: ProposalSettings, response: { 200: ProposalSettingsView, ...errorResponses } },
  }, async (request) => updateSettings(deps, ctx(request), request.body));

  // The document routes in their own context, so the same 404-first check runs before their validation.
  await fastify.register(async (child) => {
    child.addHook('preValidation', roundInScope);
    mountDocumentRoutes(child, '/api/v1/proposal-rounds', ROUND_DOCUMENTS);
  });
}
