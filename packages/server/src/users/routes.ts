import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CreateUserInput, ResetPasswordInput, UpdateUserInput, UserListQuery, UserView } from '@slrt/core';
import { ctx } from '../http/context.ts';
import { errorResponses, IdParams, listOf, Ok } from '../http/schemas.ts';
import { createUser, getUserFor, listUsersFor, resetPassword, updateUser } from './service.ts';

export async function userRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { deps } = fastify;
  const tags = ['users'];

  app.get('/api/v1/users', {
    config: { permission: 'users.manage' },
    schema: { tags, querystring: UserListQuery, response: { 200: listOf(UserView), ...errorResponses } },
  }, async (request) => listUsersFor(deps, ctx(request), request.query));

  app.get('/api/v1/users/:id', {
    config: { permission: 'users.manage' },
    schema: { tags, params: IdParams, response: { 200: UserView, ...errorResponses } },
  }, async (request) => getUserFor(deps, ctx(request), request.params.id));

  app.post('/api/v1/users', {
    config: { permission: 'users.manage' },
    schema: { tags, body: CreateUserInput, response: { 201: UserView, ...errorResponses } },
  }, async (request, reply) => {
    reply.status(201);
    return createUser(deps, ctx(request), request.body);
  });

  app.patch('/api/v1/users/:id', {
    config: { permission: 'users.manage' },
    schema: { tags, params: IdParams, body: UpdateUserInput, response: { 200: UserView, ...errorResponses } },
  }, async (request) => updateUser(deps, ctx(request), request.params.id, request.body));

  app.post('/api/v1/users/:id/reset-password', {
    config: { permission: 'users.manage' },
    schema: { tags, params: IdParams, body: ResetPasswordInput, response: { 200: Ok, ...errorResponses } },
  }, async (request) => {
    await resetPassword(deps, ctx(request), request.params.id, request.body.password);
    return { ok: true as const };
  });
}
