import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshTestDb, type TestDb } from '../testing/test-db.ts';
import { generateSchemaTypes, SCHEMA_TYPES_FILE } from './schema-types.ts';

describe('generated row types', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await freshTestDb();
  });
  afterAll(async () => {
    await db.close();
  });

  it('schema.generated.ts is what the migrations give on this engine (else: npm run db:types)', async () => {
    const fresh = await generateSchemaTypes(db);
    expect(fresh.split('\n')).toEqual(fs.readFileSync(SCHEMA_TYPES_FILE, 'utf8').split('\n'));
  });

  it('types a column from its type, nullability and listed values', async () => {
    const text = await generateSchemaTypes(db);
    const persons = /interface PersonsRow \{\n([^}]*)\}/.exec(text)?.[1] ?? '';
    expect(persons).toContain("  sex: 'M' | 'F';\n");
    expect(persons).toContain('  nik: string | null;\n');
    expect(persons).toContain('  birth_date: string | null;\n');
    expect(persons).toContain('  created_at: Date;\n');
    expect(persons).toContain('  version: number;\n');
    expect(persons).toContain('  nik_warnings: string[];\n');
    expect(text).toContain('  persons: PersonsRow;\n');
  });
});
