import type { Db, Queryable } from './database.ts';

/**
 * The application's database role (migration 0067): the owner of the tables (the DATABASE_URL
 * user) applies the migrations; the application's connections run as this lesser role, which
 * may read and write ordinary tables but only append to and read the audit trail, and cannot
 * ALTER, TRUNCATE or switch off its triggers. On PGlite the server runs as its single user.
 */
export const DEFAULT_APP_ROLE = 'slrt_app';

/** A role name we write into SQL and connection options: lower-case identifier characters only. */
export const APP_ROLE_PATTERN = /^[a-z_][a-z0-9_]{0,62}$/;

/** Creates the role if missing and (re)grants it what the application needs, tables added by later migrations included. */
export async function grantAppRole(owner: Queryable, role: string): Promise<void> {
  if (!APP_ROLE_PATTERN.test(role)) throw new Error(`invalid application role name: ${role}`);
  const { rows } = await owner.query<{ f: string | null }>(`SELECT to_regprocedure('slrt_grant_app(text)')::text AS f`);
  // a database migrated by an older list (tests of the migrator) has no such function yet
  if (!rows[0]?.f) return;
  await owner.query('SELECT slrt_grant_app($1)', [role]);
  // migration 0198: nothing on the partitions of a partitioned table (the parent's grants are the way in)
  const { rows: parts } = await owner.query<{ f: string | null }>(`SELECT to_regprocedure('slrt_grant_app_partitions(text)')::text AS f`);
  if (parts[0]?.f) await owner.query('SELECT slrt_grant_app_partitions($1)', [role]);
}

/**
 * What the application's connection can do to the audit trail that it must not: be a
 * superuser, own (or act as the owner of) the audit table, or update, delete or truncate it
 * (or one of its partitions).
 * Empty when it is the lesser role it should be.
 */
export async function appRoleProblems(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ who: string; superuser: boolean; owner: boolean; change: boolean; truncate: boolean }>(
    `SELECT current_user AS who,
            (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser,
            pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = 'audit_events'::regclass), 'USAGE') AS owner,
            has_table_privilege('audit_events', 'UPDATE') OR has_table_privilege('audit_events', 'DELETE')
              OR EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhparent = 'audit_events'::regclass
                           AND (has_table_privilege(i.inhrelid, 'UPDATE') OR has_table_privilege(i.inhrelid, 'DELETE'))) AS change,
            has_table_privilege('audit_events', 'TRUNCATE')
              OR EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhparent = 'audit_events'::regclass AND has_table_privilege(i.inhrelid, 'TRUNCATE')) AS truncate`,
  );
  const r = rows[0]!;
  const problems: string[] = [];
  if (r.superuser) problems.push(`${r.who} is a superuser`);
  if (r.owner) problems.push(`${r.who} owns the tables (or is a member of their owner)`);
  if (r.change) problems.push(`${r.who} may update or delete audit events`);
  if (r.truncate) problems.push(`${r.who} may truncate the audit trail`);
  return problems;
}

/**
 * Refuses a PostgreSQL application connection that holds power over the audit trail (a
 * DATABASE_APP_URL that names the owner, a role created by hand with too much): the error
 * names what is wrong and what to do.
 */
export async function assertLesserAppRole(db: Db): Promise<void> {
  if (db.kind !== 'postgres') return;
  let problems: string[];
  try {
    problems = await appRoleProblems(db);
  } catch (err) {
    throw new Error(`The application's database connection could not start as its role (${(err as Error).message}). `
      + 'See README "Running on a PostgreSQL server": the DATABASE_URL user must be a member of DATABASE_APP_ROLE, or set DATABASE_APP_URL.', { cause: err });
  }
  if (problems.length) {
    throw new Error(`The application's database connection must not be able to change the audit trail: ${problems.join('; ')}. `
      + 'Connect it as the application role (DATABASE_APP_URL, or leave it unset to SET ROLE from DATABASE_URL); see README "Running on a PostgreSQL server".');
  }
}
