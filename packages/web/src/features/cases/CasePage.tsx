import { useEffect, useState } from 'react';
import type { CaseAction } from '@slrt/core';
import { errorMessage } from '../../api/client.ts';
import { useUser } from '../../api/session.tsx';
import { permissionsOf } from '../../api/user.ts';
import { Link, navigate, useParams } from '../../app/router.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { SelectField, TextAreaField } from '../../ui/Field.tsx';
import { FormErrors } from '../../ui/FormErrors.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { CaseReferrals } from '../referrals/CaseReferrals.tsx';
import { ActionForm } from './ActionForm.tsx';
import { NeedHolding } from './NeedHolding.tsx';
import { caseApi, type CaseTransferResult, type CaseView } from './case-api.ts';
import { CaseDocuments } from './CaseDocuments.tsx';
import { CaseLetters } from './CaseLetters.tsx';
import { NextStep } from './NextStep.tsx';
import { useActionLabel, useCodeLabel, useDateFormat, useRegistryStatusLabel, useStatusLabel } from './labels.ts';
import { Timeline } from './Timeline.tsx';
import './cases.css';

/**
 * `/kasus/:id`: the case, the buttons of the actions allowed now, its needs with their
 * referrals (and "refer" per open need), assignment, notes, documents, letters and the
 * timeline.
 */
export default function CasePage() {
  const t = useT('cases');
  const { id = '' } = useParams();
  const permissions = permissionsOf(useUser());
  const mayReadReferrals = permissions.has('referrals.read');
  const [issuing, setIssuing] = useState(false);
  const [c, setC] = useState<CaseView | null>(null);
  const [transferred, setTransferred] = useState<CaseTransferResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [open, setOpen] = useState<CaseAction | null>(null);
  const [generation, setGeneration] = useState(0);
  const actionLabel = useActionLabel();

  useEffect(() => {
    let live = true;
    caseApi.get(id).then(
      (v) => live && setC(v),
      (e: unknown) => live && setError(errorMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [id, generation]);

  if (error && !c) {
    return (
      <div className="alert alert--error" role="alert">
        <p>{error}</p>
        <button type="button" className="button" onClick={() => setGeneration((g) => g + 1)}>
          {t('action.retry')}
        </button>
      </div>
    );
  }
  if (transferred && !transferred.case) {
    // the case left the caller's area with the transfer: what happened, and the way back
    return (
      <section data-transferred-to={transferred.villageCode}>
        <h1>
          <span className="case-card__code">{transferred.code}</span>
        </h1>
        <Notice>{t('case.transferredAway', { village: transferred.villageName, kecamatan: transferred.kecamatanName })}</Notice>
        <p>
          <Link to="/kasus" className="button">
            {t('case.backToList')}
          </Link>
        </p>
      </section>
    );
  }
  if (!c) return <p role="status">{t('app.loading')}</p>;

  const updated = (next: CaseView, message?: string) => {
    setC(next);
    setOpen(null);
    setNotice(message ?? null);
    // the outcome and the next step are at the top: show them, not the bottom of a long form
    window.scrollTo(0, 0);
  };

  async function issueRecommendation(caseId: string) {
    setIssuing(true);
    try {
      const letter = await caseApi.issueLetter(caseId, 'recommendation');
      navigate(`/kasus/${caseId}/surat/${letter.id}`);
    } catch (e) {
      setNotice(errorMessage(e));
      setIssuing(false);
    }
  }

  return (
    <section data-case-id={c.id} data-case-status={c.status}>
      <CaseHeader c={c} />
      {notice && <Notice>{notice}</Notice>}
      <NextStep c={c} mayRefer={permissions.has('referrals.create')} onAction={setOpen} onIssueRecommendation={() => void issueRecommendation(c.id)} busy={issuing} />

      {c.allowedActions.length > 0 && (
        <div className="no-print">
          <h2>{t('case.actions')}</h2>
          <div className="actions">
            {c.allowedActions.map((a) => (
              <button key={a} type="button" className={a === 'decide' ? 'button button--primary' : 'button'} aria-expanded={open === a} onClick={() => setOpen(open === a ? null : a)}>
                {actionLabel(a)}
              </button>
            ))}
          </div>
          {open && (
            <ActionForm
              key={open}
              c={c}
              action={open}
              onCancel={() => setOpen(null)}
              onDone={(next) => updated(next, t('case.actionDone', { action: actionLabel(open) }))}
              onTransferred={(result) => {
                if (result.case) updated(result.case, t('case.transferredTo', { village: result.villageName, kecamatan: result.kecamatanName }));
                else setTransferred(result);
              }}
            />
          )}
        </div>
      )}
      {c.allowedActions.length === 0 && !c.canWork && c.status !== 'resolved' && c.status !== 'closed' && <p className="alert alert--info">{t('case.followOnly')}</p>}

      <Needs c={c} onChange={updated} />
      {mayReadReferrals && <CaseReferrals c={c} onChange={() => setGeneration((g) => g + 1)} />}
      <p className="no-print">
        <Link to={`/kasus/${c.id}/tanda-terima`} className="button">
          {t('case.receipt')}
        </Link>
      </p>
      {c.canWork && c.status !== 'resolved' && c.status !== 'closed' && <Assignment c={c} onChange={updated} />}
      <CaseLetters c={c} onChange={() => setGeneration((g) => g + 1)} />
      <CaseDocuments c={c} onChange={() => setGeneration((g) => g + 1)} />
      <NoteForm c={c} onChange={updated} />
      <h2>{t('case.timeline')}</h2>
      <Timeline events={c.timeline} />
    </section>
  );
}

function CaseHeader({ c }: { c: CaseView }) {
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
        <dt>{t('case.village')}</dt>
        <dd>
          {c.villageName}, {c.kecamatanName}
        </dd>
        <dt>{t('case.channel')}</dt>
        <dd>
          {label('channel', c.channel)} · {label('kind', c.kind)}
        </dd>
        {c.fastTrack && (
          <>
            <dt>{t('case.fastTrackReasons')}</dt>
            <dd>{c.fastTrackReasons.map((r) => label('fast_track_reason', r)).join(', ')}</dd>
          </>
        )}
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

function Needs({ c, onChange }: { c: CaseView; onChange: (next: CaseView, message?: string) => void }) {
  const t = useT('cases');
  const label = useCodeLabel();
  const [error, setError] = useState<unknown>(null);
  async function move(needId: string, status: 'resolved' | 'closed') {
    setError(null);
    try {
      onChange(await caseApi.needStatus(c.id, needId, status), t('case.needMoved'));
    } catch (e) {
      setError(e);
    }
  }
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
              <button type="button" className="button button--small" onClick={() => void move(n.id, 'resolved')}>
                {t('case.needResolve')}
              </button>
              <button type="button" className="button button--small" onClick={() => void move(n.id, 'closed')}>
                {t('case.needClose')}
              </button>
            </div>
          )}
        </div>
      ))}
    </>
  );
}

function Assignment({ c, onChange }: { c: CaseView; onChange: (next: CaseView, message?: string) => void }) {
  const t = useT('cases');
  const [options, setOptions] = useState<Array<{ id: string; name: string }>>([]);
  const [choice, setChoice] = useState(c.assignedTo?.id ?? '');
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    caseApi.assignees(c.id).then((r) => setOptions(r.items), setError);
  }, [c.id, c.level]);
  return (
    <form
      className="no-print"
      onSubmit={(e) => {
        e.preventDefault();
        setError(null);
        caseApi.assign(c.id, choice || null).then((next) => onChange(next, t('case.assigned')), setError);
      }}
    >
      <h2>{t('case.assignment')}</h2>
      <FormErrors error={error} placed={[]} />
      <SelectField id="assignee" label={t('case.assignee')} value={choice} onChange={(e) => setChoice(e.target.value)}>
        <option value="">{t('case.unassigned')}</option>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </SelectField>
      <button type="submit" className="button">
        {t('case.assign')}
      </button>
    </form>
  );
}

function NoteForm({ c, onChange }: { c: CaseView; onChange: (next: CaseView, message?: string) => void }) {
  const t = useT('cases');
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>(null);
  if (c.status === 'resolved' || c.status === 'closed') return null;
  return (
    <form
      className="no-print"
      onSubmit={(e) => {
        e.preventDefault();
        setError(null);
        caseApi.note(c.id, text).then((next) => {
          setText('');
          onChange(next, t('case.noted'));
        }, setError);
      }}
    >
      <FormErrors error={error} placed={['text']} />
      <TextAreaField id="note" label={t('case.note')} value={text} onChange={(e) => setText(e.target.value)} />
      <button type="submit" className="button" disabled={!text.trim()}>
        {t('case.addNote')}
      </button>
    </form>
  );
}
