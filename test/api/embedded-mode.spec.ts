import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadEngineConfig, type EngineConfig } from '../../apps/engine/src/config/engine-config.js';
import { startServers, type RunningServers } from '../../apps/engine/src/servers/start-servers.js';
import { bpmnDocument, chain, flow } from '../support/bpmn-xml.js';
import { deployLikeModeler, expectCamundaJson, httpOf, untilHistoricState } from './camunda-rest-client.js';

/**
 * `npm start` with nothing configured: both apps in this one process over PGlite in a data directory, jobs run
 * in-process from PostgreSQL, no Redis. PGlite costs ~800 MB and allows one store per process, so this is the only
 * test file of the embedded servers, and it opens one store at a time.
 */
let dataDir: string;
let config: EngineConfig;
let servers: RunningServers | undefined;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'kommune-flow-embedded-'));
  config = loadEngineConfig({
    AUTH: 'off',
    STORE_DATA_DIR: dataDir,
    ENGINE_PORT: '0',
    DESIGNER_PORT: '0',
    RECONCILE_INTERVAL_MS: '200',
  });
  expect(config.store).toEqual({ dataDir });
  expect(config.redisUrl).toBeUndefined();
}, 60_000);

afterAll(async () => {
  await servers?.close();
  await rm(dataDir, { recursive: true, force: true });
}, 60_000);

const application = bpmnDocument(
  `<bpmn:startEvent id="start" />
   <bpmn:serviceTask id="register" camunda:type="external" camunda:topic="connector:noop" />
   <bpmn:intermediateCatchEvent id="cooling"><bpmn:timerEventDefinition><bpmn:timeDuration>PT0.5S</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
   <bpmn:exclusiveGateway id="decide" default="refuse" />
   <bpmn:endEvent id="granted" /><bpmn:endEvent id="refused" />
   ${chain('start', 'register', 'cooling', 'decide')}${flow('grant', 'decide', 'granted', '=amount <= 10000')}${flow('refuse', 'decide', 'refused')}`,
  { id: 'application' },
);

describe('the embedded mode (PGlite, no Redis)', () => {
  it('deploys and runs a process end to end: a connector, a timer and a gateway, all in this process', async () => {
    servers = await startServers(config, 'all', { logger: ['error'] });
    const designer = httpOf(servers.designer);
    const engine = httpOf(servers.engine);

    const deployed = await deployLikeModeler(designer, 'application.bpmn', application);
    expect(deployed.status).toBe(200);
    expectCamundaJson(deployed);

    const started = await engine
      .post('/engine-rest/process-definition/key/application/start')
      .send({ businessKey: 'A-1', variables: { amount: { value: 2500, type: 'Integer' } } });
    expect(started.status).toBe(200);
    expect(started.body.ended).toBe(false);

    await untilHistoricState(engine, started.body.id, 'COMPLETED');
    const activities = await engine.get(
      `/engine-rest/history/activity-instance?processInstanceId=${started.body.id}&sortBy=startTime&sortOrder=asc`,
    );
    expect(activities.body.map((activity: { activityId: string }) => activity.activityId)).toEqual([
      'start',
      'register',
      'cooling',
      'decide',
      'granted',
    ]);
    expect((await engine.get(`/engine-rest/incident?processInstanceId=${started.body.id}`)).body).toEqual([]);
  }, 60_000);

  it('keeps definitions and history in the data directory across a restart', async () => {
    const before = await httpOf(servers?.designer).get('/engine-rest/process-definition?key=application');
    await servers?.close();
    servers = undefined;

    servers = await startServers(config, 'all', { logger: ['error'] });
    const after = await httpOf(servers.designer).get('/engine-rest/process-definition?key=application');
    expect(after.body).toEqual(before.body);
    const started = await httpOf(servers.engine)
      .post('/engine-rest/process-definition/key/application/start')
      .send({ variables: { amount: { value: 50000, type: 'Integer' } } });
    await untilHistoricState(httpOf(servers.engine), started.body.id, 'COMPLETED');
    const end = await httpOf(servers.engine).get(
      `/engine-rest/history/activity-instance?processInstanceId=${started.body.id}&activityId=refused`,
    );
    expect(end.body).toHaveLength(1);
  }, 60_000);

  it('refuses to start only one app without DATABASE_URL: the other could not share the store', async () => {
    await expect(startServers(config, 'engine')).rejects.toThrow(
      'Starting only the engine needs DATABASE_URL: the embedded store (PGlite) allows one process per data directory',
    );
  });
});
