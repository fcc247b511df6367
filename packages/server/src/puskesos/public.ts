import type { PuskesosContact } from '@slrt/core';
import type { Queryable } from '../db/database.ts';
import { selectContact } from './queries.ts';

/**
 * What the Puskesos domain lends to others: how a resident reaches the Puskesos of a village
 * (name of the village, address, phone, opening hours), for the public tracking pages of cases
 * and referrals. Public data of the institution only; null when the village has no profile.
 */
export async function puskesosContact(q: Queryable, villageCode: string): Promise<PuskesosContact | null> {
  const row = await selectContact(q, villageCode);
  return row && { villageName: row.village_name, kecamatanName: row.kecamatan_name, address: row.address, phone: row.phone, openingHours: row.opening_hours };
}
