import { useParams } from '../../app/router.tsx';
import { useResource } from '../../api/use-resource.ts';
import { useT } from '../../i18n/i18n.tsx';
import { Link } from '../../app/router.tsx';
import { letterPdfUrl, type LetterDetail } from './case-api.ts';
import { useDateFormat } from './labels.ts';
import { Qr } from './Qr.tsx';
import { LoadError } from '../../ui/LoadError.tsx';
import './cases.css';

/**
 * `/kasus/:id/surat/:letterId`: a numbered letter as issued, printable from the browser (and
 * as PDF), with the QR code of its public verification page. Official letters are in Bahasa
 * Indonesia: the content is shown as issued, only the buttons follow the UI language.
 */
export default function LetterPage() {
  const t = useT('cases');
  const { id = '', letterId = '' } = useParams();
  const { data: l, error, reload } = useResource<LetterDetail>(`/cases/${encodeURIComponent(id)}/letters/${encodeURIComponent(letterId)}`);
  const date = useDateFormat();
  if (error) {
    return <LoadError error={error} onRetry={reload} />;
  }
  if (!l) return <p role="status">{t('app.loading')}</p>;
  const c = l.content;
  return (
    <section data-testid="letter" data-letter-number={l.number}>
      <div className="actions no-print">
        <button type="button" className="button button--primary" onClick={() => window.print()}>
          {t('letters.print')}
        </button>
        <a className="button" href={letterPdfUrl(id, l.id)} target="_blank" rel="noopener">
          {t('letters.pdf')}
        </a>
        <Link to={`/kasus/${id}`} className="button">
          {t('receipt.toCase')}
        </Link>
      </div>
      {l.status !== 'valid' && <p className="alert alert--error">{t(`letters.status.${l.status}`)}</p>}
      <article className="paper" lang="id">
        <div className="letterhead">
          <p className="letterhead__gov">{t('letters.government', { kabupaten: l.kabupatenName.toUpperCase() })}</p>
          <p>{l.issuingOffice}</p>
        </div>
        <h1 className="letter-title">{c.title}</h1>
        <p className="letter-number">{t('letters.number', { number: l.number })}</p>
        {c.recipient && (
          <p>
            {t('letters.recipient')}
            {c.recipient.map((line) => (
              <span key={line}>
                <br />
                {line}
              </span>
            ))}
          </p>
        )}
        {c.opening && <p>{c.opening}</p>}
        <dl className="dl">
          {c.fields.map((f) => (
            <div key={f.label} style={{ display: 'contents' }}>
              <dt>{f.label}</dt>
              <dd>{f.value}</dd>
            </div>
          ))}
        </dl>
        {c.paragraphs.map((p, i) => (
          <p key={i}>{p}</p>
        ))}
        <div className="signature">
          <p>
            {c.place}, {date(l.issuedAt)}
          </p>
          <p>{c.signer.title}</p>
          <p className="signature__name" data-testid="signer">
            {c.signer.name}
          </p>
        </div>
        <div className="qr-block">
          <Qr text={l.verifyUrl} label={t('letters.qr')} />
          <p>
            {t('letters.qr')}
            <br />
            {l.verifyUrl}
          </p>
        </div>
      </article>
    </section>
  );
}
