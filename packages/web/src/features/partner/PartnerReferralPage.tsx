import { useState } from 'react';
import { useResource } from '../../api/use-resource.ts';
import { Link, useParams } from '../../app/router.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { useLiveEvents } from '../referrals/live.ts';
import { letterPdfUrl, referralApi, type ReferralView } from '../referrals/referral-api.ts';
import { ReferralDetails } from '../referrals/ReferralDetails.tsx';
import { ReferralAssistance } from '../programs/ReferralAssistance.tsx';
import { RespondPanel, type Responder } from './RespondPanel.tsx';
import '../referrals/referrals.css';

/**
 * `/mitra/rujukan/:id`: one referral to the partner's organization, with only the resident's
 * data the service receives; accept or decline it, record the service and the outcome with
 * evidence; record the assistance given against it (checked for duplicate assistance first).
 */
export default function PartnerReferralPage() {
  const t = useT('referrals');
  const { id = '' } = useParams();
  const referral = useResource<ReferralView>(`/referrals/${encodeURIComponent(id)}`);
  const [view, setView] = useState<ReferralView | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  useLiveEvents(['referral'], (e) => {
    if (e.referralId === id) {
      setView(null);
      referral.reload();
    }
  });
  if (referral.error && !referral.data) return <p className="alert alert--error" role="alert">{referral.error}</p>;
  const r = view ?? referral.data;
  if (!r) return <p role="status">{t('app.loading')}</p>;

  const responder: Responder = {
    evidence: true,
    accept: () => referralApi.accept(r.id),
    start: () => referralApi.start(r.id),
    decline: (reason) => referralApi.decline(r.id, reason),
    uploadEvidence: (file, options) => referralApi.uploadEvidence(r.id, file, options),
    complete(outcome, notes, documentIds) {
      return referralApi.complete(r.id, { outcome, ...(notes.trim() ? { notes: notes.trim() } : {}), ...(documentIds.length ? { documentIds } : {}) });
    },
  };

  return (
    <section data-referral-id={r.id} data-referral-status={r.status}>
      <p>
        <Link to="/mitra/rujukan">{t('inbox.back')}</Link>
      </p>
      {notice && <Notice>{notice}</Notice>}
      <RespondPanel
        r={r}
        responder={responder}
        onDone={(next, message) => {
          setView(next);
          setNotice(message);
        }}
      />
      <ReferralDetails r={r} />
      {r.status !== 'sent' && <ReferralAssistance referralId={r.id} mayRecord={r.status === 'accepted' || r.status === 'in_service' || r.status === 'completed'} />}
      {r.events?.some((e) => e.action === 'letter_issued') && (
        <p>
          <a className="button" href={letterPdfUrl(r.id)} target="_blank" rel="noreferrer">
            {t('letter.open')}
          </a>
        </p>
      )}
    </section>
  );
}
