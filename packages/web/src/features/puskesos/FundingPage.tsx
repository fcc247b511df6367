import { useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import { FUNDING_CATEGORIES, FUNDING_KINDS, FUNDING_SOURCES } from '@slrt/core';
import type { FundingLine, FundingSource } from '@slrt/core';
import { api } from '../../api/client.ts';
import { useUser } from '../../api/session.tsx';
import { permissionsOf } from '../../api/user.ts';
import { useResource } from '../../api/use-resource.ts';
import { Link } from '../../app/router.tsx';
import { useLocale, useT } from '../../i18n/i18n.tsx';
import { SelectField, TextField } from '../../ui/Field.tsx';
import { FormErrors, fieldError } from '../../ui/FormErrors.tsx';
import { useFormAction } from '../../ui/use-form-action.ts';
import { DocumentList } from './DocumentList.tsx';
import { DocumentUpload } from './DocumentUpload.tsx';
import { formats } from './format.ts';
import { useVillage } from './puskesos-api.ts';
import './puskesos.css';
import { puskesosUrl } from '../../app/page-urls.ts';

interface FundingList { items: FundingLine[]; totals: Array<{ source: FundingSource; budget: number; spending: number }> }

const FUNDING_DOCUMENT_KINDS = ['budget_page', 'receipt', 'decree'] as const;

/**
 * `/puskesos/dana` (`?desa=`): the Puskesos's budget and spending for a year by source,
 * honoraria included. The koordinator (or the kabupaten) enters a line and attaches the village
 * budget pages; the supervisor confirms it; the village head approves the lines the village
 * pays (Dana Desa). Totals count confirmed and approved lines only.
 */
export default function FundingPage() {
  const t = useT('puskesos');
  const { locale } = useLocale();
  const user = useUser();
  const perms = permissionsOf(user);
  const village = useVillage();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const list = useResource<FundingList>(village ? `/puskesos/${village}/funding` : null, { year });
  const f = useMemo(() => formats(locale), [locale]);
  const [form, setForm] = useState({ source: 'dana_desa', kind: 'budget', category: 'operational', amount: '', note: '' });
  const { busy, error, run } = useFormAction();
  const rowAction = useFormAction();
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm((x) => ({ ...x, [k]: e.target.value }));

  if (!village) return <section><h1>{t('funding.title.plain')}</h1><p>{t('profile.pick')} <Link to="/puskesos/kesetaraan">{t('nav.equity')}</Link></p></section>;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await run(async () => {
      await api.post(`/puskesos/${village}/funding`, { ...form, year, amount: form.amount === '' ? undefined : Number(form.amount), note: form.note || null });
      setForm((x) => ({ ...x, amount: '', note: '' }));
      list.reload();
    });
  };
  const act = (id: string, action: 'confirm' | 'approve') =>
    rowAction.run(async () => {
      await api.post(`/puskesos-funding/${id}/${action}`);
      list.reload();
    });
  const totals = (list.data?.totals ?? []).filter((x) => x.budget > 0 || x.spending > 0);

  return (
    <section className="puskesos-funding" data-village={village}>
      <h1>{t('funding.title')}</h1>
      <p className="lead">{t('funding.intro')}</p>
      <p><Link to={puskesosUrl('', village)}>{t('back.profile')}</Link></p>
      <SelectField id="funding-year" label={t('funding.year')} value={String(year)} onChange={(e) => setYear(Number(e.target.value))}>
        {[thisYear + 1, thisYear, thisYear - 1, thisYear - 2].map((y) => <option key={y} value={y}>{y}</option>)}
      </SelectField>
      {list.error && <div className="alert alert--error" role="alert"><p>{list.error}</p></div>}
      {rowAction.message && <div className="alert alert--error" role="alert"><p>{rowAction.message}</p></div>}
      {list.data && (
        <>
          <h2>{t('funding.totals')}</h2>
          {totals.length === 0 ? <p>{t('funding.noTotals')}</p> : (
            <table className="equity-table" data-testid="funding-totals">
                <thead><tr><th scope="col">{t('funding.source')}</th><th scope="col" className="num">{t('funding.kind.budget')}</th><th scope="col" className="num">{t('funding.kind.spending')}</th></tr></thead>
                <tbody>{totals.map((x) => <tr key={x.source}><th scope="row">{t(`source.${x.source}`)}</th><td className="num">{f.rupiah(x.budget)}</td><td className="num">{f.rupiah(x.spending)}</td></tr>)}</tbody>
            </table>
          )}
          <h2>{t('funding.lines')}</h2>
          {list.data.items.length === 0 ? <p>{t('funding.none')}</p> : (
            <ul className="cards" data-testid="funding-lines">
              {list.data.items.map((line) => (
                <li key={line.id} className="card" data-line={line.id} data-status={line.status}>
                  <p><strong>{t(`source.${line.source}`)}</strong> · {t(`funding.kind.${line.kind}`)} · {t(`funding.category.${line.category}`)}</p>
                  <p>{f.rupiah(line.amount)}{line.note && <span className="hint"> · {line.note}</span>}</p>
                  <p className="card__meta">{t(`funding.status.${line.status}`)}{line.villagePaid && line.status !== 'approved' ? ` · ${t('funding.villagePaid')}` : ''}</p>
                  <DocumentList
                    owner="puskesos-funding" id={line.id} documents={line.documents} canRemove={perms.has('puskesos.write')} onDone={list.reload}
                    label={(d) => `${t(`documentKind.${d.kind}` as never)}: ${d.fileName}`} testId="funding-documents"
                  />
                  <div className="report-downloads">
                    {perms.has('puskesos.supervise') && line.status === 'entered' && (
                      <button type="button" className="button button--small button--primary" disabled={rowAction.busy} onClick={() => void act(line.id, 'confirm')}>{t('funding.confirm')}</button>
                    )}
                    {perms.has('puskesos.approve') && line.status === 'confirmed' && line.villagePaid && (
                      <button type="button" className="button button--small button--primary" disabled={rowAction.busy} onClick={() => void act(line.id, 'approve')}>{t('funding.approve')}</button>
                    )}
                  </div>
                  {perms.has('puskesos.write') && <DocumentUpload owner="puskesos-funding" id={line.id} kinds={FUNDING_DOCUMENT_KINDS} onDone={list.reload} />}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {perms.has('puskesos.write') && (
        <>
          <h2>{t('funding.add', { year })}</h2>
          <FormErrors error={error} placed={['source', 'kind', 'category', 'amount', 'note']} />
          <form onSubmit={(e) => void submit(e)} noValidate>
            <SelectField id="funding-source" label={t('funding.source')} value={form.source} onChange={set('source')} error={fieldError(error, 'source')}>
              {FUNDING_SOURCES.map((s) => <option key={s} value={s}>{t(`source.${s}`)}</option>)}
            </SelectField>
            <SelectField id="funding-kind" label={t('funding.kind')} value={form.kind} onChange={set('kind')} error={fieldError(error, 'kind')}>
              {FUNDING_KINDS.map((k) => <option key={k} value={k}>{t(`funding.kind.${k}`)}</option>)}
            </SelectField>
            <SelectField id="funding-category" label={t('funding.category')} value={form.category} onChange={set('category')} error={fieldError(error, 'category')}>
              {FUNDING_CATEGORIES.map((c) => <option key={c} value={c}>{t(`funding.category.${c}`)}</option>)}
            </SelectField>
            <TextField id="funding-amount" label={t('funding.amount')} type="number" inputMode="numeric" min={0} value={form.amount} onChange={set('amount')} error={fieldError(error, 'amount')} />
            <TextField id="funding-note" label={t('funding.note')} value={form.note} onChange={set('note')} error={fieldError(error, 'note')} />
            <button type="submit" className="button button--primary" disabled={busy}>{t('funding.save')}</button>
          </form>
        </>
      )}
    </section>
  );
}
