import { areaLevel, roleHasPermission, type CaseLevel, type Role } from '@slrt/core';
import type { Tx } from '../db/database.ts';
import { publishEvent } from '../events/bus.ts';
import { notify } from '../notifications/service.ts';
import { selectAreaStaff } from './queries.ts';

/** What moved a case or a need between holders. */
export type CaseMove = 'escalated' | 'sent_back' | 'transferred' | 'started_for_village' | 'need_escalated' | 'need_sent_back' | 'transfer_requested';

const MESSAGE: Record<CaseMove, string> = {
  escalated: 'notify.case_escalated',
  sent_back: 'notify.case_sent_back',
  transferred: 'notify.case_transferred',
  started_for_village: 'notify.case_started_for_village',
  need_escalated: 'notify.need_escalated',
  need_sent_back: 'notify.need_sent_back',
  transfer_requested: 'notify.case_transfer_requested',
};

const WORK_ROLES = (['kabupaten_manager', 'supervisor', 'facilitator', 'puskesos_coordinator', 'puskesos_officer'] as const satisfies readonly Role[])
  .filter((r) => roleHasPermission(r, 'cases.work'));

/**
 * The officers of one level who hold a case of `villageCode` there: every active user with
 * `cases.work` granted on the area of exactly that level covering the village (the village's
 * Puskesos staff, the kecamatan's supervisors, the kabupaten's Manajer SLRT).
 */
async function staffOfLevel(tx: Tx, kabCode: string, villageCode: string, level: CaseLevel): Promise<string[]> {
  const staff = await selectAreaStaff(tx, kabCode, villageCode, WORK_ROLES);
  return staff
    .filter((s) => s.grants.some((g) => areaLevel(g.area_code) === level && roleHasPermission(g.role as Role, 'cases.work')))
    .map((s) => s.id);
}

/**
 * Tells the level that now holds a case (or one of its needs) that it arrived: an in-app
 * notification for each of its officers (once per event key) and a live event for the boards
 * of everyone who reads the village's cases. No personal data: the case code and the village name.
 */
export async function announceCaseMove(
  tx: Tx,
  c: { id: string; code: string; kabCode: string; villageCode: string; villageName: string },
  move: CaseMove,
  toLevel: CaseLevel,
  eventKey: string,
): Promise<void> {
  const users = await staffOfLevel(tx, c.kabCode, c.villageCode, toLevel);
  await notify(tx, {
    kabCode: c.kabCode, userIds: users, eventKey, kind: `case.${move}`, messageKey: MESSAGE[move],
    params: { number: c.code, village: c.villageName }, link: `/kasus/${c.id}`, recordType: 'case', recordId: c.id,
  });
  await publishEvent(tx, {
    kabCode: c.kabCode, type: `case.${move}`, permission: 'cases.read', villageCode: c.villageCode,
    payload: { caseId: c.id, code: c.code, level: toLevel },
  });
}
