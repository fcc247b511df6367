import { areaLevel, type Permission } from '@slrt/core';
import { useT } from '../../i18n/i18n.tsx';
import { AreaSelect, kecamatanOf, useAreaChildren, useAreaGrants } from '../../ui/area-select.tsx';

/**
 * An optional area filter inside the user's area for `permission`: kecamatan then village
 * for the kabupaten, the villages of the kecamatan for a supervisor, nothing to choose for a
 * village officer (the search is already limited to their village). `value` is the chosen
 * kecamatan or village code, '' for the whole area.
 */
export function AreaFilter({ idPrefix, permission, value, onChange }: { idPrefix: string; permission: Permission; value: string; onChange: (code: string) => void }) {
  const t = useT('registry');
  const { wide, kecamatans, villages, nameOf } = useAreaGrants(permission);
  const chosenKecamatan = value ? kecamatanOf(value) : kecamatans.length === 1 && !wide ? kecamatans[0]! : '';
  const kecamatanOptions = useAreaChildren(wide);
  const villageOptions = useAreaChildren(chosenKecamatan);
  const all = t('search.allAreas');

  if (!wide && kecamatans.length === 0) {
    if (villages.length <= 1) return null;
    const own = villages.map((code) => ({ code, name: nameOf(code) }));
    return <AreaSelect id={`${idPrefix}-village`} label={t('search.village')} empty={all} options={own} value={value} onChange={onChange} />;
  }
  const village = value && areaLevel(value) === 'village' ? value : '';
  return (
    <>
      {wide && <AreaSelect id={`${idPrefix}-kecamatan`} label={t('search.kecamatan')} empty={all} options={kecamatanOptions} value={chosenKecamatan} onChange={onChange} />}
      {chosenKecamatan && (
        <AreaSelect id={`${idPrefix}-village`} label={t('search.village')} empty={all} options={villageOptions} value={village} onChange={(code) => onChange(code || (wide ? chosenKecamatan : ''))} />
      )}
    </>
  );
}
