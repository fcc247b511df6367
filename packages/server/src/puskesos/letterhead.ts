import { areaLevel } from '@slrt/core';
import type { Deps } from '../http/context.ts';
import { selectArea } from './queries.ts';

/**
 * The letterhead of printed Puskesos documents and reports: the name of the area's kabupaten (from the
 * areas) and the Dinas configured for the installation (SLRT_DINAS_NAME, SLRT_DINAS_ADDRESS).
 * Public to the reports domain.
 */
export async function letterheadOf(deps: Deps, areaCode: string): Promise<{ kabupatenName: string; dinas: string | null; address: string | null }> {
  // the kabupaten/kota of the document's area (an installation may serve several), or its province
  const code = areaLevel(areaCode) === 'province' ? areaCode : areaCode.split('.').slice(0, 2).join('.');
  const kab = await selectArea(deps.db, code);
  return { kabupatenName: kab?.name ?? code, dinas: deps.config.dinasName, address: deps.config.dinasAddress };
}
