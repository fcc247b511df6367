import type { FastifyInstance, FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';
import path from 'node:path';
import { errorHandler } from './errors.ts';

/** Fingerprinted build output (a new name for every new content): cached for a year, never revalidated. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Everything else (index.html, sw.js, the manifest, icons): cached, but revalidated on each use. */
const REVALIDATE = 'no-cache';

/**
 * The kinds of file a build writes. An app path may end in a dot and letters too (a partner's
 * link token is `<id>.<signature>` in base64url): a quarter of those links answered 404 while
 * any dot-and-letters ending counted as a file.
 */
const BUILT_FILE = /\.(?:js|mjs|css|map|html|json|webmanifest|txt|svg|png|jpe?g|webp|ico|woff2?|br|gz)$/i;

/**
 * Serves the built web app from `dist`: the brotli or gzip file written at build time when the
 * browser accepts it (`content-encoding`, `vary: accept-encoding`), never compressing on a
 * request; `/assets/*` (file names carry a content hash) as immutable for a year; index.html,
 * the service worker and the other unhashed files as `no-cache`, so an update reaches phones
 * on their next visit. Every other path that is not a file is the single-page app.
 */
export async function registerWebApp(app: FastifyInstance, dist: string, serveWeb: boolean): Promise<void> {
  const assets = path.join(dist, 'assets') + path.sep;
  if (serveWeb) {
    await app.register(fastifyStatic, {
      root: dist,
      wildcard: false,
      preCompressed: true,
      // the .br and .gz files are served in place of their original, not under their own names
      globIgnore: ['**/*.br', '**/*.gz'],
      cacheControl: false,
      setHeaders: (reply, file) => {
        reply.header('cache-control', file.startsWith(assets) ? IMMUTABLE : REVALIDATE);
      },
    });
  }
  // Unknown API paths answer in the one error shape; every other path is the single-page app.
  app.setNotFoundHandler((request, reply: FastifyReply) => {
    // a missing file (an old /assets/*.js after a rebuild) is a 404, not the app's HTML
    const pathname = request.url.split('?')[0] ?? '';
    const isFile = pathname.startsWith('/assets/') || BUILT_FILE.test(pathname);
    if (!serveWeb || request.url.startsWith('/api/') || isFile) {
      return errorHandler(Object.assign(new Error('not found'), { statusCode: 404 }), request, reply);
    }
    return reply.sendFile('index.html');
  });
}
