import type { LetterVerification } from '@slrt/core';
import { useResource } from '../../api/use-resource.ts';
import { useParams } from '../../app/router.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { useDateFormat, useLetterKindLabel } from './labels.ts';
import './cases.css';

/**
 * `/verifikasi/:token`, opened from a letter's QR code: is this letter real and valid? Number,
 * kind, date, issuing office and validity; never the resident's data.
 */
export default function VerifyLetterPage() {
  const t = useT('cases');
  const { token = '' } = useParams();
  const { data, error, loading } = useResource<LetterVerification>(`/public/letters/${encodeURIComponent(token)}`);
  const kind = useLetterKindLabel();
  const date = useDateFormat();
  return (
    <section className="narrow">
      <h1>{t('verify.title')}</h1>
      {loading && <p role="status">{t('app.loading')}</p>}
      {error && !loading && (
        <p className="verdict verdict--invalid" role="alert" data-testid="verify-result" data-status="unknown">
          {t('verify.unknown')}
        </p>
      )}
      {data && (
        <div data-testid="verify-result" data-status={data.status}>
          <p className={data.status === 'valid' ? 'verdict verdict--valid' : 'verdict verdict--invalid'}>{t(`verify.${data.status}`)}</p>
          <dl className="dl">
            <dt>{t('verify.number')}</dt>
            <dd>{data.number}</dd>
            <dt>{t('verify.kind')}</dt>
            <dd>{kind(data.kind)}</dd>
            <dt>{t('verify.issuedAt')}</dt>
            <dd>{date(data.issuedAt)}</dd>
            <dt>{t('verify.office')}</dt>
            <dd>{data.issuingOffice}</dd>
            <dt>{t('verify.validUntil')}</dt>
            <dd>{date(data.validUntil)}</dd>
            {data.revokedAt && (
              <>
                <dt>{t('verify.revokedAt')}</dt>
                <dd>{date(data.revokedAt)}</dd>
              </>
            )}
          </dl>
          <p className="hint">{t('verify.note')}</p>
        </div>
      )}
    </section>
  );
}
