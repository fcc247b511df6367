import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctx } from '../http/context.ts';
import { errorResponses, IdParams, listOf, Ok } from '../http/schemas.ts';
import { createApiToken, listApiTokens, revokeApiToken } from './service.ts';

const TokenView = z.object({
  id: z.string(), userId: z.string(), username: z.string(), name: z.string(), prefix: z.string(),
  createdAt: z.string(), lastUsedAt: z.string().nullable(), expiresAt: z.string().nullable(), revokedAt: z.string().nullable(),
});

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
      body: z.object({ userId: z.uuid(), name: z.string().trim().min(1).max(100), expiresInDays: z.number().int().min(1).max(730).optional() }),
      response: { 201: TokenView.extend({ token: z.string() }), ...errorResponses },
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
