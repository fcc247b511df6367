import { z } from 'zod';
import { PageQuery } from '../wire.ts';
import { PROPOSAL_STATUSES } from './proposal-state.ts';
import { PROPOSAL_TYPES } from './proposal.ts';
import { PROPOSAL_QUEUES } from './proposal-view.ts';

/**
 * What the web sends to the proposals API beside a proposal itself (`CreateProposalInput`) and a
 * verification (`VerificationInput`): steps, batches, the list's filters, a submission, a review.
 */

const Reason = z.string().trim().min(1).max(2000);

/** `POST /proposals/:id/<action>` for a step without a form: the reason where the step asks one. */
export const ProposalStepInput = z.strictObject({ reason: Reason.optional() });
export type ProposalStepInput = z.infer<typeof ProposalStepInput>;

/** `POST /proposals/bulk/<action>`: up to 200 proposals, one reason for all. */
export const ProposalBulkInput = z.strictObject({ ids: z.array(z.uuid()).min(1).max(200), reason: Reason.optional() });
export type ProposalBulkInput = z.infer<typeof ProposalBulkInput>;

/** `GET /proposals`: a worklist queue or filters, a page at a time. */
export const ProposalListQuery = PageQuery.extend({
  queue: z.enum(PROPOSAL_QUEUES).optional(),
  status: z.enum(PROPOSAL_STATUSES).optional(),
  type: z.enum(PROPOSAL_TYPES).optional(),
  area: z.string().max(20).optional(),
  roundId: z.uuid().optional(),
  personId: z.uuid().optional(),
  householdId: z.uuid().optional(),
  caseId: z.uuid().optional(),
  q: z.string().trim().min(1).max(100).optional(),
  overdue: z.enum(['true', 'false']).optional(),
});
export type ProposalListQuery = z.input<typeof ProposalListQuery>;

/** `POST /proposal-submissions`: the ratified proposals to send to the national system (all of them when left out). */
export const PrepareSubmissionInput = z.strictObject({ proposalIds: z.array(z.uuid()).min(1).max(5000).optional(), note: z.string().trim().max(2000).optional() });
export type PrepareSubmissionInput = z.infer<typeof PrepareSubmissionInput>;

/** `POST /proposal-rounds/:id/review`: the kabupaten's note on a village's round. */
export const ReviewRoundInput = z.strictObject({ note: z.string().trim().max(2000).optional() });
export type ReviewRoundInput = z.infer<typeof ReviewRoundInput>;
