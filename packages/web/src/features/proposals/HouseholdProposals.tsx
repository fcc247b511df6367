import type { ProposalSummary } from '@slrt/core';
import { useCursorList } from '../../api/use-cursor-list.ts';
import { Link } from '../../app/router.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { proposalPath } from './links.ts';
import { ProposalCard } from './ProposalListPage.tsx';
import { CursorCards } from '../../ui/CursorCards.tsx';
import './proposals.css';
import { newProposalUrl } from '../../app/page-urls.ts';

/**
 * The registry proposals of a household (and of its members), newest first, with a link to
 * propose a change: for the registry's household profile (`<HouseholdProposals householdId={id} />`),
 * shown to holders of proposals.read (the caller checks the permission before including it).
 */
export function HouseholdProposals({ householdId, mayPropose }: { householdId: string; mayPropose: boolean }) {
  const t = useT('proposals');
  const list = useCursorList<ProposalSummary>('/proposals', { householdId });
  return (
    <section aria-labelledby="household-proposals">
      <h2 id="household-proposals">{t('household.title')}</h2>
      {mayPropose && (
        <p className="p-actions">
          <Link to={newProposalUrl({ jenis: 'change', rumahTangga: householdId })} className="button">
            {t('household.proposeChange')}
          </Link>
          <Link to={newProposalUrl({ jenis: 'new', rumahTangga: householdId })} className="button">
            {t('household.proposeMember')}
          </Link>
        </p>
      )}
      {list.error && <p className="alert alert--error">{list.error}</p>}
      <CursorCards list={list} empty={t('household.none')}>
        {(p) => (
          <ProposalCard key={p.id} p={p} />
        )}
      </CursorCards>
    </section>
  );
}

/**
 * The link from a registry history entry to the proposal it came from (`sourceType` proposal,
 * `sourceId` the proposal's id): the lineage from the household's history back to the proposal,
 * its field visit and its approvals.
 */
export function ProposalSourceLink({ sourceId }: { sourceId: string }) {
  const t = useT('proposals');
  return (
    <Link to={proposalPath(sourceId)} className="p-lineage-link" data-proposal-link={sourceId}>
      {t('household.sourceLink')}
    </Link>
  );
}
