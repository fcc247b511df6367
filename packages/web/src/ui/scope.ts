import type { UserRole } from '../api/user.ts';
import type { MessageKey } from '../i18n/namespaces.ts';

/** A role's scope as text: "Cinunuk (32.04.05.2004)" or "Organisasi: Dinas Kesehatan". */
/** Any namespace's translator works: they all include `common`. */
export function scopeText(t: (key: MessageKey<'common'>, params?: Record<string, string>) => string, grant: UserRole): string {
  if (grant.organizationId || grant.organizationName) {
    return t('scope.organization', { name: grant.organizationName ?? grant.organizationId ?? '' });
  }
  if (grant.areaCode) return t('scope.area', { name: grant.areaName ?? grant.areaCode, code: grant.areaCode });
  return t('scope.none');
}
