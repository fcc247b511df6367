import type { HouseholdScreening, ScreeningItem } from '@slrt/core';
import { useResource } from '../../api/use-resource.ts';
import { useT } from '../../i18n/i18n.tsx';
import './programs.css';

/**
 * What a household could receive: every program in force with its screening result and the
 * reasons (advisory: the program owner decides). With `onUse`, each program the household
 * is not enrolled in and not ruled out by the data offers a button (intake: "make it a need").
 */
export function ProgramScreening({ householdId, onUse, used = [] }: { householdId: string; onUse?: (item: ScreeningItem) => void; used?: readonly string[] }) {
  const t = useT('programs');
  const screening = useResource<HouseholdScreening>(`/households/${encodeURIComponent(householdId)}/screening`);
  if (screening.loading && !screening.data) return <p role="status">{t('screening.loading')}</p>;
  if (screening.error || !screening.data) return <p className="alert alert--error" role="alert">{screening.error}</p>;
  const items = [...screening.data.items].sort((a, b) => ORDER[a.result] - ORDER[b.result]);
  return (
    <section className="program-screening" aria-labelledby="program-screening-title">
      <h2 id="program-screening-title">{t('screening.title')}</h2>
      <p className="hint">{t('screening.advisory')}</p>
      <ul className="cards">
        {items.map((item) => (
          <li key={item.program} className={`card program-result program-result--${item.result}`} data-program={item.program} data-result={item.result}>
            <div className="program-result__head">
              <strong>{item.programName}</strong>
              <span className={`badge badge--${item.result}`}>{t(`result.${item.result}`)}</span>
              {item.enrolled && <span className="badge">{t('screening.enrolled')}</span>}
            </div>
            <ul className="program-result__reasons">
              {item.reasons.map((r, i) => (
                <li key={i}>{r}</li>
              ))}
            </ul>
            {onUse && !item.enrolled && item.result !== 'not_eligible' && (
              <button type="button" className="button button--small" disabled={used.includes(item.program)} onClick={() => onUse(item)} data-use-program={item.program}>
                {used.includes(item.program) ? t('screening.used') : t('screening.use')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

const ORDER = { eligible: 0, unknown: 1, not_eligible: 2 } as const;
