import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  LocationInput, LocationPatch, LocationView, OrganizationInput, OrganizationListQuery, OrganizationPatch,
  OrganizationDetail, OrganizationProfileInput, OrganizationView, ServiceInput, ServiceListQuery, ServicePatch, ServiceView,
} from '@slrt/core';
import { ctx } from '../http/context.ts';
import { errorResponses, IdParams, listOf } from '../http/schemas.ts';
import {
  createLocation, createOrganization, createService, getOrganizationFor, getServiceFor, listOrganizationsFor,
  listServicesFor, updateLocationFor, updateOrganizationFor, updateServiceFor, type ManageScope,
} from './service.ts';

/**
 * The partner directory. Reading needs directory.read (every staff role and partners). The
 * kabupaten manages every entry (directory.manage) under `/organizations`, `/services`,
 * `/locations`; a partner keeps its own organization's entries current (directory.manage_own)
 * under `/partner/...`, where another organization's entry answers 404. Both paths share
 * one service; the route states which permission and which scope apply.
 */
export async function directoryRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { deps } = fastify;
  const tags = ['directory'];

  app.get('/api/v1/organizations', {
    config: { permission: 'directory.read' },
    schema: {
      tags,
      querystring: OrganizationListQuery,
      response: { 200: listOf(OrganizationView), ...errorResponses },
    },
  }, async (request) => listOrganizationsFor(deps, ctx(request), request.query));

  app.get('/api/v1/organizations/:id', {
    config: { permission: 'directory.read' },
    schema: { tags, params: IdParams, response: { 200: OrganizationDetail, ...errorResponses } },
  }, async (request) => getOrganizationFor(deps, ctx(request), request.params.id));

  app.get('/api/v1/services', {
    config: { permission: 'directory.read' },
    schema: {
      tags,
      querystring: ServiceListQuery,
      response: { 200: listOf(ServiceView), ...errorResponses },
    },
  }, async (request) => listServicesFor(deps, ctx(request), request.query));

  app.get('/api/v1/services/:id', {
    config: { permission: 'directory.read' },
    schema: { tags, params: IdParams, response: { 200: ServiceView, ...errorResponses } },
  }, async (request) => getServiceFor(deps, ctx(request), request.params.id));

  // the kabupaten: every organization
  app.post('/api/v1/organizations', {
    config: { permission: 'directory.manage' },
    schema: { tags, body: OrganizationInput, response: { 201: OrganizationDetail, ...errorResponses } },
  }, async (request, reply) => {
    reply.status(201);
    return createOrganization(deps, ctx(request), request.body);
  });

  app.patch('/api/v1/organizations/:id', {
    config: { permission: 'directory.manage' },
    schema: { tags, params: IdParams, body: OrganizationPatch, response: { 200: OrganizationDetail, ...errorResponses } },
  }, async (request) => updateOrganizationFor(deps, ctx(request), request.params.id, request.body, 'kabupaten'));

  // a partner: its own organization's public profile only (not its name, type or status)
  app.patch('/api/v1/partner/organizations/:id', {
    config: { permission: 'directory.manage_own' },
    schema: { tags, params: IdParams, body: OrganizationProfileInput, response: { 200: OrganizationDetail, ...errorResponses } },
  }, async (request) => updateOrganizationFor(deps, ctx(request), request.params.id, request.body, 'own'));

  const manage = [
    { prefix: '/api/v1', permission: 'directory.manage', scope: 'kabupaten' },
    { prefix: '/api/v1/partner', permission: 'directory.manage_own', scope: 'own' },
  ] as const satisfies ReadonlyArray<{ prefix: string; permission: 'directory.manage' | 'directory.manage_own'; scope: ManageScope }>;

  for (const { prefix, permission, scope } of manage) {
    app.post(`${prefix}/services`, {
      config: { permission },
      schema: { tags, body: ServiceInput, response: { 201: ServiceView, ...errorResponses } },
    }, async (request, reply) => {
      reply.status(201);
      return createService(deps, ctx(request), request.body, scope);
    });

    app.patch(`${prefix}/services/:id`, {
      config: { permission },
      schema: { tags, params: IdParams, body: ServicePatch, response: { 200: ServiceView, ...errorResponses } },
    }, async (request) => updateServiceFor(deps, ctx(request), request.params.id, request.body, scope));

    app.post(`${prefix}/locations`, {
      config: { permission },
      schema: { tags, body: LocationInput, response: { 201: LocationView, ...errorResponses } },
    }, async (request, reply) => {
      reply.status(201);
      return createLocation(deps, ctx(request), request.body, scope);
    });

    app.patch(`${prefix}/locations/:id`, {
      config: { permission },
      schema: { tags, params: IdParams, body: LocationPatch, response: { 200: LocationView, ...errorResponses } },
    }, async (request) => updateLocationFor(deps, ctx(request), request.params.id, request.body, scope));
  }
}
