import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { FACILITY_CONDITIONS, FACILITY_ITEMS } from '@slrt/core';
import type { FacilityCondition, PuskesosProfile, VisitView } from '@slrt/core';
import { api } from '../../api/client.ts';
import { useUser } from '../../api/session.tsx';
import { permissionsOf } from '../../api/user.ts';
import { useResource } from '../../api/use-resource.ts';
import { Link } from '../../app/router.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { SelectField, TextAreaField, TextField } from '../../ui/Field.tsx';
import { FormErrors, fieldError } from '../../ui/FormErrors.tsx';
import { useFormAction } from '../../ui/use-form-action.ts';
import { DocumentList } from './DocumentList.tsx';
import { DocumentUpload } from './DocumentUpload.tsx';
import { todayText, useVillage } from './puskesos-api.ts';
import './puskesos.css';
import { puskesosUrl } from '../../app/page-urls.ts';

type Check = { condition: FacilityCondition; confirmed: boolean };

/**
 * `/puskesos/kunjungan` (`?desa=`): the supervisor's visits to a Puskesos. Each visit is the
 * facilities checklist as found that day (items ticked "seen" update the inventory and its
 * confirmation date), a note and photos. Everyone who reads the profile reads the visits.
 */
export default function VisitsPage() {
  const t = useT('puskesos');
  const perms = permissionsOf(useUser());
  const village = useVillage();
  const visits = useResource<{ items: VisitView[] }>(village ? `/puskesos/${village}/visits` : null);
  const profile = useResource<PuskesosProfile>(village ? `/puskesos/${village}` : null);
  const canVisit = perms.has('puskesos.supervise');
  const [checks, setChecks] = useState<Record<string, Check>>({});
  const [visitDate, setVisitDate] = useState(todayText());
  const [note, setNote] = useState('');
  const { busy, error, run } = useFormAction();
  useEffect(() => {
    if (!profile.data) return;
    const next: Record<string, Check> = {};
    for (const item of FACILITY_ITEMS) next[item] = { condition: profile.data.facilities.find((x) => x.item === item)?.condition ?? 'none', confirmed: false };
    setChecks(next);
  }, [profile.data]);

  if (!village) return <section><h1>{t('visits.title')}</h1><p>{t('profile.pick')} <Link to="/puskesos/kesetaraan">{t('nav.equity')}</Link></p></section>;

  const setCheck = (item: string, patch: Partial<Check>) => setChecks((c) => ({ ...c, [item]: { ...(c[item] ?? { condition: 'none', confirmed: false }), ...patch } }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await run(async () => {
      await api.post(`/puskesos/${village}/visits`, {
        visitDate, note: note || null,
        checklist: FACILITY_ITEMS.map((item) => ({ item, condition: checks[item]?.condition ?? 'none', confirmed: checks[item]?.confirmed ?? false })),
      });
      setNote('');
      visits.reload();
      profile.reload();
    });
  };

  return (
    <section className="puskesos-visits puskesos-edit" data-village={village}>
      <h1>{profile.data ? t('visits.titleOf', { name: profile.data.villageName }) : t('visits.title')}</h1>
      <p className="lead">{t('visits.intro')}</p>
      <p><Link to={puskesosUrl('', village)}>{t('back.profile')}</Link></p>
      {visits.error && <div className="alert alert--error" role="alert"><p>{visits.error}</p></div>}
      {visits.data && visits.data.items.length === 0 && <p>{t('visits.none')}</p>}
      {visits.data && visits.data.items.length > 0 && (
        <ul className="cards" data-testid="visit-list">
          {visits.data.items.map((v) => (
            <li key={v.id} className="card" data-visit={v.id}>
              <p><strong>{v.visitDate}</strong> · {v.visitedByName}</p>
              <p>{v.checklist.map((c) => `${t(`facility.${c.item}`)}: ${t(`condition.${c.condition}`)}${c.confirmed ? ' ✓' : ''}`).join('; ')}</p>
              {v.note && <p className="hint">{v.note}</p>}
              <DocumentList owner="puskesos-visits" id={v.id} documents={v.photos} canRemove={canVisit} onDone={visits.reload} label={(p) => p.fileName} testId="visit-photos" />
              {canVisit && <DocumentUpload owner="puskesos-visits" id={v.id} kinds={['photo']} onDone={visits.reload} />}
            </li>
          ))}
        </ul>
      )}
      {canVisit && profile.data && (
        <>
          <h2>{t('visits.add')}</h2>
          <FormErrors error={error} placed={['visitDate', 'checklist', 'note']} />
          <form onSubmit={(e) => void submit(e)} noValidate>
            <TextField id="visit-date" label={t('visits.date')} type="date" max={todayText()} value={visitDate} onChange={(e) => setVisitDate(e.target.value)} error={fieldError(error, 'visitDate')} />
            {FACILITY_ITEMS.map((item) => (
              <fieldset key={item} className="edit-facility" data-item={item}>
                <legend>{t(`facility.${item}`)}</legend>
                <SelectField id={`visit-${item}`} label={t('visits.condition')} value={checks[item]?.condition ?? 'none'} onChange={(e) => setCheck(item, { condition: e.target.value as FacilityCondition })}>
                  {FACILITY_CONDITIONS.map((c) => <option key={c} value={c}>{t(`condition.${c}`)}</option>)}
                </SelectField>
                <label className="puskesos-check" htmlFor={`visit-${item}-seen`}>
                  <input id={`visit-${item}-seen`} type="checkbox" checked={checks[item]?.confirmed ?? false} onChange={(e) => setCheck(item, { confirmed: e.target.checked })} />
                  {t('visits.confirmed')}
                </label>
              </fieldset>
            ))}
            <TextAreaField id="visit-note" label={t('visits.note')} value={note} onChange={(e) => setNote(e.target.value)} error={fieldError(error, 'note')} />
            <button type="submit" className="button button--primary" disabled={busy}>{t('visits.save')}</button>
          </form>
        </>
      )}
    </section>
  );
}
