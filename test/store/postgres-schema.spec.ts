import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createStoreDataSource, runMigrations, STORE_MIGRATIONS } from '#store';
import { createTestDatabase, TEST_DATABASE_URL, type TestDatabase } from '../support/test-database.js';
import { entityMismatches, indexesByTable, sortedExpectedIndexes } from './store-schema.js';

describe('the store schema on PostgreSQL', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db?.drop());

  it('has every table of the migrations, each with its indexes', async () => {
    expect(await indexesByTable(db.dataSource, db.schema)).toEqual(sortedExpectedIndexes());
  });

  it('matches the entities column for column: name, type, nullability and default', async () => {
    expect(await entityMismatches(db.dataSource, db.schema)).toEqual([]);
  });

  it("gives every table a tenant column that defaults to '' and is never null", async () => {
    const tenantColumns: Array<{ table_name: string; column_default: string; is_nullable: string }> =
      await db.dataSource.query(
        `SELECT table_name, column_default, is_nullable FROM information_schema.columns
          WHERE table_schema = $1 AND column_name = 'tenant_id'
            AND table_name IN (SELECT tablename FROM pg_tables WHERE schemaname = $1) ORDER BY table_name`,
        [db.schema],
      );
    expect(tenantColumns.map((column) => column.table_name)).toEqual(
      Object.keys(sortedExpectedIndexes()).sort(),
    );
    for (const column of tenantColumns) {
      expect(column).toEqual({
        table_name: column.table_name,
        column_default: "''::text",
        is_nullable: 'NO',
      });
    }
  });

  it('records the applied migration, and applies nothing when run again', async () => {
    expect(await runMigrations(db.dataSource)).toEqual([]);
    const applied: Array<{ name: string }> = await db.dataSource.query(
      `SELECT name FROM "${db.schema}".migrations`,
    );
    expect(applied.map((row) => row.name)).toEqual(STORE_MIGRATIONS.map((migration) => migration.name));
  });
});

describe('migrating PostgreSQL', () => {
  it('lets two processes migrate one new schema at once: one applies, the other finds nothing to do', async () => {
    const schema = `test_store_race_${process.pid}_${Date.now().toString(36)}`;
    const first = await createStoreDataSource({ databaseUrl: TEST_DATABASE_URL, schema }).initialize();
    const second = await createStoreDataSource({ databaseUrl: TEST_DATABASE_URL, schema }).initialize();
    try {
      const results = await Promise.all([runMigrations(first), runMigrations(second)]);
      expect(results.map((applied) => applied.length).sort()).toEqual([0, STORE_MIGRATIONS.length]);
      expect(Object.keys(await indexesByTable(first, schema)).sort()).toEqual(
        Object.keys(sortedExpectedIndexes()).sort(),
      );
    } finally {
      await first.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await Promise.all([first.destroy(), second.destroy()]);
    }
  });

  it('reverts every migration, down to nothing, and applies them again', async () => {
    const db = await createTestDatabase();
    try {
      for (let undone = 0; undone < STORE_MIGRATIONS.length; undone += 1) {
        await db.dataSource.undoLastMigration({ transaction: 'all' });
      }
      expect(await indexesByTable(db.dataSource, db.schema)).toEqual({});
      expect(await runMigrations(db.dataSource)).toEqual(STORE_MIGRATIONS.map((migration) => migration.name));
      expect(await indexesByTable(db.dataSource, db.schema)).toEqual(sortedExpectedIndexes());
    } finally {
      await db.drop();
    }
  });
});
