import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Engine } from './protocol.ts';

export const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** A fresh database for one run, removed by `drop()` whatever happened. */
export interface BenchTarget {
  engine: Engine;
  /** Connection string (postgres) or data folder (pglite). */
  target: string;
  drop(): Promise<void>;
}

let counter = 0;

export async function createTarget(engine: Engine, pgUrl = process.env.DATABASE_URL || DEFAULT_PG_URL): Promise<BenchTarget> {
  counter++;
  if (engine === 'postgres') {
    const name = `slrt_bench_${process.pid}_${counter}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${name}`);
    } finally {
      await admin.end();
    }
    return {
      engine,
      target: withDatabase(pgUrl, name),
      async drop() {
        const a = new pg.Client({ connectionString: pgUrl });
        await a.connect();
        try {
          await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        } finally {
          await a.end();
        }
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `slrt-bench-pglite-${process.pid}-`));
  return {
    engine,
    target: dir,
    async drop() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The PostgreSQL server's version, or null when none answers. */
export async function postgresVersion(pgUrl = process.env.DATABASE_URL || DEFAULT_PG_URL): Promise<string | null> {
  const c = new pg.Client({ connectionString: pgUrl });
  try {
    await c.connect();
    const { rows } = await c.query<{ v: string }>('SELECT current_setting($1) AS v', ['server_version']);
    return `PostgreSQL ${rows[0]!.v}`;
  } catch {
    return null;
  } finally {
    await c.end().catch(() => {});
  }
}
