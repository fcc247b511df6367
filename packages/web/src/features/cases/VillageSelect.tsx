import { useEffect, useState } from 'react';
import type { Permission } from '@slrt/core';
import { useT } from '../../i18n/i18n.tsx';
import { AreaSelect, kecamatanOf, useAreaChildren, useAreaGrants } from '../../ui/area-select.tsx';

/**
 * Picks a village inside the user's area for `permission`: fixed for a village officer, the
 * villages of their kecamatan for a supervisor, kecamatan then village for the kabupaten.
 */
export function VillageSelect({ id, permission, value, onChange, error }: { id: string; permission: Permission; value: string; onChange: (code: string) => void; error?: string }) {
  const t = useT('cases');
  const { wide, kecamatans, villages, nameOf } = useAreaGrants(permission);
  const kecamatanGrant = kecamatans[0];
  const [kecamatan, setKecamatan] = useState(kecamatanGrant ?? kecamatanOf(value));
  const kecamatanOptions = useAreaChildren(wide);
  const villageOptions = useAreaChildren(kecamatan);
  const single = villages.length === 1 && !wide && !kecamatanGrant ? villages[0] : null;

  useEffect(() => {
    if (single && value !== single) onChange(single);
  }, [single, value, onChange]);

  if (single) {
    return (
      <div className="field">
        <span className="hint">{t('village.fixed')}</span>
        <p className="chosen-area" id={id}>
          {nameOf(single)}
        </p>
      </div>
    );
  }
  const choose = t('village.choose');
  if (villages.length > 1 && !wide && !kecamatanGrant) {
    const own = villages.map((code) => ({ code, name: nameOf(code) }));
    return <AreaSelect id={id} label={t('village.label')} empty={choose} options={own} value={value} onChange={onChange} error={error} />;
  }
  return (
    <>
      {wide && <AreaSelect id={`${id}-kecamatan`} label={t('village.kecamatan')} empty={choose} options={kecamatanOptions} value={kecamatan} onChange={setKecamatan} />}
      <AreaSelect id={id} label={t('village.label')} empty={choose} options={villageOptions} value={value} onChange={onChange} error={error} disabled={!kecamatan} />
    </>
  );
}
