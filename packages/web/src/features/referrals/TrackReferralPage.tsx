import { useResource } from '../../api/use-resource.ts';
import { useParams } from '../../app/router.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { PuskesosContactCard } from '../cases/PuskesosContactCard.tsx';
import { useDate, useReferralLabels } from './labels.ts';
import type { ReferralTracking } from '@slrt/core';
import './referrals.css';

/**
 * `/lacak-rujukan/:code`: where the QR code of a referral letter leads. Anyone holding the
 * letter sees whether it is genuine, where the referral stands, what happens next and how to reach
 * the referring Puskesos; never the resident.
 */
export default function TrackReferralPage() {
  const t = useT('referrals');
  const { code = '' } = useParams();
  const { status } = useReferralLabels();
  const date = useDate();
  const answer = useResource<ReferralTracking>(`/public/referrals/${encodeURIComponent(code)}`);
  return (
    <section>
      <h1>{t('track.title')}</h1>
      {answer.loading && <p role="status">{t('app.loading')}</p>}
      {answer.error && <p className="alert alert--error" role="alert">{t('track.notFound')}</p>}
      {answer.data && (
        <>
          <dl className="dl">
            <div>
              <dt>{t('track.number')}</dt>
              <dd>{answer.data.number}</dd>
            </div>
            <div>
              <dt>{t('track.status')}</dt>
              <dd data-status={answer.data.status}>{status(answer.data.status)}</dd>
            </div>
            <div>
              <dt>{t('detail.organization')}</dt>
              <dd>{answer.data.organizationName}</dd>
            </div>
            <div>
              <dt>{t('detail.sent')}</dt>
              <dd>{date(answer.data.sentAt)}</dd>
            </div>
            <div>
              <dt>{t('detail.due')}</dt>
              <dd>{date(answer.data.dueDate)}</dd>
            </div>
          </dl>
          {answer.data.letter ? (
            <p className={answer.data.letter.status === 'valid' ? 'alert alert--ok' : 'alert alert--error'}>
              {t(`track.letter.${answer.data.letter.status}` as 'track.letter.valid', {
                number: answer.data.letter.number, office: answer.data.letter.issuingOffice, until: date(answer.data.letter.validUntil),
              })}
            </p>
          ) : (
            <p className="alert alert--info">{t('track.noLetter')}</p>
          )}
          <h2>{t('track.nextTitle')}</h2>
          <p data-testid="track-next">{t(`track.next.${answer.data.status}`)}</p>
          {answer.data.puskesos && <PuskesosContactCard contact={answer.data.puskesos} />}
        </>
      )}
    </section>
  );
}
