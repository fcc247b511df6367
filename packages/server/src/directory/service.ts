import {
  isWithinArea, mayShareField, normalizeAreaCode,
  type LocationInput, type LocationPatch, type OrganizationInput, type OrganizationPatch, type OrganizationProfileInput,
  type OrganizationType, type ServiceInput, type ServicePatch, type ServiceSector, type ServiceStatus,
} from '@slrt/core';
import type { Deps, RequestContext } from '../http/context.ts';
import { fieldError, notFound } from '../http/errors.ts';
import { pgErrorCode, PG_UNIQUE_VIOLATION, type Queryable, type Tx } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import * as q from './queries.ts';
import * as lq from './location-queries.ts';
import * as sq from './service-queries.ts';

/**
 * Who manages an entry: the kabupaten (directory.manage, any organization of the kabupaten)
 * or a partner keeping its own entries current (directory.manage_own, its organizations only;
 * any other answers 404).
 */
export type ManageScope = 'kabupaten' | 'own';

function assertManageable(ctx: RequestContext, organizationId: string, scope: ManageScope) {
  if (scope === 'own' && !ctx.actor.organizationsFor('directory.manage_own').includes(organizationId)) throw notFound();
}

/** Areas of the caller's own kabupaten only (an installation may serve several). */
async function checkAreas(tx: Queryable, ctx: RequestContext, field: string, codes: readonly string[] | undefined) {
  const kabupaten = normalizeAreaCode(ctx.actor.kabCode) ?? ctx.actor.kabCode;
  if (!codes?.length) return;
  const known = await q.existingAreas(tx, codes);
  codes.forEach((code, i) => {
    if (!known.has(code) || !isWithinArea(code, kabupaten)) throw fieldError(`${field}.${i}`, 'directory.area_outside');
  });
}

function uniqueName<T>(fn: () => Promise<T>): Promise<T> {
  return fn().catch((err: unknown) => {
    if (pgErrorCode(err) === PG_UNIQUE_VIOLATION) throw fieldError('name', 'directory.name_taken');
    throw err;
  });
}

// ---- organizations ----

export async function listOrganizationsFor(deps: Deps, ctx: RequestContext, query: {
  type?: OrganizationType | undefined; q?: string | undefined; area?: string | undefined; active?: boolean | undefined;
  cursor?: string | undefined; limit: number;
}) {
  const rows = await q.listOrganizations(deps.db, ctx.actor.kabCode, {
    type: query.type, search: query.q, area: query.area, active: query.active, after: q.decodeCursor(query.cursor), limit: query.limit,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { items: page.map(q.toOrganizationView), nextCursor: rows.length > query.limit && last ? q.encodeCursor(last.name, last.id) : null };
}

export async function getOrganizationFor(deps: Deps, ctx: RequestContext, id: string) {
  const row = await q.getOrganization(deps.db, ctx.actor.kabCode, id);
  if (!row) throw notFound();
  const locations = await lq.locationsOfOrganizations(deps.db, ctx.actor.kabCode, [id]);
  return { ...q.toOrganizationView(row), locations: locations.map(q.toLocationView) };
}

export async function createOrganization(deps: Deps, ctx: RequestContext, input: OrganizationInput) {
  const id = newId();
  await uniqueName(() => deps.db.transaction(async (tx) => {
    await checkAreas(tx, ctx, 'areasServed', input.areasServed);
    await q.insertOrganization(tx, { id, kab: ctx.actor.kabCode, values: { description: '', ...input } });
    await ctx.auditWrite(tx, { action: 'directory.organization.create', recordType: 'organization', recordIds: [id], details: { name: input.name, type: input.type } });
  }));
  return getOrganizationFor(deps, ctx, id);
}

/** The kabupaten changes anything; a partner only its own organization's public profile. */
export async function updateOrganizationFor(
  deps: Deps, ctx: RequestContext, id: string, patch: OrganizationPatch | OrganizationProfileInput, scope: ManageScope,
) {
  assertManageable(ctx, id, scope);
  await uniqueName(() => deps.db.transaction(async (tx) => {
    if (!(await q.getOrganization(tx, ctx.actor.kabCode, id))) throw notFound();
    await checkAreas(tx, ctx, 'areasServed', 'areasServed' in patch ? patch.areasServed : undefined);
    await q.updateOrganization(tx, ctx.actor.kabCode, id, patch);
    await ctx.auditWrite(tx, { action: 'directory.organization.update', recordType: 'organization', recordIds: [id], details: { fields: Object.keys(patch), scope } });
  }));
  return getOrganizationFor(deps, ctx, id);
}

// ---- locations ----

export async function createLocation(deps: Deps, ctx: RequestContext, input: LocationInput, scope: ManageScope) {
  assertManageable(ctx, input.organizationId, scope);
  const id = newId();
  await deps.db.transaction(async (tx) => {
    if (!(await q.getOrganization(tx, ctx.actor.kabCode, input.organizationId))) {
      if (scope === 'own') throw notFound();
      throw fieldError('organizationId', 'field.invalid');
    }
    await checkAreas(tx, ctx, 'villageCode', [input.villageCode]);
    const { organizationId: _org, ...values } = input;
    await lq.insertLocation(tx, { id, kab: ctx.actor.kabCode, organizationId: input.organizationId, values });
    await ctx.auditWrite(tx, { action: 'directory.location.create', recordType: 'location', recordIds: [id], details: { organizationId: input.organizationId } });
  });
  return q.toLocationView((await lq.getLocation(deps.db, ctx.actor.kabCode, id))!);
}

export async function updateLocationFor(deps: Deps, ctx: RequestContext, id: string, patch: LocationPatch, scope: ManageScope) {
  await deps.db.transaction(async (tx) => {
    const loc = await lq.getLocation(tx, ctx.actor.kabCode, id);
    if (!loc) throw notFound();
    assertManageable(ctx, loc.organization_id, scope);
    if (patch.villageCode) await checkAreas(tx, ctx, 'villageCode', [patch.villageCode]);
    await lq.updateLocation(tx, ctx.actor.kabCode, id, patch);
    await ctx.auditWrite(tx, { action: 'directory.location.update', recordType: 'location', recordIds: [id], details: { fields: Object.keys(patch), scope } });
  });
  return q.toLocationView((await lq.getLocation(deps.db, ctx.actor.kabCode, id))!);
}

// ---- services ----

export async function listServicesFor(deps: Deps, ctx: RequestContext, query: {
  sector?: ServiceSector | undefined; area?: string | undefined; organizationId?: string | undefined;
  status?: ServiceStatus | undefined; q?: string | undefined; cursor?: string | undefined; limit: number;
}) {
  const kab = ctx.actor.kabCode;
  const rows = await sq.listServices(deps.db, kab, {
    sector: query.sector, area: query.area, organizationId: query.organizationId, status: query.status, search: query.q,
    after: q.decodeCursor(query.cursor), limit: query.limit,
  });
  const page = rows.slice(0, query.limit);
  const locations = await lq.locationsOfServices(deps.db, kab, page.map((r) => r.id));
  const last = page.at(-1);
  return {
    items: page.map((r) => q.toServiceView(r, locations.get(r.id) ?? [])),
    nextCursor: rows.length > query.limit && last ? q.encodeCursor(last.name, last.id) : null,
  };
}

export async function getServiceFor(deps: Deps, ctx: RequestContext, id: string, db: Queryable = deps.db) {
  const row = await sq.getService(db, ctx.actor.kabCode, id);
  if (!row) throw notFound();
  const locations = await lq.locationsOfServices(db, ctx.actor.kabCode, [id]);
  return q.toServiceView(row, locations.get(id) ?? []);
}

async function checkServiceLocations(tx: Tx, kab: string, organizationId: string, locationIds: readonly string[] | undefined) {
  for (const [i, locId] of (locationIds ?? []).entries()) {
    const loc = await lq.getLocation(tx, kab, locId);
    if (!loc || loc.organization_id !== organizationId) throw fieldError(`locationIds.${i}`, 'directory.location_not_of_organization');
  }
}

export async function createService(deps: Deps, ctx: RequestContext, input: ServiceInput, scope: ManageScope) {
  assertManageable(ctx, input.organizationId, scope);
  const id = newId();
  const kab = ctx.actor.kabCode;
  await deps.db.transaction(async (tx) => {
    if (!(await q.getOrganization(tx, kab, input.organizationId))) {
      if (scope === 'own') throw notFound();
      throw fieldError('organizationId', 'field.invalid');
    }
    await checkAreas(tx, ctx, 'areasServed', input.areasServed);
    await checkServiceLocations(tx, kab, input.organizationId, input.locationIds);
    const { organizationId, locationIds, ...values } = input;
    await sq.insertService(tx, { id, kab, organizationId, values: { description: '', ...values } });
    await sq.setServiceLocations(tx, kab, id, locationIds ?? [], newId);
    await ctx.auditWrite(tx, { action: 'directory.service.create', recordType: 'service', recordIds: [id], details: { organizationId, name: input.name, sharedFields: input.sharedFields } });
  });
  return getServiceFor(deps, ctx, id);
}

export async function updateServiceFor(deps: Deps, ctx: RequestContext, id: string, patch: ServicePatch, scope: ManageScope) {
  const kab = ctx.actor.kabCode;
  await deps.db.transaction(async (tx) => {
    const current = await sq.getService(tx, kab, id);
    if (!current) throw notFound();
    assertManageable(ctx, current.organization_id, scope);
    // the sector/shared-data rule holds for the merged service, whichever half changed
    const sector = patch.sector ?? current.sector;
    (patch.sharedFields ?? current.shared_fields).forEach((f, i) => {
      if (!mayShareField(sector, f)) throw fieldError(patch.sharedFields ? `sharedFields.${i}` : 'sector', 'directory.specific_field_not_allowed');
    });
    const min = patch.minimumAge === undefined ? current.minimum_age : patch.minimumAge;
    const max = patch.maximumAge === undefined ? current.maximum_age : patch.maximumAge;
    if (min != null && max != null && min > max) throw fieldError('maximumAge', 'directory.age_order');
    await checkAreas(tx, ctx, 'areasServed', patch.areasServed);
    await checkServiceLocations(tx, kab, current.organization_id, patch.locationIds);
    const { locationIds, ...values } = patch;
    await sq.updateService(tx, kab, id, values);
    if (locationIds) await sq.setServiceLocations(tx, kab, id, locationIds, newId);
    await ctx.auditWrite(tx, { action: 'directory.service.update', recordType: 'service', recordIds: [id], details: { fields: Object.keys(patch), scope } });
  });
  return getServiceFor(deps, ctx, id);
}
