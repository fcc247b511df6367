import { useState } from 'react';
import type { ServiceView } from '@slrt/core';
import { useUser } from '../../api/session.tsx';
import { useResource } from '../../api/use-resource.ts';
import { Link } from '../../app/router.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { directoryApi, type OrganizationDetail } from '../directory/directory-api.ts';
import { LocationForm } from '../directory/LocationForm.tsx';
import { OrganizationForm, profileBody, valuesOf } from '../directory/OrganizationForm.tsx';
import '../referrals/referrals.css';

/**
 * `/mitra/profil`: a partner keeps its own directory entry current: its public profile, its
 * services (capacity, hours, response time, what data it needs) and its places.
 */
export default function PartnerProfilePage() {
  const t = useT('directory');
  const user = useUser();
  const orgId = user.roles.find((r) => r.organizationId)?.organizationId ?? null;
  const org = useResource<OrganizationDetail>(orgId ? `/organizations/${encodeURIComponent(orgId)}` : null);
  const services = useResource<{ items: ServiceView[] }>(orgId ? '/services' : null, { organizationId: orgId ?? '', limit: 200 });
  const [notice, setNotice] = useState<string | null>(null);
  if (!orgId) return <p className="alert alert--error">{t('profile.noOrganization')}</p>;
  const o = org.data;
  if (!o) return <p role="status">{t('app.loading')}</p>;
  return (
    <section>
      <h1>{t('profile.title')}</h1>
      <p className="lead">{o.name}</p>
      {notice && <Notice>{notice}</Notice>}
      <h2>{t('org.servicesTitle')}</h2>
      <ul className="cards">
        {services.data?.items.map((s) => (
          <li key={s.id} className="card">
            <p className="card__title"><Link to={`/direktori/layanan/${s.id}`}>{s.name}</Link></p>
            <p><Link to={`/mitra/layanan/${s.id}/ubah`} className="button button--small">{t('service.edit')}</Link></p>
          </li>
        ))}
      </ul>
      <p><Link to="/mitra/layanan/baru" className="button">{t('service.add')}</Link></p>
      <LocationForm scope="own" organizationId={o.id} onCreated={() => { setNotice(t('location.created')); org.reload(); }} />
      <h2>{t('profile.edit')}</h2>
      <OrganizationForm
        key={o.updatedAt}
        initial={valuesOf(o)}
        full={false}
        submitLabel={t('org.save')}
        onSubmit={async (v) => {
          await directoryApi.updateOwnProfile(o.id, profileBody(v));
          setNotice(t('org.saved'));
          org.reload();
        }}
      />
    </section>
  );
}
