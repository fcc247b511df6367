import { useState } from 'react';
import { CASE_LISTS, CaseListQuery, SECTORS, decideScopesOf, type AreaQuery, type CaseListQueryInput, workingLevelOf, type CaseListName, type RoleGrant, type Sector } from '@slrt/core';
import { permissionsOf } from '../../api/user.ts';
import { useUser } from '../../api/session.tsx';
import { useCursorList } from '../../api/use-cursor-list.ts';
import { useResource } from '../../api/use-resource.ts';
import { api, queryField } from '../../api/client.ts';
import { Link, navigate, useSearchParam } from '../../app/router.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { SelectField, TextField } from '../../ui/Field.tsx';
import { FormErrors } from '../../ui/FormErrors.tsx';
import { useFormAction } from '../../ui/use-form-action.ts';
import { Notice } from '../../ui/Notice.tsx';
import { SelectionBar } from '../../ui/SelectionBar.tsx';
import { caseListUrl } from '../../app/page-urls.ts';
import { useSelection } from '../../ui/use-selection.ts';
import { saveBlob } from '../../ui/download.ts';
import { caseApi, type CaseCounts, type CaseSummary } from './case-api.ts';
import { useCodeLabel, useDateFormat, useStatusLabel } from './labels.ts';
import { LoadError } from '../../ui/LoadError.tsx';
import './cases.css';

type CountedList = Exclude<CaseListName, 'all'>;

/** The tabs a user sees: "waiting for my decision" only for deciders, "escalated to my level" only above the village. */
function listsFor(grants: readonly RoleGrant[]): CaseListName[] {
  const level = workingLevelOf(grants);
  return CASE_LISTS.filter((l) => {
    if (l === 'decide') return decideScopesOf(grants).length > 0;
    if (l === 'escalated') return level !== null && level !== 'village';
    return true;
  });
}

/** `/kasus`: the worklists (new, mine, decide, overdue, escalated, open, all) with counts, a sector filter and bulk actions. */
export default function CaseListPage() {
  const t = useT('cases');
  const user = useUser();
  const grants = user.roles.filter((r) => r.areaCode).map((r) => ({ role: r.role, areaCode: r.areaCode as string }) as RoleGrant);
  const lists = listsFor(grants);
  const requested = useSearchParam('daftar') as CaseListName | null;
  const list: CaseListName = requested && lists.includes(requested) ? requested : lists.includes('decide') ? 'decide' : 'new';
  const sector = useSearchParam('sektor') ?? '';
  const area = useSearchParam('wilayah') ?? '';
  const counts = useResource<CaseCounts>('/cases/counts', { area } satisfies AreaQuery);
  const cases = useCursorList<CaseSummary>('/cases', { list, sector: queryField(CaseListQuery.shape.sector, sector), area } satisfies CaseListQueryInput);
  const { selected, toggle, clear } = useSelection();
  const codeLabel = useCodeLabel();

  const href = (next: { daftar?: CaseListName; sektor?: Sector | '' }) => caseListUrl({ daftar: next.daftar ?? list, sektor: next.sektor ?? (sector as Sector), wilayah: area });

  return (
    <section>
      <h1>{t('list.title')}</h1>
      {area && <p className="lead">{t('list.area', { area })}</p>}
      <ul className="tabs" aria-label={t('list.tabs')}>
        {lists.map((l) => (
          <li key={l}>
            <Link to={href({ daftar: l })} aria-current={l === list ? 'page' : undefined} data-list={l} onClick={clear}>
              {t(`list.${l}`)}
              {l !== 'all' && counts.data && <span className="count">{counts.data[l as CountedList]}</span>}
            </Link>
          </li>
        ))}
      </ul>
      <SelectField id="sector-filter" label={t('list.sector')} value={sector} onChange={(e) => navigate(href({ sektor: e.target.value as Sector }))}>
        <option value="">{t('list.allSectors')}</option>
        {SECTORS.map((s) => (
          <option key={s} value={s}>
            {codeLabel('sector', s)}
            {counts.data?.bySector[s] ? ` (${counts.data.bySector[s]})` : ''}
          </option>
        ))}
      </SelectField>

      {cases.error && <LoadError error={cases.error} onRetry={cases.reload} />}
      {cases.loading ? (
        <p role="status">{t('app.loading')}</p>
      ) : cases.items.length === 0 && !cases.error ? (
        <p>{t('list.empty')}</p>
      ) : (
        <ul className="cards" data-testid="case-list">
          {cases.items.map((c) => (
            <CaseCard key={c.id} c={c} selected={selected.has(c.id)} onToggle={() => toggle(c.id)} />
          ))}
        </ul>
      )}
      {cases.hasMore && (
        <button type="button" className="button" onClick={cases.loadMore} disabled={cases.loadingMore}>
          {cases.loadingMore ? t('app.loading') : t('action.loadMore')}
        </button>
      )}
      {selected.size > 0 && (
        <BulkBar
          ids={[...selected]}
          userId={user.id}
          mayExport={permissionsOf(user).has('cases.export')}
          onDone={() => {
            clear();
            cases.reload();
            counts.reload();
          }}
        />
      )}
    </section>
  );
}

export function CaseCard({ c, selected, onToggle }: { c: CaseSummary; selected?: boolean; onToggle?: () => void }) {
  const t = useT('cases');
  const label = useCodeLabel();
  const status = useStatusLabel();
  const date = useDateFormat();
  return (
    <li className="card case-card" data-case-code={c.code}>
      {onToggle && (
        <input type="checkbox" className="check" checked={selected ?? false} onChange={onToggle} aria-label={t('list.select', { code: c.code })} />
      )}
      <div className="case-card__body">
        <h2 className="card__title">
          <Link to={`/kasus/${c.id}`}>
            <span className="case-card__code">{c.code}</span> · {c.personName}
          </Link>
        </h2>
        <p className="card__meta">
          {c.villageName} · {label('kind', c.kind)} · {t('list.registered', { date: date(c.registeredAt) })}
        </p>
        <div className="tags">
          <span className={`status status--${c.status}`}>{status(c.status)}</span>
          {c.level !== 'village' && <span className="status">{label('level', c.level)}</span>}
          {c.fastTrack && <span className="status status--fast">{t('case.fastTrack')}</span>}
          {c.overdue && <span className="status status--overdue">{t('case.overdue')}</span>}
          {c.sectors.map((s) => (
            <span key={s} className="badge">
              {label('sector', s)}
            </span>
          ))}
        </div>
        {c.escalatedNeeds.map((n) => (
          <p key={n.id} className="card__meta" data-escalated-need={n.level}>
            {t('list.escalatedNeed', { sector: label('sector', n.sector), level: label('level', n.level) })}
          </p>
        ))}
        <p className="card__meta">
          {t('list.due', { date: date(c.dueAt), urgency: label('urgency', c.urgency) })}
          {c.assignedTo && ` · ${t('list.assignedTo', { name: c.assignedTo.name })}`}
        </p>
      </div>
    </li>
  );
}

function BulkBar({ ids, userId, mayExport, onDone }: { ids: string[]; userId: string; mayExport: boolean; onDone: () => void }) {
  const t = useT('cases');
  const { busy, error, run } = useFormAction();
  const [notice, setNotice] = useState<string | null>(null);
  const [escalating, setEscalating] = useState(false);
  const [reason, setReason] = useState('');

  const bulk = (work: () => Promise<{ results: Array<{ ok: boolean }> }>) =>
    run(async () => {
      const { results } = await work();
      const ok = results.filter((r) => r.ok).length;
      setNotice(t('bulk.done', { ok, failed: results.length - ok }));
      setEscalating(false);
      setReason('');
      onDone();
    });

  return (
    <SelectionBar label={t('bulk.label')}>
      <p>{t('bulk.selected', { n: ids.length })}</p>
      {notice && <Notice>{notice}</Notice>}
      <FormErrors error={error} placed={['reason']} />
      {escalating && (
        <TextField id="bulk-reason" label={t('action.reason')} value={reason} onChange={(e) => setReason(e.target.value)} />
      )}
      <div className="actions">
        <button type="button" className="button button--small" disabled={busy} onClick={() => void bulk(() => api.post('/cases/bulk/assign', { ids, assigneeId: userId }))}>
          {t('bulk.assignToMe')}
        </button>
        {escalating ? (
          <button type="button" className="button button--small button--primary" disabled={busy || !reason.trim()} onClick={() => void bulk(() => api.post('/cases/bulk/escalate', { ids, reason }))}>
            {t('bulk.escalateConfirm')}
          </button>
        ) : (
          <button type="button" className="button button--small" onClick={() => setEscalating(true)}>
            {t('bulk.escalate')}
          </button>
        )}
        {mayExport && (
          <button
            type="button"
            className="button button--small"
            disabled={busy}
            onClick={() => void run(async () => saveBlob(await caseApi.exportCsv({ ids }), 'kasus.csv'))}
          >
            {t('bulk.export')}
          </button>
        )}
      </div>
    </SelectionBar>
  );
}
