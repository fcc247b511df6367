import type { FastifyInstance } from 'fastify';
import type { ServerResponse } from 'node:http';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../http/schemas.ts';
import { fieldError, unauthenticated } from '../http/errors.ts';
import { eventHub, eventVisibleTo } from './bus.ts';
import { eventsAfter, type LiveEvent } from './queries.ts';

const HEARTBEAT_MS = 20_000;
/**
 * A stream lives at most this long; the browser's EventSource then reconnects by itself,
 * signing in again with its cookie and resuming from Last-Event-ID. So a session that ended
 * or a role that changed stops receiving within this time.
 */
const MAX_STREAM_MS = 10 * 60_000;
/** The browser's wait before it reconnects after a server process closed its stream. */
const RECONNECT_AFTER_CLOSE_MS = 1000;

/**
 * `GET /api/v1/events`: server-sent events for live boards. Any signed-in user may listen;
 * each event is sent only to those who may see the record it is about (eventVisibleTo: the
 * area scope for staff, the organization for partners, the user for notifications). Events
 * carry ids and statuses, never personal data: the board fetches what changed through the
 * scoped API.
 */
export async function eventRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { deps } = fastify;
  const streams = new Set<ServerResponse>();

  // open streams would hold the server's close forever: end them first, telling the browser
  // to reconnect soon (to another process, or to this one once restarted)
  app.addHook('preClose', async () => {
    for (const s of streams) s.end(`retry: ${RECONNECT_AFTER_CLOSE_MS}\n\n`);
    streams.clear();
  });

  app.get('/api/v1/events', {
    config: { permission: 'authenticated' },
    schema: {
      tags: ['events'],
      description: 'Server-sent events (text/event-stream). Send `Accept: text/event-stream`; resume with the `Last-Event-ID` header.',
      querystring: z.object({ lastEventId: z.coerce.number().int().min(0).optional() }),
      produces: ['text/event-stream'],
      response: { ...errorResponses },
    },
  }, async (request, reply) => {
    const actor = request.actor;
    if (!actor) throw unauthenticated();
    if (!String(request.headers.accept ?? '').includes('text/event-stream')) throw fieldError('accept', 'events.accept_event_stream');
    const header = Number(request.headers['last-event-id']);
    const resumeFrom = Number.isInteger(header) && header > 0 ? header : (request.query.lastEventId ?? 0);

    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write('retry: 3000\n\n');
    streams.add(res);

    const sent = new Set<number>();
    const send = (e: LiveEvent) => {
      if (sent.has(e.seq) || !eventVisibleTo(e, actor)) return;
      sent.add(e.seq);
      if (sent.size > 2000) sent.delete(sent.values().next().value as number);
      res.write(`id: ${e.seq}\nevent: ${e.type}\ndata: ${JSON.stringify({ type: e.type, at: e.at.toISOString(), ...e.payload })}\n\n`);
    };

    const hub = eventHub(deps.db);
    const unsubscribe = await hub.subscribe(send);
    if (resumeFrom > 0) for (const e of await eventsAfter(deps.db, resumeFrom)) send(e);

    const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
    const maxAge = setTimeout(() => res.end(), MAX_STREAM_MS);
    heartbeat.unref();
    maxAge.unref();
    const cleanup = () => {
      clearInterval(heartbeat);
      clearTimeout(maxAge);
      unsubscribe();
      streams.delete(res);
    };
    // the response closes when the browser goes away (or when we end it)
    res.on('close', cleanup);
  });
}
