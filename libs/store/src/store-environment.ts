import type { StoreDataSourceOptions } from './store-data-source.js';

/**
 * The store's options from the environment, the same way for every app and the migrate command:
 * `DATABASE_URL` (a `postgres://` URL) with an optional `DATABASE_SCHEMA`, or, when `DATABASE_URL` is unset, the
 * embedded store in `STORE_DATA_DIR` (default `./.data`).
 */
export function storeOptionsFromEnvironment(env: Record<string, string | undefined>): StoreDataSourceOptions {
  const databaseUrl = env.DATABASE_URL?.trim();
  if (databaseUrl) {
    const schema = env.DATABASE_SCHEMA?.trim();
    return { databaseUrl, ...(schema ? { schema } : {}) };
  }
  const dataDir = env.STORE_DATA_DIR?.trim();
  return dataDir ? { dataDir } : {};
}
