import { scopedOwner } from '../documents/service.ts';
import { newId } from '../db/ids.ts';
import { conflict } from '../http/errors.ts';
import * as q from './queries.ts';
import { REFERRAL_OWNER_TYPE } from './service.ts';

export const REFERRAL_EVIDENCE_KINDS = ['evidence', 'photo', 'service_record', 'other'] as const;

/**
 * A referral owns its evidence: what the partner attaches when it records the service and
 * the outcome (a receipt, a photo of the handed-over wheelchair, a discharge letter). Read
 * by whoever may read the referral (the referring office by area, the partner by
 * organization); attached by the receiving partner while the referral is open.
 */
export const REFERRAL_DOCUMENTS = scopedOwner({
  type: REFERRAL_OWNER_TYPE,
  kinds: REFERRAL_EVIDENCE_KINDS,
  readPermission: 'referrals.read',
  writePermission: 'referrals.respond',
  select: q.selectReferral,
  async onChange(tx, ctx, r, change) {
    if (change.action === 'attached' && r.status !== 'accepted' && r.status !== 'in_service') throw conflict('referrals.evidence_when_open');
    await q.insertReferralEvent(tx, {
      id: newId(), kabCode: r.kab_code, villageCode: r.village_code, referralId: r.id, actorId: ctx.actor.userId,
      actorName: ctx.actor.displayName, actorKind: ctx.actor.via === 'token' ? 'token' : 'user',
      action: change.action === 'attached' ? 'evidence_attached' : 'evidence_removed',
      details: { documentId: change.document.id, kind: change.document.kind, fileName: change.document.fileName },
    });
  },
});
