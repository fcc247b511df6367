import { useState } from 'react';
import { useResource } from '../../api/use-resource.ts';
import { useParams } from '../../app/router.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { referralApi, type ReferralView } from '../referrals/referral-api.ts';
import { ReferralDetails } from '../referrals/ReferralDetails.tsx';
import type { LinkHolder } from '@slrt/core';
import { LinkHolderForm, storedHolder } from './LinkHolderForm.tsx';
import { RespondPanel, type Responder } from './RespondPanel.tsx';
import '../referrals/referrals.css';

/**
 * `/tautan-rujukan/:token`: the page a small partner without an account opens from the link
 * sent by WhatsApp or SMS. It shows that one referral (the data the service needs) and lets
 * them accept, decline or report the outcome with one piece of evidence; nothing else. Before
 * the first action the holder types their name (and position), kept in the browser for this link.
 */
export default function LinkReferralPage() {
  const t = useT('referrals');
  const { token = '' } = useParams();
  const referral = useResource<ReferralView>(`/referral-links/${encodeURIComponent(token)}`);
  const [view, setView] = useState<ReferralView | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [holder, setHolder] = useState<LinkHolder | null>(() => storedHolder(token));
  const r = view ?? referral.data;
  if (!r && referral.error) return <p className="alert alert--error" role="alert">{t('link.invalid')}</p>;
  if (!r) return <p role="status">{t('app.loading')}</p>;
  const responder = (actedBy: LinkHolder): Responder => ({
    evidence: true,
    accept: () => referralApi.acceptViaLink(token, actedBy),
    decline: (reason) => referralApi.declineViaLink(token, reason, actedBy),
    // the link's one piece of evidence, then the outcome naming it
    uploadEvidence: (file, options) => referralApi.uploadEvidenceViaLink(token, file, options),
    complete(outcome, notes, documentIds) {
      return referralApi.completeViaLink(token, { outcome, ...(notes.trim() ? { notes: notes.trim() } : {}), ...(documentIds.length ? { documentIds } : {}), actedBy });
    },
  });
  return (
    <section data-referral-status={r.status}>
      <p className="alert alert--info">{t('link.intro')}</p>
      {notice && <Notice>{notice}</Notice>}
      {r.allowedActions.length > 0 && !holder && <LinkHolderForm token={token} onSaved={setHolder} />}
      {holder && (
        <>
          <p className="hint" data-testid="link-holder-shown">
            {t('holder.actingAs', { name: holder.position ? `${holder.name}, ${holder.position}` : holder.name })}
          </p>
          <RespondPanel
            r={r}
            responder={responder(holder)}
            onDone={(next, message) => {
              setView(next);
              setNotice(message);
            }}
          />
        </>
      )}
      <ReferralDetails r={r} evidenceLinks={false} />
    </section>
  );
}
