import type { Deps } from '../http/context.ts';
import { ensurePuskesosProfiles } from './scope.ts';
import { ensureDefaultGrades } from './service.ts';

/**
 * At start-up: each kabupaten's default grades (when it has none) and an empty profile for
 * every village that has none. Idempotent.
 */
export async function preparePuskesos(deps: Deps): Promise<void> {
  for (const kab of deps.config.kabupatenCodes) await ensureDefaultGrades(deps.db, kab);
  await ensurePuskesosProfiles(deps);
}
