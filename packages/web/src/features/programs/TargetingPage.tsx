import { useState } from 'react';
import type { ExportFormat, TargetingExportQuery, TargetingKind, TargetingList, TargetingQuery } from '@slrt/core';
import { buildUrl } from '../../api/client.ts';
import { useResource } from '../../api/use-resource.ts';
import { Link, useParams } from '../../app/router.tsx';
import { useLocale, useT } from '../../i18n/i18n.tsx';
import { AreaFilter } from '../registry/AreaFilter.tsx';
import { householdPath } from '../registry/registry-api.ts';
import { TargetingActions } from './TargetingActions.tsx';
import './programs.css';

/**
 * `/program/:code/sasaran`: who is missed (eligible, not enrolled) and who is included in error
 * (enrolled, not eligible) in an area, with the reasons; exported as CSV or XLSX; the selected
 * rows turned into referrals or proposals (TargetingActions).
 */
export default function TargetingPage() {
  const t = useT('programs');
  const { locale } = useLocale();
  const { code = '' } = useParams();
  const [kind, setKind] = useState<TargetingKind>('exclusion');
  const [area, setArea] = useState('');
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const [selected, setSelected] = useState<string[]>([]);
  const toggle = (id: string) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]));
  const query = { kind, ...(area ? { area } : {}), ...(cursor ? { cursor } : {}), limit: 50 } satisfies TargetingQuery;
  const list = useResource<TargetingList>(`/programs/${encodeURIComponent(code)}/targeting`, query);
  const exportUrl = (format: ExportFormat) => buildUrl(`/programs/${encodeURIComponent(code)}/targeting/export`, { kind, ...(area ? { area } : {}), format, lang: locale } satisfies TargetingExportQuery);
  return (
    <section>
      <h1>{t('targeting.title', { program: code })}</h1>
      <p className="lead">{t('targeting.lead')}</p>
      <div className="actions" role="group" aria-label={t('targeting.kind')}>
        {(['exclusion', 'inclusion'] as const).map((k) => (
          <button key={k} type="button" className={kind === k ? 'button button--primary button--small' : 'button button--small'} aria-pressed={kind === k} onClick={() => { setKind(k); setCursor(undefined); setSelected([]); }}>
            {t(`targeting.${k}`)}
          </button>
        ))}
      </div>
      <AreaFilter idPrefix="targeting" permission="programs.targeting" value={area} onChange={(v: string) => { setArea(v); setCursor(undefined); setSelected([]); }} />
      {list.error && <p className="alert alert--error" role="alert">{list.error}</p>}
      {list.data && (
        <>
          <p data-testid="targeting-total">{t('targeting.total', { n: list.data.total, area: list.data.area.name })}</p>
          <p>
            <a className="button button--small" href={exportUrl('csv')} download>{t('targeting.csv')}</a>{' '}
            <a className="button button--small" href={exportUrl('xlsx')} download>{t('targeting.xlsx')}</a>
          </p>
          {list.data.items.length > 0 && (
            <label className="targeting-select-all">
              <input
                type="checkbox"
                checked={list.data.items.every((i) => selected.includes(i.householdId))}
                onChange={(e) => {
                  const ids = list.data?.items.map((i) => i.householdId) ?? [];
                  setSelected((s) => (e.target.checked ? [...new Set([...s, ...ids])] : s.filter((x) => !ids.includes(x))));
                }}
              />{' '}
              {t('targeting.selectPage')}
            </label>
          )}
          <TargetingActions code={code} kind={kind} selected={selected} onDone={() => { setSelected([]); list.reload(); }} />
          <ul className="cards" data-testid="targeting-list">
            {list.data.items.map((i) => (
              <li key={i.householdId} className="card" data-household={i.householdId}>
                <input type="checkbox" checked={selected.includes(i.householdId)} onChange={() => toggle(i.householdId)} aria-label={t('targeting.select', { name: i.headName ?? '—' })} />{' '}
                <Link to={householdPath(i.householdId)}><strong>{i.headName ?? '—'}</strong></Link> · {i.villageName}
                {i.desil !== null && <> · desil {i.desil}</>}
                <ul className="program-result__reasons">
                  {i.reasons.map((r, j) => <li key={j}>{r}</li>)}
                </ul>
              </li>
            ))}
          </ul>
          {list.data.nextCursor && (
            <button type="button" className="button" onClick={() => setCursor(list.data?.nextCursor ?? undefined)}>{t('targeting.more')}</button>
          )}
        </>
      )}
    </section>
  );
}
