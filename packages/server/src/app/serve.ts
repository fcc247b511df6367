import type { FastifyInstance } from 'fastify';

/** How long a draining process waits for requests in flight before it cuts what is left. */
const SHUTDOWN_GRACE_MS = 20_000;

export interface Listening {
  url: string;
  port: number;
  /** True from the moment draining starts. */
  readonly draining: boolean;
  /**
   * Graceful shutdown (what SIGTERM does): stop accepting connections, tell keep-alive clients
   * to reconnect elsewhere (`connection: close` on every answer from now on), end live event
   * streams with a short retry hint, finish the requests in flight, and resolve once the
   * server is closed. After `graceMs` the connections still open are cut.
   */
  drain(graceMs?: number): Promise<void>;
}

/**
 * Serves a built app. Several processes may serve one database behind a proxy or a load
 * balancer: a process going away must not fail a request that it accepted, and a client
 * (or proxy) retrying a refused or 503 request on another process must not see an error.
 */
export async function listen(app: FastifyInstance, opts: { port: number; host: string }): Promise<Listening> {
  let draining = false;
  // registered before listen: answers given while draining close their connection, so a
  // keep-alive client opens its next request on another process instead of this closing one
  app.addHook('onSend', async (_request, reply) => {
    if (draining) reply.header('connection', 'close');
  });
  await app.listen({ port: opts.port, host: opts.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  let closing: Promise<void> | null = null;
  return {
    url: `http://localhost:${port}`,
    port,
    get draining() {
      return draining;
    },
    drain(graceMs = SHUTDOWN_GRACE_MS) {
      return (closing ??= (async () => {
        draining = true;
        const cut = setTimeout(() => app.server.closeAllConnections(), graceMs);
        cut.unref();
        try {
          // stops accepting, ends idle keep-alive sockets and (preClose) the event streams,
          // then waits for every request in flight
          await app.close();
        } finally {
          clearTimeout(cut);
        }
      })());
    },
  };
}
