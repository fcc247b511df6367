import type { PuskesosProfile } from '@slrt/core';
import { api } from '../../api/client.ts';
import { useUser } from '../../api/session.tsx';
import { permissionsOf } from '../../api/user.ts';
import { useResource } from '../../api/use-resource.ts';
import { Link, useSearchParam } from '../../app/router.tsx';
import { useLocale, useT } from '../../i18n/i18n.tsx';
import { useFormAction } from '../../ui/use-form-action.ts';
import { formats } from './format.ts';
import { OutreachPanel } from './OutreachPanel.tsx';
import './puskesos.css';
import { areaPageUrl, puskesosUrl } from '../../app/page-urls.ts';

/**
 * `/puskesos` (`?desa=` a village; default the user's own): the Puskesos profile as the
 * village and the kabupaten keep it: status and grade with its criteria, legal basis, host,
 * hours, contact, population, the facilities inventory with the supervisor's confirmation,
 * and the village head's approval (a button for the village head when the profile changed).
 */
export default function ProfilePage() {
  const t = useT('puskesos');
  const { locale } = useLocale();
  const user = useUser();
  const own = user.roles.map((r) => r.areaCode).find((c) => c?.split('.').length === 4);
  const village = useSearchParam('desa') ?? own ?? null;
  const { data, error, loading, reload } = useResource<PuskesosProfile>(village ? `/puskesos/${village}` : null);
  const canApprove = permissionsOf(user).has('puskesos.approve');
  const approval = useFormAction();
  const f = formats(locale);

  const approve = (version: number) =>
    approval.run(async () => {
      await api.post(`/puskesos/${village}/approve`, { version });
      reload();
    });

  if (!village) return <section><h1>{t('profile.title.plain')}</h1><p>{t('profile.pick')} <Link to="/puskesos/kesetaraan">{t('nav.equity')}</Link></p></section>;
  return (
    <section className="puskesos-profile" data-village={data?.villageCode}>
      <h1>{data ? t('profile.title', { name: data.villageName }) : t('profile.title.plain')}</h1>
      {error && <div className="alert alert--error" role="alert"><p>{error}</p></div>}
      {!data && loading && <p role="status">{t('app.loading')}</p>}
      {data && (
        <>
          <p className="lead">{t('profile.kecamatan', { name: data.kecamatanName })}</p>
          <dl className="puskesos-facts" data-testid="puskesos-facts">
            <dt>{t('profile.status')}</dt><dd>{t(`status.${data.status}`)}</dd>
            <dt>{t('profile.grade')}</dt><dd>{data.grade ? data.grade.name : t('value.none')}</dd>
            <dt>{t('profile.legalBasis')}</dt><dd>{data.legalBasis ? `${data.legalBasis.number}${data.legalBasis.date ? ` (${data.legalBasis.date})` : ''}` : t('value.none')}</dd>
            <dt>{t('profile.host')}</dt><dd>{data.host ? t(`host.${data.host}`) : t('value.none')}</dd>
            <dt>{t('profile.hours')}</dt><dd>{data.openingHours ?? t('value.none')}</dd>
            <dt>{t('profile.address')}</dt><dd>{data.address ?? t('value.none')}</dd>
            <dt>{t('profile.phone')}</dt><dd>{data.phone ?? t('value.none')}</dd>
            <dt>{t('profile.population')}</dt><dd>{data.population === null ? t('value.none') : f.n(data.population)}</dd>
            <dt>{t('profile.facilitiesIndex')}</dt><dd>{f.dec(data.facilitiesIndex)}</dd>
          </dl>
          {data.grade && data.grade.criteria.length > 0 && (
            <>
              <h2>{t('profile.criteria', { grade: data.grade.name })}</h2>
              <ul>{data.grade.criteria.map((c) => <li key={c}>{c}</li>)}</ul>
            </>
          )}
          <h2>{t('profile.facilities')}</h2>
          {data.facilities.length === 0 ? <p>{t('profile.noFacilities')}</p> : (
            <ul data-testid="puskesos-facilities">
              {data.facilities.map((x) => (
                <li key={x.item}>
                  {t(`facility.${x.item}`)}: {t(`condition.${x.condition}`)}
                  {x.confirmedAt && <span className="hint"> · {t('profile.confirmed', { date: x.confirmedAt })}</span>}
                </li>
              ))}
            </ul>
          )}
          <h2>{t('profile.approval')}</h2>
          <p data-testid="puskesos-approval">
            {data.approvedCurrent && data.approval
              ? t('profile.approved', { name: data.approval.byName, date: data.approval.at.slice(0, 10) })
              : t('profile.notApproved')}
          </p>
          {canApprove && !data.approvedCurrent && (
            <button type="button" className="button button--primary" disabled={approval.busy} onClick={() => void approve(data.version)}>{t('profile.approve')}</button>
          )}
          {approval.message && <div className="alert alert--error" role="alert"><p>{approval.message}</p></div>}
          <OutreachPanel village={data.villageCode} canWrite={permissionsOf(user).has('outreach.write')} />
          <nav className="puskesos-links" aria-label={t('profile.more')}>
            {permissionsOf(user).has('puskesos.write') && <Link to={puskesosUrl('ubah', data.villageCode)} className="button">{t('edit.link')}</Link>}
            <Link to={puskesosUrl('dana', data.villageCode)} className="button">{t('funding.link')}</Link>
            {permissionsOf(user).has('puskesos.staff') && <Link to={puskesosUrl('petugas', data.villageCode)} className="button">{t('officers.link')}</Link>}
            <Link to={puskesosUrl('kunjungan', data.villageCode)} className="button">{t('visits.link')}</Link>
            <Link to={areaPageUrl('/laporan', data.villageCode)} className="button">{t('profile.report')}</Link>
          </nav>
        </>
      )}
    </section>
  );
}
