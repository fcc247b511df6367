import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AreaQuery, AssigneeList, AssignInput, CaseAtResidentVillageInput, CaseTransferRequested, CaseTransferRequestInput, BulkAssignInput, BulkEscalateInput, BulkResult, CASE_ACTION_INPUTS, CASE_ACTIONS, CaseBoard, CaseCounts,
  CaseExportInput, CaseListQuery, CaseTransferResult, CaseNoteInput, CaseSummary, CaseView, caseActionPath, CreateCaseInput, IssueLetterInput, LetterDetail,
  NeedStatusInput, PublicTrackQuery, PublicTrackView, RevokeLetterInput, SlaSettingsInput, SlaSettingsView, withPeriod, type Permission,
} from '@slrt/core';
import { createCaseAtResidentVillage, createCaseHereForResident, requestCaseTransfer } from './elsewhere.ts';
import { ctx } from '../http/context.ts';
import { notFound } from '../http/errors.ts';
import { errorResponses, IdParams, listOf } from '../http/schemas.ts';
import { mountDocumentRoutes } from '../documents/routes.ts';
import { verifyUrlFor } from '../letters/routes.ts';
import { CASE_DOCUMENTS } from './case-documents.ts';
import { kabupatenName } from '../areas/public.ts';
import { caseLetterPdf, caseReceiptPdf, issueCaseLetter, readCaseLetter, revokeCaseLetter, toLetterDetail } from './case-letters.ts';
import { createCase } from './intake.ts';
import { selectCaseInScope, type CaseRow } from './queries.ts';
import { caseRowInScope, readCase } from './service.ts';
import { readSlaSettings, updateSlaSettings } from './settings.ts';
import { trackCase } from './tracking.ts';
import { transferCase } from './transfer.ts';
import { addNote, applyCaseAction, assignCase, assigneesOf, changeNeedStatus, permissionOfAction } from './workflow.ts';
import { bulkAssign, bulkEscalate, caseBoard, caseCounts, exportCases, listCases } from './worklists.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Scope before validation: on every `/cases/:id...` route, a case outside the caller's area
 * (for the route's permission) answers 404 whatever the body, so a record's existence is not
 * revealed through a 400 either.
 */
async function caseInScopeFirst(request: FastifyRequest) {
  const id = (request.params as { id?: unknown } | undefined)?.id;
  const permission = request.routeOptions.config.permission;
  if (!request.actor || typeof id !== 'string' || !permission || permission === 'public' || permission === 'authenticated') return;
  const row = UUID.test(id) ? await selectCaseInScope(request.server.deps.db, request.actor, permission as Permission, id) : null;
  if (!row) throw notFound();
  request.caseInScope = { permission, row };
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The case of a `/cases/:id...` route as `caseInScopeFirst` read it (not locked), and under which permission. */
    caseInScope: { permission: string; row: CaseRow } | null;
  }
}

/** The case the scope check read, when it read it under `permission`: a read that needs no lock need not read it again. */
function caseReadInScope(request: FastifyRequest, permission: Permission): CaseRow | null {
  return request.caseInScope?.permission === permission ? request.caseInScope.row : null;
}

/**
 * For reads under a personal-data permission that return no resident data (counts, SLA
 * days, staff names): nothing to record, so the app's audit safety net must not add a
 * generic event.
 */
function noPersonalData(request: FastifyRequest) {
  request.audited = true;
}

const pdfHeaders = (fileName: string) => ({
  'content-type': 'application/pdf',
  'content-disposition': `inline; filename="${fileName.replace(/[^\w.-]/g, '_')}"`,
  'cache-control': 'private, no-store',
});

export async function caseRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { deps } = fastify;
  const tags = ['cases'];
  fastify.decorateRequest('caseInScope', null);
  app.addHook('preValidation', caseInScopeFirst);

  app.post('/api/v1/cases', {
    config: { permission: 'cases.create' },
    schema: {
      tags,
      description: 'Intake: one case per resident visit. Send an Idempotency-Key header (or clientRequestId) so a retry returns the first case.',
      headers: z.object({ 'idempotency-key': z.string().trim().min(8).max(100).regex(/^[\w.:-]+$/).optional() }).loose(),
      body: CreateCaseInput,
      response: { 201: CaseView, ...errorResponses },
    },
  }, async (request, reply) => {
    const result = await createCase(deps, ctx(request), request.body, request.headers['idempotency-key'] ?? null);
    if (result.replayed) reply.header('idempotent-replayed', 'true');
    reply.status(201);
    return result.view;
  });

  app.post('/api/v1/cases/at-resident-village', {
    config: { permission: 'cases.create' },
    schema: {
      tags,
      description: 'Intake for a resident registered in another village of the kabupaten (found by NIK): the case starts at the Puskesos of their village, which is notified. `case` is null when the caller does not cover that village.',
      body: CaseAtResidentVillageInput,
      response: { 201: CaseTransferResult, ...errorResponses },
    },
  }, async (request, reply) => {
    reply.status(201);
    return createCaseAtResidentVillage(deps, ctx(request), request.body);
  });

  app.post('/api/v1/cases/here-for-resident', {
    config: { permission: 'cases.create' },
    schema: {
      tags,
      description: 'Intake at the caller\'s own Puskesos for a resident registered in another village of the kabupaten (found by NIK): the case is held here; the resident\'s record stays in their village.',
      body: CaseAtResidentVillageInput,
      response: { 201: CaseView, ...errorResponses },
    },
  }, async (request, reply) => {
    reply.status(201);
    return createCaseHereForResident(deps, ctx(request), request.body);
  });

  app.post('/api/v1/cases/transfer-requests', {
    config: { permission: 'cases.create' },
    schema: {
      tags,
      description: 'Asks the village holding the open case of a resident (found by NIK) to transfer it to the caller\'s Puskesos: a timeline line on each such case and a notification to its holders. 409 when the resident has no open case elsewhere.',
      body: CaseTransferRequestInput,
      response: { 202: CaseTransferRequested, ...errorResponses },
    },
  }, async (request, reply) => {
    reply.status(202);
    return requestCaseTransfer(deps, ctx(request), request.body);
  });

  app.get('/api/v1/cases', {
    config: { permission: 'cases.read' },
    schema: { tags, querystring: CaseListQuery, response: { 200: listOf(CaseSummary), ...errorResponses } },
  }, async (request) => {
    const page = await listCases(deps, ctx(request), request.query);
    if (page.items.length === 0) noPersonalData(request);
    return page;
  });

  app.get('/api/v1/cases/counts', {
    config: { permission: 'cases.read' },
    schema: { tags, querystring: AreaQuery, response: { 200: CaseCounts, ...errorResponses } },
  }, async (request) => {
    noPersonalData(request);
    return caseCounts(deps, ctx(request), request.query.area);
  });

  app.get('/api/v1/cases/board', {
    config: { permission: 'cases.read' },
    schema: {
      tags, querystring: withPeriod({ area: z.string().max(20).optional() }), response: { 200: CaseBoard, ...errorResponses },
      description: 'Per child area: open, new, overdue, awaiting a decision, escalated (as they stand now), and cases registered and resolved in the period `from`..`to` (inclusive dates; default this month; 400 when `to` is before `from`).',
    },
  }, async (request) => {
    noPersonalData(request);
    return caseBoard(deps, ctx(request), request.query.area, request.query);
  });

  app.post('/api/v1/cases/bulk/assign', {
    config: { permission: 'cases.work' },
    schema: { tags, body: BulkAssignInput, response: { 200: BulkResult, ...errorResponses } },
  }, async (request) => {
    const result = await bulkAssign(deps, ctx(request), request.body.ids, request.body.assigneeId);
    // nothing changed (every case refused): the answer holds ids and error codes only
    if (!result.results.some((r) => r.ok)) noPersonalData(request);
    return result;
  });

  app.post('/api/v1/cases/bulk/escalate', {
    config: { permission: 'cases.work' },
    schema: { tags, body: BulkEscalateInput, response: { 200: BulkResult, ...errorResponses } },
  }, async (request) => {
    const result = await bulkEscalate(deps, ctx(request), request.body.ids, request.body.reason);
    // nothing changed (every case refused): the answer holds ids and error codes only
    if (!result.results.some((r) => r.ok)) noPersonalData(request);
    return result;
  });

  app.post('/api/v1/cases/export', {
    config: { permission: 'cases.export' },
    schema: { tags, description: 'CSV of the selected cases (ids) or of a worklist, NIK masked; audited.', body: CaseExportInput, produces: ['text/csv'] },
  }, async (request, reply) => {
    const csv = await exportCases(deps, ctx(request), request.body);
    return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="kasus.csv"').header('cache-control', 'private, no-store').send(csv);
  });

  app.get('/api/v1/cases/settings/sla', {
    config: { permission: 'cases.read' },
    schema: { tags, response: { 200: SlaSettingsView, ...errorResponses } },
  }, async (request) => {
    noPersonalData(request);
    return readSlaSettings(deps, ctx(request));
  });

  app.put('/api/v1/cases/settings/sla', {
    config: { permission: 'cases.decide' },
    schema: { tags, description: 'Days to first action by urgency; kabupaten deciders only. Applies to cases registered afterwards.', body: SlaSettingsInput, response: { 200: SlaSettingsView, ...errorResponses } },
  }, async (request) => updateSlaSettings(deps, ctx(request), request.body));

  app.get('/api/v1/cases/:id', {
    config: { permission: 'cases.read' },
    schema: { tags, params: IdParams, response: { 200: CaseView, ...errorResponses } },
  }, async (request) => readCase(deps, ctx(request), request.params.id, caseReadInScope(request, 'cases.read')));

  for (const action of CASE_ACTIONS) {
    if (action === 'transfer') continue;
    app.post(`/api/v1/cases/:id/${caseActionPath(action)}`, {
      // a field verification recorded offline is resent by the device with its key (issue 13)
      config: { permission: permissionOfAction(action), idempotent: true },
      schema: {
        tags,
        description: `Workflow step "${action}". 409 lists the actions allowed in the current status. An Idempotency-Key header makes a retry answer the first result (header idempotent-replayed).`,
        params: IdParams,
        body: CASE_ACTION_INPUTS[action],
        response: { 200: CaseView, ...errorResponses },
      },
    }, async (request) => applyCaseAction(deps, ctx(request), request.params.id, action, request.body as never));
  }

  app.post('/api/v1/cases/:id/transfer', {
    config: { permission: 'cases.work' },
    schema: {
      tags,
      description: 'Transfers the case, with its needs, referrals and whole timeline, to another village\'s Puskesos in the same kabupaten. `case` is null when the caller no longer covers it. 409 lists the actions allowed in the current status.',
      params: IdParams,
      body: CASE_ACTION_INPUTS.transfer,
      response: { 200: CaseTransferResult, ...errorResponses },
    },
  }, async (request) => transferCase(deps, ctx(request), request.params.id, request.body));

  app.post('/api/v1/cases/:id/assign', {
    config: { permission: 'cases.work' },
    schema: { tags, params: IdParams, body: AssignInput, response: { 200: CaseView, ...errorResponses } },
  }, async (request) => assignCase(deps, ctx(request), request.params.id, request.body.assigneeId));

  app.get('/api/v1/cases/:id/assignees', {
    config: { permission: 'cases.work' },
    schema: { tags, params: IdParams, response: { 200: AssigneeList, ...errorResponses } },
  }, async (request) => {
    const c = await caseRowInScope(deps.db, ctx(request), request.params.id, 'cases.work');
    noPersonalData(request);
    return { items: await assigneesOf(deps.db, c) };
  });

  app.post('/api/v1/cases/:id/notes', {
    config: { permission: 'cases.work' },
    schema: { tags, params: IdParams, body: CaseNoteInput, response: { 200: CaseView, ...errorResponses } },
  }, async (request) => addNote(deps, ctx(request), request.params.id, request.body.text));

  app.post('/api/v1/cases/:id/needs/:needId/status', {
    config: { permission: 'cases.work' },
    schema: { tags, params: IdParams.extend({ needId: z.uuid() }), body: NeedStatusInput, response: { 200: CaseView, ...errorResponses } },
  }, async (request) => changeNeedStatus(deps, ctx(request), request.params.id, request.params.needId, request.body.status, request.body.note ?? null));

  app.post('/api/v1/cases/:id/letters', {
    config: { permission: 'cases.work' },
    schema: { tags, params: IdParams, body: IssueLetterInput, response: { 200: LetterDetail, 201: LetterDetail, ...errorResponses } },
  }, async (request, reply) => {
    const { letter, created } = await issueCaseLetter(deps, ctx(request), request.params.id, request.body.kind);
    reply.status(created ? 201 : 200);
    return toLetterDetail(letter, verifyUrlFor(deps.config, letter.verify_token), await kabupatenName(deps.db, letter.kab_code));
  });

  const LetterParams = IdParams.extend({ letterId: z.uuid() });
  app.get('/api/v1/cases/:id/letters/:letterId', {
    config: { permission: 'cases.read' },
    schema: { tags, params: LetterParams, response: { 200: LetterDetail, ...errorResponses } },
  }, async (request) => {
    const { letter, kabName } = await readCaseLetter(deps, ctx(request), request.params.id, request.params.letterId, 'letter.read');
    return toLetterDetail(letter, verifyUrlFor(deps.config, letter.verify_token), kabName);
  });

  app.get('/api/v1/cases/:id/letters/:letterId/pdf', {
    config: { permission: 'cases.read' },
    schema: { tags, params: LetterParams, produces: ['application/pdf'] },
  }, async (request, reply) => {
    const { pdf, fileName } = await caseLetterPdf(deps, ctx(request), request.params.id, request.params.letterId, (token) => verifyUrlFor(deps.config, token));
    return reply.headers(pdfHeaders(fileName)).send(pdf);
  });

  app.post('/api/v1/cases/:id/letters/:letterId/revoke', {
    config: { permission: 'cases.decide' },
    schema: { tags, params: LetterParams, body: RevokeLetterInput, response: { 200: LetterDetail, ...errorResponses } },
  }, async (request) => {
    const letter = await revokeCaseLetter(deps, ctx(request), request.params.id, request.params.letterId, request.body.reason);
    return toLetterDetail(letter, verifyUrlFor(deps.config, letter.verify_token), await kabupatenName(deps.db, letter.kab_code));
  });

  app.get('/api/v1/cases/:id/receipt.pdf', {
    config: { permission: 'cases.read' },
    schema: { tags, params: IdParams, produces: ['application/pdf'] },
  }, async (request, reply) => {
    const { pdf, fileName } = await caseReceiptPdf(deps, ctx(request), request.params.id);
    return reply.headers(pdfHeaders(fileName)).send(pdf);
  });

  mountDocumentRoutes(fastify, '/api/v1/cases', CASE_DOCUMENTS);

  app.get('/api/v1/public/track/:trackingCode', {
    config: { permission: 'public' },
    schema: {
      tags: ['public'],
      description: 'Public tracking: the resident\'s random tracking code (on the receipt; never the case number) and the last four digits of their NIK (or the receipt\'s PIN). Status, dates and sectors only; a wrong code, a case number and a wrong NIK answer the same 404. Wrong answers are limited per code and per client address (429).',
      params: z.object({ trackingCode: z.string().max(40) }),
      querystring: PublicTrackQuery,
      response: { 200: PublicTrackView, 404: errorResponses[404], 429: errorResponses[400] },
    },
  }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    return trackCase(deps.db, request.params.trackingCode, request.query.nik4 ?? '', request.ip);
  });
}
