import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CreateTokenInput, TokenCreated, TokenView } from '@slrt/core';
import { ctx } from '../http/context.ts';
import { errorResponses, IdParams, listOf, Ok } from '../http/schemas.ts';
import { createApiToken, listApiTokens, revokeApiToken } from './service.ts';

export async function tokenRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { deps } = fastify;
  const tags = ['tokens'];

  app.get('/api/v1/tokens', {
    config: { permission: 'tokens.manage' },
    schema: { tags, response: { 200: listOf(TokenView), ...errorResponses } },
  }, async (request) => ({ items: await listApiTokens(deps, ctx(request)), nextCursor: null }));

  app.post('/api/v1/tokens', {
    config: { permission: 'tokens.manage' },
    schema: {
      tags,
      description: 'A bearer token for a service account (a partner system or integration; never a person\'s account), limited to `scopes`, each of which the account\'s roles must grant. The secret is shown once.',
      body: CreateTokenInput,
      response: { 201: TokenCreated, ...errorResponses },
    },
  }, async (request, reply) => {
    reply.status(201);
    return createApiToken(deps, ctx(request), request.body);
  });

  app.post('/api/v1/tokens/:id/revoke', {
    config: { permission: 'tokens.manage' },
    schema: { tags, params: IdParams, response: { 200: Ok, ...errorResponses } },
  }, async (request) => {
    await revokeApiToken(deps, ctx(request), request.params.id);
    return { ok: true as const };
  });
}
