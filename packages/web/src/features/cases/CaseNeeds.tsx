import { useT } from '../../i18n/i18n.tsx';
import { FormErrors } from '../../ui/FormErrors.tsx';
import { useFormAction } from '../../ui/use-form-action.ts';
import { NeedHolding } from './NeedHolding.tsx';
import { caseApi, type CaseView } from './case-api.ts';
import { useCodeLabel } from './labels.ts';

/** The case's needs with their referrals, and who holds each. */
export function Needs({ c, onChange }: { c: CaseView; onChange: (next: CaseView, message?: string) => void }) {
  const t = useT('cases');
  const label = useCodeLabel();
  const { busy, error, run } = useFormAction();
  const move = (needId: string, status: 'resolved' | 'closed') => run(async () => onChange(await caseApi.needStatus(c.id, needId, status), t('case.needMoved')));
  return (
    <>
      <h2>{t('case.needs')}</h2>
      <FormErrors error={error} placed={[]} />
      {c.needs.map((n) => (
        <div key={n.id} className="need" data-need-sector={n.sector}>
          <div className="need__head">
            <strong>{label('sector', n.sector)}</strong>
            <span className={`status status--${n.status === 'resolved' || n.status === 'closed' ? 'closed' : 'open'}`}>{label('need_status', n.status)}</span>
          </div>
          <p className="card__meta">{label('urgency', n.urgency)}</p>
          {n.person.id !== c.person.id && <p className="card__meta" data-testid="need-person">{t('case.needFor', { name: n.person.fullName })}</p>}
          <p>{n.request}</p>
          {n.returnedAt && n.status === 'open' && <p className="alert alert--info">{t('case.needReturned')}</p>}
          {n.recommendation && <p className="card__meta">{t('case.needRecommendation', { text: n.recommendation })}</p>}
          <NeedHolding c={c} n={n} onChange={onChange} />
          {n.movable && (
            <div className="actions no-print">
              <button type="button" className="button button--small" disabled={busy} onClick={() => void move(n.id, 'resolved')}>
                {t('case.needResolve')}
              </button>
              <button type="button" className="button button--small" disabled={busy} onClick={() => void move(n.id, 'closed')}>
                {t('case.needClose')}
              </button>
            </div>
          )}
        </div>
      ))}
    </>
  );
}
