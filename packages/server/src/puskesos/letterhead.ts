import type { Deps } from '../http/context.ts';
import { selectArea } from './queries.ts';

/**
 * The letterhead of printed Puskesos documents and reports: the kabupaten's name (from the
 * areas) and the Dinas configured for the installation (SLRT_DINAS_NAME, SLRT_DINAS_ADDRESS).
 * Public to the reports domain.
 */
export async function letterheadOf(deps: Deps): Promise<{ kabupatenName: string; dinas: string | null; address: string | null }> {
  const kab = await selectArea(deps.db, deps.config.kabupatenCode);
  return { kabupatenName: kab?.name ?? deps.config.kabupatenCode, dinas: deps.config.dinasName, address: deps.config.dinasAddress };
}
