import { caseCodeLabel, type ReferralView } from '@slrt/core';
import { useLocale, useT } from '../../i18n/i18n.tsx';
import { useDate, useReferralLabels } from './labels.ts';
import { evidenceUrl } from './referral-api.ts';
import { ReferralTimeline, StatusTags } from './ReferralTimeline.tsx';
import { SubjectFields } from './SubjectFields.tsx';

/**
 * What both sides see of a referral: number, status, service, need, due date, the resident's
 * shared fields, the outcome and evidence, and the timeline. `evidenceLinks` off for a link
 * holder (documents need an account).
 */
export function ReferralDetails({ r, evidenceLinks = true }: { r: ReferralView; evidenceLinks?: boolean }) {
  const t = useT('referrals');
  const { locale } = useLocale();
  const { outcome, priority } = useReferralLabels();
  const date = useDate();
  return (
    <>
      <h1>
        <span data-testid="referral-number">{r.number}</span>
      </h1>
      <StatusTags r={r} />
      <dl className="dl">
        <div>
          <dt>{t('detail.service')}</dt>
          <dd>{r.service.name}</dd>
        </div>
        <div>
          <dt>{t('detail.organization')}</dt>
          <dd>{r.organization.name}</dd>
        </div>
        <div>
          <dt>{t('detail.sector')}</dt>
          <dd>{caseCodeLabel('sector', r.sector, locale)}</dd>
        </div>
        <div>
          <dt>{t('detail.priority')}</dt>
          <dd>{priority(r.priority)}</dd>
        </div>
        <div>
          <dt>{t('detail.from')}</dt>
          <dd>
            {r.village.name ?? r.village.code}
            {r.createdByName && ` · ${r.createdByName}`}
          </dd>
        </div>
        <div>
          <dt>{t('detail.sent')}</dt>
          <dd>{date(r.createdAt, true)}</dd>
        </div>
        <div>
          <dt>{t('detail.due')}</dt>
          <dd>{date(r.dueDate)}</dd>
        </div>
        {r.caseNumber && (
          <div>
            <dt>{t('detail.case')}</dt>
            <dd>{r.caseNumber}</dd>
          </div>
        )}
      </dl>
      <h2>{t('detail.reason')}</h2>
      <p data-testid="referral-reason">{r.reason}</p>
      {r.needSummary && r.needSummary !== r.reason && <p className="card__meta">{t('detail.need', { text: r.needSummary })}</p>}
      {r.declineReason && <p className="alert alert--info">{t('detail.declined', { reason: r.declineReason })}</p>}
      {r.cancelReason && <p className="alert alert--info">{t('detail.cancelled', { reason: r.cancelReason })}</p>}
      {r.outcome && (
        <div className="panel" data-testid="referral-outcome" data-outcome={r.outcome}>
          <strong>{t('detail.outcome', { outcome: outcome(r.outcome) })}</strong>
          {r.outcomeNotes && <p>{r.outcomeNotes}</p>}
        </div>
      )}
      <h2>{t('detail.subject')}</h2>
      <SubjectFields r={r} />
      {r.evidence.length > 0 && (
        <>
          <h2>{t('detail.evidence')}</h2>
          <ul>
            {r.evidence.map((d) => (
              <li key={d.id}>
                {evidenceLinks ? (
                  <a href={evidenceUrl(r.id, d.id)} target="_blank" rel="noreferrer">
                    {d.fileName}
                  </a>
                ) : (
                  d.fileName
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {r.events && (
        <>
          <h2>{t('detail.timeline')}</h2>
          <ReferralTimeline events={r.events} />
        </>
      )}
    </>
  );
}
