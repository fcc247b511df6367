import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { FACILITY_CONDITIONS, FACILITY_ITEMS, FACILITY_SOURCES, PUSKESOS_HOSTS, PUSKESOS_STATUSES } from '@slrt/core';
import type { FacilityCondition, PuskesosGrade, PuskesosProfile, PuskesosProfileInput } from '@slrt/core';
import { api } from '../../api/client.ts';
import { useUser } from '../../api/session.tsx';
import { useResource } from '../../api/use-resource.ts';
import { Link, navigate, useSearchParam } from '../../app/router.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { SelectField, TextField } from '../../ui/Field.tsx';
import { FormErrors, fieldError } from '../../ui/FormErrors.tsx';
import { useFormAction } from '../../ui/use-form-action.ts';
import './puskesos.css';
import { puskesosUrl } from '../../app/page-urls.ts';

type Facility = { condition: FacilityCondition; source: string };
interface Draft {
  status: string; gradeCode: string; legalBasisNumber: string; legalBasisDate: string; host: string;
  openingHours: string; address: string; phone: string; population: string;
  facilities: Record<string, Facility>;
}

function draftOf(p: PuskesosProfile): Draft {
  const facilities: Record<string, Facility> = {};
  for (const item of FACILITY_ITEMS) {
    const f = p.facilities.find((x) => x.item === item);
    facilities[item] = { condition: f?.condition ?? 'none', source: f?.source ?? '' };
  }
  return {
    status: p.status, gradeCode: p.grade?.code ?? '', legalBasisNumber: p.legalBasis?.number ?? '', legalBasisDate: p.legalBasis?.date ?? '',
    host: p.host ?? '', openingHours: p.openingHours ?? '', address: p.address ?? '', phone: p.phone ?? '',
    population: p.population === null ? '' : String(p.population), facilities,
  };
}

/**
 * `/puskesos/ubah` (`?desa=`; default the user's village): the koordinator or the kabupaten
 * changes the profile and the facilities inventory. The version read is sent back: a change
 * by someone else in between is refused, not overwritten.
 */
export default function ProfileEditPage() {
  const t = useT('puskesos');
  const user = useUser();
  const own = user.roles.map((r) => r.areaCode).find((c) => c?.split('.').length === 4);
  const village = useSearchParam('desa') ?? own ?? null;
  const profile = useResource<PuskesosProfile>(village ? `/puskesos/${village}` : null);
  const grades = useResource<{ items: PuskesosGrade[] }>('/puskesos/grades');
  const [draft, setDraft] = useState<Draft | null>(null);
  const { busy, error, run } = useFormAction();
  useEffect(() => {
    if (profile.data) setDraft(draftOf(profile.data));
  }, [profile.data]);

  if (!village) return <section><h1>{t('profile.title.plain')}</h1><p>{t('profile.pick')} <Link to="/puskesos/kesetaraan">{t('nav.equity')}</Link></p></section>;
  const set = (k: Exclude<keyof Draft, 'facilities'>) => (e: { target: { value: string } }) => setDraft((d) => (d ? { ...d, [k]: e.target.value } : d));
  const setFacility = (item: string, k: keyof Facility) => (e: { target: { value: string } }) =>
    setDraft((d) => (d ? { ...d, facilities: { ...d.facilities, [item]: { ...(d.facilities[item] ?? { condition: 'none', source: '' }), [k]: e.target.value } } } : d));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!draft || !profile.data) return;
    const body: PuskesosProfileInput = {
      status: draft.status as PuskesosProfileInput['status'],
      gradeCode: draft.gradeCode || null,
      legalBasisNumber: draft.legalBasisNumber || null,
      legalBasisDate: draft.legalBasisDate || null,
      host: (draft.host || null) as PuskesosProfileInput['host'],
      openingHours: draft.openingHours || null,
      address: draft.address || null,
      phone: draft.phone || null,
      latitude: profile.data.location?.latitude ?? null,
      longitude: profile.data.location?.longitude ?? null,
      population: draft.population === '' ? null : Number(draft.population),
      facilities: FACILITY_ITEMS.map((item) => ({
        item, condition: draft.facilities[item]?.condition ?? 'none',
        source: (draft.facilities[item]?.source || null) as (typeof FACILITY_SOURCES)[number] | null,
      })),
      version: profile.data.version,
    };
    await run(async () => {
      await api.put(`/puskesos/${village}`, body);
      navigate(puskesosUrl('', village));
    });
  };

  return (
    <section className="puskesos-edit" data-village={profile.data?.villageCode}>
      <h1>{profile.data ? t('edit.title', { name: profile.data.villageName }) : t('profile.title.plain')}</h1>
      {profile.error && <div className="alert alert--error" role="alert"><p>{profile.error}</p></div>}
      {draft && (
        <>
          <FormErrors error={error} placed={['status', 'gradeCode', 'legalBasisNumber', 'legalBasisDate', 'host', 'openingHours', 'address', 'phone', 'population']} />
          <form onSubmit={(e) => void submit(e)} noValidate>
            <SelectField id="edit-status" label={t('profile.status')} value={draft.status} onChange={set('status')} error={fieldError(error, 'status')}>
              {PUSKESOS_STATUSES.map((s) => <option key={s} value={s}>{t(`status.${s}`)}</option>)}
            </SelectField>
            <SelectField id="edit-grade" label={t('profile.grade')} value={draft.gradeCode} onChange={set('gradeCode')} error={fieldError(error, 'gradeCode')}>
              <option value="">{t('value.none')}</option>
              {(grades.data?.items ?? []).map((g) => <option key={g.code} value={g.code}>{g.name}</option>)}
            </SelectField>
            <TextField id="edit-legal" label={t('profile.legalBasis')} value={draft.legalBasisNumber} onChange={set('legalBasisNumber')} error={fieldError(error, 'legalBasisNumber')} />
            <TextField id="edit-legal-date" type="date" label={t('edit.legalBasisDate')} value={draft.legalBasisDate} onChange={set('legalBasisDate')} error={fieldError(error, 'legalBasisDate')} />
            <SelectField id="edit-host" label={t('profile.host')} value={draft.host} onChange={set('host')} error={fieldError(error, 'host')}>
              <option value="">{t('value.none')}</option>
              {PUSKESOS_HOSTS.map((h) => <option key={h} value={h}>{t(`host.${h}`)}</option>)}
            </SelectField>
            <TextField id="edit-hours" label={t('profile.hours')} value={draft.openingHours} onChange={set('openingHours')} error={fieldError(error, 'openingHours')} />
            <TextField id="edit-address" label={t('profile.address')} value={draft.address} onChange={set('address')} error={fieldError(error, 'address')} />
            <TextField id="edit-phone" type="tel" label={t('profile.phone')} value={draft.phone} onChange={set('phone')} error={fieldError(error, 'phone')} />
            <TextField id="edit-population" type="number" inputMode="numeric" min={0} label={t('profile.population')} value={draft.population} onChange={set('population')} error={fieldError(error, 'population')} />
            <fieldset>
              <legend>{t('profile.facilities')}</legend>
              {FACILITY_ITEMS.map((item) => (
                <div key={item} className="edit-facility">
                  <SelectField id={`edit-f-${item}`} label={t(`facility.${item}`)} value={draft.facilities[item]?.condition ?? 'none'} onChange={setFacility(item, 'condition')}>
                    {FACILITY_CONDITIONS.map((c) => <option key={c} value={c}>{t(`condition.${c}`)}</option>)}
                  </SelectField>
                  <SelectField id={`edit-s-${item}`} label={t('edit.source')} value={draft.facilities[item]?.source ?? ''} onChange={setFacility(item, 'source')}>
                    <option value="">{t('value.none')}</option>
                    {FACILITY_SOURCES.map((s) => <option key={s} value={s}>{t(`facilitySource.${s}`)}</option>)}
                  </SelectField>
                </div>
              ))}
            </fieldset>
            <button type="submit" className="button button--primary" disabled={busy}>{t('edit.save')}</button>
          </form>
        </>
      )}
    </section>
  );
}
