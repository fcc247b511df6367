import type { FastifyInstance } from 'fastify';
import { publicLink, type Config } from '../config.ts';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LetterVerification } from '@slrt/core';
import { errorResponses } from '../http/schemas.ts';
import { verifyLetter } from './service.ts';

/** Public verification is rate-limited per client address: enough for a clerk, too few to enumerate. */
const LETTER_VERIFY_RATE = { max: 30, timeWindow: '1 minute' } as const;

/** Where the QR code of a letter leads: the web page `/verifikasi/<token>` on PUBLIC_URL. */
export function verifyUrlFor(config: Pick<Config, 'publicUrl'>, token: string): string {
  return publicLink(config, `/verifikasi/${token}`);
}

export async function letterRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { deps } = fastify;

  app.get('/api/v1/public/letters/:ref', {
    config: { permission: 'public', rateLimit: LETTER_VERIFY_RATE },
    schema: {
      tags: ['letters', 'public'],
      description: 'Confirms a letter by the token of its QR code or by its number (URL-encoded): number, kind, date, issuing office and validity. Never the resident\'s data.',
      params: z.object({ ref: z.string().min(1).max(120) }),
      response: { 200: LetterVerification, 404: errorResponses[404], 429: errorResponses[400] },
    },
  }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    return verifyLetter(deps.db, request.params.ref);
  });
}
