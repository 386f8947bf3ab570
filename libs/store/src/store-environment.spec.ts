import { describe, expect, it } from '@jest/globals';
import { storeOptionsFromEnvironment } from './store-environment.js';

describe('storeOptionsFromEnvironment', () => {
  it.each([
    [{}, {}],
    [{ DATABASE_URL: '' }, {}],
    [{ STORE_DATA_DIR: '/var/lib/flow' }, { dataDir: '/var/lib/flow' }],
    [{ DATABASE_URL: 'postgres://db/flow' }, { databaseUrl: 'postgres://db/flow' }],
    [
      { DATABASE_URL: 'postgres://db/flow', DATABASE_SCHEMA: 'aarhus', STORE_DATA_DIR: '/ignored' },
      { databaseUrl: 'postgres://db/flow', schema: 'aarhus' },
    ],
  ])('reads %j as %j', (env, options) => {
    expect(storeOptionsFromEnvironment(env)).toEqual(options);
  });
});
