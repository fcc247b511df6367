import { roleHasPermission } from '../access/permissions.ts';
import type { RoleGrant } from '../access/roles.ts';
import { areaLevel, isWithinArea } from '../area/area-code.ts';
import { NEED_DONE_STATUSES, type CaseLevel, type Decision, type NeedStatus } from './case-codes.ts';
import { DECIDING_AREA_LEVELS, mayDecideCase, mayWorkCase } from './case-authority.ts';
import { caseAcceptsReferrals, isFinalCaseStatus, nextCaseLevel, previousCaseLevel, type CaseStatus } from './case-state.ts';

/**
 * Who holds each need of a case (issue 12, item 2). A need is held with its case (`level`
 * null: the case's level) or apart from it, higher up the ladder (`kecamatan`, `kabupaten`):
 * a village serving the health need while the kecamatan takes the education need it cannot
 * meet. The level holding a need works, decides, refers, resolves and sends it back with the
 * same authority rules as a whole case (`mayWorkCase`, `mayDecideCase`).
 *
 * - `escalate` (with `needIds`): the need goes one level above its holder; the case stays.
 * - `send_back`: a need held apart goes one level down; at the case's level it rejoins the case.
 * - `decide`: the level holding a need apart decides it (refer, handle directly, reject) once.
 * - Escalating the whole case takes with it the needs held apart at or below its new level.
 */

const CASE_RANK: Record<CaseLevel, number> = { village: 0, kecamatan: 1, kabupaten: 2 };

export const NEED_ACTIONS = ['escalate', 'send_back', 'decide'] as const;
export type NeedAction = (typeof NEED_ACTIONS)[number];

export interface NeedHolding {
  /** The level holding the need apart from its case, or null (with the case). */
  level: CaseLevel | null;
  status: NeedStatus;
  /** The decision of the level holding it apart (null while undecided, or held with the case). */
  decision: Decision | null;
}

export interface CaseHolding {
  status: CaseStatus;
  level: CaseLevel;
  villageCode: string;
  decision: Decision | null;
}

/** The level that holds the need now. */
export function needHolderLevel(need: Pick<NeedHolding, 'level'>, c: Pick<CaseHolding, 'level'>): CaseLevel {
  return need.level ?? c.level;
}

/** The need-level actions this actor may take on one need now (workflow and authority). */
export function needActionsFor(grants: readonly RoleGrant[], c: CaseHolding, need: NeedHolding): NeedAction[] {
  if (isFinalCaseStatus(c.status) || NEED_DONE_STATUSES.includes(need.status)) return [];
  const at = { villageCode: c.villageCode, level: needHolderLevel(need, c) };
  const out: NeedAction[] = [];
  const works = mayWorkCase(grants, at);
  if (works && nextCaseLevel(at.level) !== null) out.push('escalate');
  if (need.level !== null && works && previousCaseLevel(at.level) !== null) out.push('send_back');
  if (need.level !== null && need.decision === null && need.status === 'open' && mayDecideCase(grants, at)) out.push('decide');
  return out;
}

/** Whether this actor may move the need's status (resolve, close) by hand now. */
export function mayMoveNeed(grants: readonly RoleGrant[], c: CaseHolding, need: NeedHolding): boolean {
  if (isFinalCaseStatus(c.status) || NEED_DONE_STATUSES.includes(need.status)) return false;
  if (!mayWorkCase(grants, { villageCode: c.villageCode, level: needHolderLevel(need, c) })) return false;
  return need.level === null ? c.status === 'in_progress' : need.decision !== null;
}

/**
 * Referrals for one need: a need held with its case follows the case (decided `refer`, in
 * progress); a need held apart follows its own holder's decision while the case runs.
 */
export function needAcceptsReferrals(c: Pick<CaseHolding, 'status' | 'decision'>, need: NeedHolding): boolean {
  if (NEED_DONE_STATUSES.includes(need.status)) return false;
  if (need.level !== null) return !isFinalCaseStatus(c.status) && need.decision === 'refer';
  return caseAcceptsReferrals(c);
}

/**
 * Whether this actor may refer the need to a partner. Once the case has climbed the ladder (the
 * whole case escalated, or any need held apart), only the level holding the need refers it: the
 * village does not refer what the kecamatan holds, nor the kecamatan what stays with the village
 * (a grant at the holder's deciding level: the Manajer SLRT also for the kecamatan). A case that
 * never left its village is referred by whoever may work it there.
 */
export function mayReferNeed(
  grants: readonly RoleGrant[],
  c: Pick<CaseHolding, 'level' | 'villageCode'> & { needs: ReadonlyArray<Pick<NeedHolding, 'level'>> },
  need: Pick<NeedHolding, 'level'>,
): boolean {
  const level = needHolderLevel(need, c);
  const climbed = c.level !== 'village' || c.needs.some((n) => n.level !== null);
  if (!climbed) return mayWorkCase(grants, { villageCode: c.villageCode, level });
  return grants.some((g) => {
    if (!g.areaCode || !roleHasPermission(g.role, 'referrals.create') || !isWithinArea(c.villageCode, g.areaCode)) return false;
    const at = areaLevel(g.areaCode);
    return at !== null && DECIDING_AREA_LEVELS[level].includes(at);
  });
}

/** Where a need sent back lands: one level down, or back with the case (null) at the case's level. */
export function needLevelAfterSendBack(holder: CaseLevel, caseLevel: CaseLevel): CaseLevel | null {
  const down = previousCaseLevel(holder);
  if (down === null) return null;
  return CASE_RANK[down] <= CASE_RANK[caseLevel] ? null : down;
}

/** After the whole case moves to `caseLevel`, a need held apart at or below it rejoins the case. */
export function needLevelAfterCaseMove(needLevel: CaseLevel | null, caseLevel: CaseLevel): CaseLevel | null {
  return needLevel !== null && CASE_RANK[needLevel] > CASE_RANK[caseLevel] ? needLevel : null;
}
