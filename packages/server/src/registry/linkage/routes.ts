import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  AcceptedJob, DuplicateCheckRequest, DuplicatePairQuery, DuplicatePairView, DuplicateRunView, LikelyMatchList, MergeRequest, MergeView,
} from '@slrt/core';
import { ctx } from '../../http/context.ts';
import { errorResponses, IdParams, listOf } from '../../http/schemas.ts';
import { checkPerson, dismissPair, getPair, getRun, listPairs, mergePair, requestRun, undoMerge } from './service.ts';

export async function linkageRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { deps } = fastify;
  const tags = ['registry'];

  app.post('/api/v1/registry/duplicate-runs', {
    config: { permission: 'registry.duplicates.run' },
    schema: { tags, response: { 202: AcceptedJob, ...errorResponses } },
  }, async (request, reply) => {
    const result = await requestRun(deps, ctx(request));
    reply.status(202);
    return result;
  });

  app.get('/api/v1/registry/duplicate-runs/:id', {
    config: { permission: 'registry.duplicates.review' },
    schema: { tags, params: IdParams, response: { 200: DuplicateRunView, ...errorResponses } },
  }, async (request) => getRun(deps, ctx(request), request.params.id));

  app.get('/api/v1/registry/duplicate-pairs', {
    config: { permission: 'registry.duplicates.review' },
    schema: { tags, querystring: DuplicatePairQuery, response: { 200: listOf(DuplicatePairView), ...errorResponses } },
  }, async (request) => listPairs(deps, ctx(request), request.query));

  app.get('/api/v1/registry/duplicate-pairs/:id', {
    config: { permission: 'registry.duplicates.review' },
    schema: { tags, params: IdParams, response: { 200: DuplicatePairView, ...errorResponses } },
  }, async (request) => getPair(deps, ctx(request), request.params.id));

  app.post('/api/v1/registry/duplicate-pairs/:id/merge', {
    config: { permission: 'registry.duplicates.review' },
    schema: { tags, params: IdParams, body: MergeRequest, response: { 200: MergeView, ...errorResponses } },
  }, async (request) => mergePair(deps, ctx(request), request.params.id, request.body));

  app.post('/api/v1/registry/duplicate-pairs/:id/dismiss', {
    config: { permission: 'registry.duplicates.review' },
    schema: { tags, params: IdParams, response: { 200: DuplicatePairView, ...errorResponses } },
  }, async (request) => dismissPair(deps, ctx(request), request.params.id));

  app.post('/api/v1/registry/merges/:id/undo', {
    config: { permission: 'registry.duplicates.review' },
    schema: { tags, params: IdParams, response: { 200: MergeView, ...errorResponses } },
  }, async (request) => undoMerge(deps, ctx(request), request.params.id));

  app.post('/api/v1/registry/duplicate-check', {
    config: { permission: 'registry.read' },
    schema: { tags, body: DuplicateCheckRequest, response: { 200: LikelyMatchList, ...errorResponses } },
  }, async (request) => checkPerson(deps, ctx(request), request.body));
}
