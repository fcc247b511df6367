import { Link, useParams, useSearchParam } from '../../app/router.tsx';
import { useResource } from '../../api/use-resource.ts';
import { useT } from '../../i18n/i18n.tsx';
import { receiptPdfUrl, type CaseView } from './case-api.ts';
import { CaseOrigin } from './CaseOrigin.tsx';
import { useCodeLabel, useDateFormat } from './labels.ts';
import { Qr } from './Qr.tsx';
import { LoadError } from '../../ui/LoadError.tsx';
import './cases.css';

/** `/kasus/:id/tanda-terima`: the receipt handed to the resident, printable from the browser or as PDF. */
export default function ReceiptPage() {
  const t = useT('cases');
  const { id = '' } = useParams();
  const { data: c, error, reload } = useResource<CaseView>(`/cases/${encodeURIComponent(id)}`);
  const label = useCodeLabel();
  const date = useDateFormat();
  const failed = Number(useSearchParam('gagal') ?? 0);
  if (error) {
    return <LoadError error={error} onRetry={reload} />;
  }
  if (!c) return <p role="status">{t('app.loading')}</p>;
  const trackUrl = `${location.origin}/lacak?kode=${encodeURIComponent(c.trackingCode)}`;
  return (
    <section data-testid="receipt">
      <div className="actions no-print">
        <button type="button" className="button button--primary" onClick={() => window.print()}>
          {t('receipt.print')}
        </button>
        <a className="button" href={receiptPdfUrl(c.id)} target="_blank" rel="noopener">
          {t('receipt.pdf')}
        </a>
        <Link to={`/kasus/${c.id}`} className="button">
          {t('receipt.toCase')}
        </Link>
      </div>
      {failed > 0 && (
        <p className="alert alert--error no-print" role="alert">
          {t('receipt.failedUploads', { n: failed })}
        </p>
      )}
      <div className="paper">
        <div className="letterhead">
          <p className="letterhead__gov">{t('receipt.office', { village: c.villageName, kecamatan: c.kecamatanName })}</p>
        </div>
        <h1 className="letter-title">{t('receipt.title')}</h1>
        <p className="letter-number">{t('receipt.codeLabel')}</p>
        <p className="big-code" data-testid="tracking-code">
          {c.trackingCode}
        </p>
        <dl className="dl">
          <dt>{t('receipt.caseNumber')}</dt>
          <dd data-testid="case-number">{c.code}</dd>
          <dt>{t('case.registeredAt')}</dt>
          <dd>{date(c.registeredAt, true)}</dd>
          <dt>{t('case.resident')}</dt>
          <dd>{c.person.fullName}</dd>
          <CaseOrigin c={c} fastTrackTerm="case.fastTrack" />
          <dt>{t('case.complaint')}</dt>
          <dd>{c.complaint}</dd>
          {c.needs.map((n, i) => (
            <div key={n.id} style={{ display: 'contents' }} data-receipt-need={n.sector}>
              <dt>{t('receipt.need', { n: i + 1 })}</dt>
              <dd>
                {label('sector', n.sector)} ({label('urgency', n.urgency)}): {n.request}
              </dd>
            </div>
          ))}
          <dt>{t('receipt.documents')}</dt>
          <dd>{c.documents.length ? c.documents.map((d) => label('case_document_kind', d.kind)).join(', ') : '-'}</dd>
          <dt>{t('case.due')}</dt>
          <dd>{date(c.dueAt)}</dd>
          <dt>{t('receipt.officer')}</dt>
          <dd>{c.registeredBy?.name ?? '-'}</dd>
        </dl>
        <p>{c.trackingPin ? t('receipt.trackWithPin', { pin: c.trackingPin }) : t('receipt.trackWithNik')}</p>
        <div className="qr-block">
          <Qr text={trackUrl} label={t('receipt.qr')} />
          <p>
            {t('receipt.qr')}
            <br />
            {location.origin}/lacak
          </p>
        </div>
      </div>
    </section>
  );
}
