import { useUser } from '../../api/session.tsx';
import { permissionsOf } from '../../api/user.ts';
import { Link } from '../../app/router.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { type CaseView } from './case-api.ts';
import { CaseOrigin } from './CaseOrigin.tsx';
import { useCodeLabel, useDateFormat, useRegistryStatusLabel, useStatusLabel } from './labels.ts';

/** The case page's header: the resident, status, dates, tracking code and the registry's answer. */
export function CaseHeader({ c }: { c: CaseView }) {
  const t = useT('cases');
  const label = useCodeLabel();
  const status = useStatusLabel();
  const registry = useRegistryStatusLabel();
  const date = useDateFormat();
  const mayReadRegistry = permissionsOf(useUser()).has('registry.read');
  return (
    <>
      <h1>
        <span className="case-card__code">{c.code}</span>
      </h1>
      <div className="tags">
        <span className={`status status--${c.status}`} data-status={c.status}>
          {status(c.status)}
        </span>
        <span className="status">{label('level', c.level)}</span>
        {c.fastTrack && <span className="status status--fast">{t('case.fastTrack')}</span>}
        {c.overdue && <span className="status status--overdue">{t('case.overdue')}</span>}
      </div>
      <dl className="dl">
        <dt>{t('case.resident')}</dt>
        <dd>
          {mayReadRegistry ? <Link to={`/registri/rumah-tangga/${c.person.householdId}`}>{c.person.fullName}</Link> : c.person.fullName}
          {c.person.nikMasked && <> · {c.person.nikMasked}</>}
        </dd>
        <dt>{t('case.registryStatus')}</dt>
        <dd>{registry(c.person.registryStatus)}</dd>
        <CaseOrigin c={c} fastTrackTerm="case.fastTrackReasons" />
        <dt>{t('case.registeredAt')}</dt>
        <dd>{date(c.registeredAt, true)}</dd>
        <dt>{t('case.due')}</dt>
        <dd>
          {date(c.dueAt)} ({label('urgency', c.urgency)})
        </dd>
        <dt>{t('case.assignedTo')}</dt>
        <dd>{c.assignedTo?.name ?? t('case.unassigned')}</dd>
        {c.decision && (
          <>
            <dt>{t('case.decision')}</dt>
            <dd>
              {label('decision', c.decision)}
              {c.decidedBy && ` · ${c.decidedBy.name}`}
            </dd>
          </>
        )}
        {c.closeReason && (
          <>
            <dt>{t('case.closeReason')}</dt>
            <dd>{label('close_reason', c.closeReason)}</dd>
          </>
        )}
        <dt>{t('case.legalBasis')}</dt>
        <dd>{label('legal_basis', c.legalBasis)}</dd>
      </dl>
      {c.needsRegistryProposal && <p className="alert alert--info">{c.registryProposalId ? t('case.proposalLinked') : t('case.needsProposal')}</p>}
      <h2>{t('case.complaint')}</h2>
      <p>{c.complaint}</p>
      {c.recommendation && (
        <>
          <h2>{t('case.recommendation')}</h2>
          <p>{c.recommendation}</p>
        </>
      )}
    </>
  );
}
