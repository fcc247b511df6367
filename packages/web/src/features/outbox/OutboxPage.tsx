import { useCallback, useEffect, useState } from 'react';
import { caseCodeLabel, CASE_STATUS_LIST, formatDate, type CaseView, type Locale, type PersonView, type ProposalDetail } from '@slrt/core';
import { api, errorMessage } from '../../api/client.ts';
import { useUser } from '../../api/session.tsx';
import { Link, navigate } from '../../app/router.tsx';
import { useLocale, useT } from '../../i18n/i18n.tsx';
import { useFormAction } from '../../ui/use-form-action.ts';
import { hasUnsentDraft, saveDraft } from '../intake/draft-store.ts';
import { subscribe } from './outbox-count.ts';
import { discardItem, outboxItems, resendItem, sendOutbox, settleItem, type OutboxInput, type OutboxItem } from './outbox.ts';
import './outbox.css';

type Rows = Array<[string, string]>;

/**
 * `/kotak-keluar`: the officer's outbox. What waits, is being sent, was sent (a day, with a link
 * to the record) or needs attention; "Kirim sekarang" sends at once. An item the server refused
 * shows what the officer entered beside what the server holds now, and the officer chooses:
 * send again, use the registered resident, move the intake back into its form, keep a
 * verification as a note on the case, or discard it (after a question).
 */
export default function OutboxPage() {
  const t = useT('common');
  const user = useUser();
  const [items, setItems] = useState<OutboxItem[] | null>(null);
  const [busy, setBusy] = useState(false);
  const reload = useCallback(() => outboxItems(user.id).then(setItems, () => setItems([])), [user.id]);
  useEffect(() => {
    void reload();
    return subscribe(() => void reload());
  }, [reload]);

  const sendNow = async () => {
    setBusy(true);
    try {
      await sendOutbox(user.id);
    } finally {
      setBusy(false);
      void reload();
    }
  };

  if (!items) return <p role="status">{t('app.loading')}</p>;
  const waiting = items.some((i) => i.state === 'waiting' || i.state === 'sending');
  return (
    <section data-testid="outbox">
      <h1>{t('outbox.title')}</h1>
      <p>{t('outbox.intro')}</p>
      {waiting && (
        <p>
          <button type="button" className="button button--primary" disabled={busy} onClick={() => void sendNow()}>
            {busy ? t('outbox.state.sending') : t('outbox.sendNow')}
          </button>
        </p>
      )}
      {items.length === 0 ? (
        <p data-testid="outbox-empty">{t('outbox.empty')}</p>
      ) : (
        <ul className="cards">
          {items.map((item) => (
            <ItemCard key={item.id} item={item} onChange={() => void reload()} />
          ))}
        </ul>
      )}
    </section>
  );
}

function ItemCard({ item, onChange }: { item: OutboxItem; onChange: () => void }) {
  const t = useT('common');
  const { locale } = useLocale();
  return (
    <li className="card" data-outbox-item={item.kind} data-outbox-state={item.state}>
      <p className="card__title">
        {t(`outbox.kind.${item.kind}`)} · {item.title}
      </p>
      <p className="card__meta">
        <span className={item.state === 'attention' ? 'outbox-attention-badge' : 'badge'}>{t(`outbox.state.${item.state}`)}</span>{' '}
        {formatDate(new Date(item.createdAt), locale, { withTime: true })}
        {item.files > 0 && ` · ${t('outbox.photos', { n: item.files })}`}
      </p>
      {item.state === 'sent' && item.result && (
        <p>
          <Link to={item.result.path}>
            {t('outbox.open')} {item.result.code}
          </Link>
        </p>
      )}
      {item.state === 'attention' && <Attention item={item} onChange={onChange} />}
    </li>
  );
}

/** What the officer entered, as rows. */
function typedRows(input: OutboxInput, t: ReturnType<typeof useT<'common'>>, tp: ReturnType<typeof useT<'proposals'>>, locale: Locale): Rows {
  const date = (d: string | undefined | null) => (d ? formatDate(d, locale) : '–');
  switch (input.kind) {
    case 'intake': {
      const r = input.draft.resident;
      const rows: Rows = [[t('outbox.row.resident'), r?.person.fullName ?? '–']];
      if (r?.mode === 'new') rows.push([t('outbox.row.nik'), r.person.nik || '–'], [t('outbox.row.birthDate'), date(r.person.birthDate)]);
      if (r?.mode === 'found') rows.push([t('outbox.row.nik'), r.person.nik ?? '–'], [t('outbox.row.birthDate'), date(r.person.birthDate)]);
      rows.push([t('outbox.row.complaint'), input.draft.complaint], [t('outbox.row.needs'), input.draft.needs.map((n) => n.request).join('; ')]);
      return rows;
    }
    case 'caseVerification':
      return [
        [t('outbox.row.outcome'), caseCodeLabel('verification_outcome', input.body.outcome, locale)],
        [t('outbox.row.visitDate'), date(input.body.visitedOn)],
        [t('outbox.row.notes'), input.body.notes || '–'],
      ];
    case 'proposalVerification':
      return [
        [t('outbox.row.verdict'), tp(`verdict.${input.body.verdict}`)],
        [t('outbox.row.visitDate'), date(input.body.visitDate)],
        [t('outbox.row.metName'), input.body.metName],
        [t('outbox.row.notes'), input.body.reason ?? '–'],
      ];
  }
}

interface ServerVersion {
  rows: Rows;
  /** The step may be taken now: "send again" can succeed. */
  resendable: boolean;
  /** The resident registered by someone else (an intake's conflict). */
  registered?: PersonView;
}

/** What the server holds now for the item's record (loaded when online). */
function useServerVersion(item: OutboxItem): { version: ServerVersion | null; error: string | null } {
  const t = useT('common');
  const tp = useT('proposals');
  const { locale } = useLocale();
  const [version, setVersion] = useState<ServerVersion | null>(null);
  const [error, setError] = useState<string | null>(null);
  const input = item.input;
  const personId = typeof item.problem?.details.personId === 'string' ? item.problem.details.personId : null;
  useEffect(() => {
    if (!input) return;
    const date = (d: string | null | undefined) => (d ? formatDate(d, locale) : '–');
    const load = async (): Promise<ServerVersion> => {
      switch (input.kind) {
        case 'intake': {
          if (!personId) return { rows: [], resendable: true };
          const p = await api.get<PersonView>(`/persons/${encodeURIComponent(personId)}`);
          return {
            rows: [[t('outbox.row.resident'), p.fullName], [t('outbox.row.nik'), p.nik ?? '–'], [t('outbox.row.birthDate'), date(p.birthDate)], [t('outbox.row.village'), p.villageName]],
            resendable: true,
            registered: p,
          };
        }
        case 'caseVerification': {
          const c = await api.get<CaseView>(`/cases/${encodeURIComponent(input.caseId)}`);
          const rows: Rows = [[t('outbox.row.status'), CASE_STATUS_LIST.find((s) => s.code === c.status)?.[locale] ?? c.status]];
          const last = c.timeline.filter((e) => e.action === 'record_verification').at(-1);
          if (last) {
            const d = last.details ?? {};
            rows.push(
              [t('outbox.row.by'), `${last.actor?.name ?? '–'}, ${formatDate(last.at, locale, { withTime: true })}`],
              [t('outbox.row.outcome'), typeof d.outcome === 'string' ? caseCodeLabel('verification_outcome', d.outcome, locale) : '–'],
              [t('outbox.row.notes'), typeof d.notes === 'string' ? d.notes : '–'],
            );
          }
          return { rows, resendable: c.allowedActions.includes('record_verification') };
        }
        case 'proposalVerification': {
          const p = await api.get<ProposalDetail>(`/proposals/${encodeURIComponent(input.proposalId)}`);
          const rows: Rows = [[t('outbox.row.status'), tp(`status.${p.status}`)]];
          const last = p.verifications.at(-1);
          if (last) {
            rows.push(
              [t('outbox.row.by'), `${last.verifierName}, ${formatDate(last.createdAt, locale, { withTime: true })}`],
              [t('outbox.row.verdict'), tp(`verdict.${last.verdict}`)],
              [t('outbox.row.visitDate'), date(last.visitDate)],
              [t('outbox.row.metName'), last.metName],
              [t('outbox.row.notes'), last.reason ?? '–'],
            );
          }
          return { rows, resendable: p.allowedActions.includes('verify') };
        }
      }
    };
    let live = true;
    load().then((v) => live && setVersion(v), (e: unknown) => live && setError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, [input, personId, locale, t, tp]);
  return { version, error };
}

function newKey(): string {
  return typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `intake-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

function Attention({ item, onChange }: { item: OutboxItem; onChange: () => void }) {
  const t = useT('common');
  const tp = useT('proposals');
  const { locale } = useLocale();
  const user = useUser();
  const { version, error } = useServerVersion(item);
  const { busy, message, run } = useFormAction();
  // why an edit cannot start (an unsent draft): said without asking the server
  const [note, setNote] = useState<string | null>(null);
  const problem = item.problem;
  const input = item.input;

  const act = async (fn: () => Promise<void>) => {
    setNote(null);
    await run(fn);
    onChange();
  };
  const discard = () => {
    if (window.confirm(t('outbox.confirmDiscard'))) void act(() => discardItem(user.id, item.id));
  };

  return (
    <div className="outbox-attention">
      {problem && (
        <div className="alert alert--error" role="alert">
          <p>{problem.conflict ? t('outbox.conflict') : t('outbox.refused')}</p>
          <p>{problem.message}</p>
          {Object.values(problem.fields).length > 0 && (
            <ul>
              {Object.values(problem.fields).map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {input && (
        <div className="outbox-compare" data-testid="outbox-compare">
          <section data-version="typed">
            <h2 className="outbox-compare__title">{t('outbox.typed')}</h2>
            <RowList rows={typedRows(input, t, tp, locale)} />
          </section>
          <section data-version="server">
            <h2 className="outbox-compare__title">{t('outbox.server')}</h2>
            {error ? <p>{error}</p> : !version ? <p role="status">{t('app.loading')}</p> : version.rows.length ? <RowList rows={version.rows} /> : <p>{problem?.message}</p>}
          </section>
        </div>
      )}
      {(note ?? message) && (
        <p className="alert alert--error" role="alert">
          {note ?? message}
        </p>
      )}
      <div className="actions">
        {input && version?.resendable && !version.registered && (
          <button type="button" className="button button--primary" disabled={busy} onClick={() => void act(() => resendItem(user.id, item.id))}>
            {t('outbox.retry')}
          </button>
        )}
        {input?.kind === 'intake' && version?.registered && (
          <button
            type="button"
            className="button button--primary"
            disabled={busy}
            onClick={() => {
              const p = version.registered!;
              const draft = {
                ...input.draft,
                resident: { mode: 'found' as const, person: { id: p.id, fullName: p.fullName, nik: p.nik, birthDate: p.birthDate, villageName: p.villageName, registryStatus: p.registryStatus, householdId: p.householdId } },
                clientRequestId: newKey(),
              };
              void act(() => resendItem(user.id, item.id, { ...input, draft }));
            }}
          >
            {t('outbox.useRegistered')}
          </button>
        )}
        {input?.kind === 'intake' && (
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => {
              if (hasUnsentDraft(user.id)) {
                setNote(t('outbox.editBusy'));
                return;
              }
              void act(async () => {
                await saveDraft(user.id, { ...input.draft, step: 0 });
                await discardItem(user.id, item.id);
                navigate('/kantor-depan/penerimaan');
              });
            }}
          >
            {t('outbox.edit')}
          </button>
        )}
        {input?.kind === 'caseVerification' && (
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() =>
              void act(async () => {
                const b = input.body;
                const text = t('outbox.noteText', {
                  outcome: caseCodeLabel('verification_outcome', b.outcome, locale),
                  date: b.visitedOn ? formatDate(b.visitedOn, locale) : '–',
                  notes: b.notes,
                });
                const c = await api.post<CaseView>(`/cases/${encodeURIComponent(input.caseId)}/notes`, { text });
                await settleItem(user.id, item.id, { path: `/kasus/${c.id}`, code: c.code });
              })
            }
          >
            {t('outbox.asNote')}
          </button>
        )}
        <button type="button" className="button" disabled={busy} onClick={discard}>
          {t('outbox.discard')}
        </button>
      </div>
    </div>
  );
}

function RowList({ rows }: { rows: Rows }) {
  return (
    <dl className="outbox-rows">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** For the app frame's sync (outbox-sync.ts), which loads the outbox through this page's chunk. */
export { sendOutbox } from './outbox.ts';
