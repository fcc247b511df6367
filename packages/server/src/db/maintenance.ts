import type { Db } from './database.ts';

/**
 * What autovacuum does on a PostgreSQL server, for the embedded PGlite, which has none: after
 * a few thousand writes the planner would keep planning on the statistics of an empty table
 * (a worklist sorted in memory instead of read from its index), and deleted or updated rows
 * would never be reclaimed. PostgreSQL's own default thresholds decide which tables are due.
 * VACUUM holds PGlite's one connection while it runs, so it runs only for tables over the
 * dead-row threshold; ANALYZE reads a sample and is quick.
 */

/** autovacuum_analyze_threshold / _scale_factor and autovacuum_vacuum_threshold / _scale_factor. */
const ANALYZE_BASE = 50;
const ANALYZE_SHARE = 0.1;
const VACUUM_BASE = 50;
const VACUUM_SHARE = 0.2;

export interface MaintenanceReport {
  analyzed: string[];
  vacuumed: string[];
}

export async function maintainTables(db: Db): Promise<MaintenanceReport> {
  const { rows } = await db.query<{ table: string; analyze: boolean; vacuum: boolean }>(
    `SELECT format('%I.%I', s.schemaname, s.relname) AS table,
            s.n_mod_since_analyze > $1 + $2 * greatest(c.reltuples, 0) AS analyze,
            s.n_dead_tup > $3 + $4 * greatest(c.reltuples, 0) AS vacuum
       FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
      WHERE s.n_mod_since_analyze > $1 + $2 * greatest(c.reltuples, 0) OR s.n_dead_tup > $3 + $4 * greatest(c.reltuples, 0)
      ORDER BY s.relname`,
    [ANALYZE_BASE, ANALYZE_SHARE, VACUUM_BASE, VACUUM_SHARE],
  );
  const report: MaintenanceReport = { analyzed: [], vacuumed: [] };
  for (const r of rows) {
    // the names come from the catalog, quoted by format('%I')
    if (r.vacuum) {
      await db.query(`VACUUM (ANALYZE) ${r.table}`);
      report.vacuumed.push(r.table);
    } else {
      await db.query(`ANALYZE ${r.table}`);
    }
    report.analyzed.push(r.table);
  }
  return report;
}
