import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { loadEngineConfig } from '../../apps/engine/src/config/engine-config.js';
import { startServers, type RunningServers } from '../../apps/engine/src/servers/start-servers.js';
import { TEST_REDIS_URL } from '../runtime/runtime-harness.js';
import { bpmnDocument, chain } from '../support/bpmn-xml.js';
import { createTestDatabase, TEST_DATABASE_URL, type TestDatabase } from '../support/test-database.js';
import {
  apiKeysSetting,
  deployLikeModeler,
  expectCamundaJson,
  httpOf,
  type Http,
} from './camunda-rest-client.js';

/**
 * A worker node (ENGINE_ROLE=worker) serves `/health` and `/metrics` on ENGINE_PORT, and nothing else: an operator
 * probes and scrapes the nodes that run the jobs. Here an API node (ENGINE_ROLE=api, running no jobs) and a worker
 * node share the real PostgreSQL schema and a Bull queue on the real Redis, with authentication on.
 */
const STARTER = { name: 'portal', tenant: null, roles: ['process-starter' as const], key: 'kf_starter-key' };
const MONITOR = { name: 'prometheus', tenant: null, roles: ['monitoring' as const], key: 'kf_scrape-key' };
const OWNER = { name: 'modeler', tenant: null, roles: ['process-owner' as const], key: 'kf_owner-key' };
const as = (key: { key: string }) => ({ authorization: `Bearer ${key.key}` });

let database: TestDatabase;
let apiNode: RunningServers | undefined;
let workerNode: RunningServers | undefined;
let api: Http;
let designer: Http;
let worker: Http;
const queue = `kf-worker-ops-test-${randomBytes(4).toString('hex')}`;

function nodeConfig(role: 'api' | 'worker') {
  return loadEngineConfig({
    ENGINE_ROLE: role,
    DATABASE_URL: TEST_DATABASE_URL,
    DATABASE_SCHEMA: database.schema,
    REDIS_URL: TEST_REDIS_URL,
    BULL_QUEUE: queue,
    ENGINE_PORT: '0',
    DESIGNER_PORT: '0',
    RECONCILE_INTERVAL_MS: '200',
    AUTH: 'on',
    API_KEYS: apiKeysSetting([STARTER, MONITOR, OWNER]),
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
  apiNode = await startServers(nodeConfig('api'), 'all', { logger: ['error'] });
  workerNode = await startServers(nodeConfig('worker'), 'engine', { logger: ['error'] });
  api = httpOf(apiNode.engine);
  designer = httpOf(apiNode.designer);
  worker = httpOf(workerNode.worker);
  const later = bpmnDocument(
    `<bpmn:startEvent id="start" /><bpmn:task id="step" camunda:asyncBefore="true" /><bpmn:endEvent id="end" />
     ${chain('start', 'step', 'end')}`,
    { id: 'later' },
  );
  const slow = bpmnDocument(
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
  for (const [name, xml] of [
    ['later.bpmn', later],
    ['slow.bpmn', slow],
  ]) {
    expect((await deployLikeModeler(designer, name, xml).set(as(OWNER))).status).toBe(200);
  }
}, 60_000);

afterAll(async () => {
  try {
    await workerNode?.close();
    await apiNode?.close();
  } finally {
    await database?.drop();
    const redis = new Redis(TEST_REDIS_URL);
    const keys = await redis.keys(`bull:${queue}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  }
}, 30_000);

const start = (key: string) =>
  api.post(`/engine-rest/process-definition/key/${key}/start`).set(as(STARTER)).send({});

describe('a worker node', () => {
  it('runs without the REST API: only the worker app, no engine API, no designer', () => {
    expect(workerNode?.worker).toBeDefined();
    expect(workerNode?.engine).toBeUndefined();
    expect(workerNode?.designer).toBeUndefined();
  });

  it('answers /health 200 without credentials when the database and Redis answer', async () => {
    const response = await worker.get('/health');
    expect(response.status).toBe(200);
    expectCamundaJson(response);
    expect(response.body).toMatchObject({
      status: 'ok',
      info: { database: { status: 'up' }, redis: { status: 'up' } },
    });
  });

  it('answers /metrics only to the monitoring role: 401 without credentials, 403 with another role', async () => {
    const anonymous = await worker.get('/metrics');
    expect(anonymous.status).toBe(401);
    expectCamundaJson(anonymous);
    const forbidden = await worker.get('/metrics').set(as(STARTER));
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.message).toBe("'portal' lacks the role 'monitoring' this request needs");
  });

  it('serves no engine-rest, LoRA or OpenAPI routes (404)', async () => {
    for (const path of [
      '/engine-rest/process-definition',
      '/engine-rest/history/process-instance',
      '/engine-rest/openapi.json',
      '/lora/organisation/organisation',
    ]) {
      const response = await worker.get(path).set(as(STARTER));
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
    }
    const starting = await worker.post('/engine-rest/process-definition/key/later/start').set(as(STARTER));
    expect(starting.status).toBe(404);
  });

  it('counts the jobs it ran in its own /metrics; the API node, which runs none, counts none', async () => {
    const started = await start('later');
    expect(started.status).toBe(200);
    expect(started.body.ended).toBe(false);
    await untilCompleted(started.body.id);

    const scraped = await worker.get('/metrics').set(as(MONITOR));
    expect(scraped.status).toBe(200);
    expect(scraped.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(scraped.text).toContain('kommune_flow_jobs_executed_total{kind="async",app="engine"} 1');
    expect(scraped.text).toContain(
      'kommune_flow_process_instances_ended_total{definition_key="later",state="completed",app="engine"} 1',
    );
    expect(scraped.text).toContain('process_cpu_user_seconds_total');
    // Its own probes and scrapes are timed too, by route.
    expect(scraped.text).toMatch(
      /kommune_flow_http_request_duration_seconds_count\{app="engine",route="\/health",method="GET",status="200"\} [1-9]/,
    );

    const apiMetrics = await api.get('/metrics').set(as(MONITOR));
    expect(apiMetrics.status).toBe(200);
    expect(apiMetrics.text).toContain(
      'kommune_flow_process_instances_started_total{definition_key="later",app="engine"} 1',
    );
    expect(apiMetrics.text).not.toContain('kommune_flow_jobs_executed_total{');
  }, 30_000);

  it('stops as before: the running connector call finishes and the instance completes before it closes', async () => {
    const started = await start('slow');
    expect(started.status).toBe(200);
    expect(started.body.ended).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 400));

    const stopping = Date.now();
    await workerNode?.close();
    workerNode = undefined;
    expect(Date.now() - stopping).toBeGreaterThan(500);

    const [instance] = (await database.dataSource.query(
      `SELECT status FROM process_instances WHERE id = $1`,
      [started.body.id],
    )) as Array<{ status: string }>;
    expect(instance?.status).toBe('completed');
  }, 30_000);
});

/** Polls the API node's history, with the starter's key, until the instance has completed. */
async function untilCompleted(instanceId: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const response = await api.get(`/engine-rest/history/process-instance/${instanceId}`).set(as(STARTER));
    if (response.body.state === 'COMPLETED') return;
    if (Date.now() > deadline) throw new Error(`Instance ${instanceId} is ${JSON.stringify(response.body)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('a worker node’s configuration', () => {
  it('names ENGINE_PORT when it is no port', () => {
    expect(() =>
      loadEngineConfig({ ENGINE_ROLE: 'worker', DATABASE_URL: TEST_DATABASE_URL, ENGINE_PORT: 'metrics' }),
    ).toThrow(/ENGINE_PORT: expected a TCP port from 0 to 65535 \(0: any free port\), but found/);
  });

  it('may listen on the port the designer-api would, which a worker node does not run', () => {
    const config = loadEngineConfig({
      ENGINE_ROLE: 'worker',
      DATABASE_URL: TEST_DATABASE_URL,
      ENGINE_PORT: '8081',
    });
    expect(config.enginePort).toBe(8081);
    expect(() => loadEngineConfig({ DATABASE_URL: TEST_DATABASE_URL, ENGINE_PORT: '8081' })).toThrow(
      /DESIGNER_PORT: expected a port other than ENGINE_PORT/,
    );
  });
});
