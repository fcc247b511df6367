import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { migrationVersion } from '../db/migrate.ts';
import { diskStatus } from './disk.ts';

const Database = z.object({ engine: z.string(), reachable: z.boolean() });
const Disk = z.object({
  freeBytes: z.number().nullable(), totalBytes: z.number().nullable(),
  writable: z.boolean().describe('a file could be written, synced, read back and removed in the data directory'),
  low: z.boolean().describe('free space below 1 GiB or 5% of the disk, whichever is smaller'),
});

export async function healthRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { deps } = fastify;
  app.get('/api/v1/health', {
    config: { permission: 'public' },
    schema: {
      tags: ['health'],
      response: {
        200: z.object({ status: z.literal('ok'), database: Database, disk: Disk, migration: z.number(), demo: z.boolean() }),
        // degraded: the database answers but the data directory cannot be written or is nearly full
        503: z.object({ status: z.enum(['unavailable', 'degraded']), database: Database, disk: Disk.optional(), migration: z.number().optional(), demo: z.boolean().optional() }),
      },
    },
  }, async (_request, reply) => {
    let migration: number;
    try {
      migration = await migrationVersion(deps.db);
    } catch {
      reply.status(503);
      return { status: 'unavailable' as const, database: { engine: deps.db.kind, reachable: false } };
    }
    const disk = await diskStatus(deps.config.dataDir);
    const database = { engine: deps.db.kind, reachable: true };
    if (!disk.writable || disk.low) {
      reply.status(503);
      return { status: 'degraded' as const, database, disk, migration, demo: deps.config.demo };
    }
    return { status: 'ok' as const, database, disk, migration, demo: deps.config.demo };
  });
}
