import type { ReactNode } from 'react';
import { t as coreT } from '@slrt/core';
import { useResource } from '../../api/use-resource.ts';
import { useParams } from '../../app/router.tsx';
import { useLocale, useT } from '../../i18n/i18n.tsx';
import { History } from './History.tsx';
import { formatDate, label, labels } from './format.ts';
import type { PersonView } from '@slrt/core';
import { LoadError } from '../../ui/LoadError.tsx';
import { PersonBadges } from './PersonBadges.tsx';
import './registry.css';

/** `/registri/orang/:id`: one person in full (the NIK in clear), specific data only when the role may see it. */
export default function PersonPage() {
  const t = useT('registry');
  const { locale } = useLocale();
  const { id = '' } = useParams();
  const person = useResource<PersonView>(`/persons/${encodeURIComponent(id)}`);

  if (person.loading && !person.data) return <p role="status">{t('app.loading')}</p>;
  if (person.error || !person.data) {
    return <LoadError error={person.error} onRetry={person.reload} />;
  }
  const p = person.data;
  const fact = (key: Parameters<typeof t>[0], value: ReactNode) => (value === '' || value === null || value === undefined ? null : (
    <div key={key}>
      <dt>{t(key)}</dt>
      <dd>{value}</dd>
    </div>
  ));
  const yesNo = (b: boolean | null | undefined) => (b === null || b === undefined ? null : b ? t('value.yes') : t('value.no'));
  return (
    <section className="registry" data-person-id={p.id}>
      <h1>
        {t('person.title')}: {p.fullName}
      </h1>
      <PersonBadges person={p} householdLabel={t('person.household')} />
      <h2>{t('person.identity')}</h2>
      <dl className="registry-facts">
        {fact('field.nik', <span className="registry-nik">{p.nik}</span>)}
        {fact('field.kk', <span className="registry-nik">{p.kk}</span>)}
        {fact('field.sex', label('sex', p.sex, locale))}
        {fact('field.birthPlace', p.birthPlace)}
        {fact('field.birthDate', formatDate(p.birthDate, locale))}
        {fact('field.relationship', label('relationship', p.relationship, locale))}
        {fact('field.maritalStatus', label('marital_status', p.maritalStatus, locale))}
        {fact('field.presence', label('presence', p.presence, locale))}
        {fact('field.dukcapilMatch', label('dukcapil_match', p.dukcapilMatch, locale))}
        {fact('field.inactiveReason', label('inactive_reason', p.inactiveReason, locale))}
        {p.desil !== null && fact('field.desil', `${p.desil} · ${t('desil.source', { source: p.desilSource ?? '—', date: formatDate(p.desilDate, locale) })}`)}
        {fact('field.villageCode', t('result.area', { village: p.villageName, kecamatan: p.kecamatanName }))}
      </dl>
      {p.nikWarnings.length > 0 && (
        <p className="alert alert--info">{t('person.nikWarnings', { codes: p.nikWarnings.map((c) => coreT(locale, c.replace('_', '.'), { code: '' })).join(' ') })}</p>
      )}
      <h2>{t('person.social')}</h2>
      <dl className="registry-facts">
        {fact('field.educationLevel', label('education_level', p.educationLevel, locale))}
        {fact('field.schoolParticipation', label('school_participation', p.schoolParticipation, locale))}
        {fact('field.workStatus', label('work_status', p.workStatus, locale))}
        {fact('field.workSector', label('work_sector', p.workSector, locale))}
        {fact('field.documentsHeld', labels('documents_held', p.documentsHeld, locale))}
        {fact('field.pipKip', yesNo(p.pipKip))}
      </dl>
      <h2>{t('person.specific')}</h2>
      {p.specificShown ? (
        <dl className="registry-facts">
          {fact('field.pregnant', yesNo(p.pregnant))}
          {fact('field.disability', p.disability && Object.keys(p.disability).length
            ? Object.entries(p.disability).map(([d, s]) => `${label('disability_domain', d, locale)}: ${label('disability_severity', s, locale)}`).join('; ')
            : t('person.disabilityNone'))}
          {fact('field.chronicIllnesses', labels('chronic_illness', p.chronicIllnesses, locale))}
          {fact('field.healthInsurance', labels('health_insurance', p.healthInsurance, locale))}
        </dl>
      ) : (
        <p className="hint">{t('person.specificHidden')}</p>
      )}
      <History path={`/persons/${encodeURIComponent(p.id)}/history`} />
    </section>
  );
}
