import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { BreakGlassCreated, BreakGlassGrant, BreakGlassListQuery, CreateBreakGlass, ReviewBreakGlass } from '@slrt/core';
import { ctx } from '../http/context.ts';
import { errorResponses, IdParams, listOf } from '../http/schemas.ts';
import { breakGlass, listBreakGlass, reviewBreakGlass } from './break-glass.ts';

/** Break-glass: the emergency grant, the DPO's list and review. */
export async function breakGlassRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { deps } = fastify;
  const tags = ['privacy'];

  app.post('/api/v1/break-glass', {
    config: { permission: 'privacy.break_glass' },
    schema: {
      tags,
      description: 'Opens one person\'s record outside the caller\'s scope for 30 minutes, with a stated reason (at least 10 characters). Recorded, notified to the DPO, reviewed by them.',
      body: CreateBreakGlass, response: { 201: BreakGlassCreated, ...errorResponses },
    },
  }, async (request, reply) => reply.code(201).send(await breakGlass(deps, ctx(request), request.body)));

  app.get('/api/v1/break-glass', {
    config: { permission: 'privacy.oversee' },
    schema: {
      tags,
      querystring: BreakGlassListQuery,
      response: { 200: listOf(BreakGlassGrant), ...errorResponses },
    },
  }, async (request) => listBreakGlass(deps, ctx(request), request.query));

  app.post('/api/v1/break-glass/:id/review', {
    config: { permission: 'privacy.manage' },
    schema: { tags, params: IdParams, body: ReviewBreakGlass, response: { 200: BreakGlassGrant, ...errorResponses } },
  }, async (request) => reviewBreakGlass(deps, ctx(request), request.params.id, request.body));
}
