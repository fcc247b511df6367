import { useEffect, useState } from 'react';
import { areaLevel, roleHasPermission, type Permission } from '@slrt/core';
import { areaChildren, type AreaItem } from '../../api/areas.ts';
import { useUser } from '../../api/session.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { SelectField } from '../../ui/Field.tsx';

/**
 * An optional area filter inside the user's area for `permission`: kecamatan then village
 * for the kabupaten, the villages of the kecamatan for a supervisor, nothing to choose for a
 * village officer (the search is already limited to their village). `value` is the chosen
 * kecamatan or village code, '' for the whole area.
 */
export function AreaFilter({ idPrefix, permission, value, onChange }: { idPrefix: string; permission: Permission; value: string; onChange: (code: string) => void }) {
  const t = useT('registry');
  const user = useUser();
  const areas = user.roles.filter((r) => r.areaCode && roleHasPermission(r.role, permission)).map((r) => r.areaCode as string);
  const wide = areas.find((a) => areaLevel(a) === 'kabupaten' || areaLevel(a) === 'province');
  const kecamatanGrants = areas.filter((a) => areaLevel(a) === 'kecamatan');
  const villageGrants = areas.filter((a) => areaLevel(a) === 'village');
  const [kecamatanOptions, setKecamatanOptions] = useState<AreaItem[]>([]);
  const [villageOptions, setVillageOptions] = useState<AreaItem[]>([]);
  const chosenKecamatan = value ? value.split('.').slice(0, 3).join('.') : kecamatanGrants.length === 1 && !wide ? kecamatanGrants[0]! : '';

  useEffect(() => {
    if (wide) areaChildren(wide).then(setKecamatanOptions, () => setKecamatanOptions([]));
  }, [wide]);
  useEffect(() => {
    if (chosenKecamatan) areaChildren(chosenKecamatan).then(setVillageOptions, () => setVillageOptions([]));
    else setVillageOptions([]);
  }, [chosenKecamatan]);

  if (!wide && kecamatanGrants.length === 0) {
    if (villageGrants.length <= 1) return null;
    return (
      <SelectField id={`${idPrefix}-village`} label={t('search.village')} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('search.allAreas')}</option>
        {villageGrants.map((v) => (
          <option key={v} value={v}>
            {user.roles.find((r) => r.areaCode === v)?.areaName ?? v}
          </option>
        ))}
      </SelectField>
    );
  }
  const village = value && areaLevel(value) === 'village' ? value : '';
  return (
    <>
      {wide && (
        <SelectField id={`${idPrefix}-kecamatan`} label={t('search.kecamatan')} value={chosenKecamatan} onChange={(e) => onChange(e.target.value)}>
          <option value="">{t('search.allAreas')}</option>
          {kecamatanOptions.map((k) => (
            <option key={k.code} value={k.code}>
              {k.name}
            </option>
          ))}
        </SelectField>
      )}
      {chosenKecamatan && (
        <SelectField id={`${idPrefix}-village`} label={t('search.village')} value={village} onChange={(e) => onChange(e.target.value || (wide ? chosenKecamatan : ''))}>
          <option value="">{t('search.allAreas')}</option>
          {villageOptions.map((v) => (
            <option key={v.code} value={v.code}>
              {v.name}
            </option>
          ))}
        </SelectField>
      )}
    </>
  );
}
