import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DOCUMENT_MAX_BYTES, LinkAcceptInput, LinkCompleteInput, LinkDeclineInput, type LinkHolder, DocumentView, ReferralTracking, ReferralView } from '@slrt/core';
import type { AuditContext } from '../audit/audit-event.ts';
import { AppError } from '../http/errors.ts';
import { errorResponses } from '../http/schemas.ts';
import { REFERRAL_EVIDENCE_KINDS } from './documents.ts';
import { actViaLink, attachViaLink, readViaLink, type LinkCaller } from './links.ts';
import { trackReferral } from './board.ts';

/** Enough for a partner working through a referral; too few to guess tokens or codes. */
const LINK_RATE = { max: 30, timeWindow: '1 minute' } as const;
const TokenParams = z.object({ token: z.string().min(20).max(200) });

/** The audit trail's actor of a link: `link:<id>`, preceded by the holder's name and position when they gave them. */
function linkActorName(linkId: string | null, holder: LinkHolder | undefined): string {
  const link = `link:${linkId ?? 'unknown'}`;
  return holder ? `${holder.name}${holder.position ? `, ${holder.position}` : ''} (${link})` : link;
}

function callerOf(request: FastifyRequest): LinkCaller {
  return {
    audit: (linkId: string | null, kabCode: string, holder?: LinkHolder): AuditContext => ({
      kabCode, actorId: null, actorName: linkActorName(linkId, holder), actorRoles: 'link',
      clientAddr: request.ip ?? null, requestId: String(request.id),
    }),
    onAudit: () => {
      request.audited = true;
    },
  };
}

/**
 * Public routes (no account): the signed single-referral link, and the tracking code of the
 * referral letter. The link is the credential; see links.ts for what it may do.
 */
export async function referralLinkRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { deps } = fastify;
  const tags = ['referral links', 'public'];
  const config = { permission: 'public' as const, rateLimit: LINK_RATE };

  app.get('/api/v1/referral-links/:token', {
    config,
    schema: { tags, params: TokenParams, response: { 200: ReferralView, 404: errorResponses[404] } },
  }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    return readViaLink(deps, callerOf(request), request.params.token);
  });

  app.post('/api/v1/referral-links/:token/accept', {
    config,
    schema: { tags, params: TokenParams, body: LinkAcceptInput, response: { 200: ReferralView, ...errorResponses } },
  }, async (request) => actViaLink(deps, callerOf(request), request.params.token, { action: 'accept', notes: request.body.notes }, request.body.actedBy));

  app.post('/api/v1/referral-links/:token/decline', {
    config,
    schema: { tags, params: TokenParams, body: LinkDeclineInput, response: { 200: ReferralView, ...errorResponses } },
  }, async (request) => {
    const { actedBy, ...input } = request.body;
    return actViaLink(deps, callerOf(request), request.params.token, { action: 'decline', input }, actedBy);
  });

  app.post('/api/v1/referral-links/:token/complete', {
    config,
    schema: { tags, params: TokenParams, body: LinkCompleteInput, response: { 200: ReferralView, ...errorResponses } },
  }, async (request) => {
    const { actedBy, ...input } = request.body;
    return actViaLink(deps, callerOf(request), request.params.token, { action: 'complete', input }, actedBy);
  });

  app.post('/api/v1/referral-links/:token/documents', {
    config,
    schema: {
      tags,
      description: 'One piece of evidence through the link (multipart `file`; PDF, JPEG, PNG or WebP, at most 5 MB) while the referral is accepted or in service: 201, 200 for the same file again, 409 for a second file. Name it in `documentIds` when completing.',
      consumes: ['multipart/form-data'],
      params: TokenParams,
      querystring: z.object({ kind: z.enum(REFERRAL_EVIDENCE_KINDS).default('evidence') }),
      response: { 200: DocumentView, 201: DocumentView, 413: errorResponses[400], 415: errorResponses[400], ...errorResponses },
    },
  }, async (request, reply) => {
    const result = await attachViaLink(deps, callerOf(request), request.params.token, request.query.kind, async () => {
      if (!request.isMultipart()) throw new AppError('unsupported_media', { key: 'document.not_multipart' });
      const file = await request.file({ limits: { fileSize: DOCUMENT_MAX_BYTES, files: 1 } });
      return file ? { filename: file.filename, file: file.file } : undefined;
    });
    reply.status(result.created ? 201 : 200);
    return result.document;
  });

  app.get('/api/v1/public/referrals/:code', {
    config,
    schema: {
      tags: ['referrals', 'public'],
      description: 'Where a referral stands, by the tracking code on its letter, and whether the letter is genuine. Never the resident.',
      params: z.object({ code: z.string().min(1).max(40) }),
      response: {
        200: ReferralTracking,
        404: errorResponses[404],
      },
    },
  }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    return trackReferral(deps, request.params.code);
  });
}
