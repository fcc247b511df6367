import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isPersonalPermission, type Permission } from '@slrt/core';
import { registerAuthentication } from '../auth/authenticate.ts';
import { registerRateLimits } from '../limits/hook.ts';
import { registerIdempotency } from '../idempotency/hook.ts';
import type { Deps } from '../http/context.ts';
import { auditContextOf } from '../http/context.ts';
import { AppError, errorHandler } from '../http/errors.ts';
import { registerInputGuard } from '../http/input-guard.ts';
import { registerSecurityHeaders } from '../http/security-headers.ts';
import { registerWebApp } from '../http/web-static.ts';
import { createOpenApiTransform, createOpenApiTransformObject, openApiInfo } from '../http/openapi.ts';
import { ROUTE_PLUGINS } from './route-plugins.ts';

const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web/dist');

export interface RouteEntry {
  method: string;
  url: string;
  permission: Permission | 'authenticated' | 'public';
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The route table, for the access-matrix test and the OpenAPI check. */
    routeTable: RouteEntry[];
  }
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
const NIK_LIKE = /\d{12,16}/g;

/** Masks NIK- and KK-like digit runs in a URL so they never reach the logs in clear. */
export function maskForLog(url: string): string {
  return url.replace(NIK_LIKE, (m) => `${m.slice(0, 4)}${'*'.repeat(m.length - 8)}${m.slice(-4)}`);
}

export async function buildApp(deps: Deps, opts: { logger?: boolean; serveWeb?: boolean; webDist?: string } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger === false || deps.config.logLevel === 'silent' ? false : {
      level: deps.config.logLevel,
      redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]'],
      serializers: {
        req: (req: FastifyRequest) => ({ method: req.method, url: maskForLog(req.url), requestId: req.id }),
      },
    },
    // forwarding headers only from the configured proxies (TRUSTED_PROXIES); default none
    trustProxy: deps.config.trustedProxies.length ? deps.config.trustedProxies : false,
    bodyLimit: 1_048_576,
    genReqId: () => crypto.randomUUID(),
    // start-up does real work (the OpenAPI document of ~400 routes, the API browser's CSP hashes):
    // on a busy 2-core machine it passed Fastify's 10 s default per plugin while nothing was wrong
    pluginTimeout: 60_000,
  });
  // listen for other processes' invalidations before serving anything that caches
  await deps.db.notify.start();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(async (error: Error, request, reply) => {
    // a refusal naming personal data (a resident's village, issue 12) is audited like a read
    if (error instanceof AppError && error.disclosed && request.actor) {
      await deps.auditLog.recordRead(auditContextOf(request, deps.config.kabupatenCode.replace('.', '')), error.disclosed);
    }
    return errorHandler(error, request, reply);
  });
  app.decorate('deps', deps);
  app.decorate('routeTable', [] as RouteEntry[]);

  // Deny by default: an /api/v1 route without a declared permission stops the start-up.
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1')) return;
    const permission = route.config?.permission;
    if (!permission) throw new Error(`route ${String(route.method)} ${route.url} declares no permission`);
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      app.routeTable.push({ method, url: route.url, permission });
    }
  });

  await registerSecurityHeaders(app, deps.config);
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: 10 * 1024 * 1024, files: 5, fields: 50 } });
  await app.register(swagger, {
    openapi: openApiInfo(),
    transform: createOpenApiTransform(),
    transformObject: createOpenApiTransformObject({ serverUrl: () => deps.config.publicUrl }),
  });
  // the API browser's own pages carry their own CSP (hashes of its inline parts)
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  // per-address limits of the routes that declare one, counted in the database (every process)
  registerRateLimits(app);
  registerAuthentication(app);
  registerInputGuard(app);
  // Idempotency-Key on the routes that declare it (offline work resent by the device)
  registerIdempotency(app);

  // The audit safety net: a successful write, or a read under a personal-data permission,
  // whose service did not audit it still leaves an event (and a warning to fix the service).
  app.addHook('onSend', async (request, reply, payload) => {
    const permission = request.routeOptions.config.permission;
    if (!permission || permission === 'public' || request.audited || reply.statusCode >= 400) return payload;
    const personal = permission !== 'authenticated' && isPersonalPermission(permission);
    if (SAFE.has(request.method) && !personal) return payload;
    request.log.warn({ route: request.routeOptions.url }, 'route did not audit itself; recorded a generic event');
    const params = request.params as Record<string, unknown> | undefined;
    const id = typeof params?.id === 'string' ? [params.id] : [];
    await deps.auditLog.recordRead(auditContextOf(request, deps.config.kabupatenCode.replace('.', '')), {
      action: `${request.method} ${request.routeOptions.url}`,
      recordIds: id,
      details: { fallback: true },
    });
    return payload;
  });

  for (const plugin of ROUTE_PLUGINS) await app.register(plugin);

  const webDist = opts.webDist ?? WEB_DIST;
  await registerWebApp(app, webDist, opts.serveWeb !== false && fs.existsSync(path.join(webDist, 'index.html')));
  return app;
}
