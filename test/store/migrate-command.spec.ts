import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from '@jest/globals';
import { createStoreDataSource, migrateStore, STORE_MIGRATIONS } from '#store';
import { TEST_DATABASE_URL } from '../support/test-database.js';

const run = promisify(execFile);
const newSchema = (what: string) => `test_store_${what}_${process.pid}_${Date.now().toString(36)}`;

async function dropSchema(schema: string): Promise<void> {
  const dataSource = await createStoreDataSource({ databaseUrl: TEST_DATABASE_URL }).initialize();
  try {
    await dataSource.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await dataSource.destroy();
  }
}

describe('npm run migrate', () => {
  it('says where it migrates and what it applied, then that nothing is left to apply', async () => {
    const schema = newSchema('migrate');
    const lines: string[] = [];
    try {
      await migrateStore({ databaseUrl: TEST_DATABASE_URL, schema }, (line) => lines.push(line));
      await migrateStore({ databaseUrl: TEST_DATABASE_URL, schema }, (line) => lines.push(line));
    } finally {
      await dropSchema(schema);
    }
    const where = `Migrating PostgreSQL at ${TEST_DATABASE_URL} (schema ${schema})`;
    expect(lines).toEqual([
      where,
      ...STORE_MIGRATIONS.map((migration) => `  applied ${migration.name}`),
      `Applied ${STORE_MIGRATIONS.length} migration(s).`,
      where,
      `Nothing to apply: all ${STORE_MIGRATIONS.length} migration(s) were applied before.`,
    ]);
  });

  it('runs as a command on DATABASE_URL and DATABASE_SCHEMA, and fails with a message when it cannot', async () => {
    const schema = newSchema('cli');
    const env = { ...process.env, DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema };
    try {
      const { stdout } = await run('node_modules/.bin/tsx', ['libs/store/src/migrate-cli.ts'], { env });
      expect(stdout).toContain(`applied ${STORE_MIGRATIONS[0].name}`);
    } finally {
      await dropSchema(schema);
    }
    const failed = run('node_modules/.bin/tsx', ['libs/store/src/migrate-cli.ts'], {
      env: { ...env, DATABASE_URL: 'postgres://postgres:secret@127.0.0.1:1/test' },
    });
    await expect(failed).rejects.toMatchObject({
      code: 1,
      stdout: expect.stringContaining('postgres://postgres:***@127.0.0.1:1/test'),
      stderr: expect.stringContaining('Migration failed: '),
    });
  }, 30_000);
});
