import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  createStoreDataSource,
  DeploymentEntity,
  IN_MEMORY_DATA_DIR,
  runMigrations,
  STORE_TABLE_ENTITIES,
  STORE_MIGRATIONS,
} from '#store';
import { LoraObjectService, loraObjectTypeAt, LoraRegistrationStore, type LoraObjectType } from '#lora';
import type { DataSource } from 'typeorm';
import { entityMismatches, indexesByTable, sortedExpectedIndexes } from './store-schema.js';
import { sampleRows, saveAndReadBack } from './store-rows.js';

/**
 * The embedded default (PGlite, PostgreSQL 18 in WASM) in memory. Each PGlite takes ~800 MB and there can be one
 * per process, so this is the only test file that opens one: everything embedded is checked here, on one store.
 */
describe('the embedded store (PGlite)', () => {
  let dataSource: DataSource;
  let applied: string[];
  beforeAll(async () => {
    dataSource = await createStoreDataSource({ dataDir: IN_MEMORY_DATA_DIR }).initialize();
    applied = await runMigrations(dataSource);
  }, 60_000);
  afterAll(() => dataSource?.destroy());

  it('applies the migrations: every table with its indexes, matching the entities', async () => {
    expect(applied).toEqual(STORE_MIGRATIONS.map((migration) => migration.name));
    expect(await indexesByTable(dataSource, 'public')).toEqual(sortedExpectedIndexes());
    expect(await entityMismatches(dataSource, 'public')).toEqual([]);
  });

  it('applies nothing when the migrations run again', async () => {
    expect(await runMigrations(dataSource)).toEqual([]);
  });

  it('round-trips a row of every table, and defaults the tenant to an empty string', async () => {
    const results = await saveAndReadBack(dataSource, await sampleRows());
    expect(results).toHaveLength(STORE_TABLE_ENTITIES.length);
    for (const { entity, saved, read } of results) {
      expect({ entity, row: read }).toEqual({ entity, row: saved });
    }
    const deployment = await dataSource
      .getRepository(DeploymentEntity)
      .save({ id: 'f2d6b9f0-3b4c-4d5e-8f60-718293a4b5c6', name: null, source: null });
    expect(deployment.tenantId).toBe('');
  });

  it('refuses a second embedded store in the same process instead of sharing this one', async () => {
    await expect(createStoreDataSource({ dataDir: '/tmp/never-opened' }).initialize()).rejects.toThrow(
      /already open in this process/,
    );
  });

  it("keeps LoRA's bitemporal objects: create, update, read at a time and search run on PGlite too", async () => {
    const objects = new LoraObjectService(new LoraRegistrationStore(dataSource));
    const scope = {
      tenantId: '',
      type: loraObjectTypeAt('organisation', 'organisationenhed') as LoraObjectType,
    };
    const virkning = { from: '2020-01-01', to: 'infinity' };
    const { uuid } = await objects.create(
      scope,
      {
        attributter: {
          organisationenhedegenskaber: [{ brugervendtnoegle: 'PGLITE', enhedsnavn: 'A', virkning }],
        },
        tilstande: { organisationenhedgyldighed: [{ gyldighed: 'Aktiv', virkning }] },
      },
      { brugerref: 'test' },
    );
    await objects.update(
      scope,
      uuid,
      {
        attributter: {
          organisationenhedegenskaber: [
            { enhedsnavn: 'B', virkning: { from: '2021-01-01', to: 'infinity' } },
          ],
        },
      },
      { brugerref: 'test' },
    );
    const { view } = await objects.read(scope, uuid, '/lora?virkningstid=2022-01-01', Date.now());
    expect(view.registreringer).toEqual([
      expect.objectContaining({
        livscykluskode: 'Rettet',
        attributter: {
          organisationenhedegenskaber: [
            expect.objectContaining({ brugervendtnoegle: 'PGLITE', enhedsnavn: 'B' }),
          ],
        },
      }),
    ]);
    expect(await objects.listOrSearch(scope, '/lora?bvn=pglite&enhedsnavn=b', Date.now())).toEqual({
      results: [[uuid]],
    });
    expect(
      await objects.listOrSearch(scope, '/lora?bvn=pglite&enhedsnavn=b&virkningstid=2020-06-01', Date.now()),
    ).toEqual({
      results: [[]],
    });
  });
});
