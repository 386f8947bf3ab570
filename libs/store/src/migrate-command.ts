import path from 'node:path';
import {
  createStoreDataSource,
  DEFAULT_EMBEDDED_DATA_DIR,
  redactUrl,
  runMigrations,
  type StoreDataSourceOptions,
} from './store-data-source.js';
import { STORE_MIGRATIONS } from './store-migrations.js';

/**
 * `npm run migrate`: applies the pending migrations to the store the options name and reports, line by line,
 * where it migrated and what it applied.
 */
export async function migrateStore(
  options: StoreDataSourceOptions,
  print: (line: string) => void,
): Promise<string[]> {
  print(`Migrating ${describeStore(options)}`);
  const dataSource = await createStoreDataSource(options).initialize();
  try {
    const applied = await runMigrations(dataSource);
    for (const name of applied) print(`  applied ${name}`);
    print(
      applied.length === 0
        ? `Nothing to apply: all ${STORE_MIGRATIONS.length} migration(s) were applied before.`
        : `Applied ${applied.length} migration(s).`,
    );
    return applied;
  } finally {
    await dataSource.destroy();
  }
}

function describeStore(options: StoreDataSourceOptions): string {
  if (options.databaseUrl !== undefined) {
    const schema = options.schema === undefined ? '' : ` (schema ${options.schema})`;
    return `PostgreSQL at ${redactUrl(options.databaseUrl)}${schema}`;
  }
  const dataDir = options.dataDir ?? DEFAULT_EMBEDDED_DATA_DIR;
  return `the embedded store (PGlite) in ${dataDir.includes('://') ? dataDir : path.resolve(dataDir)}`;
}
