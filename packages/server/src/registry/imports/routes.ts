import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AcceptedJob, HeaderMappingView, ImportStatusView } from '@slrt/core';
import { invalidTextMsg, isStorableText } from '../../http/input-guard.ts';
import { ctx } from '../../http/context.ts';
import { AppError, fieldError, zodIssuesToFields, fieldErrors } from '../../http/errors.ts';
import { Cursor, errorResponses, IdParams, listOf } from '../../http/schemas.ts';
import type { ImportWorker } from './worker.ts';
import {
  createImport, getImport, getImportHeaders, importErrorReport, ImportOptions,
  listImportsFor, newUploadPath, previewUpload, resumeImport,
} from './service.ts';

/** Largest accepted extract: a 1-million-row CSV is ~200 MB. */
const MAX_IMPORT_BYTES = 2 * 1024 * 1024 * 1024;

/**
 * Streams the multipart body: the `file` part straight to `target` on disk (never held in
 * memory), the other fields as text. Fields may come before or after the file.
 */
export async function receiveUpload(request: FastifyRequest, target: string): Promise<{ fileName: string; fields: Record<string, string> }> {
  if (!request.isMultipart()) throw new AppError('unsupported_media', { key: 'error.unsupported_media' });
  const fields: Record<string, string> = {};
  let fileName: string | null = null;
  try {
    for await (const part of request.parts({ limits: { fileSize: MAX_IMPORT_BYTES, files: 1 } })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') {
          part.file.resume();
          continue;
        }
        fileName = part.filename || 'import.csv';
        await pipeline(part.file, fs.createWriteStream(target));
        if (part.file.truncated) throw new AppError('payload_too_large', { key: 'error.payload_too_large' });
      } else {
        const value = String(part.value);
        if (!isStorableText(value) || !isStorableText(part.fieldname)) throw fieldErrors({ [part.fieldname]: invalidTextMsg(part.fieldname) });
        fields[part.fieldname] = value;
      }
    }
  } catch (err) {
    fs.rmSync(target, { force: true });
    throw err;
  }
  if (fileName === null) throw fieldError('file', 'field.required');
  return { fileName, fields };
}

function optionsOf(fields: Record<string, string>): ImportOptions {
  let mapping: unknown = {};
  if (fields.mapping) {
    try {
      mapping = JSON.parse(fields.mapping);
    } catch {
      throw fieldError('mapping', 'field.invalid_format');
    }
  }
  const parsed = ImportOptions.safeParse({ mapping, desilSource: fields.desilSource || undefined, desilDate: fields.desilDate || undefined });
  if (!parsed.success) throw fieldErrors(zodIssuesToFields(parsed.error.issues as never));
  return parsed.data;
}

const MultipartBody = { consumes: ['multipart/form-data'] };

export async function registryImportRoutes(fastify: FastifyInstance, worker: ImportWorker) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { deps } = fastify;
  const tags = ['registry'];

  app.post('/api/v1/registry/imports', {
    config: { permission: 'registry.import' },
    schema: { tags, ...MultipartBody, response: { 202: AcceptedJob, ...errorResponses } },
  }, async (request, reply) => {
    const c = ctx(request);
    const upload = newUploadPath(deps, 'upload');
    const { fileName, fields } = await receiveUpload(request, upload.file);
    try {
      const result = await createImport(deps, c, { ...upload, fileName }, optionsOf(fields));
      worker.kick();
      reply.status(202);
      return result;
    } catch (err) {
      fs.rmSync(upload.file, { force: true });
      throw err;
    }
  });

  app.post('/api/v1/registry/imports/preview', {
    config: { permission: 'registry.import' },
    schema: { tags, ...MultipartBody, response: { 200: HeaderMappingView, ...errorResponses } },
  }, async (request) => {
    const c = ctx(request);
    const upload = newUploadPath(deps, 'preview');
    try {
      const { fileName, fields } = await receiveUpload(request, upload.file);
      return await previewUpload(c, upload.file, fileName, optionsOf(fields));
    } finally {
      fs.rmSync(upload.file, { force: true });
    }
  });

  app.get('/api/v1/registry/imports', {
    config: { permission: 'registry.import' },
    schema: { tags, querystring: Cursor, response: { 200: listOf(ImportStatusView), ...errorResponses } },
  }, async (request) => listImportsFor(deps, ctx(request), request.query));

  app.get('/api/v1/registry/imports/:id', {
    config: { permission: 'registry.import' },
    schema: { tags, params: IdParams, response: { 200: ImportStatusView, ...errorResponses } },
  }, async (request) => getImport(deps, ctx(request), request.params.id));

  app.get('/api/v1/registry/imports/:id/headers', {
    config: { permission: 'registry.import' },
    schema: { tags, params: IdParams, response: { 200: HeaderMappingView, ...errorResponses } },
  }, async (request) => getImportHeaders(deps, ctx(request), request.params.id));

  app.post('/api/v1/registry/imports/:id/resume', {
    config: { permission: 'registry.import' },
    schema: { tags, params: IdParams, response: { 200: ImportStatusView, ...errorResponses } },
  }, async (request) => {
    const view = await resumeImport(deps, ctx(request), request.params.id);
    worker.kick();
    return view;
  });

  app.get('/api/v1/registry/imports/:id/errors.csv', {
    config: { permission: 'registry.import' },
    schema: { tags, params: IdParams, produces: ['text/csv'] },
  }, async (request, reply) => {
    const report = await importErrorReport(deps, ctx(request), request.params.id);
    reply.header('content-type', 'text/csv; charset=utf-8');
    reply.header('content-disposition', `attachment; filename="${report.fileName.replace(/[^\w.-]/g, '_')}"`);
    return reply.send(report.stream);
  });
}
