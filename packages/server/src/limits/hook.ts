import type { FastifyInstance } from 'fastify';
import { consume } from './service.ts';

/** A route's limit per client address: `config: { rateLimit: { max: 30, timeWindow: '1 minute' } }`. */
interface RouteRateLimit {
  max: number;
  /** Milliseconds, or `N second(s)|minute(s)|hour(s)`. */
  timeWindow: number | string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    rateLimit?: RouteRateLimit;
  }
}

const UNIT_SECONDS: Record<string, number> = { second: 1, minute: 60, hour: 3600 };

function windowSeconds(timeWindow: number | string): number {
  if (typeof timeWindow === 'number') return Math.max(1, Math.ceil(timeWindow / 1000));
  const m = /^(\d+)\s*(second|minute|hour)s?$/.exec(timeWindow.trim());
  if (!m) throw new Error(`unreadable rate-limit window: ${timeWindow}`);
  return Number(m[1]) * (UNIT_SECONDS[m[2] ?? ''] ?? 1);
}

/**
 * Per-client-address limits of the routes that declare one, counted in the database
 * (`rate_counters`), so they hold whichever server process answers. The address is the
 * connection's, or the one a configured proxy (TRUSTED_PROXIES) forwarded: never a header
 * anyone can send.
 */
export function registerRateLimits(app: FastifyInstance) {
  app.addHook('onRoute', (route) => {
    const limit = route.config?.rateLimit;
    if (limit) windowSeconds(limit.timeWindow); // a bad window stops the start-up, not a request
  });
  app.addHook('onRequest', async (request) => {
    const limit = request.routeOptions.config.rateLimit;
    if (!limit) return;
    await consume(app.deps.db, { name: `route:${request.routeOptions.url ?? ''}`, max: limit.max, windowSeconds: windowSeconds(limit.timeWindow) }, request.ip);
  });
}
