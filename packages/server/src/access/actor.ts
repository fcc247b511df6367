import {
  areaLevel, kabCodeOf, roleHasPermission, isWithinArea,
  type Permission, type Role, type RoleGrant,
} from '@slrt/core';

/**
 * Who is acting: a signed-in user (session cookie) or a machine client (bearer token acting
 * as its user). The one place that answers "may this actor do that, and where".
 */
export class Actor {
  readonly userId: string;
  readonly username: string;
  readonly displayName: string;
  readonly kabCode: string;
  readonly grants: readonly RoleGrant[];
  readonly via: 'session' | 'token' | 'link';
  /** The bearer token acting, if any: audited as the token. */
  readonly tokenId: string | null;
  /** A token's scopes: it may use only these of its account's permissions. Null: no narrowing. */
  readonly scopes: ReadonlySet<Permission> | null;

  constructor(init: {
    userId: string; username: string; displayName: string; kabCode: string; grants: readonly RoleGrant[]; via: 'session' | 'token' | 'link';
    tokenId?: string | null; scopes?: readonly Permission[] | null;
  }) {
    this.userId = init.userId;
    this.username = init.username;
    this.displayName = init.displayName;
    this.kabCode = init.kabCode;
    this.grants = init.grants;
    this.via = init.via;
    this.tokenId = init.tokenId ?? null;
    this.scopes = init.scopes ? new Set(init.scopes) : null;
  }

  private inScope(permission: Permission): boolean {
    return this.scopes === null || this.scopes.has(permission);
  }

  get roles(): Role[] {
    return [...new Set(this.grants.map((g) => g.role))];
  }

  hasRole(role: Role): boolean {
    return this.grants.some((g) => g.role === role);
  }

  can(permission: Permission): boolean {
    return this.inScope(permission) && this.grants.some((g) => roleHasPermission(g.role, permission));
  }

  /** Area code prefixes where `permission` holds (from every role granting it). */
  areasFor(permission: Permission): string[] {
    if (!this.inScope(permission)) return [];
    return [...new Set(this.grants.filter((g) => roleHasPermission(g.role, permission) && g.areaCode).map((g) => g.areaCode as string))];
  }

  /** Organizations for which `permission` holds (partner officers). */
  organizationsFor(permission: Permission): string[] {
    if (!this.inScope(permission)) return [];
    return [...new Set(this.grants.filter((g) => roleHasPermission(g.role, permission) && g.organizationId).map((g) => g.organizationId as string))];
  }

  /** True when `areaCode` lies inside one of the actor's areas for `permission`. */
  coversArea(permission: Permission, areaCode: string): boolean {
    return this.areasFor(permission).some((scope) => isWithinArea(areaCode, scope));
  }

  /** Permissions held, for the web (which hides what the API forbids). */
  permissions(): Permission[] {
    const all = new Set<Permission>();
    for (const g of this.grants) {
      for (const p of permissionsOf(g.role)) if (this.inScope(p)) all.add(p);
    }
    return [...all].sort();
  }
}

import { ROLE_PERMISSIONS } from '@slrt/core';
function permissionsOf(role: Role): readonly Permission[] {
  return ROLE_PERMISSIONS[role];
}

/**
 * The scope of an area-scoped query as SQL: rows whose village (or kecamatan) code lies in
 * one of the actor's areas for `permission`. Tables carry `kab_code` and a dotted
 * `village_code` (and may carry a dotted `kecamatan_code`); pass the column names.
 * Returns `FALSE` when the actor has no area for the permission (default deny).
 */
export function areaScopeSql(
  actor: Actor,
  permission: Permission,
  params: SqlParams,
  cols: { kab?: string; village: string },
): string {
  const areas = actor.areasFor(permission);
  if (areas.length === 0) return 'FALSE';
  const kabCol = cols.kab ?? 'kab_code';
  const parts = areas.map((code) => {
    switch (areaLevel(code)) {
      case 'province':
        return `${kabCol} LIKE ${params.add(`${code}%`)}`;
      case 'kabupaten':
        return `${kabCol} = ${params.add(kabCodeOf(code))}`;
      case 'kecamatan':
        return `(${kabCol} = ${params.add(kabCodeOf(code))} AND ${cols.village} LIKE ${params.add(`${code}.%`)})`;
      case 'village':
        // the kabupaten too: the planner prunes to its partition (and Citus routes to its shard)
        return `(${kabCol} = ${params.add(kabCodeOf(code))} AND ${cols.village} = ${params.add(code)})`;
      case null:
        return 'FALSE';
    }
  });
  return `(${parts.join(' OR ')})`;
}

/** Positional parameters for hand-written SQL: `params.add(v)` returns `$n`. */
export class SqlParams {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}
