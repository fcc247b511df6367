import { describeCriterion, type Program } from '@slrt/core';
import { useResource } from '../../api/use-resource.ts';
import { Link } from '../../app/router.tsx';
import { useLocale, useT } from '../../i18n/i18n.tsx';
import './programs.css';

/** `/program`: the program catalog with the rule in force of each, for the kabupaten. */
export default function ProgramsPage() {
  const t = useT('programs');
  const { locale } = useLocale();
  const programs = useResource<{ items: Program[] }>('/programs');
  if (programs.error) return <p className="alert alert--error" role="alert">{programs.error}</p>;
  if (!programs.data) return <p role="status">{t('screening.loading')}</p>;
  return (
    <section>
      <h1>{t('catalog.title')}</h1>
      <p className="lead">{t('catalog.lead')}</p>
      <ul className="cards">
        {programs.data.items.map((p) => (
          <li key={p.code} className="card" data-program={p.code}>
            <Link to={`/program/${p.code}`}><strong>{p.name}</strong></Link> <span className="badge">{p.code}</span>
            <p className="hint">{p.ownerName} · {p.benefit.description}{!p.benefit.amountVerified && ` (${t('catalog.unverified')})`}</p>
            {p.ruleInForce ? (
              <ul className="program-result__reasons">
                {p.ruleInForce.rule.criteria.map((c, i) => <li key={i}>{describeCriterion(c, locale)}</li>)}
              </ul>
            ) : <p>{t('catalog.noRule')}</p>}
            <Link className="button button--small" to={`/program/${p.code}/sasaran`}>{t('catalog.targeting')}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
