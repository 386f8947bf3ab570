import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { loadEngineConfig } from '../../apps/engine/src/config/engine-config.js';
import { startServers, type RunningServers } from '../../apps/engine/src/servers/start-servers.js';
import { TEST_REDIS_URL } from '../runtime/runtime-harness.js';
import { bpmnDocument, chain } from '../support/bpmn-xml.js';
import { createTestDatabase, TEST_DATABASE_URL, type TestDatabase } from '../support/test-database.js';
import { deployLikeModeler, httpOf } from './camunda-rest-client.js';

/** Stopping the servers (SIGTERM in production) lets the job that is running finish before the store closes. */
let database: TestDatabase;
let servers: RunningServers | undefined;
const queue = `kf-shutdown-test-${randomBytes(4).toString('hex')}`;

beforeAll(async () => {
  database = await createTestDatabase();
  servers = await startServers(
    loadEngineConfig({
      AUTH: 'off',
      DATABASE_URL: TEST_DATABASE_URL,
      DATABASE_SCHEMA: database.schema,
      REDIS_URL: TEST_REDIS_URL,
      BULL_QUEUE: queue,
      ENGINE_PORT: '0',
      DESIGNER_PORT: '0',
    }),
    'all',
    { logger: ['error'] },
  );
}, 60_000);

afterAll(async () => {
  await servers?.close();
  await database?.drop();
  const redis = new Redis(TEST_REDIS_URL);
  const keys = await redis.keys(`bull:${queue}:*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
}, 30_000);

describe('graceful shutdown', () => {
  it('finishes the connector call that is running, and the instance completes, before the store closes', async () => {
    const model = bpmnDocument(
      `<bpmn:startEvent id="start" />
       <bpmn:serviceTask id="slowCall" camunda:type="external" camunda:topic="connector:test">
         <bpmn:extensionElements><camunda:inputOutput>
           <camunda:inputParameter name="outcome">ok</camunda:inputParameter>
           <camunda:inputParameter name="delayMs">\${1500}</camunda:inputParameter>
         </camunda:inputOutput></bpmn:extensionElements>
       </bpmn:serviceTask>
       <bpmn:endEvent id="end" />${chain('start', 'slowCall', 'end')}`,
      { id: 'slow' },
    );
    expect((await deployLikeModeler(httpOf(servers?.designer), 'slow.bpmn', model)).status).toBe(200);
    const started = await httpOf(servers?.engine)
      .post('/engine-rest/process-definition/key/slow/start')
      .send({});
    expect(started.body.ended).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 400));

    const stopping = Date.now();
    await servers?.close();
    servers = undefined;
    expect(Date.now() - stopping).toBeGreaterThan(500);

    const [instance] = (await database.dataSource.query(
      `SELECT status FROM process_instances WHERE id = $1`,
      [started.body.id],
    )) as Array<{ status: string }>;
    expect(instance?.status).toBe('completed');
    expect(
      await database.dataSource.query(`SELECT id FROM jobs WHERE process_instance_id = $1`, [
        started.body.id,
      ]),
    ).toEqual([]);
  }, 30_000);
});
