import { useEffect, useState } from 'react';
import { areaLevel, roleHasPermission, type Permission } from '@slrt/core';
import { areaChildren, type AreaItem } from '../../api/areas.ts';
import { useUser } from '../../api/session.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { SelectField } from '../../ui/Field.tsx';

/**
 * Picks a village inside the user's area for `permission`: fixed for a village officer, the
 * villages of their kecamatan for a supervisor, kecamatan then village for the kabupaten.
 */
export function VillageSelect({ id, permission, value, onChange, error }: { id: string; permission: Permission; value: string; onChange: (code: string) => void; error?: string }) {
  const t = useT('cases');
  const user = useUser();
  const areas = user.roles.filter((r) => r.areaCode && roleHasPermission(r.role, permission)).map((r) => r.areaCode as string);
  const villages = areas.filter((a) => areaLevel(a) === 'village');
  const wide = areas.find((a) => areaLevel(a) === 'kabupaten' || areaLevel(a) === 'province');
  const kecamatanGrant = areas.find((a) => areaLevel(a) === 'kecamatan');
  const [kecamatan, setKecamatan] = useState(kecamatanGrant ?? (value ? value.split('.').slice(0, 3).join('.') : ''));
  const [kecamatanOptions, setKecamatanOptions] = useState<AreaItem[]>([]);
  const [villageOptions, setVillageOptions] = useState<AreaItem[]>([]);
  const single = villages.length === 1 && !wide && !kecamatanGrant ? villages[0] : null;

  useEffect(() => {
    if (single && value !== single) onChange(single);
  }, [single, value, onChange]);
  useEffect(() => {
    if (wide) areaChildren(wide).then(setKecamatanOptions, () => setKecamatanOptions([]));
  }, [wide]);
  useEffect(() => {
    if (kecamatan) areaChildren(kecamatan).then(setVillageOptions, () => setVillageOptions([]));
  }, [kecamatan]);

  if (single) {
    return (
      <div className="field">
        <span className="hint">{t('village.fixed')}</span>
        <p className="chosen-area" id={id}>
          {user.roles.find((r) => r.areaCode === single)?.areaName ?? single}
        </p>
      </div>
    );
  }
  if (villages.length > 1 && !wide && !kecamatanGrant) {
    return (
      <SelectField id={id} label={t('village.label')} value={value} onChange={(e) => onChange(e.target.value)} error={error}>
        <option value="">{t('village.choose')}</option>
        {villages.map((v) => (
          <option key={v} value={v}>
            {user.roles.find((r) => r.areaCode === v)?.areaName ?? v}
          </option>
        ))}
      </SelectField>
    );
  }
  return (
    <>
      {wide && (
        <SelectField id={`${id}-kecamatan`} label={t('village.kecamatan')} value={kecamatan} onChange={(e) => setKecamatan(e.target.value)}>
          <option value="">{t('village.choose')}</option>
          {kecamatanOptions.map((k) => (
            <option key={k.code} value={k.code}>
              {k.name}
            </option>
          ))}
        </SelectField>
      )}
      <SelectField id={id} label={t('village.label')} value={value} onChange={(e) => onChange(e.target.value)} error={error} disabled={!kecamatan}>
        <option value="">{t('village.choose')}</option>
        {villageOptions.map((v) => (
          <option key={v.code} value={v.code}>
            {v.name}
          </option>
        ))}
      </SelectField>
    </>
  );
}
