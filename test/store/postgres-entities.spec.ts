import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DeploymentEntity, HistoryOperationEntity, STORE_TABLE_ENTITIES, UserTaskEntity } from '#store';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { sampleRows, saveAndReadBack } from './store-rows.js';

describe('the store entities on PostgreSQL', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db?.drop());

  it('round-trip a row of every table: jsonb documents, timestamps, bytes and generated ids as they went in', async () => {
    const results = await saveAndReadBack(db.dataSource, await sampleRows());
    expect(results.map((result) => result.entity).sort()).toEqual(
      STORE_TABLE_ENTITIES.map((e) => e.name).sort(),
    );
    for (const { entity, saved, read } of results) {
      expect({ entity, row: read }).toEqual({ entity, row: saved });
    }
    const operation = results.find((result) => result.entity === 'HistoryOperationEntity')?.read;
    expect(operation?.id).toMatch(/^\d+$/);
    const instance = results.find((result) => result.entity === 'ProcessInstanceEntity')?.read;
    expect(instance?.state).toMatchObject({ id: 'pi-1', status: 'active', businessKey: 'SAG-2026-0042' });
  });

  it("fills the columns a caller leaves out with the schema's defaults: tenant '', now(), empty candidates", async () => {
    const before = new Date(Date.now() - 1000);
    const deployment = await db.dataSource
      .getRepository(DeploymentEntity)
      .save({ id: 'f2d6b9f0-3b4c-4d5e-8f60-718293a4b5c6', name: null, source: null });
    expect(deployment.tenantId).toBe('');
    expect(deployment.deployedAt.getTime()).toBeGreaterThan(before.getTime());

    const [row] = await db.dataSource.query(`SELECT tenant_id FROM deployments WHERE id = $1`, [
      deployment.id,
    ]);
    expect(row).toEqual({ tenant_id: '' });

    const operation = await db.dataSource
      .getRepository(HistoryOperationEntity)
      .save({ operation: 'deploy', processInstanceId: null, details: null, userId: null, removalTime: null });
    expect(operation).toMatchObject({ tenantId: '', id: expect.stringMatching(/^\d+$/) });
    expect(operation.at).toBeInstanceOf(Date);

    await db.dataSource.query(
      `INSERT INTO process_instances (id, definition_id, definition_key, status, state, started_at)
       SELECT 'pi-defaults', id, key, 'active', '{}', now() FROM process_definitions LIMIT 1`,
    );
    await db.dataSource.query(
      `INSERT INTO user_tasks (id, process_instance_id, process_definition_id, element_id)
       VALUES ('pi-defaults.1', 'pi-defaults', 'aktindsigt:1:0b6f1d4e', 'review')`,
    );
    expect(
      await db.dataSource.getRepository(UserTaskEntity).findOneByOrFail({ id: 'pi-defaults.1' }),
    ).toMatchObject({ tenantId: '', candidateUsers: [], candidateGroups: [], priority: 50 });
  });
});
