import type { PersonSearchItem } from '@slrt/core';
import { Link } from '../../app/router.tsx';
import { useLocale, useT } from '../../i18n/i18n.tsx';
import { label } from './format.ts';
import { householdPath } from './registry-api.ts';

/** A person's registry status and desil as badges, then the link to their household. */
export function PersonBadges({ person: p, householdLabel }: { person: Pick<PersonSearchItem, 'registryStatus' | 'desil' | 'householdId'>; householdLabel: string }) {
  const t = useT('registry');
  const { locale } = useLocale();
  return (
    <>
      <p className="registry-badges">
        <span className={`badge badge--${p.registryStatus}`}>{label('registry_status', p.registryStatus, locale)}</span>{' '}
        <span className="badge">{p.desil === null ? t('desil.none') : t('desil.value', { desil: p.desil })}</span>
      </p>
      <p>
        <Link to={householdPath(p.householdId)} className="button button--small">
          {householdLabel}
        </Link>
      </p>
    </>
  );
}
