import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  BulkStepResult, CreateProposalInput, IntakeDraftsOpened, PROPOSAL_ROUTE_PERMISSION, PROPOSAL_USER_ACTIONS,
  ProgressRow, ProposalBulkInput, ProposalCreated, ProposalListQuery, ProposalStepInput, ProposalDetail, ProposalStepResult, ProposalSummary, StatsPeriod, VerificationInput, withPeriod, WorklistCounts,
} from '@slrt/core';
import { mountDocumentRoutes } from '../documents/routes.ts';
import { ctx } from '../http/context.ts';
import { notFound } from '../http/errors.ts';
import { errorResponses, IdParams, listOf } from '../http/schemas.ts';
import { selectProposal } from './queries.ts';
import { PROPOSAL_DOCUMENTS } from './documents.ts';
import { createProposal, getProposal, listProposalsFor, openIntakeDrafts, progressFor, worklistFor } from './service.ts';
import { BULK_ACTIONS, takeBulkStep, takeStep } from './workflow.ts';

/** Proposals: enter, list, read, worklists, progress, the steps one by one or in batches, evidence. */
export async function proposalRecordRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { deps } = fastify;
  const tags = ['proposals'];

  app.post('/api/v1/proposals', {
    config: { permission: 'proposals.create' },
    schema: { tags, body: CreateProposalInput, response: { 201: ProposalCreated, ...errorResponses } },
  }, async (request, reply) => {
    reply.status(201);
    return createProposal(deps, ctx(request), request.body);
  });

  app.get('/api/v1/proposals', {
    config: { permission: 'proposals.read' },
    schema: { tags, querystring: ProposalListQuery, response: { 200: listOf(ProposalSummary), ...errorResponses } },
  }, async (request) => {
    const { q, overdue, ...rest } = request.query;
    return listProposalsFor(deps, ctx(request), { ...rest, search: q, overdue: overdue === 'true' });
  });

  app.post('/api/v1/proposals/intake-drafts', {
    config: { permission: 'proposals.create' },
    schema: {
      tags,
      response: { 200: IntakeDraftsOpened, ...errorResponses },
    },
  }, async (request) => openIntakeDrafts(deps, ctx(request)));

  app.get('/api/v1/proposals/worklist', {
    config: { permission: 'proposals.read' },
    schema: { tags, response: { 200: WorklistCounts, ...errorResponses } },
  }, async (request) => worklistFor(deps, ctx(request)));

  app.get('/api/v1/proposals/progress', {
    config: { permission: 'proposals.read' },
    schema: {
      tags,
      description: 'Proposals opened in the period `from`..`to` (inclusive dates; default this month; 400 when `to` is before `from`), per village or kecamatan, by status now and overdue.',
      querystring: withPeriod({ level: z.enum(['village', 'kecamatan']).default('village'), area: z.string().max(20).optional() }),
      response: { 200: z.object({ items: z.array(ProgressRow), today: z.string(), period: StatsPeriod }), ...errorResponses },
    },
  }, async (request) => progressFor(deps, ctx(request), request.query));

  app.get('/api/v1/proposals/:id', {
    config: { permission: 'proposals.read' },
    schema: { tags, params: IdParams, response: { 200: ProposalDetail, ...errorResponses } },
  }, async (request) => getProposal(deps, ctx(request), request.params.id));

  // A proposal outside the caller's area answers 404 before its body is validated (no existence leak).
  const proposalInScope = async (request: FastifyRequest) => {
    const { id } = request.params as { id?: string };
    if (id && /^[0-9a-f-]{36}$/i.test(id) && !(await selectProposal(deps.db, ctx(request).actor, 'proposals.read', id))) throw notFound();
  };

  for (const action of PROPOSAL_USER_ACTIONS) {
    app.post(`/api/v1/proposals/:id/${action}`, {
      // a verification recorded offline is resent by the device with its key (issue 13)
      config: { permission: PROPOSAL_ROUTE_PERMISSION[action], idempotent: true },
      preValidation: proposalInScope,
      schema: { tags, params: IdParams, body: action === 'verify' ? VerificationInput : ProposalStepInput, response: { 200: ProposalStepResult, ...errorResponses } },
    }, async (request) => takeStep(deps, ctx(request), request.params.id, action, request.body as z.infer<typeof ProposalStepInput>));
  }

  for (const action of BULK_ACTIONS) {
    app.post(`/api/v1/proposals/bulk/${action}`, {
      config: { permission: PROPOSAL_ROUTE_PERMISSION[action] },
      schema: { tags, body: ProposalBulkInput, response: { 200: BulkStepResult, ...errorResponses } },
    }, async (request) => takeBulkStep(deps, ctx(request), request.body.ids, action, { reason: request.body.reason }));
  }

  // The document routes in their own context, so the same 404-first check runs before their validation.
  await fastify.register(async (child) => {
    child.addHook('preValidation', proposalInScope);
    mountDocumentRoutes(child, '/api/v1/proposals', PROPOSAL_DOCUMENTS);
  });
}
