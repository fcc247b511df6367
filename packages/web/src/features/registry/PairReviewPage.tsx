import { useState } from 'react';
import { MERGEABLE_FIELDS, type DuplicatePairView, type LinkagePerson, type MergeView } from '@slrt/core';
import { api } from '../../api/client.ts';
import { useResource } from '../../api/use-resource.ts';
import { Link, useParams } from '../../app/router.tsx';
import { useLocale, useT } from '../../i18n/i18n.tsx';
import { useFormAction } from '../../ui/use-form-action.ts';
import { formatDate, label } from './format.ts';
import { personPath } from './registry-api.ts';
import './registry.css';

type Row = keyof LinkagePerson;
const ROWS: readonly Row[] = ['nik', 'kk', 'fullName', 'birthPlace', 'birthDate', 'sex', 'villageCode', 'relationship', 'maritalStatus'];
const MERGEABLE = new Set<string>(MERGEABLE_FIELDS);

/**
 * `/registri/data-ganda/:id`: the two records side by side, the fields that differ marked;
 * the reviewer keeps one record, picks per field the value that survives, and merges, or
 * marks the pair "bukan data ganda". A merge can be undone here.
 */
export default function PairReviewPage() {
  const t = useT('registry');
  const { locale } = useLocale();
  const { id = '' } = useParams();
  const pair = useResource<DuplicatePairView>(`/registry/duplicate-pairs/${encodeURIComponent(id)}`);
  const [keep, setKeep] = useState<'A' | 'B'>('A');
  const [choice, setChoice] = useState<Record<string, 'A' | 'B'>>({});
  const [merge, setMerge] = useState<MergeView | null>(null);
  const { busy, message, run } = useFormAction();

  if (pair.loading && !pair.data) return <p role="status">{t('app.loading')}</p>;
  if (pair.error || !pair.data) return <p className="alert alert--error" role="alert">{pair.error}</p>;
  const p = pair.data;
  const person = (side: 'A' | 'B') => (side === 'A' ? p.personA : p.personB);
  const differs = new Set(p.differingFields);
  const show = (row: Row, v: LinkagePerson) => {
    const value = v[row];
    if (value === null || value === undefined || value === '') return '—';
    if (row === 'birthDate') return formatDate(String(value), locale);
    if (row === 'sex') return label('sex', String(value), locale);
    if (row === 'relationship') return label('relationship', String(value), locale);
    if (row === 'maritalStatus') return label('marital_status', String(value), locale);
    return String(value);
  };
  const doMerge = () => run(async () => {
    const fields: Record<string, string> = {};
    for (const [field, side] of Object.entries(choice)) if (side !== keep) fields[field] = person(side).id;
    setMerge(await api.post<MergeView>(`/registry/duplicate-pairs/${p.id}/merge`, { keepPersonId: person(keep).id, fields }));
    pair.reload();
  });
  const doDismiss = () => run(async () => {
    await api.post(`/registry/duplicate-pairs/${p.id}/dismiss`);
    pair.reload();
  });
  const mergeId = merge?.status === 'merged' ? merge.id : p.mergeId;
  const doUndo = () => run(async () => {
    if (!mergeId) return;
    setMerge(await api.post<MergeView>(`/registry/merges/${mergeId}/undo`));
    pair.reload();
  });
  return (
    <section className="registry duplicate-review" data-pair-status={p.status}>
      <h1>{t('duplicates.review.title')}</h1>
      <p className="registry-badges">
        <span className="badge">{t('duplicates.score', { score: Math.round(p.score * 100) })}</span>{' '}
        <span className="badge" data-testid="pair-status">{t(`duplicates.status.${p.status}`)}</span>
      </p>
      {p.crossKabupaten && <p className="alert">{t('duplicates.review.national')}</p>}
      <div className="duplicate-table-wrap">
        <table className="duplicate-table">
          <thead>
            <tr>
              <th scope="col">{t('duplicates.review.field')}</th>
              {(['A', 'B'] as const).map((side) => (
                <th scope="col" key={side}>
                  <Link to={personPath(person(side).id)}>{t('duplicates.review.record', { side })}</Link>
                  {p.status === 'open' && (
                    <label className="duplicate-keep">
                      <input type="radio" name="keep" value={side} checked={keep === side} onChange={() => setKeep(side)} />
                      {t('duplicates.review.keep')}
                    </label>
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {ROWS.map((row) => {
              const differ = differs.has(row);
              const mergeable = differ && MERGEABLE.has(row) && p.status === 'open';
              const chosen = choice[row] ?? keep;
              return (
                <tr key={row} className={differ ? 'duplicate-field--differs' : undefined} data-field={row}>
                  <th scope="row">{t(`field.${row}` as 'field.nik')}</th>
                  {(['A', 'B'] as const).map((side) => (
                    <td key={side}>
                      {mergeable ? (
                        <label>
                          <input type="radio" name={`field-${row}`} value={side} checked={chosen === side}
                            onChange={() => setChoice((c) => ({ ...c, [row]: side }))} />
                          {show(row, person(side))}
                        </label>
                      ) : show(row, person(side))}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <h2>{t('duplicates.review.why')}</h2>
      <ul className="duplicate-explain">
        {p.explanation.map((e) => (
          <li key={e.key} className={e.weight > 0 ? 'duplicate-explain--for' : e.weight < 0 ? 'duplicate-explain--against' : undefined}>
            {t(`duplicates.comparison.${e.key}` as 'duplicates.comparison.name')}: {e.level === null ? t('duplicates.level.missing') : t(`duplicates.level.${e.level}` as 'duplicates.level.exact')}
            {' '}({e.weight > 0 ? '+' : ''}{e.weight.toFixed(1)})
          </li>
        ))}
      </ul>
      {message && <p className="alert alert--error" role="alert">{message}</p>}
      <div className="actions">
        {p.status === 'open' && !p.crossKabupaten && (
          <button type="button" className="button" disabled={busy} onClick={() => void doMerge()}>{t('duplicates.review.merge')}</button>
        )}
        {(p.status === 'open' || p.status === 'national') && (
          <button type="button" className="button button--secondary" disabled={busy} onClick={() => void doDismiss()}>{t('duplicates.review.dismiss')}</button>
        )}
        {p.status === 'merged' && mergeId && (
          <button type="button" className="button button--secondary" disabled={busy} onClick={() => void doUndo()}>{t('duplicates.review.undo')}</button>
        )}
      </div>
      {merge?.status === 'merged' && (
        <p role="status" className="notice">{t('duplicates.review.merged', { moved: merge.moved.reduce((s, m) => s + m.ids.length, 0) })}</p>
      )}
      {merge?.status === 'undone' && <p role="status" className="notice">{t('duplicates.review.undone')}</p>}
    </section>
  );
}
