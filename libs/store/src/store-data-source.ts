import path from 'node:path';
import { DataSource, MigrationExecutor, type DataSourceOptions } from 'typeorm';
import { PGliteDriver } from 'typeorm-pglite';
import { STORE_ENTITIES } from './store-entities.js';
import { STORE_MIGRATIONS } from './store-migrations.js';

/** Where the embedded store keeps its data when no database URL is given, relative to the working directory. */
export const DEFAULT_EMBEDDED_DATA_DIR = '.data';

/** PGlite's data directory for a store that lives only as long as its process. */
export const IN_MEMORY_DATA_DIR = 'memory://';

export interface StoreDataSourceOptions {
  /** A `postgres://` URL: the store uses that PostgreSQL server. Without it the store is embedded (PGlite). */
  databaseUrl?: string;
  /**
   * The embedded store's data directory, or {@link IN_MEMORY_DATA_DIR}; default {@link DEFAULT_EMBEDDED_DATA_DIR}.
   * PGlite allows one open store per process, and one process per directory.
   */
  dataDir?: string;
  /** The PostgreSQL schema the tables live in (lower case), e.g. an isolated one per test; only with `databaseUrl`. */
  schema?: string;
  /** Connections in the pool (`pg` only; PGlite has one); default 10. */
  poolSize?: number;
  /** Log every SQL statement. */
  logging?: boolean;
}

type CommonOptions = Omit<Extract<DataSourceOptions, { type: 'postgres' }>, 'driver'>;

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * A TypeORM data source over the store's entities and migrations, not yet initialized. With `databaseUrl` it
 * talks to PostgreSQL through `pg`; without it it runs PostgreSQL embedded (PGlite), in `dataDir`. It never
 * synchronizes the schema and never migrates by itself: call {@link runMigrations}.
 *
 * @example
 * const dataSource = await createStoreDataSource({ databaseUrl: process.env.DATABASE_URL }).initialize();
 * await runMigrations(dataSource);
 */
export function createStoreDataSource(options: StoreDataSourceOptions = {}): DataSource {
  const common: CommonOptions = {
    type: 'postgres',
    entities: [...STORE_ENTITIES],
    migrations: [...STORE_MIGRATIONS],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'all',
    migrationsRun: false,
    synchronize: false,
    logging: options.logging ?? false,
  };
  if (options.databaseUrl !== undefined) {
    if (options.dataDir !== undefined) {
      throw new Error(
        'Expected either databaseUrl (PostgreSQL) or dataDir (embedded PGlite), but both were given: drop one.',
      );
    }
    if (!/^postgres(ql)?:\/\//.test(options.databaseUrl)) {
      throw new Error(
        `Expected databaseUrl to be a postgres:// URL, but got '${redactUrl(options.databaseUrl)}'.`,
      );
    }
    const schema = options.schema;
    if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
      throw new Error(
        `Expected schema to be a lower-case PostgreSQL identifier (letters, digits, _), but got '${schema}'.`,
      );
    }
    return new DataSource({
      ...common,
      url: options.databaseUrl,
      poolSize: options.poolSize ?? 10,
      ...(schema === undefined
        ? {}
        : // TypeORM qualifies the entities' tables with `schema`; the migrations' plain SQL follows search_path.
          { schema, extra: { options: `-c search_path=${schema}` } }),
    });
  }
  if (options.schema !== undefined) {
    throw new Error(
      'The embedded store (no databaseUrl) keeps its tables in the public schema: drop the schema option, or use a database URL.',
    );
  }
  return new EmbeddedStoreDataSource(common, options.dataDir ?? DEFAULT_EMBEDDED_DATA_DIR);
}

/**
 * Applies every migration not yet applied, in one transaction, and returns the names of those it applied (none
 * when the schema is up to date). Concurrent callers on one schema (an engine and a designer-api starting
 * together) wait for each other on an advisory lock. A configured schema that does not exist yet is created.
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  if (!dataSource.isInitialized) {
    throw new Error('Expected an initialized data source: call `await dataSource.initialize()` first.');
  }
  const configuredSchema = (dataSource.options as { schema?: string }).schema;
  const lockName = `kommune-flow:store-migrations:${configuredSchema ?? 'public'}`;
  const runner = dataSource.createQueryRunner();
  try {
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', [lockName]);
    try {
      if (configuredSchema !== undefined) {
        const found = await runner.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [configuredSchema]);
        if (found.length === 0) await runner.query(`CREATE SCHEMA "${configuredSchema}"`);
      }
      const executor = new MigrationExecutor(dataSource, runner);
      executor.transaction = 'all';
      const applied = await executor.executePendingMigrations();
      return applied.map((migration) => migration.name);
    } finally {
      await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [lockName]);
    }
  } finally {
    await runner.release();
  }
}

/** A URL fit to print: the password, if any, replaced by `***`. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:)[^@]*@/i, '$1***@');
}

const PG_INT8_OID = 20;

/**
 * PGlite reads int8 as a number (exact only up to 2^53), `pg` as a decimal string: the store reads it as `pg` does,
 * so ids read the same from both.
 */
function pgliteOptions(dataDir: string) {
  return { dataDir, parsers: { [PG_INT8_OID]: (text: string) => text } };
}

/** The process's one PGlite store, if open: typeorm-pglite keeps a single PGlite instance per process. */
let openEmbeddedDataDir: string | undefined;

/**
 * A data source over PGlite. typeorm-pglite holds one PGlite instance per process and takes its options from the
 * last `new PGliteDriver(...)`; this class claims that instance on initialize and frees it on destroy, so a second
 * embedded store in the same process fails clearly instead of silently sharing the first one's database.
 */
class EmbeddedStoreDataSource extends DataSource {
  private readonly dataDir: string;

  constructor(common: CommonOptions, dataDir: string) {
    const resolved = dataDir.includes('://') ? dataDir : path.resolve(dataDir);
    super({
      ...common,
      driver: new PGliteDriver(pgliteOptions(resolved)).driver,
      // PGlite has no uuid-ossp, and a failed CREATE EXTENSION crashes the process: the migrations need none.
      installExtensions: false,
      uuidExtension: 'pgcrypto',
    });
    this.dataDir = resolved;
  }

  override async initialize(): Promise<this> {
    if (openEmbeddedDataDir !== undefined) {
      throw new Error(
        `An embedded store is already open in this process (data directory '${openEmbeddedDataDir}'): PGlite allows ` +
          'one per process. Destroy it first, or give a databaseUrl.',
      );
    }
    openEmbeddedDataDir = this.dataDir;
    try {
      // Set this store's options again: another data source created since may have replaced them.
      new PGliteDriver(pgliteOptions(this.dataDir));
      return await super.initialize();
    } catch (error) {
      openEmbeddedDataDir = undefined;
      throw error;
    }
  }

  override async destroy(): Promise<void> {
    try {
      await super.destroy();
    } finally {
      openEmbeddedDataDir = undefined;
    }
  }
}
