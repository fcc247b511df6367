import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshTestDb } from '../testing/test-db.ts';
import type { Db } from './database.ts';
import { migrate, readMigrations } from './migrate.ts';

let db: Db;
beforeAll(async () => {
  db = await freshTestDb({ as: 'owner' });
});
afterAll(() => db.close());

describe('migrations', () => {
  it('have unique, ordered version numbers and are all applied to the template', async () => {
    const files = readMigrations();
    const versions = files.map((m) => m.version);
    expect(new Set(versions).size).toBe(versions.length);
    const { rows } = await db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(rows.map((r) => r.version)).toEqual(versions);
  });

  it('refuse two files with one number, which would leave the second unapplied', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slrt-migrations-'));
    try {
      for (const name of ['0001_first.sql', '0002_retention.sql', '0002_assistance.sql']) fs.writeFileSync(path.join(dir, name), 'SELECT 1;');
      expect(() => readMigrations(dir)).toThrow('two migrations numbered 0002: assistance and retention');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('apply once: a second run applies nothing', async () => {
    const again = await migrate(db);
    expect(again.applied).toEqual([]);
  });

  it('give every table holding personal or case data a kab_code', async () => {
    const { rows } = await db.query<{ table_name: string }>(
      `SELECT t.table_name FROM information_schema.tables t
       WHERE t.table_schema = 'public' AND t.table_type = 'BASE TABLE'
         AND EXISTS (SELECT 1 FROM information_schema.columns c WHERE c.table_name = t.table_name AND c.column_name IN ('nik', 'person_id', 'full_name'))
         AND NOT EXISTS (SELECT 1 FROM information_schema.columns c WHERE c.table_name = t.table_name AND c.column_name = 'kab_code')`,
    );
    expect(rows.map((r) => r.table_name)).toEqual([]);
  });
});
