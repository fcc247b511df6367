import { useState } from 'react';
import type { Permission, ProposalQueue, ProposalSummary, ProposalUserAction, WorklistCounts } from '@slrt/core';
import { permissionsOf } from '../../api/user.ts';
import { useUser } from '../../api/session.tsx';
import { useCursorList } from '../../api/use-cursor-list.ts';
import { useResource } from '../../api/use-resource.ts';
import { Link, useSearchParam } from '../../app/router.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { FormErrors } from '../../ui/FormErrors.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { SelectionBar } from '../../ui/SelectionBar.tsx';
import { useSelection } from '../../ui/use-selection.ts';
import { StatusTag, TextArea } from './controls.tsx';
import { useDateText, useFieldLabel, usePeriodText } from './labels.ts';
import { proposalApi } from './proposal-api.ts';
import { LoadError } from '../../ui/LoadError.tsx';
import './proposals.css';
import { proposalListUrl } from '../../app/page-urls.ts';

type Tab = ProposalQueue | 'all';

/** Each worklist, the permission that fills it, and its count in `/proposals/worklist`. */
const QUEUES: ReadonlyArray<{ queue: ProposalQueue; permission: Permission; count: keyof WorklistCounts | null }> = [
  { queue: 'to_verify', permission: 'proposals.verify', count: 'toVerify' },
  { queue: 'to_review', permission: 'proposals.review', count: 'toReview' },
  { queue: 'to_verify_kabupaten', permission: 'proposals.approve', count: 'toVerifyKabupaten' },
  { queue: 'to_ratify', permission: 'proposals.approve', count: 'toRatify' },
  { queue: 'to_submit', permission: 'proposals.submit', count: 'toSubmit' },
  { queue: 'drafts', permission: 'proposals.create', count: 'drafts' },
  { queue: 'needs_review', permission: 'proposals.read', count: 'needsReview' },
  { queue: 'waiting_national', permission: 'proposals.read', count: 'waitingNational' },
  { queue: 'mine', permission: 'proposals.create', count: null },
];

/** Steps that can be taken on several proposals at once from a worklist. */
const BULK: Partial<Record<ProposalQueue, ProposalUserAction[]>> = {
  to_review: ['review', 'reject'],
  to_verify_kabupaten: ['verify-kabupaten', 'reject'],
  to_ratify: ['ratify', 'reject'],
  drafts: ['submit'],
};

/** `/usulan`: the caller's worklists (to verify, to review, to approve, waiting for the national side) with counts. */
export default function ProposalListPage() {
  const t = useT('proposals');
  const user = useUser();
  const held = permissionsOf(user);
  const queues = QUEUES.filter((q) => held.has(q.permission));
  const tabs: Tab[] = [...queues.map((q) => q.queue), 'all'];
  const requested = useSearchParam('daftar') as Tab | null;
  const tab: Tab = requested && tabs.includes(requested) ? requested : tabs[0] ?? 'all';
  const counts = useResource<WorklistCounts>('/proposals/worklist');
  const overdue = useSearchParam('terlambat') === '1';
  const area = useSearchParam('wilayah') ?? '';
  const list = useCursorList<ProposalSummary>('/proposals', { ...(tab === 'all' ? {} : { queue: tab }), ...(overdue ? { overdue: 'true' } : {}), ...(area ? { area } : {}) });
  const { selected, toggle, clear } = useSelection();
  const [opened, setOpened] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const bulk = BULK[tab as ProposalQueue] ?? [];

  return (
    <section>
      <h1>{t('list.title')}</h1>
      <div className="p-actions">
        {held.has('proposals.create') && (
          <Link to="/usulan/baru" className="button button--primary">
            {t('list.new')}
          </Link>
        )}
        <Link to="/usulan/ronde" className="button">
          {t('nav.rounds')}
        </Link>
      </div>
      {held.has('proposals.create') && counts.data && counts.data.fromIntake > 0 && (
        <div className="alert alert--info">
          <p>{t('list.fromIntake', { count: counts.data.fromIntake })}</p>
          <FormErrors error={error} placed={[]} />
          <button
            type="button"
            className="button"
            onClick={() => {
              setError(null);
              proposalApi.openIntakeDrafts().then((r) => {
                setOpened(t('list.intakeOpened', { count: r.opened.length }));
                counts.reload();
                list.reload();
              }, setError);
            }}
          >
            {t('list.openIntakeDrafts')}
          </button>
        </div>
      )}
      {opened && <Notice>{opened}</Notice>}
      {counts.data && counts.data.overdue > 0 && (
        <p className="alert alert--error">
          <Link to={proposalListUrl({ daftar: 'all', terlambat: 1 })}>{t('list.overdue', { count: counts.data.overdue })}</Link>
        </p>
      )}
      {overdue && <p className="lead">{t('list.onlyOverdue')}</p>}
      {area && <p className="lead">{t('list.area', { area })}</p>}
      <ul className="tabs" aria-label={t('list.tabs')}>
        {tabs.map((q) => {
          const countKey = QUEUES.find((x) => x.queue === q)?.count;
          return (
            <li key={q}>
              <Link to={proposalListUrl({ daftar: q })} aria-current={q === tab ? 'page' : undefined} data-queue={q}>
                {t(`queue.${q}`)}
                {countKey && counts.data && <span className="count">{counts.data[countKey]}</span>}
              </Link>
            </li>
          );
        })}
      </ul>

      {list.error && <LoadError error={list.error} onRetry={list.reload} />}
      {list.loading ? (
        <p role="status">{t('app.loading')}</p>
      ) : list.items.length === 0 && !list.error ? (
        <p>{t('list.empty')}</p>
      ) : (
        <ul className="cards" data-testid="proposal-list">
          {list.items.map((p) => (
            <ProposalCard key={p.id} p={p} selectable={bulk.length > 0} selected={selected.has(p.id)} onToggle={() => toggle(p.id)} />
          ))}
        </ul>
      )}
      {list.hasMore && (
        <button type="button" className="button" onClick={list.loadMore} disabled={list.loadingMore}>
          {list.loadingMore ? t('app.loading') : t('action.loadMore')}
        </button>
      )}
      {selected.size > 0 && bulk.length > 0 && (
        <BulkBar
          ids={[...selected]}
          actions={bulk}
          onDone={() => {
            clear();
            list.reload();
            counts.reload();
          }}
        />
      )}
    </section>
  );
}

/** One proposal in a list: number, subject, village, status, age and the round's cut-off. */
export function ProposalCard({ p, selectable, selected, onToggle }: { p: ProposalSummary; selectable?: boolean; selected?: boolean; onToggle?: () => void }) {
  const t = useT('proposals');
  const date = useDateText();
  const period = usePeriodText();
  const field = useFieldLabel();
  return (
    <li className="card p-card" data-proposal-code={p.code}>
      {selectable && <input type="checkbox" checked={selected ?? false} onChange={onToggle} aria-label={t('list.select', { code: p.code })} />}
      <div className="p-card__body">
        <h2 className="card__title">
          <Link to={`/usulan/${p.id}`}>
            <span className="p-code">{p.code}</span> · {p.subjectName ?? t('list.noName')}
          </Link>
        </h2>
        <p className="card__meta">
          {t(`type.${p.type}`)} · {p.villageName} · {p.changedFields.map(field).join(', ') || '—'}
        </p>
        <div className="tags">
          <StatusTag status={p.status} />
          {p.overdue && <span className="status status--overdue">{t('list.pastCutOff')}</span>}
          {p.roundPeriod && <span className="badge">{t('list.round', { period: period(p.roundPeriod) })}</span>}
        </div>
        <p className="p-meta">
          {t('list.age', { days: p.ageDays })}
          {p.daysToCutOff !== null && p.cutOffDate && ` · ${p.daysToCutOff >= 0 ? t('list.cutOffIn', { days: p.daysToCutOff, date: date(p.cutOffDate) }) : t('list.cutOffPast', { days: -p.daysToCutOff, date: date(p.cutOffDate) })}`}
          {p.assignedToName && ` · ${t('list.assigned', { name: p.assignedToName })}`}
        </p>
      </div>
    </li>
  );
}

function BulkBar({ ids, actions, onDone }: { ids: string[]; actions: ProposalUserAction[]; onDone: () => void }) {
  const t = useT('proposals');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<string | null>(null);
  const run = (action: ProposalUserAction) => {
    setBusy(true);
    setError(null);
    proposalApi
      .bulk(action, ids, reason.trim() || undefined)
      .then((r) => {
        const ok = r.results.filter((x) => x.ok).length;
        const stale = r.results.filter((x) => x.stale).length;
        setResult(t('bulk.result', { ok, stale, failed: r.results.length - ok - stale }));
        setReason('');
        onDone();
      }, setError)
      .finally(() => setBusy(false));
  };
  return (
    <SelectionBar label={t('bulk.label')}>
      <p>{t('bulk.selected', { count: ids.length })}</p>
      <FormErrors error={error} placed={[]} />
      {result && <Notice>{result}</Notice>}
      {actions.includes('reject') && <TextArea id="bulk-reason" label={t('bulk.reason')} hint={t('bulk.reasonHint')} value={reason} onChange={(e) => setReason(e.target.value)} />}
      <div className="p-actions">
        {actions.map((a) => (
          <button key={a} type="button" className={a === 'reject' ? 'button' : 'button button--primary'} disabled={busy || (a === 'reject' && !reason.trim())} onClick={() => run(a)}>
            {t(`step.${a}`)}
          </button>
        ))}
      </div>
    </SelectionBar>
  );
}
