import { areaLevel, kabCodeOf } from '../area/area-code.ts';
import { allowedActions, type Transitions } from '../state-machine.ts';
import { CASE_LEVELS, caseCodeList, type CaseLevel, type Decision } from './case-codes.ts';

/**
 * The life of a case (process.md, "A walk-in case"):
 *
 *   registered --close_at_front_office--> closed (answered with feedback)
 *   registered --check_registry--> registry_checked
 *   registry_checked --request_verification--> verification_requested --record_verification--> verified
 *   registry_checked | verified --recommend--> recommended (the back office's draft)
 *   recommended --decide--> in_progress (refer or handle directly) | closed (reject)
 *   in_progress --resolve--> resolved
 *   any open status --close--> closed (with a reason)
 *   any open status --escalate--> same status, one level up (village -> kecamatan -> kabupaten)
 *   any open status --send_back--> same status, one level down (the holding level returns it)
 *   any open status --transfer--> same status and level, another village's Puskesos (same kabupaten)
 *
 * `resolved` and `closed` are final: a finished case is neither escalated nor transferred.
 */
const CASE_STATUS_TABLE = caseCodeList([
  ['registered', 'Terdaftar', 'Registered'],
  ['registry_checked', 'Registri sudah diperiksa', 'Registry checked'],
  ['verification_requested', 'Menunggu verifikasi lapangan', 'Field verification requested'],
  ['verified', 'Sudah diverifikasi', 'Verified'],
  ['recommended', 'Rekomendasi disusun, menunggu penetapan', 'Recommendation drafted, awaiting decision'],
  ['in_progress', 'Layanan ditetapkan, sedang ditangani', 'Service decided, in progress'],
  ['resolved', 'Terselesaikan', 'Resolved'],
  ['closed', 'Ditutup', 'Closed'],
]);
export const CASE_STATUSES = CASE_STATUS_TABLE.codes;
export const CASE_STATUS_LIST = CASE_STATUS_TABLE.entries;
export type CaseStatus = (typeof CASE_STATUSES)[number];

const CASE_ACTION_TABLE = caseCodeList([
  ['close_at_front_office', 'Selesai di kantor depan', 'Close at the front office'],
  ['check_registry', 'Periksa registri', 'Check the registry'],
  ['request_verification', 'Minta verifikasi lapangan', 'Request field verification'],
  ['record_verification', 'Catat hasil verifikasi', 'Record verification'],
  ['recommend', 'Susun rekomendasi', 'Draft recommendation'],
  ['decide', 'Tetapkan layanan', 'Decide the service'],
  ['escalate', 'Naikkan ke tingkat atas', 'Escalate'],
  ['send_back', 'Kembalikan ke tingkat bawah', 'Send back down'],
  ['transfer', 'Pindahkan', 'Transfer'],
  ['resolve', 'Nyatakan terselesaikan', 'Resolve'],
  ['close', 'Tutup kasus', 'Close the case'],
]);
export const CASE_ACTIONS = CASE_ACTION_TABLE.codes;
export const CASE_ACTION_LIST = CASE_ACTION_TABLE.entries;
export type CaseAction = (typeof CASE_ACTIONS)[number];

export const FINAL_CASE_STATUSES: readonly CaseStatus[] = ['resolved', 'closed'];

/**
 * The table. `escalate` keeps the status (the level moves, see `nextCaseState`); `decide`
 * leads to `in_progress` unless the decision is `reject` (then `closed`).
 */
export const CASE_TRANSITIONS = {
  registered: { close_at_front_office: 'closed', check_registry: 'registry_checked', escalate: 'registered', send_back: 'registered', transfer: 'registered', close: 'closed' },
  registry_checked: { request_verification: 'verification_requested', recommend: 'recommended', escalate: 'registry_checked', send_back: 'registry_checked', transfer: 'registry_checked', close: 'closed' },
  verification_requested: { record_verification: 'verified', escalate: 'verification_requested', send_back: 'verification_requested', transfer: 'verification_requested', close: 'closed' },
  verified: { request_verification: 'verification_requested', recommend: 'recommended', escalate: 'verified', send_back: 'verified', transfer: 'verified', close: 'closed' },
  recommended: { recommend: 'recommended', decide: 'in_progress', escalate: 'recommended', send_back: 'recommended', transfer: 'recommended', close: 'closed' },
  in_progress: { resolve: 'resolved', escalate: 'in_progress', send_back: 'in_progress', transfer: 'in_progress', close: 'closed' },
  resolved: {},
  closed: {},
} as const satisfies Transitions<CaseStatus, CaseAction>;

export interface CaseState {
  status: CaseStatus;
  level: CaseLevel;
}

export function isFinalCaseStatus(status: CaseStatus): boolean {
  return FINAL_CASE_STATUSES.includes(status);
}

export function nextCaseLevel(level: CaseLevel): CaseLevel | null {
  return CASE_LEVELS[CASE_LEVELS.indexOf(level) + 1] ?? null;
}

export function previousCaseLevel(level: CaseLevel): CaseLevel | null {
  const i = CASE_LEVELS.indexOf(level);
  return i > 0 ? (CASE_LEVELS[i - 1] ?? null) : null;
}

/** What the workflow allows now (before asking who acts): the machine, minus escalation at the top and sending back at the bottom. */
export function allowedCaseActions(state: CaseState): CaseAction[] {
  const actions = allowedActions<CaseStatus, CaseAction>(CASE_TRANSITIONS, state.status);
  return actions.filter((a) => (a !== 'escalate' || nextCaseLevel(state.level) !== null) && (a !== 'send_back' || previousCaseLevel(state.level) !== null));
}

export type CaseStep =
  | { ok: true; status: CaseStatus; level: CaseLevel }
  | { ok: false; allowed: CaseAction[] };

/**
 * Where `action` takes a case, or the actions allowed instead. `decision` matters for
 * `decide` only (a rejection closes the case).
 */
export function nextCaseState(state: CaseState, action: CaseAction, decision?: Decision): CaseStep {
  const allowed = allowedCaseActions(state);
  if (!allowed.includes(action)) return { ok: false, allowed };
  const table: Partial<Record<CaseAction, CaseStatus>> = CASE_TRANSITIONS[state.status];
  const to = table[action] as CaseStatus;
  if (action === 'escalate') return { ok: true, status: to, level: nextCaseLevel(state.level) as CaseLevel };
  if (action === 'send_back') return { ok: true, status: to, level: previousCaseLevel(state.level) as CaseLevel };
  if (action === 'decide' && decision === 'reject') return { ok: true, status: 'closed', level: state.level };
  return { ok: true, status: to, level: state.level };
}

/**
 * Where a case may be transferred (issue 5: "transfer a case to another unit with its whole
 * history"): another village or kelurahan of the case's own kabupaten. Which statuses allow
 * it is the machine's business (`transfer` in every open status); this is the target rule.
 * Returns the catalog key of the problem, or null when the target is acceptable.
 */
export function caseTransferTargetProblem(fromVillage: string, toVillage: string): 'case.transfer_not_village' | 'case.transfer_other_kabupaten' | 'case.transfer_same_village' | null {
  if (areaLevel(toVillage) !== 'village') return 'case.transfer_not_village';
  if (kabCodeOf(toVillage) !== kabCodeOf(fromVillage)) return 'case.transfer_other_kabupaten';
  if (toVillage === fromVillage) return 'case.transfer_same_village';
  return null;
}

/** Referrals (issue 5) may be made once the service is decided to refer and while the case runs. */
export function caseAcceptsReferrals(c: { status: CaseStatus; decision: Decision | null }): boolean {
  return c.status === 'in_progress' && c.decision === 'refer';
}

/** The action as it appears in the API path: `close_at_front_office` -> `close-at-front-office`. */
export function caseActionPath(action: CaseAction): string {
  return action.replaceAll('_', '-');
}

