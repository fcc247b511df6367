import { useEffect, useState } from 'react';
import { areaLevel, roleHasPermission, type Permission } from '@slrt/core';
import { areaChildren, type AreaItem } from '../api/areas.ts';
import { useUser } from '../api/session.tsx';
import { SelectField } from './Field.tsx';

/** The areas the user holds `permission` in, by level, and the name a grant gives an area code. */
interface AreaGrants {
  /** The kabupaten or province, when one of the grants is that wide. */
  wide: string | undefined;
  kecamatans: string[];
  villages: string[];
  nameOf: (code: string) => string;
}

export function useAreaGrants(permission: Permission): AreaGrants {
  const user = useUser();
  const areas = user.roles.filter((r) => r.areaCode && roleHasPermission(r.role, permission)).map((r) => r.areaCode as string);
  return {
    wide: areas.find((a) => areaLevel(a) === 'kabupaten' || areaLevel(a) === 'province'),
    kecamatans: areas.filter((a) => areaLevel(a) === 'kecamatan'),
    villages: areas.filter((a) => areaLevel(a) === 'village'),
    nameOf: (code) => user.roles.find((r) => r.areaCode === code)?.areaName ?? code,
  };
}

/** The areas directly under `parent` (none while it is empty or undefined); a failed load shows none. */
export function useAreaChildren(parent: string | undefined): AreaItem[] {
  const [options, setOptions] = useState<AreaItem[]>([]);
  useEffect(() => {
    if (parent) areaChildren(parent).then(setOptions, () => setOptions([]));
    else setOptions([]);
  }, [parent]);
  return options;
}

/** The kecamatan of a village code (`32.04.05.2004` -> `32.04.05`), '' for none. */
export function kecamatanOf(code: string): string {
  return code ? code.split('.').slice(0, 3).join('.') : '';
}

interface AreaSelectProps {
  id: string;
  label: string;
  /** The first option's text (value ''). */
  empty: string;
  options: readonly { code: string; name: string }[];
  value: string;
  onChange: (code: string) => void;
  error?: string;
  disabled?: boolean;
}

/** One select of areas, with an empty first option. */
export function AreaSelect({ id, label, empty, options, value, onChange, error, disabled }: AreaSelectProps) {
  return (
    <SelectField id={id} label={label} value={value} onChange={(e) => onChange(e.target.value)} error={error} disabled={disabled}>
      <option value="">{empty}</option>
      {options.map((o) => (
        <option key={o.code} value={o.code}>
          {o.name}
        </option>
      ))}
    </SelectField>
  );
}
