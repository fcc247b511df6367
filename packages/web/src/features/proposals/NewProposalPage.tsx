import { useState } from 'react';
import { HOUSEHOLD_PROPOSAL_FIELDS, PERSON_PROPOSAL_FIELDS, codeList, codeLabel, type ProposalType } from '@slrt/core';
import { useResource } from '../../api/use-resource.ts';
import { Link, useSearchParam } from '../../app/router.tsx';
import { useLocale, useT } from '../../i18n/i18n.tsx';
import { SelectField, TextField } from '../../ui/Field.tsx';
import { fieldError } from '../../ui/FormErrors.tsx';
import { newProposalUrl } from '../../app/page-urls.ts';
import type { HouseholdView, PersonSummary, PersonView } from '@slrt/core';
import { FieldInput, isSimpleField } from './controls.tsx';
import { useValueText } from './labels.ts';
import { NewHouseholdForm } from './NewHouseholdForm.tsx';
import { defined, NewPersonMatches, PersonFields, same, Submission, type Values } from './proposal-form.tsx';
import './proposals.css';

const HOUSEHOLD_FIELDS = Object.keys(HOUSEHOLD_PROPOSAL_FIELDS).filter(isSimpleField);
const PERSON_FIELDS = Object.keys(PERSON_PROPOSAL_FIELDS).filter(isSimpleField);

/**
 * `/usulan/baru`: a proposal from a household profile (`?jenis=change&rumahTangga=`), a person
 * (`?orang=`), a new household (`?jenis=new&baru=1`), or after a search for whom it concerns.
 */
export default function NewProposalPage() {
  const t = useT('proposals');
  const type = (useSearchParam('jenis') ?? '') as ProposalType | '';
  const householdId = useSearchParam('rumahTangga');
  const personId = useSearchParam('orang');
  const newHousehold = useSearchParam('baru') === '1';
  let body;
  if (type === 'new' && newHousehold) body = <NewHouseholdForm />;
  else if (type && personId) body = <PersonForm type={type} personId={personId} />;
  else if (type && householdId) body = <HouseholdForm type={type} householdId={householdId} />;
  else body = <TargetChooser />;
  return (
    <section>
      <h1>{t('new.title')}</h1>
      {body}
    </section>
  );
}

/** Chooses the kind of proposal and, by a search, whom it concerns. */
function TargetChooser() {
  const t = useT('proposals');
  // A move (pindah) is proposed from the intake's panel of a resident of another village; an
  // enrolment or exit from a program's targeting list.
  const [type, setType] = useState<Exclude<ProposalType, 'move' | 'enrol' | 'exit'>>('change');
  const [q, setQ] = useState('');
  const [query, setQuery] = useState<string | null>(null);
  const results = useResource<{ items: PersonSummary[] }>(query ? '/persons' : null, query ? { q: query, limit: 10 } : undefined);
  const href = (params: Omit<Parameters<typeof newProposalUrl>[0], 'jenis'>) => newProposalUrl({ jenis: type, ...params });
  return (
    <>
      <fieldset className="field">
        <legend>{t('new.type')}</legend>
        <div className="p-choice">
          {(['change', 'new', 'deactivate'] as const).map((k) => (
            <label key={k}>
              <input type="radio" name="proposal-type" value={k} checked={type === k} onChange={() => setType(k)} />
              {t(`type.${k}`)}
            </label>
          ))}
        </div>
        <p className="hint">{t(`new.typeHint.${type}`)}</p>
      </fieldset>
      {type === 'new' && (
        <p>
          <Link to={href({ baru: 1 })} className="button">
            {t('new.newHousehold')}
          </Link>
        </p>
      )}
      <form
        className="search"
        onSubmit={(e) => {
          e.preventDefault();
          if (q.trim().length >= 2) setQuery(q.trim());
        }}
      >
        <TextField id="target-search" label={t('new.search')} hint={t('new.searchHint')} value={q} onChange={(e) => setQ(e.target.value)} />
        <button type="submit" className="button">
          {t('new.searchButton')}
        </button>
      </form>
      {results.error && <p className="alert alert--error">{results.error}</p>}
      {results.loading && query && <p role="status">{t('app.loading')}</p>}
      {results.data && (
        <ul className="cards">
          {results.data.items.length === 0 && <li>{t('list.empty')}</li>}
          {results.data.items.map((person) => (
            <li key={person.id} className="card">
              <p className="card__title">{person.fullName}</p>
              <p className="card__meta">
                {person.nik ?? '—'} · {person.villageName} · {t(`registryStatus.${person.registryStatus}`)}
              </p>
              <div className="p-actions">
                {type !== 'new' && (
                  <Link to={href({ orang: person.id })} className="button button--small">
                    {t(`new.forPerson.${type}`)}
                  </Link>
                )}
                {type === 'new' && (person.registryStatus === 'not_registered' || person.registryStatus === 'inactive') && (
                  <Link to={href({ orang: person.id })} className="button button--small">
                    {t('new.forPerson.new')}
                  </Link>
                )}
                <Link to={href({ rumahTangga: person.householdId })} className="button button--small">
                  {t(`new.forHousehold.${type}`)}
                </Link>
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** Channel, reason, draft, NIK warning confirmation, and the submit button of every form. */
/** Fields pre-filled with the record's values; what differs is the proposal. */
function EditFields({ idPrefix, fields, current, values, setValues, error }: {
  idPrefix: string; fields: readonly string[]; current: Values; values: Values; setValues: (v: Values) => void; error?: unknown;
}) {
  const t = useT('proposals');
  const value = useValueText();
  return (
    <>
      {fields.map((f) => (
        <div key={f} className={same(values[f], current[f]) ? '' : 'p-item p-item--corrected'} data-edit-field={f}>
          <FieldInput id={`${idPrefix}-${f}`} field={f} value={values[f]} onChange={(v) => setValues({ ...values, [f]: v })} error={fieldError(error, `changes.${f}`)} />
          {!same(values[f], current[f]) && <p className="hint">{t('new.was', { value: value(f, current[f]) })}</p>}
        </div>
      ))}
    </>
  );
}

function InactiveReason({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const t = useT('proposals');
  const { locale } = useLocale();
  return (
    <SelectField id="inactive-reason" label={t('field.inactiveReason')} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{t('form.choose')}</option>
      {codeList('inactive_reason').map((c) => (
        <option key={c.code} value={c.code}>
          {codeLabel('inactive_reason', c.code, locale)}
        </option>
      ))}
    </SelectField>
  );
}

function HouseholdForm({ type, householdId }: { type: ProposalType; householdId: string }) {
  const t = useT('proposals');
  const household = useResource<HouseholdView>(`/households/${householdId}`);
  const h = household.data;
  if (household.error) return <p className="alert alert--error">{household.error}</p>;
  if (!h) return <p role="status">{t('app.loading')}</p>;
  const members = [...h.families.flatMap((f) => f.members), ...h.membersWithoutFamily];
  const head = members.find((m) => m.relationship === 'head') ?? members[0];
  return (
    <>
      <p className="lead">
        {t('new.householdOf', { name: head?.fullName ?? '—', address: h.address ?? '—', village: h.villageName })}
      </p>
      {type === 'change' && <HouseholdChange h={h} />}
      {type === 'deactivate' && <Deactivation target={{ householdId: h.id }} />}
      {type === 'new' && <NewMember h={h} />}
    </>
  );
}

function HouseholdChange({ h }: { h: HouseholdView }) {
  const t = useT('proposals');
  const current: Values = { address: h.address ?? undefined, rt: h.rt ?? undefined, rw: h.rw ?? undefined, ...h.indicators };
  const [values, setValues] = useState<Values>(current);
  const changes = defined(Object.fromEntries(HOUSEHOLD_FIELDS.filter((f) => !same(values[f], current[f])).map((f) => [f, values[f]])));
  return (
    <>
      <p className="hint">{t('new.editHint')}</p>
      <EditFields idPrefix="household" fields={HOUSEHOLD_FIELDS} current={current} values={values} setValues={setValues} />
      <p role="status">{t('new.changed', { count: Object.keys(changes).length })}</p>
      <Submission disabled={Object.keys(changes).length === 0} build={() => ({ type: 'change', householdId: h.id, changes })} />
    </>
  );
}

function NewMember({ h }: { h: HouseholdView }) {
  const t = useT('proposals');
  const [values, setValues] = useState<Values>({});
  const [familyId, setFamilyId] = useState(h.families[0]?.id ?? '');
  return (
    <>
      <p className="hint">{t('new.memberHint')}</p>
      {h.families.length > 1 && (
        <SelectField id="member-family" label={t('new.family')} value={familyId} onChange={(e) => setFamilyId(e.target.value)}>
          {h.families.map((f) => (
            <option key={f.id} value={f.id}>
              {f.kk ?? t('new.familyWithoutKk')} · {f.members.map((m) => m.fullName).join(', ')}
            </option>
          ))}
        </SelectField>
      )}
      <PersonFields idPrefix="member" values={values} setValues={setValues} />
      <NewPersonMatches testId="likely-matches" values={values} villageCode={h.villageCode} kk={h.families.find((f) => f.id === familyId)?.kk ?? undefined} />
      <Submission
        disabled={!values.fullName || !values.sex}
        build={() => ({ type: 'new', householdId: h.id, changes: { ...defined(values), ...(familyId && h.families.length > 1 ? { familyId } : {}) } })}
      />
    </>
  );
}

function Deactivation({ target }: { target: { personId?: string; householdId?: string } }) {
  const t = useT('proposals');
  const [reason, setReason] = useState('');
  return (
    <>
      <p className="hint">{target.personId ? t('new.deactivatePersonHint') : t('new.deactivateHouseholdHint')}</p>
      <InactiveReason value={reason} onChange={setReason} />
      <Submission disabled={!reason} build={() => ({ type: 'deactivate', ...target, changes: { inactiveReason: reason } })} />
    </>
  );
}

function PersonForm({ type, personId }: { type: ProposalType; personId: string }) {
  const t = useT('proposals');
  const person = useResource<PersonView>(`/persons/${personId}`);
  const p = person.data;
  if (person.error) return <p className="alert alert--error">{person.error}</p>;
  if (!p) return <p role="status">{t('app.loading')}</p>;
  return (
    <>
      <p className="lead">{t('new.personOf', { name: p.fullName, village: p.villageName, status: t(`registryStatus.${p.registryStatus}`) })}</p>
      {type === 'deactivate' ? <Deactivation target={{ personId: p.id }} /> : <PersonChange p={p} registration={type === 'new'} />}
    </>
  );
}

function PersonChange({ p, registration }: { p: PersonView; registration: boolean }) {
  const t = useT('proposals');
  const record = p as unknown as Values;
  const fields = PERSON_FIELDS.filter((f) => f in record || ['kk', 'nik'].includes(f));
  const current: Values = Object.fromEntries(fields.map((f) => [f, record[f] ?? undefined]));
  const [values, setValues] = useState<Values>(current);
  const changes = defined(Object.fromEntries(fields.filter((f) => !same(values[f], current[f])).map((f) => [f, values[f]])));
  const count = Object.keys(changes).length;
  return (
    <>
      <p className="hint">{registration ? t('new.registrationHint') : t('new.editHint')}</p>
      <EditFields idPrefix="person" fields={fields} current={current} values={values} setValues={setValues} />
      <p role="status">{t('new.changed', { count })}</p>
      <Submission
        disabled={!registration && count === 0}
        build={() => ({ type: registration ? 'new' : 'change', personId: p.id, changes })}
      />
    </>
  );
}

