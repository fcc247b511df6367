import { caseCodeLabel, type ServiceView } from '@slrt/core';
import { permissionsOf } from '../../api/user.ts';
import { useUser } from '../../api/session.tsx';
import { useResource } from '../../api/use-resource.ts';
import { Link, useParams } from '../../app/router.tsx';
import { useLocale, useT } from '../../i18n/i18n.tsx';
import { useReferralLabels } from '../referrals/labels.ts';
import '../referrals/referrals.css';

/** `/direktori/layanan/:id`: a service: eligibility, documents, hours, places, and what data a referral to it shares. */
export default function ServicePage() {
  const t = useT('directory');
  const { locale } = useLocale();
  const { field } = useReferralLabels();
  const user = useUser();
  const { id = '' } = useParams();
  const service = useResource<ServiceView>(`/services/${encodeURIComponent(id)}`);
  if (service.error) return <p className="alert alert--error" role="alert">{service.error}</p>;
  const s = service.data;
  if (!s) return <p role="status">{t('app.loading')}</p>;
  const perms = permissionsOf(user);
  const own = user.roles.some((r) => r.organizationId === s.organizationId) && perms.has('directory.manage_own');
  const editPath = perms.has('directory.manage') ? `/direktori/layanan/${s.id}/ubah` : own ? `/mitra/layanan/${s.id}/ubah` : null;
  const days = (d: string[]) => d.map((x) => t(`day.${x}` as 'day.MO')).join(', ');
  return (
    <section>
      <h1>{s.name}</h1>
      <p className="lead">
        <Link to={`/direktori/organisasi/${s.organizationId}`}>{s.organizationName}</Link> · {caseCodeLabel('sector', s.sector, locale)}
      </p>
      {s.status !== 'active' && <p className="alert alert--info">{t(`status.${s.status === 'temporarily closed' ? 'temporarily_closed' : s.status}` as 'status.active')}</p>}
      <p>{s.description}</p>
      <dl className="dl">
        {s.eligibility && (
          <div>
            <dt>{t('service.eligibility')}</dt>
            <dd>{s.eligibility}</dd>
          </div>
        )}
        {s.applicationProcess && (
          <div>
            <dt>{t('service.applicationProcess')}</dt>
            <dd>{s.applicationProcess}</dd>
          </div>
        )}
        <div>
          <dt>{t('service.documents')}</dt>
          <dd>{s.documentsRequired.length ? s.documentsRequired.join('; ') : '-'}</dd>
        </div>
        <div>
          <dt>{t('service.hours')}</dt>
          <dd>
            {s.schedules.map((h, i) => (
              <span key={i}>
                {days(h.days)} {h.opensAt}-{h.closesAt}
                {h.note && ` (${h.note})`}
                <br />
              </span>
            ))}
            {s.hoursNote ?? (s.schedules.length ? null : '-')}
          </dd>
        </div>
        <div>
          <dt>{t('service.responseTime')}</dt>
          <dd>{t('service.responseDays', { days: s.responseDays })}</dd>
        </div>
        <div>
          <dt>{t('service.capacity')}</dt>
          <dd>{s.capacityPerMonth !== null ? t('service.capacityValue', { n: s.capacityPerMonth }) : '-'}{s.capacityNote && ` · ${s.capacityNote}`}</dd>
        </div>
        {(s.minimumAge !== null || s.maximumAge !== null) && (
          <div>
            <dt>{t('service.ages')}</dt>
            <dd>{s.minimumAge ?? 0} - {s.maximumAge ?? '…'}</dd>
          </div>
        )}
        <div>
          <dt>{t('service.shared')}</dt>
          <dd data-testid="service-shared">{s.sharedFields.map(field).join(', ')}</dd>
        </div>
      </dl>
      <h2>{t('service.locations')}</h2>
      {s.locations.length === 0 ? (
        <p>-</p>
      ) : (
        <ul className="cards">
          {s.locations.map((l) => (
            <li key={l.id} className="card">
              <p className="card__title">{l.name}</p>
              <p className="card__meta">{l.address}, {l.villageName}, Kec. {l.kecamatanName} {l.postalCode}</p>
            </li>
          ))}
        </ul>
      )}
      {editPath && (
        <p>
          <Link to={editPath} className="button">{t('service.edit')}</Link>
        </p>
      )}
    </section>
  );
}
