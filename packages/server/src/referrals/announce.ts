import type { ReferralEventType, ReferralStatus } from '@slrt/core';
import type { Tx } from '../db/database.ts';
import { publishEvent } from '../events/bus.ts';
import { notify } from '../notifications/service.ts';
import { partnerOfficersOf, puskesosStaffOf, supervisorsOf, usersCoveringVillage } from '../notifications/public.ts';
import { enqueueWebhooks } from '../notifications/webhooks.ts';
import type { ReferralRow } from './queries.ts';

export type ReferralHappening = 'created' | 'accepted' | 'declined' | 'started' | 'completed' | 'cancelled' | 'overdue';

/** Who hears of what: the partner of new and withdrawn referrals, the sender of answers, and overdue goes up. */
const AUDIENCE: Record<ReferralHappening, { partner: boolean; sender: boolean; supervisor: boolean }> = {
  created: { partner: true, sender: false, supervisor: false },
  cancelled: { partner: true, sender: false, supervisor: false },
  accepted: { partner: false, sender: true, supervisor: false },
  declined: { partner: false, sender: true, supervisor: false },
  started: { partner: false, sender: true, supervisor: false },
  completed: { partner: false, sender: true, supervisor: false },
  overdue: { partner: false, sender: true, supervisor: true },
};

const MESSAGE: Record<ReferralHappening, string> = {
  created: 'notify.referral_received',
  cancelled: 'notify.referral_cancelled',
  accepted: 'notify.referral_accepted',
  declined: 'notify.referral_declined',
  started: 'notify.referral_started',
  completed: 'notify.referral_completed',
  overdue: 'notify.referral_overdue',
};

/**
 * Tells everyone concerned that something happened to a referral, inside the transaction
 * of the change: in-app notifications (once per person and event), a live event for the
 * boards of both sides, and webhook deliveries to the partner's system. None carries the
 * resident's data: numbers, names of the service and organization, statuses.
 *
 * `eventKey` names the event (e.g. `referral.overdue:<id>:<due>`): processing it twice
 * notifies nobody twice.
 */
export async function announceReferral(tx: Tx, r: ReferralRow, what: ReferralHappening, status: ReferralStatus, eventKey: string): Promise<void> {
  const audience = AUDIENCE[what];
  const users: Array<string | null> = [];
  if (audience.partner) users.push(...(await partnerOfficersOf(tx, r.organization_id)));
  if (audience.sender) {
    // the sender, while the case is still theirs; after a transfer, the Puskesos now holding it
    const sender = await usersCoveringVillage(tx, r.kab_code, r.village_code, [r.created_by]);
    users.push(...(sender.length ? sender : await puskesosStaffOf(tx, r.kab_code, r.village_code)));
  }
  if (audience.supervisor) users.push(...(await supervisorsOf(tx, r.kab_code, r.village_code)));
  // the partner opens it in its workspace, staff in the back office
  const forPartner = audience.partner && !audience.sender;
  await notify(tx, {
    kabCode: r.kab_code, userIds: users, eventKey, kind: `referral.${what}`, messageKey: MESSAGE[what],
    params: { number: r.number, service: r.service_name, organization: r.organization_name },
    link: forPartner ? `/mitra/rujukan/${r.id}` : `/rujukan/${r.id}`, recordType: 'referral', recordId: r.id,
  });
  await publishEvent(tx, {
    kabCode: r.kab_code, type: 'referral', permission: 'referrals.read', villageCode: r.village_code, organizationId: r.organization_id,
    payload: { referralId: r.id, number: r.number, status, what, caseId: r.case_id },
  });
  const type = `referral.${what}` as ReferralEventType;
  await enqueueWebhooks(tx, r.kab_code, r.organization_id, {
    type, key: eventKey, occurredAt: new Date(),
    data: { referral: { id: r.id, number: r.number, status, dueDate: r.due_date, serviceId: r.service_id, organizationId: r.organization_id } },
  });
}
