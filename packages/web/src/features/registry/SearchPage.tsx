import { useState } from 'react';
import { queryField } from '../../api/client.ts';
import { useCursorList } from '../../api/use-cursor-list.ts';
import { useUser } from '../../api/session.tsx';
import { permissionsOf } from '../../api/user.ts';
import { Link, navigate, useLocation } from '../../app/router.tsx';
import { useLocale, useT } from '../../i18n/i18n.tsx';
import { TextField } from '../../ui/Field.tsx';
import { AreaFilter } from './AreaFilter.tsx';
import { RegistryExport } from './RegistryExport.tsx';
import { formatDate, label } from './format.ts';
import { PersonSearchQuery, type PersonSearchItem } from '@slrt/core';
import { personPath } from './registry-api.ts';
import { LoadError } from '../../ui/LoadError.tsx';
import { PersonBadges } from './PersonBadges.tsx';
import './registry.css';
import { registryUrl } from '../../app/page-urls.ts';

type Mode = 'nik' | 'kk' | 'name';
/** `GET /persons`'s query (core's PersonSearchQuery), the birth year as the number it coerces to. */
type PersonQuery = Omit<PersonSearchQuery, 'birthYear'> & { birthYear?: number | undefined };
interface SearchValues { nik: string; kk: string; q: string; area: string; tahun: string }

/** The search as the URL holds it, so that back and reload keep the results. */
function criteriaOf(search: string): { mode: Mode; query: PersonQuery | null; values: SearchValues } {
  const p = new URLSearchParams(search);
  const values: SearchValues = { nik: p.get('nik') ?? '', kk: p.get('kk') ?? '', q: p.get('q') ?? '', area: p.get('area') ?? '', tahun: p.get('tahun') ?? '' };
  const field = PersonSearchQuery.shape;
  if (values.kk) return { mode: 'kk', query: { kk: values.kk }, values };
  if (values.q) return { mode: 'name', query: { q: values.q, area: queryField(field.area, values.area), birthYear: queryField(field.birthYear, values.tahun) }, values };
  if (values.nik) return { mode: 'nik', query: { nik: values.nik }, values };
  return { mode: 'nik', query: null, values };
}

/** `/registri`: find a resident by NIK first, by KK number, or by name with area and birth year. */
export default function SearchPage() {
  const t = useT('registry');
  const { search } = useLocation();
  const criteria = criteriaOf(search);
  const [mode, setMode] = useState<Mode>(criteria.mode);
  const [nik, setNik] = useState(criteria.values.nik);
  const [kk, setKk] = useState(criteria.values.kk);
  const [name, setName] = useState(criteria.values.q);
  const [area, setArea] = useState(criteria.values.area);
  const [year, setYear] = useState(criteria.values.tahun);
  const list = useCursorList<PersonSearchItem>(criteria.query ? '/persons' : null, { ...criteria.query, limit: 20 } satisfies PersonQuery);
  const user = useUser();

  function submit() {
    if (mode === 'nik') navigate(registryUrl({ nik }));
    if (mode === 'kk') navigate(registryUrl({ kk }));
    if (mode === 'name') navigate(registryUrl({ q: name.trim(), area, tahun: year }));
  }

  const digits = (v: string) => v.replace(/\D/g, '').slice(0, 16);
  const ready = mode === 'nik' ? nik.length === 16 : mode === 'kk' ? kk.length === 16 : name.trim().replace(/\s/g, '').length >= 3;

  return (
    <section className="registry">
      <h1>{t('search.title')}</h1>
      <p className="lead">{t('search.lead')}</p>
      <div className="actions" role="group" aria-label={t('search.how')}>
        {(['nik', 'kk', 'name'] as const).map((m) => (
          <button key={m} type="button" className={mode === m ? 'button button--primary button--small' : 'button button--small'} aria-pressed={mode === m} onClick={() => setMode(m)}>
            {t(`search.mode.${m}`)}
          </button>
        ))}
      </div>
      <form
        className="registry-search"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          if (ready) submit();
        }}
      >
        {mode === 'nik' && (
          <TextField id="registry-nik" label={t('search.nik')} inputMode="numeric" autoComplete="off" value={nik} onChange={(e) => setNik(digits(e.target.value))} />
        )}
        {mode === 'kk' && (
          <TextField id="registry-kk" label={t('search.kk')} inputMode="numeric" autoComplete="off" value={kk} onChange={(e) => setKk(digits(e.target.value))} />
        )}
        {mode === 'name' && (
          <>
            <TextField id="registry-name" label={t('search.name')} hint={t('search.nameHint')} autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} />
            <AreaFilter idPrefix="registry-area" permission="registry.read" value={area} onChange={setArea} />
            <TextField id="registry-year" label={t('search.birthYear')} inputMode="numeric" value={year} onChange={(e) => setYear(e.target.value.replace(/\D/g, '').slice(0, 4))} />
          </>
        )}
        <button type="submit" className="button button--primary" disabled={!ready}>
          {t('search.submit')}
        </button>
      </form>

      {criteria.query && <Results list={list} />}
      {permissionsOf(user).has('registry.export') && <RegistryExport />}
    </section>
  );
}

function Results({ list }: { list: ReturnType<typeof useCursorList<PersonSearchItem>> }) {
  const t = useT('registry');
  if (list.error) {
    return <LoadError error={list.error} onRetry={list.reload} />;
  }
  if (list.loading) return <p role="status">{t('app.loading')}</p>;
  if (list.items.length === 0) {
    return (
      <div className="alert alert--info" role="status">
        <p>{t('search.noResults')}</p>
        <p>{t('search.notInRegistry')}</p>
      </div>
    );
  }
  return (
    <>
      <p className="hint" role="status">
        {t('search.results', { count: list.items.length })} · {t('search.masked')}
      </p>
      <ul className="cards registry-results">
        {list.items.map((p) => (
          <ResultCard key={p.id} person={p} />
        ))}
      </ul>
      {list.hasMore && (
        <button type="button" className="button" onClick={list.loadMore} disabled={list.loadingMore}>
          {list.loadingMore ? t('app.loading') : t('action.loadMore')}
        </button>
      )}
    </>
  );
}

function ResultCard({ person: p }: { person: PersonSearchItem }) {
  const t = useT('registry');
  const { locale } = useLocale();
  return (
    <li className="card" data-person-id={p.id}>
      <h2 className="card__title">
        <Link to={personPath(p.id)}>{p.fullName}</Link>
      </h2>
      <p className="card__meta registry-nik">{p.nik ?? '—'}</p>
      <p className="card__meta">
        {label('sex', p.sex, locale)}
        {p.birthDate && ` · ${t('result.born', { date: formatDate(p.birthDate, locale) })}`}
        {p.relationship && ` · ${label('relationship', p.relationship, locale)}`}
      </p>
      <p className="card__meta">{t('result.area', { village: p.villageName, kecamatan: p.kecamatanName })}</p>
      <PersonBadges person={p} householdLabel={t('result.household')} />
    </li>
  );
}
