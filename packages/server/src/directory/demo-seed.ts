import { kabCodeOf } from '@slrt/core';
import type { Deps } from '../http/context.ts';
import { newId } from '../db/ids.ts';
import { setServiceLocations } from './service-queries.ts';
import { DEMO_DIRECTORY } from './demo-directory.ts';
import { upsert } from './demo-queries.ts';

/**
 * The demo directory (demo-directory.ts), upserted by name so that it can run on every demo
 * start: organizations by (kab_code, name), which keeps the id of "Dinas Kesehatan Kabupaten
 * Bandung" that the demo partner user mitra.dinkes belongs to; locations and services by
 * (organization, name).
 */
export async function seedDemoDirectory(deps: Deps): Promise<void> {
  const kab = kabCodeOf(deps.config.kabupatenCode);
  await deps.db.transaction(async (tx) => {
    for (const o of DEMO_DIRECTORY) {
      const orgId = await upsert(tx, 'organizations', { kab_code: kab, name: o.name }, {
        alternate_name: o.alternateName ?? null, type: o.type, description: o.description, website: o.website ?? null,
        contact_title: o.contactTitle ?? null, areas_served: o.areas ?? [], address: o.locations[0]?.address ?? null,
      });
      const locationIds = new Map<string, string>();
      for (const l of o.locations) {
        locationIds.set(l.name, await upsert(tx, 'directory_locations', { kab_code: kab, organization_id: orgId, name: l.name }, {
          address: l.address, village_code: l.village, postal_code: l.postalCode,
        }));
      }
      for (const s of o.services) {
        const serviceId = await upsert(tx, 'directory_services', { kab_code: kab, organization_id: orgId, name: s.name }, {
          description: s.description, sector: s.sector, status: 'active', eligibility: s.eligibility,
          application_process: s.applicationProcess ?? null, documents_required: s.documents, schedules: s.schedules ?? [],
          hours_note: s.hoursNote ?? null, capacity_per_month: s.capacityPerMonth ?? null, response_days: s.responseDays,
          shared_fields: s.shared, areas_served: s.areas ?? [], minimum_age: s.minimumAge ?? null, maximum_age: s.maximumAge ?? null,
        }, ['schedules']);
        const where = (s.locations ?? [o.locations[0]!.name]).map((n) => locationIds.get(n)!);
        await setServiceLocations(tx, kab, serviceId, where, newId);
      }
    }
  });
}
