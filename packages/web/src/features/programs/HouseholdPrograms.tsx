import type { HouseholdEnrollments } from '@slrt/core';
import { useResource } from '../../api/use-resource.ts';
import { useT } from '../../i18n/i18n.tsx';
import { HouseholdAssistance } from './HouseholdAssistance.tsx';
import { ProgramScreening } from './ProgramScreening.tsx';

/** The household page's programs: current and past enrollments, the screening, then the assistance received. */
export function HouseholdPrograms({ householdId }: { householdId: string }) {
  const t = useT('programs');
  const enrollments = useResource<HouseholdEnrollments>(`/households/${encodeURIComponent(householdId)}/enrollments`);
  const items = enrollments.data?.items ?? [];
  return (
    <>
      <section aria-labelledby="household-enrollments">
        <h2 id="household-enrollments">{t('enrollments.title')}</h2>
        {enrollments.error && <p className="alert alert--error" role="alert">{enrollments.error}</p>}
        {enrollments.data && items.length === 0 && <p>{t('enrollments.none')}</p>}
        {items.length > 0 && (
          <ul className="cards" data-testid="household-enrollments">
            {items.map((e) => (
              <li key={e.id} className="card" data-enrollment={e.program} data-current={e.endedOn === null}>
                <strong>{e.programName}</strong>
                {e.personName && <> · {t('enrollments.person', { name: e.personName })}</>}
                <br />
                {e.endedOn === null
                  ? t('enrollments.current', { date: e.startedOn })
                  : t('enrollments.ended', { from: e.startedOn, to: e.endedOn, reason: e.endReason ?? '' })}
              </li>
            ))}
          </ul>
        )}
      </section>
      <ProgramScreening householdId={householdId} />
      <HouseholdAssistance householdId={householdId} />
    </>
  );
}
