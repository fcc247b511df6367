import type { ProposalDetail } from '@slrt/core';
import { Link } from '../../app/router.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { householdPath, personPath } from './links.ts';
import { useDateText, useFieldLabel, useValueText } from './labels.ts';

/** The field visits of a proposal: verdict, whom they met, corrections, position. */
export function Verifications({ p }: { p: ProposalDetail }) {
  const t = useT('proposals');
  const date = useDateText();
  const field = useFieldLabel();
  const value = useValueText();
  if (p.verifications.length === 0) return null;
  return (
    <section aria-labelledby="p-visits">
      <h2 id="p-visits">{t('visits.title')}</h2>
      <ul className="cards">
        {p.verifications.map((v) => (
          <li key={v.id} className="card" data-verdict={v.verdict}>
            <p className="card__title">
              {t(`verdict.${v.verdict}`)} · {date(v.visitDate)}
            </p>
            <p className="card__meta">{t('visits.meta', { verifier: v.verifierName, met: v.metName, role: t(`metRole.${v.metRole}`) })}</p>
            {v.reason && <p>{v.reason}</p>}
            {v.items.some((i) => !i.confirmed) && (
              <ul>
                {v.items.filter((i) => !i.confirmed).map((i) => (
                  <li key={i.field}>{t('visits.corrected', { field: field(i.field), value: value(i.field, i.correctedValue) })}</li>
                ))}
              </ul>
            )}
            {v.gps && (
              <p className="p-meta">
                <a href={`https://www.openstreetmap.org/?mlat=${v.gps.lat}&mlon=${v.gps.lon}#map=18/${v.gps.lat}/${v.gps.lon}`} target="_blank" rel="noopener noreferrer">
                  {t('visits.gps', { lat: v.gps.lat.toFixed(5), lon: v.gps.lon.toFixed(5) })}
                </a>
              </p>
            )}
            {v.landmark && <p className="p-meta">{t('visits.landmark', { landmark: v.landmark })}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** What the proposal changed in the registry, the national answer, and every step: the lineage. */
export function Lineage({ p }: { p: ProposalDetail }) {
  const t = useT('proposals');
  const date = useDateText();
  const field = useFieldLabel();
  const value = useValueText();
  return (
    <>
      {p.registryChanges.length > 0 && (
        <section aria-labelledby="p-registry">
          <h2 id="p-registry">{t('lineage.registry')}</h2>
          <ul className="cards" data-testid="registry-changes">
            {p.registryChanges.map((c) => (
              <li key={c.id} className="card">
                <p className="card__title">
                  <Link to={c.recordType === 'person' ? personPath(c.recordId) : householdPath(c.recordType === 'household' ? c.recordId : p.householdId ?? c.recordId)}>
                    {t(`lineage.${c.recordType}.${c.action}`)}
                  </Link>
                </p>
                <p className="card__meta">{date(c.at, true)} · {c.actorName ?? '—'}</p>
                <ul>
                  {Object.entries(c.changes).map(([f, ch]) => (
                    <li key={f}>
                      {f === 'indicators' && ch.old && ch.new && typeof ch.old === 'object' && typeof ch.new === 'object'
                        ? Object.keys({ ...(ch.old as object), ...(ch.new as object) })
                            .filter((k) => JSON.stringify((ch.old as Record<string, unknown>)[k]) !== JSON.stringify((ch.new as Record<string, unknown>)[k]))
                            .map((k) => t('lineage.change', { field: field(k), old: value(k, (ch.old as Record<string, unknown>)[k]), new: value(k, (ch.new as Record<string, unknown>)[k]) }))
                            .join('; ')
                        : t('lineage.change', { field: field(f), old: value(f, ch.old), new: value(f, ch.new) })}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </section>
      )}
      {p.submission && (
        <section aria-labelledby="p-national">
          <h2 id="p-national">{t('lineage.national')}</h2>
          <p>{t('lineage.batch', { code: p.submission.code, status: t(`submission.status.${p.submission.status}`) })}</p>
          <ul>
            {p.submission.rows.map((r) => (
              <li key={r.rowNo}>
                {t('lineage.row', { row: r.rowNo, result: r.result ? t(`submission.result.${r.result}`) : t('submission.result.waiting') })}
                {r.desil !== null && ` · ${t('lineage.desil', { desil: r.desil })}`}
                {r.resultReason && ` · ${r.resultReason}`}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="p-history">
        <h2 id="p-history">{t('lineage.steps')}</h2>
        <ol className="p-timeline" data-testid="proposal-steps">
          {p.steps.map((s) => (
            <li key={s.id} data-step={s.action}>
              <strong>{t(`history.${s.action}` as never)}</strong>
              {s.fromStatus !== s.toStatus && ` → ${t(`status.${s.toStatus}`)}`}
              <div className="p-meta">{date(s.at, true)} · {s.actorName ?? '—'}</div>
              {s.reason && <div>{s.reason}</div>}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
