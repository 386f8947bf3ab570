import { expect } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import request from 'supertest';
import type { INestApplication } from '@nestjs/common';
import { loadEngineConfig } from '../../apps/engine/src/config/engine-config.js';
import {
  startServers,
  type RunningServers,
  type ServerOptions,
} from '../../apps/engine/src/servers/start-servers.js';
import { hashApiKey, type Role } from '#camunda-rest';
import { TEST_REDIS_URL } from '../runtime/runtime-harness.js';
import { createTestDatabase, TEST_DATABASE_URL, type TestDatabase } from '../support/test-database.js';

/** A supertest agent over a running app's HTTP server. */
export type Http = ReturnType<typeof request>;

export function httpOf(app: INestApplication | undefined): Http {
  if (!app) throw new Error('The app is not running in this process');
  return request(app.getHttpServer());
}

/** Every answer, errors included, says exactly `application/json`, as Camunda clients need. */
export function expectCamundaJson(response: request.Response): void {
  expect(response.headers['content-type']).toBe('application/json');
}

/**
 * Deploys as Camunda Modeler's deploy button does: deployment-name, deployment-source, deploy-changed-only and
 * (when given) tenant-id as text parts, the model as a file part named by its filename.
 */
export function deployLikeModeler(
  designer: Http,
  fileName: string,
  xml: string,
  options: { tenantId?: string; deploymentName?: string } = {},
): request.Test {
  let form = designer
    .post('/engine-rest/deployment/create')
    .field('deployment-name', options.deploymentName ?? fileName.replace(/\.bpmn$/, ''))
    .field('deployment-source', 'Camunda Modeler')
    .field('deploy-changed-only', 'true');
  if (options.tenantId) form = form.field('tenant-id', options.tenantId);
  return form.attach(fileName, Buffer.from(xml), {
    filename: fileName,
    contentType: 'application/octet-stream',
  });
}

/** Polls the history of an instance until it has `state` (job workers run in the background). */
export async function untilHistoricState(
  engine: Http,
  instanceId: string,
  state: string,
  options: { tenantIdIn?: string; timeoutMs?: number } = {},
): Promise<Record<string, unknown>> {
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  const query = options.tenantIdIn ? `?tenantIdIn=${options.tenantIdIn}` : '';
  for (;;) {
    const response = await engine.get(`/engine-rest/history/process-instance/${instanceId}${query}`);
    if (response.status === 200 && response.body.state === state)
      return response.body as Record<string, unknown>;
    if (Date.now() > deadline) {
      throw new Error(`Instance ${instanceId} is ${JSON.stringify(response.body)}, not ${state}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Starts the latest version of `key` on the engine (of `tenantId`, when given) with a Camunda start `body` (variables,
 * businessKey) and answers the new instance's id.
 */
export async function startByKey(
  engine: Http,
  key: string,
  body: Record<string, unknown> = {},
  tenantId?: string,
): Promise<string> {
  const path = tenantId ? `key/${key}/tenant-id/${tenantId}` : `key/${key}`;
  const response = await engine.post(`/engine-rest/process-definition/${path}/start`).send(body);
  expect(response.status).toBe(200);
  return response.body.id as string;
}

/** Camunda's date format, as the API writes it (UTC). */
export const CAMUNDA_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/;

/** An API key for tests: its secret, and what the configuration lists for it. */
export interface TestApiKey {
  name: string;
  /** `null`: a key for the rows without a tenant. */
  tenant: string | null;
  roles: Role[];
  key: string;
}

/** The `API_KEYS` setting listing these keys (hashed, as a real configuration does). */
export function apiKeysSetting(keys: TestApiKey[]): string {
  return JSON.stringify(
    keys.map(({ name, tenant, roles, key }) => ({ name, tenant, roles, keySha256: hashApiKey(key) })),
  );
}

/** Both apps of `npm start`, running for a spec on a schema and a Bull queue of their own. */
export interface TestApps {
  servers: RunningServers;
  engine: Http;
  designer: Http;
  /** Stops the apps, drops the schema and removes the queue's keys from Redis. */
  stop(): Promise<void>;
}

/**
 * Starts the engine and the designer-api as `npm start` does, on the real PostgreSQL (a schema of their own) and Bull
 * on the real Redis (DB 3, a queue of their own), without authentication unless `settings` says otherwise.
 *
 * @example
 * let apps: TestApps;
 * beforeAll(async () => { apps = await startTestApps({ RECONCILE_INTERVAL_MS: '200' }); }, 60_000);
 * afterAll(() => apps?.stop(), 30_000);
 */
export async function startTestApps(
  settings: Record<string, string> = {},
  options: ServerOptions = { logger: ['error'] },
): Promise<TestApps> {
  const database: TestDatabase = await createTestDatabase();
  const queue = `kf-api-test-${randomBytes(4).toString('hex')}`;
  let servers: RunningServers;
  try {
    servers = await startServers(
      loadEngineConfig({
        DATABASE_URL: TEST_DATABASE_URL,
        DATABASE_SCHEMA: database.schema,
        REDIS_URL: TEST_REDIS_URL,
        BULL_QUEUE: queue,
        ENGINE_PORT: '0',
        DESIGNER_PORT: '0',
        AUTH: 'off',
        ...settings,
      }),
      'all',
      options,
    );
  } catch (error) {
    await database.drop();
    throw error;
  }
  return {
    servers,
    engine: httpOf(servers.engine),
    designer: httpOf(servers.designer),
    async stop() {
      try {
        await servers.close();
      } finally {
        await database.drop();
        const redis = new Redis(TEST_REDIS_URL);
        const keys = await redis.keys(`bull:${queue}:*`);
        if (keys.length > 0) await redis.del(...keys);
        await redis.quit();
      }
    },
  };
}
