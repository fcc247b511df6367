import { useState } from 'react';
import { actionNeedsReason, isFinalProposalStatus, PROPOSAL_STATUSES, type ProposalDetail, type ProposalStatus, type ProposalUserAction } from '@slrt/core';
import { permissionsOf } from '../../api/user.ts';
import { useUser } from '../../api/session.tsx';
import { Link, useSearchParam } from '../../app/router.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { FormErrors, fieldError } from '../../ui/FormErrors.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { StatusTag, TextArea, WithProposal } from './controls.tsx';
import { householdPath, personPath } from './links.ts';
import { useDateText, useFieldLabel, usePeriodText, useValueText } from './labels.ts';
import { proposalApi } from './proposal-api.ts';
import { Documents } from './ProposalDocuments.tsx';
import { Lineage, Verifications } from './ProposalLineage.tsx';
import './proposals.css';

/** `/usulan/:id`: the proposal beside the registry's values, its steps, visits, evidence and lineage. */
export default function ProposalPage() {
  return <WithProposal>{(p, reload) => <ProposalView p={p} reload={reload} />}</WithProposal>;
}

function ProposalView({ p, reload }: { p: ProposalDetail; reload: () => void }) {
  const t = useT('proposals');
  const date = useDateText();
  const period = usePeriodText();
  const held = permissionsOf(useUser());
  const saved = useSearchParam('hasil');
  return (
    <section data-proposal-status={p.status}>
      {saved && (PROPOSAL_STATUSES as readonly string[]).includes(saved) && <Notice>{t('verify.saved', { status: t(`status.${saved as ProposalStatus}`) })}</Notice>}
      <h1>
        <span className="p-code">{p.code}</span> · {p.subjectName ?? t('list.noName')}
      </h1>
      <div className="tags">
        <StatusTag status={p.status} />
        <span className="badge">{t(`type.${p.type}`)}</span>
        {p.overdue && <span className="status status--overdue">{t('list.pastCutOff')}</span>}
      </div>
      {p.staleReason && p.status === 'needs_review' && (
        <p className="alert alert--error" role="alert" data-testid="stale-reason">
          {p.staleReason}
        </p>
      )}

      <dl className="p-dl">
        <dt>{t('detail.village')}</dt>
        <dd>{p.villageName}, {t('detail.kecamatan', { name: p.kecamatanName })}</dd>
        <dt>{t('detail.channel')}</dt>
        <dd>{t(`channel.${p.channel}`)} · {t(`origin.${p.origin}`)}</dd>
        <dt>{t('detail.reason')}</dt>
        <dd>{p.reason}</dd>
        <dt>{t('detail.created')}</dt>
        <dd>{t('detail.createdBy', { name: p.createdByName ?? '—', date: date(p.createdAt, true) })}</dd>
        {p.roundId && (
          <>
            <dt>{t('detail.round')}</dt>
            <dd>
              <Link to={`/usulan/ronde/${p.roundId}`}>{period(p.roundPeriod)}</Link> · {t('detail.cutOff', { date: date(p.cutOffDate) })}
            </dd>
          </>
        )}
        {p.assignedToName && (
          <>
            <dt>{t('detail.assigned')}</dt>
            <dd>{p.assignedToName}</dd>
          </>
        )}
        {(p.householdId || p.personId) && (
          <>
            <dt>{t('detail.record')}</dt>
            <dd>
              {p.householdId && <Link to={householdPath(p.householdId)}>{t('detail.household')}</Link>}
              {p.householdId && p.personId && ' · '}
              {p.personId && <Link to={personPath(p.personId)}>{t('detail.person')}</Link>}
            </dd>
          </>
        )}
        {p.caseId && (
          <>
            <dt>{t('detail.case')}</dt>
            <dd>
              <Link to={`/kasus/${p.caseId}`}>{t('detail.openCase')}</Link>
            </dd>
          </>
        )}
      </dl>

      <Comparison p={p} />
      <Steps p={p} onDone={reload} />
      <Verifications p={p} />
      <Documents p={p} onChange={reload} mayUpload={held.has('proposals.create') && !isFinalProposalStatus(p.status) && p.status !== 'approved' && p.status !== 'sent'} />
      <Lineage p={p} />
    </section>
  );
}

/** Proposed values beside the registry's (and the facilitator's confirmed ones). */
function Comparison({ p }: { p: ProposalDetail }) {
  const t = useT('proposals');
  const field = useFieldLabel();
  const value = useValueText();
  const fields = p.changedFields;
  if (p.targetKind === 'new_household' && Array.isArray(p.changes.members)) {
    const members = p.changes.members as Array<Record<string, unknown>>;
    const household = fields.filter((f) => f !== 'members');
    return (
      <>
        <h2>{t('detail.proposed')}</h2>
        <dl className="p-dl">
          {household.map((f) => (
            <div key={f} style={{ display: 'contents' }}>
              <dt>{field(f)}</dt>
              <dd>{value(f, p.changes[f])}</dd>
            </div>
          ))}
        </dl>
        <h3>{t('detail.members', { count: members.length })}</h3>
        {members.map((m, i) => (
          <div key={i} className="p-member">
            <dl className="p-dl">
              {Object.entries(m).map(([k, v]) => (
                <div key={k} style={{ display: 'contents' }}>
                  <dt>{field(k)}</dt>
                  <dd>{value(k, v)}</dd>
                </div>
              ))}
            </dl>
          </div>
        ))}
      </>
    );
  }
  return (
    <>
      <h2>{t('detail.proposed')}</h2>
      {fields.length === 0 ? (
        <p>{t('detail.noChanges')}</p>
      ) : (
        <table className="p-compare" data-testid="comparison">
          <thead>
            <tr>
              <th>{t('compare.field')}</th>
              <th>{t('compare.current')}</th>
              <th>{t('compare.proposed')}</th>
              {p.confirmedChanges && <th>{t('compare.confirmed')}</th>}
            </tr>
          </thead>
          <tbody>
            {fields.map((f) => (
              <tr key={f} data-field={f}>
                <td data-label={t('compare.field')}>{field(f)}</td>
                <td data-label={t('compare.current')}>{p.current ? value(f, p.current[f]) : t('compare.new')}</td>
                <td data-label={t('compare.proposed')} className="p-new">{value(f, p.changes[f])}</td>
                {p.confirmedChanges && <td data-label={t('compare.confirmed')}>{value(f, p.confirmedChanges[f])}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

/** The steps the caller may take now; refusals and returns ask for a reason. */
function Steps({ p, onDone }: { p: ProposalDetail; onDone: () => void }) {
  const t = useT('proposals');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const actions = p.allowedActions;
  if (actions.length === 0 && !done) return null;
  const needsReason = actions.some((a) => actionNeedsReason(a));
  const run = (action: ProposalUserAction) => {
    setBusy(true);
    setError(null);
    proposalApi
      .step(p.id, action, actionNeedsReason(action) || reason.trim() ? { reason: reason.trim() } : {})
      .then((r) => {
        setDone(r.stale ? t('steps.stale') : t('steps.done', { status: t(`status.${r.status}`) }));
        setReason('');
        onDone();
      }, setError)
      .finally(() => setBusy(false));
  };
  return (
    <section aria-labelledby="p-steps">
      <h2 id="p-steps">{t('steps.title')}</h2>
      {done && <Notice>{done}</Notice>}
      <FormErrors error={error} placed={['reason']} />
      {needsReason && (
        <TextArea id="step-reason" label={t('steps.reason')} hint={t('steps.reasonHint')} value={reason} onChange={(e) => setReason(e.target.value)}
          error={fieldError(error, 'reason')} />
      )}
      <div className="p-actions">
        {actions.map((a) =>
          a === 'verify' ? (
            <Link key={a} to={`/usulan/${p.id}/verifikasi`} className="button button--primary" data-step={a}>
              {t('step.verify')}
            </Link>
          ) : (
            <button key={a} type="button" data-step={a} className={actionNeedsReason(a) ? 'button' : 'button button--primary'} disabled={busy || (actionNeedsReason(a) && !reason.trim())} onClick={() => run(a)}>
              {t(`step.${a}`)}
            </button>
          ),
        )}
      </div>
    </section>
  );
}

