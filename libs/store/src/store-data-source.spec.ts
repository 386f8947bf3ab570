import { describe, expect, it } from '@jest/globals';
import { createStoreDataSource, redactUrl, runMigrations } from './store-data-source.js';

describe('createStoreDataSource', () => {
  it('talks to PostgreSQL through pg when given a URL, in the schema asked for', () => {
    const dataSource = createStoreDataSource({
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/test',
      schema: 'tenant_tests',
      poolSize: 3,
    });
    expect(dataSource.options).toMatchObject({
      type: 'postgres',
      url: 'postgres://postgres@127.0.0.1:5432/test',
      schema: 'tenant_tests',
      poolSize: 3,
      extra: { options: '-c search_path=tenant_tests' },
      synchronize: false,
      migrationsRun: false,
    });
    expect(dataSource.options).not.toHaveProperty('driver');
  });

  it('embeds PGlite without a URL, never installing extensions PGlite lacks', () => {
    const dataSource = createStoreDataSource({ dataDir: 'memory://' });
    expect(dataSource.options).toMatchObject({
      type: 'postgres',
      installExtensions: false,
      uuidExtension: 'pgcrypto',
      synchronize: false,
      migrationsRun: false,
    });
    expect(dataSource.options).toHaveProperty('driver');
  });

  it.each([
    [{ databaseUrl: 'postgres://x/y', dataDir: 'memory://' }, 'both were given'],
    [{ databaseUrl: 'mysql://x/y' }, "postgres:// URL, but got 'mysql://x/y'"],
    [{ databaseUrl: 'postgres://x/y', schema: 'Robert"; DROP' }, 'lower-case PostgreSQL identifier'],
    [{ dataDir: 'memory://', schema: 'other' }, 'public schema'],
  ])('refuses %j and says why', (options, message) => {
    expect(() => createStoreDataSource(options)).toThrow(message);
  });

  it('asks for an initialized data source before migrating', async () => {
    await expect(runMigrations(createStoreDataSource({ databaseUrl: 'postgres://x/y' }))).rejects.toThrow(
      'initialize()',
    );
  });
});

describe('redactUrl', () => {
  it.each([
    ['postgres://flow:hemmelig@db:5432/flow', 'postgres://flow:***@db:5432/flow'],
    ['postgres://flow@db/flow', 'postgres://flow@db/flow'],
    ['postgresql://db/flow', 'postgresql://db/flow'],
  ])('shows %s as %s', (url, shown) => {
    expect(redactUrl(url)).toBe(shown);
  });
});
