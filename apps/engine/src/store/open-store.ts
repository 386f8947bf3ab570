import path from 'node:path';
import {
  createStoreDataSource,
  DEFAULT_EMBEDDED_DATA_DIR,
  redactUrl,
  runMigrations,
  type StoreDataSourceOptions,
} from '#store';
import type { DataSource } from 'typeorm';

/**
 * Opens the process's one store and applies the pending migrations before anything reads it. One per process:
 * PGlite allows no second one, and the apps of one process share its connection pool. A store that cannot be
 * opened stops start-up with a message saying where it looked and which setting to check.
 */
export async function openStore(options: StoreDataSourceOptions): Promise<DataSource> {
  const dataSource = createStoreDataSource(options);
  try {
    await dataSource.initialize();
  } catch (error) {
    throw new Error(
      `Could not open ${describeStore(options)}: ${messageOf(error)}. ` +
        (options.databaseUrl === undefined
          ? 'Check STORE_DATA_DIR (is another process using that directory?), or set DATABASE_URL.'
          : 'Check DATABASE_URL and that PostgreSQL is running.'),
      { cause: error },
    );
  }
  try {
    await runMigrations(dataSource);
  } catch (error) {
    await dataSource.destroy().catch(() => undefined);
    throw new Error(
      `Could not apply the store's migrations to ${describeStore(options)}: ${messageOf(error)}`,
      {
        cause: error,
      },
    );
  }
  return dataSource;
}

/** Where the store lives, fit to print: a password in the URL is masked. */
export function describeStore(options: StoreDataSourceOptions): string {
  if (options.databaseUrl !== undefined) {
    const schema = options.schema === undefined ? '' : ` (schema ${options.schema})`;
    return `PostgreSQL at ${redactUrl(options.databaseUrl)}${schema}`;
  }
  const dataDir = options.dataDir ?? DEFAULT_EMBEDDED_DATA_DIR;
  return `the embedded store (PGlite) in ${dataDir.includes('://') ? dataDir : path.resolve(dataDir)}`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
