import { caseAcceptsReferrals, kabCodeOf, mayReferNeed, NEED_DONE_STATUSES } from '@slrt/core';
import { contextOfUser } from '../auth/service.ts';
import type { Deps } from '../http/context.ts';
import { getCaseInScope } from '../cases/service.ts';

/** The demo case (cases/demo.ts, same key) whose referral the partner declines and the office sends again. */
const DEMO_REREFERRED_CASE = 'demo-case-ujang-rerefer';
import { listServices } from '../directory/public.ts';
import { actOnReferral, createReferral } from './service.ts';
import type { Cols } from '../db/rows.ts';

/**
 * Demo referrals on the demo cases (cases/demo.ts) decided "refer": each open need goes to
 * an active service of its sector serving the village (Dinas Kesehatan's where it has one),
 * through the real service (the partner is notified, the case's timeline records it); those
 * sent to Dinas Kesehatan are accepted by mitra.dinkes.
 * Only with the demo population, like the cases; a need that has a referral is left alone.
 */
export async function seedDemoReferrals(deps: Deps): Promise<void> {
  if (!deps.config.demoPopulation) return;
  const kab = kabCodeOf(deps.config.kabupatenCode);
  const officer = await contextOfUser(deps, 'puskesos.cinunuk');
  const partner = await contextOfUser(deps, 'mitra.dinkes');
  if (!officer || !partner) return;
  const partnerOrgs = partner.actor.organizationsFor('referrals.respond');
  const { rows } = await deps.db.query<Cols<'cases', 'id' | 'status' | 'decision' | 'client_request_id'>>(
    `SELECT id, status, decision, client_request_id FROM cases WHERE kab_code = $1 AND village_code = '32.04.05.2004' AND status = 'in_progress' AND decision = 'refer' ORDER BY registered_at`,
    [kab],
  );
  for (const row of rows) {
    if (!caseAcceptsReferrals(row)) continue;
    const rerefer = row.client_request_id === DEMO_REREFERRED_CASE;
    const c = await getCaseInScope(deps.db, officer, row.id, { permission: 'referrals.create' });
    for (const need of c.needs) {
      if (NEED_DONE_STATUSES.includes(need.status)) continue;
      // a need the kecamatan or kabupaten holds is theirs to refer
      if (!mayReferNeed(officer.actor.grants, c, need)) continue;
      const existing = await deps.db.query('SELECT 1 FROM referrals WHERE need_id = $1', [need.id]);
      if (existing.rows.length) continue;
      // the demo partner's own service where it offers one, so its workspace has something in it
      const candidates = await listServices(deps.db, kab, { sector: need.sector, area: c.villageCode, status: 'active', activeOrganizations: true, limit: 50, offset: 0 });
      const service = candidates.find((s) => partnerOrgs.includes(s.organization_id)) ?? candidates[0];
      if (!service) continue;
      const created = await createReferral(deps, officer, { caseId: c.id, needId: need.id, serviceId: service.id, contactPhone: '081200000000' });
      if (rerefer && partnerOrgs.includes(service.organization_id)) {
        // issue 12: the partner declines; the need comes back to the office, which sends it to another service
        await actOnReferral(deps, partner, created.id, { action: 'decline', input: { reason: 'Layanan mata belum tersedia bulan ini.' } });
        const other = candidates.find((s) => s.organization_id !== service.organization_id);
        if (other) await createReferral(deps, officer, { caseId: c.id, needId: need.id, serviceId: other.id, contactPhone: '081200000000', reason: 'Dirujuk ulang setelah ditolak Dinas Kesehatan.' });
        continue;
      }
      if (partnerOrgs.includes(service.organization_id)) {
        await actOnReferral(deps, partner, created.id, { action: 'accept', notes: 'Dijadwalkan pemeriksaan di Puskesmas.' });
      }
    }
  }
}
