import { useState } from 'react';
import type { ReactNode } from 'react';
import { missingRoundDocuments, ROUND_BASES, type ProposalSummary, type RoundBasis, type RoundView } from '@slrt/core';
import { permissionsOf } from '../../api/user.ts';
import { useUser } from '../../api/session.tsx';
import { useCursorList } from '../../api/use-cursor-list.ts';
import { useResource } from '../../api/use-resource.ts';
import { Link, useParams } from '../../app/router.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { SelectField, TextField } from '../../ui/Field.tsx';
import { FormErrors, fieldError } from '../../ui/FormErrors.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { TextArea } from './controls.tsx';
import { useDateText, usePeriodText } from './labels.ts';
import { proposalApi } from './proposal-api.ts';
import { ProposalCard } from './ProposalListPage.tsx';
import { DocumentUploadForm } from '../../ui/Upload.tsx';
import { documentTitle, uploadLabels } from './ProposalDocuments.tsx';
import { DocumentCards } from '../../ui/DocumentCards.tsx';
import { CursorCards } from '../../ui/CursorCards.tsx';
import { useFormAction } from '../../ui/use-form-action.ts';
import './proposals.css';

const ROUND_DOCUMENT_KINDS = ['minutes', 'attendance', 'sptjm', 'photo', 'other'] as const;

function todayInJakarta(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
}

/** `/usulan/ronde`: the villages' monthly rounds in the caller's area, newest month first. */
function RoundsPage() {
  const t = useT('proposals');
  const period = usePeriodText();
  const date = useDateText();
  const rounds = useCursorList<RoundView>('/proposal-rounds');
  return (
    <section>
      <h1>{t('rounds.title')}</h1>
      <p className="lead">{t('rounds.intro')}</p>
      {rounds.error && <p className="alert alert--error">{rounds.error}</p>}
      <CursorCards list={rounds} empty={t('list.empty')} testId="round-list">
        {(r) => (
          <li key={r.id} className="card" data-round-status={r.status}>
            <h2 className="card__title">
              <Link to={`/usulan/ronde/${r.id}`}>
                {r.villageName} · {period(r.period)}
              </Link>
            </h2>
            <p className="card__meta">
              {t(`round.status.${r.status}`)} · {t('detail.cutOff', { date: date(r.cutOffDate) })}
              {r.status === 'open' && ` · ${r.daysToCutOff >= 0 ? t('rounds.daysLeft', { days: r.daysToCutOff }) : t('rounds.daysPast', { days: -r.daysToCutOff })}`}
            </p>
            <p className="p-meta">{Object.entries(r.counts).map(([s, n]) => `${t(`status.${s}` as never)}: ${n}`).join(' · ') || t('rounds.noProposals')}</p>
          </li>
        )}
      </CursorCards>
    </section>
  );
}

export default RoundsPage;

/** `/usulan/ronde/:id`: one round, its documents, its proposals; the village sends it, the kecamatan reviews it. */
export function RoundPage() {
  const t = useT('proposals');
  const { id = '' } = useParams();
  const round = useResource<RoundView>(`/proposal-rounds/${id}`);
  const proposals = useCursorList<ProposalSummary>('/proposals', { roundId: id, limit: 100 });
  const r = round.data;
  if (round.error && !r) return <p className="alert alert--error">{round.error}</p>;
  if (!r) return <p role="status">{t('app.loading')}</p>;
  const reload = () => {
    round.reload();
    proposals.reload();
  };
  return (
    <RoundDetail r={r} reload={reload}>
      <h2>{t('rounds.proposals')}</h2>
      {proposals.items.length === 0 ? (
        <p>{t('rounds.noProposals')}</p>
      ) : (
        <ul className="cards">
          {proposals.items.map((p) => (
            <ProposalCard key={p.id} p={p} />
          ))}
        </ul>
      )}
    </RoundDetail>
  );
}

function RoundDetail({ r, reload, children }: { r: RoundView; reload: () => void; children: ReactNode }) {
  const t = useT('proposals');
  const period = usePeriodText();
  const date = useDateText();
  const held = permissionsOf(useUser());
  const { busy, error, run } = useFormAction();
  const [basis, setBasis] = useState<RoundBasis>('musdes');
  const [basisDate, setBasisDate] = useState(todayInJakarta);
  const [note, setNote] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const open = r.status === 'open';
  const missing = missingRoundDocuments(basis, r.documents.map((d) => d.kind));

  return (
    <section data-round-status={r.status}>
      <h1>
        {t('rounds.heading', { village: r.villageName, period: period(r.period) })}
      </h1>
      <dl className="p-dl">
        <dt>{t('rounds.status')}</dt>
        <dd>{t(`round.status.${r.status}`)}</dd>
        <dt>{t('rounds.cutOff')}</dt>
        <dd>{date(r.cutOffDate)}</dd>
        {r.basis && (
          <>
            <dt>{t('rounds.basis')}</dt>
            <dd>{t(`round.basis.${r.basis}`)} · {date(r.basisDate)}</dd>
          </>
        )}
        {r.submittedAt && (
          <>
            <dt>{t('rounds.sent')}</dt>
            <dd>{t('detail.createdBy', { name: r.submittedByName ?? '—', date: date(r.submittedAt, true) })}</dd>
          </>
        )}
        {r.reviewedAt && (
          <>
            <dt>{t('rounds.reviewed')}</dt>
            <dd>{t('detail.createdBy', { name: r.reviewedByName ?? '—', date: date(r.reviewedAt, true) })}{r.reviewNote ? ` · ${r.reviewNote}` : ''}</dd>
          </>
        )}
      </dl>
      {done && <Notice>{done}</Notice>}

      <h2>{t('documents.title')}</h2>
      <DocumentCards documents={r.documents} none={t('documents.none')} href={(d) => proposalApi.roundDocumentUrl(r.id, d.id)} title={documentTitle(t)} />
      {open && held.has('proposals.create') && (
        <DocumentUploadForm
          idPrefix="round-document"
          labels={uploadLabels(t)}
          kinds={ROUND_DOCUMENT_KINDS}
          initialKind="minutes"
          kindLabel={(k) => t(`document.${k}` as never)}
          send={(kind) => (file, options) => proposalApi.roundUpload(r.id, kind, file, options)}
          onDone={reload}
        />
      )}

      {open && held.has('proposals.create') && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void run(async () => {
              await proposalApi.submitRound(r.id, { basis, basisDate, ...(note.trim() ? { note: note.trim() } : {}) });
              setDone(t('rounds.submitted'));
              reload();
            });
          }}
        >
          <h2>{t('rounds.submitTitle')}</h2>
          <p className="hint">{t('rounds.submitHint')}</p>
          <SelectField id="round-basis" label={t('rounds.basis')} value={basis} onChange={(e) => setBasis(e.target.value as RoundBasis)}>
            {ROUND_BASES.map((b) => (
              <option key={b} value={b}>
                {t(`round.basis.${b}`)}
              </option>
            ))}
          </SelectField>
          <TextField id="round-basis-date" type="date" label={t('rounds.basisDate')} max={todayInJakarta()} value={basisDate} onChange={(e) => setBasisDate(e.target.value)} error={fieldError(error, 'basisDate')} />
          <TextArea id="round-note" label={t('rounds.note')} value={note} onChange={(e) => setNote(e.target.value)} />
          {missing.length > 0 && <p className="hint" role="status">{t('rounds.missing', { kinds: missing.map((k) => t(`document.${k}` as never)).join(', ') })}</p>}
          <button type="submit" className="button button--primary" disabled={busy || missing.length > 0}>
            {t('rounds.submit')}
          </button>
        </form>
      )}

      {r.status === 'submitted' && held.has('proposals.review') && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void run(async () => {
              const res = await proposalApi.reviewRound(r.id, note.trim() || undefined);
              setDone(t('rounds.reviewDone', { reviewed: res.reviewed, stale: res.stale }));
              reload();
            });
          }}
        >
          <h2>{t('rounds.reviewTitle')}</h2>
          <p className="hint">{t('rounds.reviewHint')}</p>
          <TextArea id="round-review-note" label={t('rounds.note')} value={note} onChange={(e) => setNote(e.target.value)} />
          <FormErrors error={error} placed={[]} />
          <button type="submit" className="button button--primary" disabled={busy}>
            {t('rounds.review')}
          </button>
        </form>
      )}
      {!(r.status === 'submitted' && held.has('proposals.review')) && <FormErrors error={error} placed={['basisDate']} />}
      {children}
    </section>
  );
}
