import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  CreatePersonInput, FamilyChanges, HouseholdChanges, HouseholdView, PersonChanges, PersonSearchPage, PersonSearchQuery, PersonView, RegistryChangeResult, RegistryEdit,
  RegistryHistoryPage,
} from '@slrt/core';
import { ctx } from '../http/context.ts';
import { notFound } from '../http/errors.ts';
import { selectFamilyInScope, selectHouseholdInScope, selectPersonInScope } from './queries.ts';
import { Cursor, errorResponses, IdParams } from '../http/schemas.ts';
import {
  createPersonAsOfficer, editRecord, householdHistory, personHistory, readHousehold, readPerson, searchPersons,
} from './service.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * For edits: a record outside the caller's area answers 404 before the body is validated,
 * so a malformed edit of someone else's record reveals nothing either. The service checks
 * scope again inside its transaction.
 */
function scopeGuard(kind: 'person' | 'household' | 'family') {
  const select = kind === 'person' ? selectPersonInScope : kind === 'household' ? selectHouseholdInScope : selectFamilyInScope;
  return async (request: FastifyRequest) => {
    const id = (request.params as { id?: string }).id;
    if (id === undefined || !UUID.test(id)) return; // params validation answers 400
    const found = await select(request.server.deps.db, ctx(request).actor, 'registry.write', id);
    if (!found) throw notFound();
  };
}

/** Persons, households and families: search, read, history, an officer's create and edits. */
export async function registryRecordRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { deps } = fastify;
  const tags = ['registry'];

  app.get('/api/v1/persons', {
    config: { permission: 'registry.read' },
    schema: { tags, querystring: PersonSearchQuery, response: { 200: PersonSearchPage, ...errorResponses } },
  }, async (request) => searchPersons(deps, ctx(request), request.query));

  app.post('/api/v1/persons', {
    config: { permission: 'registry.write' },
    schema: { tags, body: CreatePersonInput, response: { 201: PersonView, ...errorResponses } },
  }, async (request, reply) => {
    reply.status(201);
    return createPersonAsOfficer(deps, ctx(request), request.body);
  });

  app.get('/api/v1/persons/:id', {
    config: { permission: 'registry.read' },
    schema: { tags, params: IdParams, response: { 200: PersonView, ...errorResponses } },
  }, async (request) => readPerson(deps, ctx(request), request.params.id));

  app.patch('/api/v1/persons/:id', {
    config: { permission: 'registry.write' },
    preValidation: scopeGuard('person'),
    schema: { tags, params: IdParams, body: RegistryEdit(PersonChanges), response: { 200: RegistryChangeResult, ...errorResponses } },
  }, async (request) => editRecord(deps, ctx(request), { recordType: 'person', recordId: request.params.id, ...request.body, changes: request.body.changes as Record<string, unknown> }));

  app.get('/api/v1/persons/:id/history', {
    config: { permission: 'registry.read' },
    schema: { tags, params: IdParams, querystring: Cursor, response: { 200: RegistryHistoryPage, ...errorResponses } },
  }, async (request) => personHistory(deps, ctx(request), request.params.id, request.query));

  app.get('/api/v1/households/:id', {
    config: { permission: 'registry.read' },
    schema: { tags, params: IdParams, response: { 200: HouseholdView, ...errorResponses } },
  }, async (request) => readHousehold(deps, ctx(request), request.params.id));

  app.patch('/api/v1/households/:id', {
    config: { permission: 'registry.write' },
    preValidation: scopeGuard('household'),
    schema: { tags, params: IdParams, body: RegistryEdit(HouseholdChanges), response: { 200: RegistryChangeResult, ...errorResponses } },
  }, async (request) => editRecord(deps, ctx(request), { recordType: 'household', recordId: request.params.id, ...request.body }));

  app.get('/api/v1/households/:id/history', {
    config: { permission: 'registry.read' },
    schema: { tags, params: IdParams, querystring: Cursor, response: { 200: RegistryHistoryPage, ...errorResponses } },
  }, async (request) => householdHistory(deps, ctx(request), request.params.id, request.query));

  app.patch('/api/v1/families/:id', {
    config: { permission: 'registry.write' },
    preValidation: scopeGuard('family'),
    schema: { tags, params: IdParams, body: RegistryEdit(FamilyChanges), response: { 200: RegistryChangeResult, ...errorResponses } },
  }, async (request) => editRecord(deps, ctx(request), { recordType: 'family', recordId: request.params.id, ...request.body }));
}
