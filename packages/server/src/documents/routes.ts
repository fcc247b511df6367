import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DOCUMENT_MAX_BYTES, DocumentView, documentKindQuery } from '@slrt/core';
import { ctx } from '../http/context.ts';
import { AppError } from '../http/errors.ts';
import { errorResponses, IdParams, Ok } from '../http/schemas.ts';
import { attachDocument, openDocument, removeDocument, type DocumentOwner } from './service.ts';

const DocParams = IdParams.extend({ documentId: z.uuid() });

/**
 * Mounts the document routes of one owner type under its path, with the owner's permissions:
 *
 *   POST   {prefix}/:id/documents?kind=ktp        multipart `file`: 201 (200 for the same file again)
 *   GET    {prefix}/:id/documents/:documentId     the file (inline, never sniffed, never HTML)
 *   DELETE {prefix}/:id/documents/:documentId     hides it
 *
 * Listing is the owner's business (its detail view includes `listDocuments`). Call it from
 * the owner's routes plugin: `mountDocumentRoutes(app, '/api/v1/cases', CASE_DOCUMENTS)`.
 */
export function mountDocumentRoutes(fastify: FastifyInstance, prefix: string, owner: DocumentOwner) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { deps } = fastify;
  const tags = ['documents'];

  app.post(`${prefix}/:id/documents`, {
    config: { permission: owner.writePermission },
    schema: {
      tags,
      consumes: ['multipart/form-data'],
      params: IdParams,
      querystring: documentKindQuery(owner.kinds),
      response: { 200: DocumentView, 201: DocumentView, 413: errorResponses[400], 415: errorResponses[400], ...errorResponses },
    },
  }, async (request, reply) => {
    const c = ctx(request);
    if (!request.isMultipart()) throw new AppError('unsupported_media', { key: 'document.not_multipart' });
    const result = await attachDocument(deps, c, owner, request.params.id, request.query.kind, async () => {
      const file = await request.file({ limits: { fileSize: DOCUMENT_MAX_BYTES, files: 1 } });
      return file ? { filename: file.filename, file: file.file } : undefined;
    });
    reply.status(result.created ? 201 : 200);
    return result.document;
  });

  app.get(`${prefix}/:id/documents/:documentId`, {
    config: { permission: owner.readPermission },
    // binary answer: no response schema (errors still take the one error shape)
    schema: { tags, params: DocParams, produces: ['application/pdf', 'image/jpeg', 'image/png', 'image/webp'] },
  }, async (request, reply) => {
    const { document, stream } = await openDocument(deps, ctx(request), owner, request.params.id, request.params.documentId);
    reply
      .header('content-type', document.mimeType)
      .header('content-length', String(document.sizeBytes))
      .header('content-disposition', `inline; filename="${document.fileName.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(document.fileName)}`)
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox")
      .header('cache-control', 'private, no-store');
    return reply.send(stream);
  });

  app.delete(`${prefix}/:id/documents/:documentId`, {
    config: { permission: owner.writePermission },
    schema: { tags, params: DocParams, response: { 200: Ok, ...errorResponses } },
  }, async (request) => {
    await removeDocument(deps, ctx(request), owner, request.params.id, request.params.documentId);
    return { ok: true as const };
  });
}
