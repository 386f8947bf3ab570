import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createStoreDataSource, runMigrations } from '#store';

/** The PostgreSQL the tests use: DATABASE_URL, else the server CI and the dev machines run (trust auth). */
export const TEST_DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Every test schema starts with this, so a run that died before dropping its schemas can be cleaned by name. */
export const TEST_SCHEMA_PREFIX = 'test_store_';

export interface TestDatabase {
  /** Initialized, migrated, its tables in `schema`. */
  dataSource: DataSource;
  schema: string;
  /** Drops the schema with everything in it and closes the data source. */
  drop(): Promise<void>;
}

/**
 * A fresh, migrated store in a schema of its own in the real PostgreSQL: tests in parallel Jest workers never see
 * each other's rows. Call `drop()` in `afterAll`.
 *
 * @example
 * let db: TestDatabase;
 * beforeAll(async () => { db = await createTestDatabase(); });
 * afterAll(() => db.drop());
 */
export async function createTestDatabase(options: { poolSize?: number } = {}): Promise<TestDatabase> {
  const schema = `${TEST_SCHEMA_PREFIX}${process.pid}_${randomBytes(6).toString('hex')}`;
  const dataSource = createStoreDataSource({
    databaseUrl: TEST_DATABASE_URL,
    schema,
    poolSize: options.poolSize ?? 4,
  });
  try {
    await dataSource.initialize();
  } catch (error) {
    throw new Error(
      `Expected PostgreSQL at ${TEST_DATABASE_URL} (set DATABASE_URL to use another), but could not connect: ` +
        `${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  try {
    // Created here rather than by runMigrations, so a name that already exists fails instead of being shared.
    await dataSource.query(`CREATE SCHEMA "${schema}"`);
    await runMigrations(dataSource);
  } catch (error) {
    await dropSchema(dataSource, schema).catch(() => undefined);
    await dataSource.destroy();
    throw error;
  }
  let dropped = false;
  return {
    dataSource,
    schema,
    async drop() {
      if (dropped) return;
      dropped = true;
      try {
        await dropSchema(dataSource, schema);
      } finally {
        await dataSource.destroy();
      }
    },
  };
}

async function dropSchema(dataSource: DataSource, schema: string): Promise<void> {
  await dataSource.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
}
