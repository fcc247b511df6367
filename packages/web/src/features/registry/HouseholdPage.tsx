import { useUser } from '../../api/session.tsx';
import { permissionsOf } from '../../api/user.ts';
import { useResource } from '../../api/use-resource.ts';
import { Link, useParams } from '../../app/router.tsx';
import { useLocale, useT } from '../../i18n/i18n.tsx';
import { HouseholdCases } from '../cases/HouseholdCases.tsx';
import { HouseholdProposals } from '../proposals/HouseholdProposals.tsx';
import { HouseholdPrograms } from '../programs/HouseholdPrograms.tsx';
import { History } from './History.tsx';
import { indicatorLabel, indicatorValue, INDICATOR_LISTS } from './fields.ts';
import { formatDate, label } from './format.ts';
import type { FamilyView, HouseholdView, LocalEstimateView, PersonSummary } from '@slrt/core';
import { personPath } from './registry-api.ts';
import { LoadError } from '../../ui/LoadError.tsx';
import './registry.css';

/**
 * `/registri/rumah-tangga/:id`: the household profile: address, the national decile with its
 * source and date (or the labelled local estimate with what moved it), families with their
 * KK history and members, housing indicators, history, and the household's cases.
 */
export default function HouseholdPage() {
  const t = useT('registry');
  const { id = '' } = useParams();
  const user = useUser();
  const household = useResource<HouseholdView>(`/households/${encodeURIComponent(id)}`);

  if (household.loading && !household.data) return <p role="status">{t('app.loading')}</p>;
  if (household.error || !household.data) {
    return <LoadError error={household.error} onRetry={household.reload} />;
  }
  const h = household.data;
  return (
    <section className="registry" data-household-id={h.id}>
      <h1>{t('household.title')}</h1>
      <p className="lead">
        {h.address ?? '—'}
        {h.rt && h.rw && <> · {t('household.rtRw', { rt: h.rt, rw: h.rw })}</>}
        <br />
        {t('household.area', { village: h.villageName, kecamatan: h.kecamatanName })}
      </p>
      <Decile household={h} />
      <section aria-labelledby="registry-families">
        <h2 id="registry-families">{t('families.title')}</h2>
        {h.families.map((f) => (
          <Family key={f.id} family={f} />
        ))}
        {h.membersWithoutFamily.length > 0 && (
          <div className="registry-family">
            <h3>{t('family.withoutKk')}</h3>
            <Members members={h.membersWithoutFamily} />
          </div>
        )}
      </section>
      <Indicators indicators={h.indicators} />
      <HouseholdPrograms householdId={h.id} />
      {permissionsOf(user).has('cases.read') && <HouseholdCases householdId={h.id} />}
      {permissionsOf(user).has('proposals.read') && <HouseholdProposals householdId={h.id} mayPropose={permissionsOf(user).has('proposals.create')} />}
      <History path={`/households/${encodeURIComponent(h.id)}/history`} />
    </section>
  );
}

function Decile({ household: h }: { household: HouseholdView }) {
  const t = useT('registry');
  const { locale } = useLocale();
  if (h.desil !== null) {
    return (
      <section className="registry-decile" aria-labelledby="registry-decile" data-testid="national-decile">
        <h2 id="registry-decile">{t('desil.title')}</h2>
        <p className="registry-decile__value">{t('desil.big', { desil: h.desil })}</p>
        <p>{t('desil.source', { source: h.desilSource ?? '—', date: formatDate(h.desilDate, locale) })}</p>
        <p className="hint">{t('desil.explain')}</p>
      </section>
    );
  }
  return (
    <section className="registry-decile registry-decile--estimate" aria-labelledby="registry-decile" data-testid="local-estimate">
      <h2 id="registry-decile">{t('desil.title')}</h2>
      <p>{t('desil.missing')}</p>
      {h.localEstimate ? <Estimate estimate={h.localEstimate} /> : <p className="hint">{t('estimate.none')}</p>}
    </section>
  );
}

function Estimate({ estimate: e }: { estimate: LocalEstimateView }) {
  const t = useT('registry');
  const { locale } = useLocale();
  const moved = e.contributions.filter((c) => c.points !== 0).slice(0, 6);
  return (
    <div className="registry-estimate">
      <h3>{t('estimate.title')}</h3>
      <p className="registry-decile__value">{t('estimate.value', { estimate: e.estimate })}</p>
      <p>{t('estimate.note', { modelId: e.modelId, modelVersion: e.modelVersion })}</p>
      {moved.length > 0 && (
        <>
          <h4>{t('estimate.contributions')}</h4>
          <p className="hint">{t('estimate.pointsHint')}</p>
          <ul className="registry-contributions">
            {moved.map((c, i) => (
              <li key={`${c.indicator}-${i}`}>
                {indicatorLabel(t, c.indicator)}: {c.value === 'none' ? t('indicators.noneOwned') : indicatorValue(t, c.indicator, c.value, locale)}{' '}
                <span className="badge">{t('estimate.points', { points: c.points > 0 ? `+${c.points}` : String(c.points) })}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function Family({ family: f }: { family: FamilyView }) {
  const t = useT('registry');
  const { locale } = useLocale();
  const earlier = f.kkHistory.filter((k) => k.validTo !== null);
  return (
    <div className="registry-family" data-family-id={f.id}>
      <h3>{f.kk ? t('family.kk', { kk: f.kk }) : t('family.noKk')}</h3>
      {earlier.length > 0 && (
        <details>
          <summary>{t('family.kkHistory')}</summary>
          <ul>
            {f.kkHistory.map((k) => (
              <li key={`${k.kk}-${k.validFrom}`}>
                {k.validTo
                  ? t('family.kkPast', { kk: k.kk, from: formatDate(k.validFrom.slice(0, 10), locale), to: formatDate(k.validTo.slice(0, 10), locale) })
                  : t('family.kkCurrent', { kk: k.kk, from: formatDate(k.validFrom.slice(0, 10), locale) })}
              </li>
            ))}
          </ul>
        </details>
      )}
      <Members members={f.members} />
    </div>
  );
}

function Members({ members }: { members: PersonSummary[] }) {
  const t = useT('registry');
  const { locale } = useLocale();
  return (
    <ul className="registry-members">
      {members.map((m) => (
        <li key={m.id} aria-label={t('member.details', { name: m.fullName })}>
          <Link to={personPath(m.id)} className="registry-members__name">
            {m.fullName}
          </Link>
          <span className="registry-nik">{m.nik ?? '—'}</span>
          <span>
            {label('relationship', m.relationship, locale)}
            {m.birthDate && ` · ${t('result.born', { date: formatDate(m.birthDate, locale) })}`} · {label('sex', m.sex, locale)}
          </span>
          <span className={`badge badge--${m.registryStatus}`}>{label('registry_status', m.registryStatus, locale)}</span>
        </li>
      ))}
    </ul>
  );
}

function Indicators({ indicators }: { indicators: Record<string, unknown> }) {
  const t = useT('registry');
  const { locale } = useLocale();
  const keys = [...Object.keys(INDICATOR_LISTS), 'programsLastReceived'].filter((k) => indicators[k] !== undefined);
  return (
    <section aria-labelledby="registry-indicators">
      <h2 id="registry-indicators">{t('indicators.title')}</h2>
      {keys.length === 0 ? (
        <p>{t('indicators.none')}</p>
      ) : (
        <dl className="registry-facts">
          {keys.map((k) => (
            <div key={k}>
              <dt>{indicatorLabel(t, k)}</dt>
              <dd>{indicatorValue(t, k, indicators[k], locale)}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
