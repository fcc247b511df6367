import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AuthSession, ChangePasswordInput, LoginInput } from '@slrt/core';
import { auditContextOf, ctx } from '../http/context.ts';
import { errorResponses, Ok } from '../http/schemas.ts';
import { getUser, toUserView } from './queries.ts';
import { notFound, unauthenticated } from '../http/errors.ts';
import { SESSION_COOKIE } from '../auth/authenticate.ts';
import { changeOwnPassword, csrfTokenOfSession, login, logout } from '../auth/service.ts';

export async function authRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { deps } = fastify;

  app.post('/api/v1/auth/login', {
    config: { permission: 'public', rateLimit: { max: deps.config.loginRateLimit, timeWindow: '1 minute' } },
    schema: { tags: ['auth'], body: LoginInput, response: { 200: AuthSession, ...errorResponses, 423: errorResponses[401], 429: errorResponses[401] } },
  }, async (request, reply) => {
    const session = await login(deps, auditContextOf(request, deps.config.kabupatenCode.replace('.', '')), {
      ...request.body,
      userAgent: request.headers['user-agent']?.slice(0, 300) ?? null,
    });
    reply.setCookie(SESSION_COOKIE, session.cookie, {
      path: '/', httpOnly: true, sameSite: 'lax', secure: deps.config.secureCookies, expires: session.expiresAt,
    });
    request.audited = true;
    const row = await getUser(deps.db, session.kabCode, session.userId);
    if (!row) throw notFound();
    return { user: toUserView(row), csrfToken: session.csrfToken };
  });

  app.post('/api/v1/auth/logout', {
    config: { permission: 'authenticated' },
    schema: { tags: ['auth'], response: { 200: Ok, ...errorResponses } },
  }, async (request, reply) => {
    await logout(deps, ctx(request), request.cookies[SESSION_COOKIE]);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true as const };
  });

  app.get('/api/v1/auth/me', {
    config: { permission: 'authenticated' },
    schema: { tags: ['auth'], response: { 200: AuthSession, ...errorResponses } },
  }, async (request) => {
    const actor = request.actor;
    if (!actor) throw unauthenticated();
    const row = await getUser(deps.db, actor.kabCode, actor.userId);
    if (!row) throw unauthenticated();
    let csrfToken = '';
    const cookie = request.cookies[SESSION_COOKIE];
    if (cookie) csrfToken = (await csrfTokenOfSession(deps.db, cookie)) ?? '';
    // a token sees only what its scopes leave of its account's permissions
    return { user: { ...toUserView(row), permissions: actor.permissions() }, csrfToken };
  });

  app.post('/api/v1/auth/password', {
    config: { permission: 'authenticated' },
    schema: { tags: ['auth'], body: ChangePasswordInput, response: { 200: Ok, ...errorResponses } },
  }, async (request) => {
    await changeOwnPassword(deps, ctx(request), request.body, request.cookies[SESSION_COOKIE]);
    return { ok: true as const };
  });
}
