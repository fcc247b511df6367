import type { CodeListName, Locale } from '@slrt/core';
import { useCursorList } from '../../api/use-cursor-list.ts';
import { useLocale, useT, type Translate } from '../../i18n/i18n.tsx';
import { FIELD_LISTS, indicatorLabel, indicatorValue } from './fields.ts';
import { formatDate, formatDateTime, label, labels } from './format.ts';
import type { RegistryHistoryItem } from '@slrt/core';
import { ProposalSourceLink } from '../proposals/HouseholdProposals.tsx';

/** The change history of a person or household (with its families): who, when, why, old and new values. */
export function History({ path }: { path: string }) {
  const t = useT('registry');
  const list = useCursorList<RegistryHistoryItem>(path, { limit: 20 });
  return (
    <section aria-labelledby="registry-history">
      <h2 id="registry-history">{t('history.title')}</h2>
      {list.error && <p className="alert alert--error">{list.error}</p>}
      {list.loading ? (
        <p role="status">{t('app.loading')}</p>
      ) : list.items.length === 0 ? (
        <p>{t('history.empty')}</p>
      ) : (
        <ol className="registry-history">
          {list.items.map((item) => (
            <HistoryEntry key={item.id} item={item} />
          ))}
        </ol>
      )}
      {list.hasMore && (
        <button type="button" className="button" onClick={list.loadMore} disabled={list.loadingMore}>
          {t('action.loadMore')}
        </button>
      )}
    </section>
  );
}

function HistoryEntry({ item }: { item: RegistryHistoryItem }) {
  const t = useT('registry');
  const { locale } = useLocale();
  const fields = Object.entries(item.changes);
  return (
    <li className="registry-history__item">
      <p>
        <strong>{t(`history.action.${item.action}`)}</strong> · {t(`history.source.${item.sourceType}`)}
        {item.sourceType === 'proposal' && item.sourceId && <> · <ProposalSourceLink sourceId={item.sourceId} /></>}
      </p>
      <p className="hint">{t('history.by', { when: formatDateTime(item.at, locale), who: item.actorName ?? t('history.unknownActor') })}</p>
      {item.reason && <p>{t('history.reason', { reason: item.reason })}</p>}
      {fields.length > 0 && (
        <ul className="registry-changes">
          {fields.map(([field, change]) => (
            <li key={field}>
              <span className="registry-changes__field">{fieldLabel(t, field)}</span>: {valueText(t, field, change.old, locale)} → {valueText(t, field, change.new, locale)}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

function fieldLabel(t: Translate<'registry'>, field: string): string {
  const key = `field.${field}`;
  const text = t(key as Parameters<typeof t>[0]);
  return text === key ? field : text;
}

/** A history value in words: codes by their labels, dates formatted, empty shown as such. */
function valueText(t: Translate<'registry'>, field: string, value: unknown, locale: Locale): string {
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) return t('value.empty');
  if (typeof value === 'boolean') return value ? t('value.yes') : t('value.no');
  // Record ids mean little to a reader: a short form tells a move apart from no change.
  if ((field === 'householdId' || field === 'familyId') && typeof value === 'string') return `#${value.slice(-6)}`;
  const list: CodeListName | undefined = FIELD_LISTS[field];
  if (list && typeof value === 'string') return label(list, value, locale);
  if (list && Array.isArray(value)) return labels(list, value as string[], locale);
  if (field === 'disability' && typeof value === 'object') {
    return Object.entries(value as Record<string, string>).map(([d, s]) => `${label('disability_domain', d, locale)}: ${label('disability_severity', s, locale)}`).join('; ');
  }
  if (field === 'indicators' && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).map(([k, v]) => `${indicatorLabel(t, k)}: ${indicatorValue(t, k, v, locale)}`).join('; ');
  }
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value, locale);
  if (Array.isArray(value)) return value.join(', ');
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
