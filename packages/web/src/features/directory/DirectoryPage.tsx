import {
  ORGANIZATION_TYPES, OrganizationListQuery, SERVICE_SECTORS, ServiceListQuery, caseCodeLabel, type OrganizationType, type OrganizationView, type ServiceSector, type ServiceView,
} from '@slrt/core';
import { useState } from 'react';
import { queryField } from '../../api/client.ts';
import { permissionsOf } from '../../api/user.ts';
import { useUser } from '../../api/session.tsx';
import { useCursorList } from '../../api/use-cursor-list.ts';
import { Link, navigate, useSearchParam } from '../../app/router.tsx';
import { useLocale, useT } from '../../i18n/i18n.tsx';
import { SelectField, TextField } from '../../ui/Field.tsx';
import { directoryUrl } from '../../app/page-urls.ts';
import '../referrals/referrals.css';

/**
 * `/direktori`: the partner directory, searchable by sector and words; services first (what
 * a referral targets), organizations on their own tab. The kabupaten adds organizations.
 */
export default function DirectoryPage() {
  const t = useT('directory');
  const { locale } = useLocale();
  const user = useUser();
  const tab = useSearchParam('tab') === 'organisasi' ? 'organisasi' : 'layanan';
  const sector = useSearchParam('sektor') ?? '';
  const type = useSearchParam('jenis') ?? '';
  const [q, setQ] = useState(useSearchParam('q') ?? '');
  const query = useSearchParam('q') ?? '';
  const services = useCursorList<ServiceView>(tab === 'layanan' ? '/services' : null, {
    sector: queryField(ServiceListQuery.shape.sector, sector), q: queryField(ServiceListQuery.shape.q, query), limit: 30,
  } satisfies ServiceListQuery);
  const orgs = useCursorList<OrganizationView>(tab === 'organisasi' ? '/organizations' : null, {
    type: queryField(OrganizationListQuery.shape.type, type), q: queryField(OrganizationListQuery.shape.q, query), limit: 30,
  } satisfies OrganizationListQuery);
  const manage = permissionsOf(user).has('directory.manage');
  const href = (next: Parameters<typeof directoryUrl>[0]) => directoryUrl({ tab, sektor: sector as ServiceSector, jenis: type as OrganizationType, q: query, ...next });

  return (
    <section>
      <h1>{t('title')}</h1>
      <p className="lead">{t('lead')}</p>
      <ul className="tabs" aria-label={t('tabs')}>
        <li>
          <Link to={href({ tab: 'layanan' })} aria-current={tab === 'layanan' ? 'page' : undefined}>{t('tab.services')}</Link>
        </li>
        <li>
          <Link to={href({ tab: 'organisasi' })} aria-current={tab === 'organisasi' ? 'page' : undefined}>{t('tab.organizations')}</Link>
        </li>
      </ul>
      <form
        className="search"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          navigate(href({ q }));
        }}
      >
        <TextField id="directory-q" label={t('search')} value={q} onChange={(e) => setQ(e.target.value)} />
        <button type="submit" className="button">{t('searchButton')}</button>
      </form>
      {tab === 'layanan' ? (
        <>
          <SelectField id="sector" label={t('sector')} value={sector} onChange={(e) => navigate(href({ sektor: e.target.value as ServiceSector }))}>
            <option value="">{t('allSectors')}</option>
            {SERVICE_SECTORS.map((s) => (
              <option key={s} value={s}>{caseCodeLabel('sector', s, locale)}</option>
            ))}
          </SelectField>
          {services.loading ? (
            <p role="status">{t('app.loading')}</p>
          ) : services.items.length === 0 ? (
            <p>{t('empty')}</p>
          ) : (
            <ul className="cards" data-testid="services">
              {services.items.map((s) => (
                <li key={s.id} className="card" data-service={s.name}>
                  <p className="card__title">
                    <Link to={`/direktori/layanan/${s.id}`}>{s.name}</Link>
                  </p>
                  <p className="card__meta">{s.organizationName} · {caseCodeLabel('sector', s.sector, locale)}</p>
                  <p className="card__meta">{t('service.responseDays', { days: s.responseDays })}{s.status !== 'active' && ` · ${t(`status.${s.status === 'temporarily closed' ? 'temporarily_closed' : s.status}` as 'status.active')}`}</p>
                </li>
              ))}
            </ul>
          )}
          {services.hasMore && <button type="button" className="button" onClick={services.loadMore}>{t('action.loadMore')}</button>}
        </>
      ) : (
        <>
          <SelectField id="type" label={t('type')} value={type} onChange={(e) => navigate(href({ jenis: e.target.value as OrganizationType }))}>
            <option value="">{t('allTypes')}</option>
            {ORGANIZATION_TYPES.map((x) => (
              <option key={x} value={x}>{t(`orgType.${x}`)}</option>
            ))}
          </SelectField>
          {manage && (
            <p>
              <Link to="/direktori/organisasi/baru" className="button">{t('org.add')}</Link>
            </p>
          )}
          {orgs.loading ? (
            <p role="status">{t('app.loading')}</p>
          ) : orgs.items.length === 0 ? (
            <p>{t('empty')}</p>
          ) : (
            <ul className="cards" data-testid="organizations">
              {orgs.items.map((o) => (
                <li key={o.id} className={o.active ? 'card' : 'card card--muted'}>
                  <p className="card__title">
                    <Link to={`/direktori/organisasi/${o.id}`}>{o.name}</Link>
                  </p>
                  <p className="card__meta">{t(`orgType.${o.type}`)} · {t('org.services', { n: o.serviceCount })}{!o.active && ` · ${t('org.inactive')}`}</p>
                </li>
              ))}
            </ul>
          )}
          {orgs.hasMore && <button type="button" className="button" onClick={orgs.loadMore}>{t('action.loadMore')}</button>}
        </>
      )}
    </section>
  );
}
