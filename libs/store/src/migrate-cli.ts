/**
 * `npm run migrate`: applies the store's migrations to DATABASE_URL (optionally in DATABASE_SCHEMA), or to the
 * embedded store in STORE_DATA_DIR (default ./.data) when DATABASE_URL is unset. Exits non-zero on failure.
 */
import { migrateStore } from './migrate-command.js';
import { storeOptionsFromEnvironment } from './store-environment.js';

try {
  await migrateStore(storeOptionsFromEnvironment(process.env), (line) => console.log(line));
} catch (error) {
  console.error(`Migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
