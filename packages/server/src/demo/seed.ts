import { homeKabCodeOf, kabCodeOf, type RoleGrantInput } from '@slrt/core';
import type { Deps } from '../http/context.ts';
import { ensureOrganization, usernameTaken } from './queries.ts';
import { createUserDirect } from '../users/service.ts';
import { hashPassword } from '../auth/password.ts';
import { seedDemoDirectory } from '../directory/demo-seed.ts';
import { seedRegistryDemo } from '../registry/demo.ts';
import { seedDemoCases } from '../cases/demo.ts';
import { seedDemoReferrals } from '../referrals/demo.ts';
import { seedDemoProposals } from '../proposals/demo.ts';
import { seedDemoPrograms } from '../programs/demo.ts';
import { seedDemoPuskesos } from '../puskesos/demo.ts';

export const DEMO_PASSWORD = 'slrt-demo';
export const DINKES_NAME = 'Dinas Kesehatan Kabupaten Bandung';

/** The demo sign-ins (demo mode only; a production start seeds none). */
export const DEMO_USERS: ReadonlyArray<{ username: string; displayName: string; roles: (orgId: string) => RoleGrantInput[] }> = [
  { username: 'admin', displayName: 'Admin SLRT', roles: () => [{ role: 'admin', areaCode: '32.04' }] },
  { username: 'kabupaten', displayName: 'Manajer SLRT Kabupaten Bandung', roles: () => [{ role: 'kabupaten_manager', areaCode: '32.04' }] },
  { username: 'supervisor.cileunyi', displayName: 'Supervisor Kecamatan Cileunyi', roles: () => [{ role: 'supervisor', areaCode: '32.04.05' }] },
  { username: 'puskesos.cinunuk', displayName: 'Petugas Puskesos Cinunuk', roles: () => [{ role: 'puskesos_officer', areaCode: '32.04.05.2004' }] },
  { username: 'koordinator.cinunuk', displayName: 'Koordinator Puskesos Cinunuk', roles: () => [{ role: 'puskesos_coordinator', areaCode: '32.04.05.2004' }] },
  { username: 'fasilitator.cinunuk', displayName: 'Fasilitator Desa Cinunuk', roles: () => [{ role: 'facilitator', areaCode: '32.04.05.2004' }] },
  { username: 'puskesos.soreang', displayName: 'Petugas Puskesos Soreang', roles: () => [{ role: 'puskesos_officer', areaCode: '32.04.37.2001' }] },
  { username: 'mitra.dinkes', displayName: 'Petugas Dinas Kesehatan', roles: (org) => [{ role: 'partner_officer', organizationId: org }] },
  { username: 'eksekutif', displayName: 'Pimpinan Daerah', roles: () => [{ role: 'executive', areaCode: '32.04' }] },
  { username: 'auditor', displayName: 'Auditor Data Pribadi', roles: () => [{ role: 'auditor', areaCode: '32.04' }] },
  { username: 'dpo', displayName: 'Pejabat Pelindungan Data Pribadi', roles: () => [{ role: 'dpo', areaCode: '32.04' }] },
  { username: 'kades.cinunuk', displayName: 'Kepala Desa Cinunuk', roles: () => [{ role: 'village_head', areaCode: '32.04.05.2004' }] },
  // the province office watching every kabupaten/kota of Jawa Barat: aggregates only
  { username: 'provinsi', displayName: 'Dinas Sosial Provinsi Jawa Barat', roles: () => [{ role: 'province_executive', areaCode: '32' }] },
];

/** Demo service accounts (partner systems): tokens only, no sign-in. */
const DEMO_SERVICE_ACCOUNTS: ReadonlyArray<{ username: string; displayName: string; roles: (orgId: string) => RoleGrantInput[] }> = [
  { username: 'sistem.dinkes', displayName: 'SIMRS Dinas Kesehatan', roles: (org) => [{ role: 'partner_officer', organizationId: org }] },
];

// One hash for the shared demo password (argon2id is slow on purpose; ten hashes per test file add up).
let demoHash: Promise<string> | null = null;

async function seedDemoUsers(deps: Deps) {
  const kab = kabCodeOf(deps.config.kabupatenCode);
  demoHash ??= hashPassword(DEMO_PASSWORD);
  const passwordHash = await demoHash;
  await deps.db.transaction(async (tx) => {
    const dinkes = await ensureOrganization(tx, kab, DINKES_NAME, 'government');
    for (const u of DEMO_USERS) {
      if (await usernameTaken(tx, u.username)) continue;
      // each account belongs to the kabupaten of its area; the province office to its own code (3200)
      const area = u.roles(dinkes)[0]?.areaCode;
      await createUserDirect(tx, area ? homeKabCodeOf(area) : kab, { username: u.username, displayName: u.displayName, password: DEMO_PASSWORD, passwordHash, roles: u.roles(dinkes) });
    }
    // the hospital's own system: a service account, for bearer tokens only (it cannot sign in)
    for (const u of DEMO_SERVICE_ACCOUNTS) {
      if (await usernameTaken(tx, u.username)) continue;
      await createUserDirect(tx, kab, { username: u.username, displayName: u.displayName, password: null, serviceAccount: true, roles: u.roles(dinkes) });
    }
  });
}

/**
 * Demo seeders, in order; each is idempotent (a restart seeds nothing twice). A domain adds
 * its seeder here (directory, synthetic residents, sample cases).
 */
export const DEMO_SEEDERS: ReadonlyArray<{ name: string; run: (deps: Deps) => Promise<void> }> = [
  { name: 'users', run: seedDemoUsers },
  { name: 'registry', run: seedRegistryDemo },
  { name: 'directory', run: seedDemoDirectory },
  { name: 'cases', run: seedDemoCases },
  { name: 'referrals', run: seedDemoReferrals },
  { name: 'proposals', run: seedDemoProposals },
  { name: 'programs', run: seedDemoPrograms },
  { name: 'puskesos', run: seedDemoPuskesos },
];

export async function seedDemo(deps: Deps, log: (msg: string) => void = () => {}) {
  for (const seeder of DEMO_SEEDERS) {
    log(`seed demo: ${seeder.name}`);
    await seeder.run(deps);
  }
}
