import { useEffect, useState } from 'react';
import type { CaseAction } from '@slrt/core';
import { errorMessage } from '../../api/client.ts';
import { useUser } from '../../api/session.tsx';
import { permissionsOf } from '../../api/user.ts';
import { Link, navigate, useParams } from '../../app/router.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { CaseReferrals } from '../referrals/CaseReferrals.tsx';
import { ActionForm } from './ActionForm.tsx';
import { caseApi, type CaseTransferResult, type CaseView } from './case-api.ts';
import { CaseDocuments } from './CaseDocuments.tsx';
import { CaseLetters } from './CaseLetters.tsx';
import { NextStep } from './NextStep.tsx';
import { useActionLabel } from './labels.ts';
import { Timeline } from './Timeline.tsx';
import { CaseHeader } from './CaseHeader.tsx';
import { Needs } from './CaseNeeds.tsx';
import { Assignment } from './CaseAssignment.tsx';
import { NoteForm } from './CaseNoteForm.tsx';
import { LoadError } from '../../ui/LoadError.tsx';
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
    return <LoadError error={error} onRetry={() => setGeneration((g) => g + 1)} />;
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
