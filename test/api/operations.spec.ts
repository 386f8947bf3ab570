import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { JSON_BODY_LIMIT_BYTES } from '#camunda-rest';
import { JOB_QUEUE, type JobQueue } from '../../apps/engine/src/runtime-module/job-queue.js';
import { bpmnDocument, chain, flow } from '../support/bpmn-xml.js';
import {
  apiKeysSetting,
  deployLikeModeler,
  expectCamundaJson,
  startTestApps,
  type TestApps,
} from './camunda-rest-client.js';

/**
 * What an operator of the apps relies on: `/health` for probes, Prometheus `/metrics`, JSON logs that carry no
 * personal data, the body size limit and the page size bound, and the OpenAPI document — on both apps, as
 * `npm start` runs them on the real PostgreSQL and Redis, with authentication on.
 */
const STARTER = { name: 'portal', tenant: null, roles: ['process-starter' as const], key: 'kf_starter-key' };
const MONITOR = { name: 'prometheus', tenant: null, roles: ['monitoring' as const], key: 'kf_scrape-key' };
const OWNER = { name: 'modeler', tenant: null, roles: ['process-owner' as const], key: 'kf_owner-key' };
const OPERATOR = { name: 'ops', tenant: null, roles: ['operator' as const], key: 'kf_operator-key' };
const as = (key: { key: string }) => ({ authorization: `Bearer ${key.key}` });

const logLines: string[] = [];
let apps: TestApps;

beforeAll(async () => {
  apps = await startTestApps(
    {
      AUTH: 'on',
      API_KEYS: apiKeysSetting([STARTER, MONITOR, OWNER, OPERATOR]),
      RECONCILE_INTERVAL_MS: '200',
    },
    { logger: ['log', 'warn', 'error'], logDestination: { write: (line: string) => logLines.push(line) } },
  );
  const quick = bpmnDocument(
    `<bpmn:startEvent id="start" />${chain('start', 'end')}<bpmn:endEvent id="end" />`,
    {
      id: 'quick',
    },
  );
  const later = bpmnDocument(
    `<bpmn:startEvent id="start" /><bpmn:task id="step" camunda:asyncBefore="true" /><bpmn:endEvent id="end" />
     ${chain('start', 'step', 'end')}`,
    { id: 'later' },
  );
  const stuck = bpmnDocument(
    `<bpmn:startEvent id="start" /><bpmn:exclusiveGateway id="which" /><bpmn:endEvent id="end" />
     ${chain('start', 'which')}${flow('never', 'which', 'end', '${false}')}`,
    { id: 'stuck' },
  );
  for (const [name, xml] of [
    ['quick.bpmn', quick],
    ['later.bpmn', later],
    ['stuck.bpmn', stuck],
  ]) {
    const deployed = await deployLikeModeler(apps.designer, name, xml).set(as(OWNER));
    expect(deployed.status).toBe(200);
  }
}, 60_000);

afterAll(() => apps?.stop(), 30_000);

const start = (key: string, body: object = {}) =>
  apps.engine.post(`/engine-rest/process-definition/key/${key}/start`).set(as(STARTER)).send(body);

describe('GET /health', () => {
  it('answers 200 without credentials when the database (and, for the engine, Redis) answer', async () => {
    const engine = await apps.engine.get('/health');
    expect(engine.status).toBe(200);
    expectCamundaJson(engine);
    expect(engine.body).toMatchObject({
      status: 'ok',
      info: { database: { status: 'up' }, redis: { status: 'up' } },
    });
    const designer = await apps.designer.get('/health');
    expect(designer.status).toBe(200);
    expect(designer.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
    expect(designer.body.info.redis).toBeUndefined();
  });

  it('answers 503 naming what is down while Redis cannot be reached, and 200 again after', async () => {
    const queue = apps.servers.engine!.get<symbol, JobQueue>(JOB_QUEUE);
    queue.client.disconnect();
    try {
      const down = await apps.engine.get('/health');
      expect(down.status).toBe(503);
      expectCamundaJson(down);
      expect(down.body).toMatchObject({
        status: 'error',
        info: { database: { status: 'up' } },
        error: { redis: { status: 'down' } },
      });
    } finally {
      await queue.client.connect();
    }
    expect((await apps.engine.get('/health')).status).toBe(200);
  });
});

describe('GET /metrics', () => {
  it('needs the monitoring role: 401 without credentials, 403 with another role', async () => {
    expect((await apps.engine.get('/metrics')).status).toBe(401);
    const forbidden = await apps.engine.get('/metrics').set(as(STARTER));
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.message).toBe("'portal' lacks the role 'monitoring' this request needs");
  });

  it('counts instances started and ended by definition key, incidents, jobs, and API latency by route', async () => {
    for (let i = 0; i < 2; i += 1) expect((await start('quick')).status).toBe(200);
    const later = await start('later');
    expect(later.status).toBe(200);
    await untilCompleted(later.body.id);
    expect((await start('stuck')).status).toBe(200);

    const scraped = await apps.engine.get('/metrics').set(as(MONITOR));
    expect(scraped.status).toBe(200);
    expect(scraped.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const metrics = scraped.text;
    expect(metrics).toContain(
      'kommune_flow_process_instances_started_total{definition_key="quick",app="engine"} 2',
    );
    expect(metrics).toContain(
      'kommune_flow_process_instances_ended_total{definition_key="quick",state="completed",app="engine"} 2',
    );
    expect(metrics).toContain(
      'kommune_flow_process_instances_ended_total{definition_key="later",state="completed",app="engine"} 1',
    );
    expect(metrics).toContain(
      'kommune_flow_incidents_raised_total{definition_key="stuck",incident_type="no-matching-flow",app="engine"} 1',
    );
    expect(metrics).toMatch(/kommune_flow_jobs_executed_total\{kind="async",app="engine"\} [1-9]/);
    expect(metrics).toMatch(
      /kommune_flow_http_request_duration_seconds_count\{app="engine",route="\/engine-rest\/process-definition\/key\/:key\/start",method="POST",status="200"\} 4/,
    );
    expect(metrics).toContain('process_cpu_user_seconds_total');

    const designer = await apps.designer.get('/metrics').set(as(MONITOR));
    expect(designer.status).toBe(200);
    expect(designer.text).toMatch(
      /kommune_flow_http_request_duration_seconds_count\{app="designer-api",route="\/engine-rest\/deployment\/create",method="POST",status="200"\} 3/,
    );
    expect(designer.text).not.toContain('kommune_flow_process_instances_started_total{');
  });
});

/** Polls the history with the starter's key until the instance has completed. */
async function untilCompleted(instanceId: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const response = await apps.engine
      .get(`/engine-rest/history/process-instance/${instanceId}`)
      .set(as(STARTER));
    if (response.body.state === 'COMPLETED') return;
    if (Date.now() > deadline) throw new Error(`Instance ${instanceId} is ${JSON.stringify(response.body)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('logs', () => {
  it('log each request as JSON with method, route, status, duration, caller and tenant — no query, body or key', async () => {
    logLines.length = 0;
    const response = await start('quick', {
      businessKey: 'sag-2',
      variables: { note: { value: 'private text' } },
    });
    expect(response.status).toBe(200);
    await apps.engine.get('/engine-rest/history/process-instance?businessKey=secret-value').set(as(STARTER));
    const requests = logLines
      .map((line) => JSON.parse(line))
      .filter((entry) => entry.responseTime !== undefined);
    const started = requests.find((entry) => entry.req?.method === 'POST');
    expect(started).toMatchObject({
      level: 30,
      req: { method: 'POST', path: '/engine-rest/process-definition/key/quick/start' },
      res: { statusCode: 200 },
      route: '/engine-rest/process-definition/key/:key/start',
      caller: 'portal',
      tenant: null,
      msg: 'request completed',
    });
    expect(typeof started.responseTime).toBe('number');
    const everything = logLines.join('\n');
    expect(everything).not.toContain('private text');
    expect(everything).not.toContain('secret-value');
    expect(everything).not.toContain(STARTER.key);
    expect(everything).not.toMatch(/authorization/i);
  });

  it('mask anything shaped like a CPR number in every line, from requests and from the code', async () => {
    logLines.length = 0;
    const response = await apps.engine
      .get('/engine-rest/history/process-instance/010190-1234')
      .set(as(STARTER));
    expect(response.status).toBe(404);
    new Logger('OperationsTest').log('Citizen 0101901234 and 311299-4321 applied');
    const everything = logLines.join('\n');
    expect(everything).toContain('/engine-rest/history/process-instance/******-****');
    expect(everything).toContain('Citizen ******-**** and ******-**** applied');
    expect(everything).not.toMatch(/010190-?1234|311299-?4321/);
  });
});

describe('limits', () => {
  it('refuses a JSON body over 1 MB with a 413 in Camunda’s error shape', async () => {
    const response = await start('quick', {
      variables: { big: { value: 'x'.repeat(JSON_BODY_LIMIT_BYTES), type: 'String' } },
    });
    expect(response.status).toBe(413);
    expectCamundaJson(response);
    expect(response.body).toEqual({
      type: 'InvalidRequestException',
      message: expect.stringMatching(
        /^The request body \(\d+ bytes\) is larger than the limit of 1048576 bytes this API accepts/,
      ),
    });
    // A body below the limit is fine.
    const fits = await start('quick', { variables: { big: { value: 'x'.repeat(500_000), type: 'String' } } });
    expect(fits.status).toBe(200);
  });

  it('answers at most 1000 rows per page: more is a 400 naming maxResults', async () => {
    const response = await apps.engine.get('/engine-rest/incident?maxResults=5000').set(as(OPERATOR));
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      type: 'InvalidRequestException',
      message: expect.stringContaining(
        "Cannot set query parameter 'maxResults' to value '5000': at most 1000",
      ),
    });
    expect((await apps.engine.get('/engine-rest/incident?maxResults=1000').set(as(OPERATOR))).status).toBe(
      200,
    );
  });
});

describe('OpenAPI', () => {
  it('describes every engine endpoint at /engine-rest/openapi.json, without credentials, with Swagger UI at /docs', async () => {
    const response = await apps.engine.get('/engine-rest/openapi.json');
    expect(response.status).toBe(200);
    expectCamundaJson(response);
    expect(response.body.openapi).toMatch(/^3\./);
    const paths = Object.keys(response.body.paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/engine-rest/process-definition/key/{key}/start',
        '/engine-rest/process-definition/key/{key}/tenant-id/{tenantId}/start',
        '/engine-rest/history/process-instance/{id}',
        '/engine-rest/history/activity-instance',
        '/engine-rest/incident',
      ]),
    );
    expect(response.body.components.securitySchemes).toMatchObject({
      bearer: { type: 'http', scheme: 'bearer' },
      basic: { type: 'http', scheme: 'basic' },
    });
    const ui = await apps.engine.get('/docs');
    expect(ui.status).toBe(200);
    expect(ui.headers['content-type']).toMatch(/^text\/html/);
  });

  it('describes the designer-api’s own endpoints on it', async () => {
    const response = await apps.designer.get('/engine-rest/openapi.json');
    expect(response.status).toBe(200);
    expect(Object.keys(response.body.paths)).toEqual(
      expect.arrayContaining(['/engine-rest/deployment/create', '/engine-rest/process-definition']),
    );
    expect(Object.keys(response.body.paths)).not.toContain('/engine-rest/incident');
  });
});
