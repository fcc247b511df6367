import { Link, navigate } from '../../app/router.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { FormErrors } from '../../ui/FormErrors.tsx';
import { useFormAction } from '../../ui/use-form-action.ts';
import { caseApi, letterPdfUrl, type CaseView } from './case-api.ts';
import { useDateFormat, useLetterKindLabel } from './labels.ts';

/**
 * The case's numbered letters, and the button to issue the certificate of registry status once
 * the registry was checked (the recommendation is issued from the next step at the top of the
 * page, NextStep.tsx, once the service is decided). The server decides who may; a refusal shows its message.
 */
export function CaseLetters({ c, onChange }: { c: CaseView; onChange: () => void }) {
  const t = useT('cases');
  const kind = useLetterKindLabel();
  const date = useDateFormat();
  const { busy, error, run } = useFormAction();
  const checked = c.timeline.some((e) => e.action === 'check_registry');
  const live = (k: string) => c.letters.some((l) => l.kind === k && l.status !== 'revoked');

  const issue = (k: 'registry_certificate') =>
    run(async () => {
      const letter = await caseApi.issueLetter(c.id, k);
      onChange();
      navigate(`/kasus/${c.id}/surat/${letter.id}`);
    });

  return (
    <>
      <h2>{t('letters.title')}</h2>
      {c.letters.length === 0 ? (
        <p>{t('letters.none')}</p>
      ) : (
        <ul className="cards">
          {c.letters.map((l) => (
            <li key={l.id} className="card" data-letter-kind={l.kind}>
              <Link to={`/kasus/${c.id}/surat/${l.id}`}>
                {kind(l.kind)} · {l.number}
              </Link>
              <p className="card__meta">
                {t('letters.meta', { date: date(l.issuedAt), status: t(`letters.status.${l.status}`) })} ·{' '}
                <a href={letterPdfUrl(c.id, l.id)} target="_blank" rel="noopener">
                  {t('letters.pdf')}
                </a>
              </p>
            </li>
          ))}
        </ul>
      )}
      <FormErrors error={error} placed={[]} />
      <div className="actions no-print">
        {checked && !live('registry_certificate') && (
          <button type="button" className="button" disabled={busy} onClick={() => void issue('registry_certificate')}>
            {t('letters.issueCertificate')}
          </button>
        )}
      </div>
    </>
  );
}
