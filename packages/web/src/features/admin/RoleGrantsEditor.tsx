import { ROLES, ROLE_AREA_LEVEL, ROLE_SCOPE_KIND } from '@slrt/core';
import type { Role } from '@slrt/core';
import { useT } from '../../i18n/i18n.tsx';
import { SelectField, TextField } from '../../ui/Field.tsx';
import { fieldError } from '../../ui/FormErrors.tsx';
import { AreaPicker } from './AreaPicker.tsx';

/** A role being given, as the form holds it. `key` keeps rows stable when one is removed. */
export interface GrantDraft {
  key: number;
  role: Role | '';
  areaCode: string;
  organizationId: string;
}

let nextKey = 1;
export function emptyGrant(): GrantDraft {
  return { key: nextKey++, role: '', areaCode: '', organizationId: '' };
}

/** The body's `roles` entry: an area for area roles, an organization for partner officers. */
export function grantBody(grant: GrantDraft): { role: string; areaCode?: string; organizationId?: string } {
  if (grant.role === '') return { role: '' };
  if (ROLE_SCOPE_KIND[grant.role] === 'organization') {
    return { role: grant.role, organizationId: grant.organizationId.trim() || undefined };
  }
  return { role: grant.role, areaCode: grant.areaCode || undefined };
}

/** The field paths this editor shows errors for, so the form summary lists only the others. */
export function grantFields(count: number): string[] {
  const fields = ['roles'];
  for (let i = 0; i < count; i++) fields.push(`roles.${i}`, `roles.${i}.role`, `roles.${i}.areaCode`, `roles.${i}.organizationId`);
  return fields;
}

interface Props {
  grants: readonly GrantDraft[];
  onChange: (grants: GrantDraft[]) => void;
  /** The administrator's own area codes: where area drilling starts. */
  roots: readonly string[];
  error: unknown;
}

export function RoleGrantsEditor({ grants, onChange, roots, error }: Props) {
  const t = useT('admin');

  function update(index: number, patch: Partial<GrantDraft>) {
    onChange(grants.map((g, i) => (i === index ? { ...g, ...patch } : g)));
  }

  return (
    <fieldset className="grants">
      <legend>{t('create.roles')}</legend>
      {fieldError(error, 'roles') && <p className="field-error">{fieldError(error, 'roles')}</p>}
      {grants.map((grant, i) => {
        const rowError = fieldError(error, `roles.${i}`);
        return (
          <div className="grant" key={grant.key} data-grant={i}>
            {rowError && <p className="field-error">{rowError}</p>}
            <SelectField
              id={`role-${i}`}
              label={t('create.role')}
              value={grant.role}
              error={fieldError(error, `roles.${i}.role`)}
              onChange={(e) => update(i, { role: e.target.value as Role | '', areaCode: '', organizationId: '' })}
            >
              <option value="">{t('create.chooseRole')}</option>
              {/* an admin grants inside the kabupaten; the province office's accounts come from `slrt user create` */}
              {ROLES.filter((role) => ROLE_AREA_LEVEL[role] !== 'province').map((role) => (
                <option key={role} value={role}>
                  {t(`role.${role}`)}
                </option>
              ))}
            </SelectField>

            {grant.role !== '' && ROLE_SCOPE_KIND[grant.role] === 'organization' && (
              <TextField
                id={`organization-${i}`}
                label={t('create.organizationId')}
                hint={t('create.organizationHint')}
                value={grant.organizationId}
                autoCapitalize="none"
                spellCheck={false}
                onChange={(e) => update(i, { organizationId: e.target.value })}
                error={fieldError(error, `roles.${i}.organizationId`)}
              />
            )}
            {grant.role !== '' && ROLE_SCOPE_KIND[grant.role] === 'area' && (
              <AreaPicker
                key={grant.role}
                id={`area-${i}`}
                level={ROLE_AREA_LEVEL[grant.role] ?? 'kabupaten'}
                roots={roots}
                onChange={(areaCode) => update(i, { areaCode })}
                error={fieldError(error, `roles.${i}.areaCode`)}
              />
            )}

            {grants.length > 1 && (
              <button type="button" className="button button--small" onClick={() => onChange(grants.filter((_, j) => j !== i))}>
                {t('create.removeRole')}
              </button>
            )}
          </div>
        );
      })}
      <button type="button" className="button" onClick={() => onChange([...grants, emptyGrant()])}>
        {t('create.addRole')}
      </button>
    </fieldset>
  );
}
