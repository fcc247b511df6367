import { useCallback, useState } from 'react';
import { api, ApiError, type Page } from '../../api/client.ts';
import { useT } from '../../i18n/i18n.tsx';
import { SelectField, TextField } from '../../ui/Field.tsx';
import { DigitsField } from '../../ui/DigitsField.tsx';
import { useFormAction } from '../../ui/use-form-action.ts';
import { useRegistryStatusLabel } from '../cases/labels.ts';
import { VillageSelect } from '../cases/VillageSelect.tsx';
import { LikelyMatches } from '../registry/LikelyMatches.tsx';
import type { PersonView } from '@slrt/core';
import { ElsewherePanel } from './ElsewherePanel.tsx';
import { EMPTY_RESIDENT, type FoundPerson, type IntakeDraft, type NewResident } from './intake-draft.ts';

type Mode = 'nik' | 'name' | 'new';

/** Step 1: the resident, found by NIK or by name and village, or captured as a new person. */
export function ResidentStep({ draft, onChange, error, errorOf, touch, warnings }: {
  draft: IntakeDraft;
  /** The server's last refusal (a NIK already registered offers to search it). */
  error: unknown;
  onChange: (resident: IntakeDraft['resident']) => void;
  /** The message of a field path (`newPerson.nik`), from the check as the officer leaves it or from the server. */
  errorOf: (path: string) => string | undefined;
  /** The officer left this field: check it from now on. */
  touch: (path: string) => void;
  /** What the NIK says against the birth date and sex typed, as sentences. */
  warnings: readonly string[];
}) {
  const t = useT('intake');
  const tr = useT('registry');
  const registry = useRegistryStatusLabel();
  const [mode, setMode] = useState<Mode>(draft.resident?.mode === 'new' ? 'new' : 'nik');
  const [nik, setNik] = useState('');
  const [name, setName] = useState('');
  const [village, setVillage] = useState('');
  const [results, setResults] = useState<FoundPerson[] | null>(null);
  const [elsewhere, setElsewhere] = useState<{ nik: string; villageCode: string; villageName: string } | null>(null);
  const { busy, message: problem, run } = useFormAction();
  const chosen = draft.resident?.mode === 'found' || draft.resident?.mode === 'elsewhere' ? draft.resident.person : null;
  const fresh = draft.resident?.mode === 'new' ? draft.resident.person : EMPTY_RESIDENT;
  const setFresh = (patch: Partial<NewResident>) => onChange({ mode: 'new', person: { ...fresh, ...patch } });
  const onVillage = useCallback((code: string) => setVillage(code), []);
  const onNewVillage = useCallback((code: string) => {
    if (draft.resident?.mode !== 'new' || draft.resident.person.villageCode !== code) {
      onChange({ mode: 'new', person: { ...(draft.resident?.mode === 'new' ? draft.resident.person : EMPTY_RESIDENT), villageCode: code } });
    }
  }, [draft.resident, onChange]);

  async function search(query: Record<string, string>) {
    await run(async () => {
      const page = await api.get<Page<FoundPerson> & { elsewhere?: { villageCode: string; villageName: string } | null }>('/persons', { ...query, limit: 20 });
      setResults(page.items);
      setElsewhere(page.elsewhere && query.nik ? { nik: query.nik, ...page.elsewhere } : null);
    });
  }

  /** A likely match chosen instead of a new person: the registered record, as a search finds it. */
  async function chooseExisting(id: string) {
    await run(async () => {
      const p = await api.get<PersonView>(`/persons/${encodeURIComponent(id)}`);
      onChange({ mode: 'found', person: { id: p.id, fullName: p.fullName, nik: p.nik, birthDate: p.birthDate, villageName: p.villageName, registryStatus: p.registryStatus, householdId: p.householdId } });
      setMode('nik');
    });
  }

  const fe = (field: string) => errorOf(`newPerson.${field}`);
  const blur = (field: string) => () => touch(`newPerson.${field}`);
  const nikMissing = 16 - nik.length;

  return (
    <fieldset>
      <legend>{t('resident.title')}</legend>
      {chosen && (
        <div className="alert alert--ok" data-testid="chosen-resident">
          <p>{t('resident.chosen', { name: chosen.fullName, village: chosen.villageName })}</p>
          <button type="button" className="button button--small" onClick={() => onChange(null)}>
            {t('resident.change')}
          </button>
        </div>
      )}
      {errorOf('personId') && <p className="field-error">{errorOf('personId')}</p>}
      {!chosen && (
        <>
          <div className="actions" role="group" aria-label={t('resident.how')}>
            {(['nik', 'name', 'new'] as const).map((m) => (
              <button key={m} id={`resident-mode-${m}`} type="button" className={mode === m ? 'button button--primary button--small' : 'button button--small'} aria-pressed={mode === m} onClick={() => { setMode(m); setResults(null); if (m === 'new') onChange({ mode: 'new', person: fresh }); else if (draft.resident?.mode === 'new') onChange(null); }}>
                {t(`resident.mode.${m}`)}
              </button>
            ))}
          </div>
          {mode === 'nik' && (
            <form className="search" role="search" onSubmit={(e) => { e.preventDefault(); void search({ nik: nik.trim() }); }}>
              <DigitsField id="search-nik" label={t('resident.nik')} length={16} value={nik} onChange={setNik} />
              <button type="submit" className="button" disabled={busy || nikMissing > 0} aria-describedby={nikMissing > 0 ? 'search-nik-why' : undefined}>
                {t('resident.search')}
              </button>
              {nikMissing > 0 && (
                <p id="search-nik-why" className="hint button-why">
                  {t('button.why', { reason: t('resident.searchNeedsDigits', { n: nikMissing }) })}
                </p>
              )}
            </form>
          )}
          {mode === 'name' && (
            <form onSubmit={(e) => { e.preventDefault(); void search({ q: name.trim(), ...(village ? { area: village } : {}) }); }}>
              <TextField id="search-name" label={t('resident.name')} value={name} onChange={(e) => setName(e.target.value)} />
              <VillageSelect id="search-village" permission="registry.read" value={village} onChange={onVillage} />
              <button type="submit" className="button" disabled={busy || name.trim().length < 2} aria-describedby={name.trim().length < 2 ? 'search-name-why' : undefined}>
                {t('resident.search')}
              </button>
              {name.trim().length < 2 && (
                <p id="search-name-why" className="hint button-why">
                  {t('button.why', { reason: t('resident.searchNeedsName') })}
                </p>
              )}
            </form>
          )}
          {problem && <p className="alert alert--error">{problem}</p>}
          {results && mode !== 'new' && (
            results.length === 0 && elsewhere ? (
              <ElsewherePanel elsewhere={elsewhere} onChange={onChange} />
            ) : results.length === 0 ? (
              <p className="alert alert--info">{t('resident.noneFound')}</p>
            ) : (
              <ul className="cards" data-testid="resident-results">
                {results.map((p) => (
                  <li key={p.id} className="card">
                    <p className="card__title">{p.fullName}</p>
                    <p className="card__meta">
                      {[p.nik, p.birthDate, p.villageName, registry(p.registryStatus)].filter(Boolean).join(' · ')}
                    </p>
                    <button type="button" className="button button--small" onClick={() => onChange({ mode: 'found', person: p })}>
                      {t('resident.choose')}
                    </button>
                  </li>
                ))}
              </ul>
            )
          )}
          {mode === 'new' && (
            <div data-testid="new-resident">
              <p className="hint">{t('resident.newHint')}</p>
              {error instanceof ApiError && error.status === 409 && fresh.nik.length === 16 && (
                <button type="button" className="button button--small" data-testid="search-existing-nik"
                  onClick={() => { setMode('nik'); setNik(fresh.nik); onChange(null); void search({ nik: fresh.nik }); }}>
                  {t('resident.searchThisNik')}
                </button>
              )}
              <DigitsField id="new-nik" label={t('resident.nikOptional')} length={16} value={fresh.nik} onChange={(digits) => setFresh({ nik: digits })} onBlur={blur('nik')} error={fe('nik')} />
              {warnings.length > 0 && (
                <div className="alert alert--warning" role="status" data-testid="nik-warnings">
                  <p>{t('resident.nikWarningsTitle')}</p>
                  <ul>
                    {warnings.map((w) => (
                      <li key={w}>{w}</li>
                    ))}
                  </ul>
                </div>
              )}
              {(fe('nik') || warnings.length > 0) && (
                <label className="check">
                  <input type="checkbox" checked={fresh.confirmNikWarnings} onChange={(e) => setFresh({ confirmNikWarnings: e.target.checked })} />
                  {t('resident.confirmNik')}
                </label>
              )}
              <TextField id="new-name" label={t('resident.fullName')} value={fresh.fullName} onChange={(e) => setFresh({ fullName: e.target.value })} onBlur={blur('fullName')} error={fe('fullName')} />
              <SelectField id="new-sex" label={t('resident.sex')} value={fresh.sex} onChange={(e) => setFresh({ sex: e.target.value as NewResident['sex'] })} onBlur={blur('sex')} error={fe('sex')}>
                <option value="">{t('resident.choose')}</option>
                <option value="F">{t('resident.female')}</option>
                <option value="M">{t('resident.male')}</option>
              </SelectField>
              <TextField id="new-birth-date" type="date" label={t('resident.birthDate')} value={fresh.birthDate} onChange={(e) => setFresh({ birthDate: e.target.value })} onBlur={blur('birthDate')} error={fe('birthDate')} />
              <TextField id="new-birth-place" label={t('resident.birthPlace')} value={fresh.birthPlace} onChange={(e) => setFresh({ birthPlace: e.target.value })} onBlur={blur('birthPlace')} error={fe('birthPlace')} />
              <VillageSelect id="new-village" permission="cases.create" value={fresh.villageCode} onChange={onNewVillage} error={fe('household.villageCode')} />
              <LikelyMatches
                testId="likely-matches"
                person={{ nik: fresh.nik, fullName: fresh.fullName, sex: fresh.sex, birthDate: fresh.birthDate, villageCode: fresh.villageCode }}
                action={(m) => (
                  <button type="button" className="button button--small" disabled={busy} onClick={() => void chooseExisting(m.person.id)}>
                    {tr('likely.useThis')}
                  </button>
                )}
              />
              <TextField id="new-address" label={t('resident.address')} value={fresh.address} onChange={(e) => setFresh({ address: e.target.value })} onBlur={blur('household.address')} error={fe('household.address')} />
              <div className="actions">
                <DigitsField id="new-rt" label={t('resident.rt')} length={3} upTo value={fresh.rt} onChange={(digits) => setFresh({ rt: digits })} onBlur={blur('household.rt')} error={fe('household.rt')} />
                <DigitsField id="new-rw" label={t('resident.rw')} length={3} upTo value={fresh.rw} onChange={(digits) => setFresh({ rw: digits })} onBlur={blur('household.rw')} error={fe('household.rw')} />
              </div>
            </div>
          )}
        </>
      )}
    </fieldset>
  );
}
