import { InitialSchema1764460800000 } from './migrations/1764460800000-initial-schema.js';

/** The schema's migrations in the order they apply; a new migration is added here (no globs: ESM and .ts). */
export const STORE_MIGRATIONS = [InitialSchema1764460800000] as const;
