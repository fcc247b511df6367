import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { migrationVersion } from '../db/migrate.ts';

export async function healthRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { deps } = fastify;
  app.get('/api/v1/health', {
    config: { permission: 'public' },
    schema: {
      tags: ['health'],
      response: {
        200: z.object({ status: z.literal('ok'), database: z.object({ engine: z.string(), reachable: z.boolean() }), migration: z.number(), demo: z.boolean() }),
        503: z.object({ status: z.literal('unavailable'), database: z.object({ engine: z.string(), reachable: z.boolean() }) }),
      },
    },
  }, async (_request, reply) => {
    try {
      const migration = await migrationVersion(deps.db);
      return { status: 'ok' as const, database: { engine: deps.db.kind, reachable: true }, migration, demo: deps.config.demo };
    } catch {
      reply.status(503);
      return { status: 'unavailable' as const, database: { engine: deps.db.kind, reachable: false } };
    }
  });
}
