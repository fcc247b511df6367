import { useEffect, useState } from 'react';
import { HOUSEHOLD_PROPOSAL_FIELDS } from '@slrt/core';
import { areaChildren, type AreaItem } from '../../api/areas.ts';
import { useUser } from '../../api/session.tsx';
import { useLocation } from '../../app/router.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { SelectField, TextField } from '../../ui/Field.tsx';
import { FieldInput, isSimpleField } from './controls.tsx';
import { defined, NewPersonMatches, PersonFields, Submission, type Values } from './proposal-form.tsx';

/** A household not in the registry yet: its village, address, KK, indicators and members. */
export function NewHouseholdForm() {
  const t = useT('proposals');
  const user = useUser();
  const { search } = useLocation();
  const [villages, setVillages] = useState<AreaItem[]>([]);
  const [villageCode, setVillageCode] = useState('');
  const [place, setPlace] = useState<Values>({});
  const [members, setMembers] = useState<Values[]>([{ relationship: 'head' }]);
  const [showIndicators, setShowIndicators] = useState(false);

  useEffect(() => {
    let live = true;
    const areas = user.roles.map((r) => r.areaCode).filter((c): c is string => Boolean(c));
    void (async () => {
      const found: AreaItem[] = [];
      for (const code of areas) {
        const depth = code.split('.').length;
        if (depth === 4) found.push({ code, name: user.roles.find((r) => r.areaCode === code)?.areaName ?? code, level: 'village', parentCode: null });
        else if (depth === 3) found.push(...(await areaChildren(code)));
      }
      if (live) {
        setVillages(found);
        setVillageCode((v) => v || found[0]?.code || '');
      }
    })();
    return () => {
      live = false;
    };
  }, [user, search]);

  const indicatorFields = Object.keys(HOUSEHOLD_PROPOSAL_FIELDS).filter(isSimpleField).filter((f) => !['address', 'rt', 'rw'].includes(f));
  const changes = {
    villageCode,
    ...defined(place),
    members: members.map(defined),
  };
  return (
    <>
      <p className="hint">{t('new.householdHint')}</p>
      {villages.length > 0 ? (
        <SelectField id="new-village" label={t('field.villageCode')} value={villageCode} onChange={(e) => setVillageCode(e.target.value)}>
          {villages.map((v) => (
            <option key={v.code} value={v.code}>
              {v.name} ({v.code})
            </option>
          ))}
        </SelectField>
      ) : (
        <TextField id="new-village" label={t('field.villageCode')} hint={t('new.villageHint')} value={villageCode} onChange={(e) => setVillageCode(e.target.value)} />
      )}
      {['address', 'rt', 'rw', 'kk'].map((f) => (
        <FieldInput key={f} id={`new-${f}`} field={f} value={place[f]} onChange={(v) => setPlace({ ...place, [f]: v })} />
      ))}
      <label className="field">
        <input type="checkbox" checked={showIndicators} onChange={(e) => setShowIndicators(e.target.checked)} /> {t('new.showIndicators')}
      </label>
      {showIndicators && indicatorFields.map((f) => (
        <FieldInput key={f} id={`new-${f}`} field={f} value={place[f]} onChange={(v) => setPlace({ ...place, [f]: v })} />
      ))}
      <h2>{t('new.members')}</h2>
      {members.map((m, i) => (
        <div key={i} className="p-member">
          <h3>{t('new.member', { n: i + 1 })}</h3>
          <PersonFields idPrefix={`member-${i}`} values={m} setValues={(v) => setMembers(members.map((x, j) => (j === i ? v : x)))} />
          <NewPersonMatches testId={`likely-matches-${i}`} values={m} villageCode={villageCode} kk={typeof place.kk === 'string' ? place.kk : undefined} />
          {members.length > 1 && (
            <button type="button" className="button button--small" onClick={() => setMembers(members.filter((_, j) => j !== i))}>
              {t('new.removeMember')}
            </button>
          )}
        </div>
      ))}
      <p>
        <button type="button" className="button" onClick={() => setMembers([...members, {}])}>
          {t('new.addMember')}
        </button>
      </p>
      <Submission
        disabled={!villageCode || members.some((m) => !m.fullName || !m.sex)}
        build={() => ({ type: 'new', changes })}
      />
    </>
  );
}

