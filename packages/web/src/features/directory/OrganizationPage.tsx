import { useState } from 'react';
import type { ServiceView } from '@slrt/core';
import { permissionsOf } from '../../api/user.ts';
import { useUser } from '../../api/session.tsx';
import { useResource } from '../../api/use-resource.ts';
import { Link, useParams } from '../../app/router.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { directoryApi, type OrganizationDetail } from './directory-api.ts';
import { LocationForm } from './LocationForm.tsx';
import { OrganizationForm, profileBody, valuesOf } from './OrganizationForm.tsx';
import '../referrals/referrals.css';
import { newServiceUrl } from '../../app/page-urls.ts';

/** `/direktori/organisasi/:id`: an organization, its places and services; the kabupaten edits it here. */
export default function OrganizationPage() {
  const t = useT('directory');
  const user = useUser();
  const { id = '' } = useParams();
  const org = useResource<OrganizationDetail>(`/organizations/${encodeURIComponent(id)}`);
  const services = useResource<{ items: ServiceView[] }>('/services', { organizationId: id, limit: 200 });
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  if (org.error) return <p className="alert alert--error" role="alert">{org.error}</p>;
  const o = org.data;
  if (!o) return <p role="status">{t('app.loading')}</p>;
  const manage = permissionsOf(user).has('directory.manage');
  return (
    <section>
      <h1>{o.name}</h1>
      {notice && <Notice>{notice}</Notice>}
      <p className="lead">{t(`orgType.${o.type}`)}{!o.active && ` · ${t('org.inactive')}`}</p>
      {o.description && <p>{o.description}</p>}
      <dl className="dl">
        {o.website && (
          <div>
            <dt>{t('org.field.website')}</dt>
            <dd><a href={o.website} rel="noreferrer" target="_blank">{o.website}</a></dd>
          </div>
        )}
        {o.email && (
          <div>
            <dt>{t('org.field.email')}</dt>
            <dd>{o.email}</dd>
          </div>
        )}
        {o.phone && (
          <div>
            <dt>{t('org.field.phone')}</dt>
            <dd>{o.phone}</dd>
          </div>
        )}
        {o.contactTitle && (
          <div>
            <dt>{t('org.field.contactTitle')}</dt>
            <dd>{o.contactTitle}{o.contactName && ` · ${o.contactName}`}</dd>
          </div>
        )}
      </dl>
      <h2>{t('org.servicesTitle')}</h2>
      <ul className="cards">
        {services.data?.items.map((s) => (
          <li key={s.id} className="card">
            <p className="card__title"><Link to={`/direktori/layanan/${s.id}`}>{s.name}</Link></p>
          </li>
        ))}
      </ul>
      <h2>{t('org.locations')}</h2>
      <ul className="cards">
        {o.locations.map((l) => (
          <li key={l.id} className="card">
            <p className="card__title">{l.name}</p>
            <p className="card__meta">{l.address}, {l.villageName}, Kec. {l.kecamatanName} {l.postalCode}</p>
          </li>
        ))}
      </ul>
      {manage && (
        <div className="panel">
          <div className="actions">
            <Link to={newServiceUrl({ organisasi: o.id })} className="button">{t('service.add')}</Link>
            <button type="button" className="button" aria-expanded={editing} onClick={() => setEditing(!editing)}>{t('org.edit')}</button>
          </div>
          {editing && (
            <OrganizationForm
              initial={valuesOf(o)}
              full
              submitLabel={t('org.save')}
              onSubmit={async (v) => {
                await directoryApi.updateOrganization(o.id, { ...profileBody(v), name: v.name.trim(), type: v.type, active: v.active });
                setEditing(false);
                setNotice(t('org.saved'));
                org.reload();
              }}
            />
          )}
          <LocationForm
            scope="kabupaten"
            organizationId={o.id}
            onCreated={() => {
              setNotice(t('location.created'));
              org.reload();
            }}
          />
        </div>
      )}
    </section>
  );
}
