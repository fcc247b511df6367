import type { Deps } from '../http/context.ts';
import { aCase, aDecidedCase } from '../cases/testing.ts';
import { applyCaseAction } from '../cases/workflow.ts';
import { aPerson, CILEUNYI_WETAN, contextAs, SOREANG } from '../registry/testing.ts';
import { aReferral } from '../referrals/testing.ts';
import { actOnReferral } from '../referrals/service.ts';
import { aProposal, aSubmission, aVerifiedProposal } from '../proposals/testing.ts';
import { sendSubmission } from '../proposals/submissions/service.ts';

/**
 * The dashboard's test data (stats.test.ts), built with the domains' own builders: cases in
 * Cinunuk, Cileunyi Wetan and Soreang, five referrals, three proposals; timestamps then set by
 * hand so that the medians are known.
 */

const BPJS_SERVICE = 'Pendaftaran dan pengaktifan kembali kepesertaan JKN';
const daysAfter = (iso: string, days: number) => new Date(Date.parse(iso) + days * 86_400_000).toISOString();
const T0 = '2025-01-01T00:00:00.000Z';

async function setCaseTimes(deps: Deps, id: string, times: { firstActionDays: number | null; finishedDays?: number }) {
  await deps.db.query(
    `UPDATE cases SET registered_at = $2, first_action_at = $3,
       resolved_at = CASE WHEN status = 'resolved' THEN $4::timestamptz END,
       closed_at = CASE WHEN status = 'closed' THEN $4::timestamptz END
     WHERE id = $1`,
    [id, T0, times.firstActionDays === null ? null : daysAfter(T0, times.firstActionDays), times.finishedDays === undefined ? null : daysAfter(T0, times.finishedDays)],
  );
}

/** Builds the figures' data; answers the names of the residents it made (never in the figures). */
export async function buildStatsFixture(deps: Deps): Promise<string[]> {
  const officer = await contextAs(deps, 'puskesos.cinunuk');
  const partner = await contextAs(deps, 'mitra.dinkes');

  // Cinunuk: registered (fast track), registered and overdue (housing only), escalated
  await aCase(deps, { fastTrack: true });
  const b = await aCase(deps, { needs: [{ sector: 'housing', urgency: 'normal', request: 'Atap rumah bocor' }] });
  await deps.db.query(`UPDATE cases SET due_at = now() - interval '1 day' WHERE id = $1`, [b.id]);
  const e = await aCase(deps);
  await applyCaseAction(deps, officer, e.id, 'escalate', { reason: 'Perlu penanganan kecamatan.' });

  // five referrals, each of its own case in progress: accepted, sent and overdue, declined, completed, sent to BPJS
  const r1 = await aReferral(deps, { accepted: true });
  const r2 = await aReferral(deps);
  await deps.db.query(`UPDATE referrals SET due_at = now() - interval '2 days' WHERE id = $1`, [r2.id]);
  const r3 = await aReferral(deps);
  await actOnReferral(deps, partner, r3.id, { action: 'decline', input: { reason: 'Di luar layanan kami.' } });
  const r4 = await aReferral(deps, { accepted: true });
  await actOnReferral(deps, partner, r4.id, { action: 'start' });
  await actOnReferral(deps, partner, r4.id, { action: 'complete', input: { outcome: 'fulfilled', notes: 'Sudah dilayani.' } });
  const r5 = await aReferral(deps, { service: BPJS_SERVICE });
  await deps.db.query(`UPDATE referrals SET accepted_at = created_at + interval '1 day' WHERE id = $1`, [r1.id]);
  await deps.db.query(`UPDATE referrals SET accepted_at = created_at + interval '3 days', completed_at = created_at + interval '6 days' WHERE id = $1`, [r4.id]);

  // handled directly and resolved; answered at the front office
  const d = await aDecidedCase(deps, { decision: 'handle_directly' });
  await applyCaseAction(deps, officer, d.id, 'resolve', { notes: 'Sudah dibantu.' });
  const f = await aCase(deps);
  await applyCaseAction(deps, officer, f.id, 'close_at_front_office', { feedback: 'Informasi sudah diberikan.' });

  // Cileunyi Wetan (no Puskesos account) and Soreang: one registered case each
  const wPerson = await aPerson(deps.db, { village: CILEUNYI_WETAN, fullName: 'Dedeh Kurniasih' });
  await aCase(deps, { person: wPerson, as: 'supervisor.cileunyi' });
  const sPerson = await aPerson(deps.db, { village: SOREANG, fullName: 'Cucu Sumiati' });
  await aCase(deps, { person: sPerson, as: 'puskesos.soreang' });

  // first action after 0.5 to 8 days (median 3.5); closed after 1 day, resolved after 10 (median 5.5)
  const cases = [[r1.caseId, 1], [r2.caseId, 2], [r3.caseId, 3], [r4.caseId, 4], [r5.caseId, 6], [e.id, 8]] as const;
  for (const [id, days] of cases) await setCaseTimes(deps, id, { firstActionDays: days });
  await setCaseTimes(deps, d.id, { firstActionDays: 5, finishedDays: 10 });
  await setCaseTimes(deps, f.id, { firstActionDays: 0.5, finishedDays: 1 });

  // proposals: one sent to the national side, one awaiting the facilitator, one verified
  const s = await aSubmission(deps);
  await sendSubmission(deps, await contextAs(deps, 'kabupaten'), s.submission.id);
  await aProposal(deps);
  await aVerifiedProposal(deps);
  return [wPerson.fullName, sPerson.fullName];
}
