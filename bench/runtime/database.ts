import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { createStoreDataSource, runMigrations } from '#store';

/** The PostgreSQL the benchmark uses: DATABASE_URL, else the local server (trust auth, database `test`). */
export const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Every schema the benchmark creates starts with this, so one left by a killed run is dropped by the next. */
export const BENCH_SCHEMA_PREFIX = 'bench_rt_';

export function benchSchemaName(purpose: string): string {
  return `${BENCH_SCHEMA_PREFIX}${purpose}_${randomBytes(4).toString('hex')}`;
}

/** A migrated store in a schema of its own. */
export async function openBenchStore(schema: string, poolSize = 4): Promise<DataSource> {
  const dataSource = createStoreDataSource({ databaseUrl: DATABASE_URL, schema, poolSize });
  await dataSource.initialize();
  await runMigrations(dataSource);
  return dataSource;
}

export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

/** Drops schemas a previous run left behind (it was killed before its own clean-up). */
export async function dropLeftoverSchemas(): Promise<string[]> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ nspname: string }>(
      `SELECT nspname FROM pg_namespace WHERE starts_with(nspname, $1)`,
      [BENCH_SCHEMA_PREFIX],
    );
    for (const { nspname } of rows) await client.query(`DROP SCHEMA IF EXISTS "${nspname}" CASCADE`);
    return rows.map((row) => row.nspname);
  } finally {
    await client.end();
  }
}

export interface CapturedStatement {
  text: string;
  values: unknown[];
}

type QueryFn = (this: pg.Client, ...args: unknown[]) => unknown;

/**
 * Records every statement any `pg` client of this process sends while `work` runs (TypeORM talks through `pg`), with
 * its parameters: the statements one command writes, and how many round trips it takes.
 */
export async function captureStatements<T>(
  work: () => Promise<T>,
): Promise<{ result: T; statements: CapturedStatement[] }> {
  const statements: CapturedStatement[] = [];
  const prototype = pg.Client.prototype as unknown as { query: QueryFn };
  const original = prototype.query;
  prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const [first, second] = args;
    if (typeof first === 'string') {
      statements.push({ text: first, values: Array.isArray(second) ? second : [] });
    } else if (first && typeof first === 'object' && 'text' in first) {
      const config = first as { text: string; values?: unknown[] };
      statements.push({ text: config.text, values: config.values ?? (Array.isArray(second) ? second : []) });
    }
    return original.apply(this, args);
  };
  try {
    const result = await work();
    return { result, statements };
  } finally {
    prototype.query = original;
  }
}
