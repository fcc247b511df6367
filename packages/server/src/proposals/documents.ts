import { isFinalProposalStatus } from '@slrt/core';
import { newId } from '../db/ids.ts';
import { conflict } from '../http/errors.ts';
import { scopedOwner } from '../documents/service.ts';
import { insertStep } from './lineage-queries.ts';
import { selectProposal } from './queries.ts';
import { PROPOSAL_DOCUMENT_OWNER_TYPE } from './service.ts';

/**
 * Evidence of a proposal, through the shared documents module: photos from the field visit,
 * the deliberation's minutes and attendance list, a signed SPTJM, the resident's objection
 * letter, a copy of a civil document. Attached by whoever may enter proposals in the village
 * (the facilitator too) until the registry is changed; each attachment is a step of the lineage.
 */
export const PROPOSAL_DOCUMENTS = scopedOwner({
  type: PROPOSAL_DOCUMENT_OWNER_TYPE,
  kinds: ['photo', 'minutes', 'attendance', 'sptjm', 'objection_letter', 'civil_document', 'other'],
  readPermission: 'proposals.read',
  writePermission: 'proposals.create',
  select: selectProposal,
  async onChange(tx, ctx, p, change) {
    if (isFinalProposalStatus(p.status) || p.status === 'approved' || p.status === 'sent') throw conflict('proposal.closed_for_documents');
    await insertStep(tx, newId(), {
      kabCode: p.kab_code, villageCode: p.village_code, proposalId: p.id, action: `document.${change.action}`, fromStatus: p.status, toStatus: p.status,
      actorId: ctx.actor.userId, actorName: ctx.actor.displayName,
      details: { documentId: change.document.id, kind: change.document.kind, fileName: change.document.fileName },
    });
  },
});
