import type { CaseListQueryInput, CaseSummary } from '@slrt/core';
import { useCursorList } from '../../api/use-cursor-list.ts';
import { useT } from '../../i18n/i18n.tsx';
import { CaseCard } from './CaseListPage.tsx';
import { CursorCards } from '../../ui/CursorCards.tsx';
import './cases.css';

/**
 * The cases of a household and their status, newest first: for the registry's household
 * profile (`<HouseholdCases householdId={id} />`). Shows nothing to a user without
 * cases.read (the API would refuse); the caller checks the permission before including it.
 */
export function HouseholdCases({ householdId }: { householdId: string }) {
  const t = useT('cases');
  const list = useCursorList<CaseSummary>('/cases', { householdId, list: 'all', order: 'recent' } satisfies CaseListQueryInput);
  return (
    <section aria-labelledby="household-cases">
      <h2 id="household-cases">{t('household.title')}</h2>
      {list.error && <p className="alert alert--error">{list.error}</p>}
      <CursorCards list={list} empty={t('household.none')}>
        {(c) => (
          <CaseCard key={c.id} c={c} />
        )}
      </CursorCards>
    </section>
  );
}
