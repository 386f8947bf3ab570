import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { loadEngineConfig } from '../../apps/engine/src/config/engine-config.js';
import { startServers, type RunningServers } from '../../apps/engine/src/servers/start-servers.js';
import { TEST_REDIS_URL } from '../runtime/runtime-harness.js';
import { bpmnDocument, chain, flow } from '../support/bpmn-xml.js';
import { createTestDatabase, TEST_DATABASE_URL, type TestDatabase } from '../support/test-database.js';
import {
  CAMUNDA_DATE,
  deployLikeModeler,
  expectCamundaJson,
  httpOf,
  untilHistoricState,
  type Http,
} from './camunda-rest-client.js';

/**
 * The engine and the designer-api as `npm start` runs them, on the real PostgreSQL (a schema of their own) and
 * Bull on the real Redis (DB 3, a queue of their own), driven over HTTP the way Camunda clients drive Camunda 7.
 */
let database: TestDatabase;
let servers: RunningServers;
let engine: Http;
let designer: Http;
const queue = `kf-api-test-${randomBytes(4).toString('hex')}`;

beforeAll(async () => {
  database = await createTestDatabase();
  const config = loadEngineConfig({
    AUTH: 'off',
    DATABASE_URL: TEST_DATABASE_URL,
    DATABASE_SCHEMA: database.schema,
    REDIS_URL: TEST_REDIS_URL,
    BULL_QUEUE: queue,
    ENGINE_PORT: '0',
    DESIGNER_PORT: '0',
    RECONCILE_INTERVAL_MS: '200',
  });
  servers = await startServers(config, 'all', { logger: ['error'] });
  engine = httpOf(servers.engine);
  designer = httpOf(servers.designer);
}, 60_000);

afterAll(async () => {
  await servers?.close();
  await database?.drop();
  const redis = new Redis(TEST_REDIS_URL);
  const keys = await redis.keys(`bull:${queue}:*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
}, 30_000);

const grant = bpmnDocument(
  `<bpmn:startEvent id="start" name="Application received" />
   <bpmn:exclusiveGateway id="large" name="Large amount?" default="small" />
   <bpmn:userTask id="review" name="Review the application" />
   <bpmn:endEvent id="approved" name="Approved at once" />
   <bpmn:endEvent id="reviewed" />
   ${chain('start', 'large')}${flow('big', 'large', 'review', '=amount > 1000')}${flow('small', 'large', 'approved')}
   ${chain('review', 'reviewed')}`,
  { id: 'grant' },
);

describe('deploying like Camunda Modeler', () => {
  it('answers with Camunda’s deployment JSON and versions the process', async () => {
    const response = await deployLikeModeler(designer, 'grant.bpmn', grant);
    expect(response.status).toBe(200);
    expectCamundaJson(response);
    const deployment = response.body;
    expect(deployment).toMatchObject({
      name: 'grant',
      source: 'Camunda Modeler',
      tenantId: null,
      deployedDecisionDefinitions: null,
    });
    expect(deployment.deploymentTime).toMatch(CAMUNDA_DATE);
    expect(deployment.links).toEqual([
      {
        method: 'GET',
        href: expect.stringMatching(new RegExp(`/engine-rest/deployment/${deployment.id}$`)),
        rel: 'self',
      },
    ]);
    const definitions = Object.values(deployment.deployedProcessDefinitions) as Array<
      Record<string, unknown>
    >;
    expect(definitions).toEqual([
      expect.objectContaining({
        key: 'grant',
        version: 1,
        resource: 'grant.bpmn',
        deploymentId: deployment.id,
        tenantId: null,
      }),
    ]);
    expect(Object.keys(deployment.deployedProcessDefinitions)).toEqual([definitions[0]?.id]);
  });

  it('deploys an unchanged model again without a new version (deploy-changed-only), a changed one as version 2', async () => {
    const unchanged = await deployLikeModeler(designer, 'grant.bpmn', grant);
    expect(unchanged.status).toBe(200);
    expect(unchanged.body.deployedProcessDefinitions).toBeNull();
    const changed = await deployLikeModeler(
      designer,
      'grant.bpmn',
      grant.replace('Approved at once', 'Approved'),
    );
    expect(Object.values(changed.body.deployedProcessDefinitions)).toEqual([
      expect.objectContaining({ version: 2 }),
    ]);

    const all = await designer.get('/engine-rest/process-definition?key=grant');
    expectCamundaJson(all);
    expect(all.body.map((definition: { version: number }) => definition.version)).toEqual([1, 2]);
    const latest = await designer.get('/engine-rest/process-definition?key=grant&latestVersion=true');
    expect(latest.body).toEqual([
      expect.objectContaining({
        key: 'grant',
        version: 2,
        suspended: false,
        tenantId: null,
        resource: 'grant.bpmn',
      }),
    ]);
  });

  it("refuses a broken model with Camunda's ParseException, every error under its resource", async () => {
    const broken = bpmnDocument(`<bpmn:startEvent id="start" />${flow('toNowhere', 'start', 'missing')}`, {
      id: 'broken',
    });
    const response = await deployLikeModeler(designer, 'broken.bpmn', broken);
    expect(response.status).toBe(400);
    expectCamundaJson(response);
    expect(response.body.type).toBe('ParseException');
    expect(response.body.message).toContain('broken.bpmn');
    expect(response.body.details['broken.bpmn'].errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ mainElementId: 'toNowhere', message: expect.any(String) }),
      ]),
    );
    const none = await designer.get('/engine-rest/process-definition?key=broken');
    expect(none.body).toEqual([]);
  });

  it('refuses a service task naming a connector this engine does not have', async () => {
    const model = bpmnDocument(
      `<bpmn:startEvent id="start" /><bpmn:serviceTask id="SendLetter" camunda:type="external" camunda:topic="connector:digtal-post" /><bpmn:endEvent id="end" />${chain('start', 'SendLetter', 'end')}`,
      { id: 'letter' },
    );
    const response = await deployLikeModeler(designer, 'letter.bpmn', model);
    expect(response.status).toBe(400);
    expect(response.body.type).toBe('ParseException');
    expect(response.body.details['letter.bpmn'].errors).toEqual([
      expect.objectContaining({
        mainElementId: 'SendLetter',
        message: expect.stringContaining("names connector 'digtal-post'"),
      }),
    ]);
  });

  it('refuses a part without a filename, naming it', async () => {
    const response = await designer
      .post('/engine-rest/deployment/create')
      .field('deployment-name', 'no-file')
      .field('data', grant);
    expect(response.status).toBe(400);
    expectCamundaJson(response);
    expect(response.body).toEqual({
      type: 'InvalidRequestException',
      message: expect.stringContaining("Form part 'data' has no filename"),
    });
  });
});

describe('starting instances and reading their history', () => {
  it('starts with Camunda typed variables and answers with the instance and its variables', async () => {
    const response = await engine.post('/engine-rest/process-definition/key/grant/start').send({
      businessKey: 'sag-2026-1',
      withVariablesInReturn: true,
      variables: {
        amount: { value: 5000, type: 'Integer' },
        applicant: { value: 'Anna Jensen', type: 'String' },
        receivedAt: { value: '2026-01-05T09:00:00.000+0100', type: 'Date' },
        household: { value: '{"adults":2,"children":1}', type: 'Json' },
      },
    });
    expect(response.status).toBe(200);
    expectCamundaJson(response);
    const instance = response.body;
    expect(instance).toMatchObject({
      businessKey: 'sag-2026-1',
      definitionKey: 'grant',
      ended: false,
      suspended: false,
      tenantId: null,
      variables: {
        amount: { value: 5000, type: 'Integer', valueInfo: {} },
        applicant: { value: 'Anna Jensen', type: 'String', valueInfo: {} },
        receivedAt: { value: '2026-01-05T08:00:00.000+0000', type: 'Date', valueInfo: {} },
        household: { value: '{"adults":2,"children":1}', type: 'Json', valueInfo: {} },
      },
    });
    expect(instance.definitionId).toMatch(/^grant:2:/);
    expect(instance.links[0].href).toMatch(new RegExp(`/engine-rest/process-instance/${instance.id}$`));

    const history = await engine.get(`/engine-rest/history/process-instance/${instance.id}`);
    expectCamundaJson(history);
    expect(history.body).toMatchObject({
      id: instance.id,
      businessKey: 'sag-2026-1',
      processDefinitionId: instance.definitionId,
      processDefinitionKey: 'grant',
      processDefinitionVersion: 2,
      endTime: null,
      state: 'ACTIVE',
      tenantId: null,
    });
    expect(history.body.startTime).toMatch(CAMUNDA_DATE);

    const activities = await engine.get(
      `/engine-rest/history/activity-instance?processInstanceId=${instance.id}&sortBy=startTime&sortOrder=asc`,
    );
    expectCamundaJson(activities);
    expect(
      activities.body.map((activity: Record<string, unknown>) => [
        activity.activityId,
        activity.activityType,
        activity.activityName,
        activity.endTime === null,
      ]),
    ).toEqual([
      ['start', 'startEvent', 'Application received', false],
      ['large', 'exclusiveGateway', 'Large amount?', false],
      ['review', 'userTask', 'Review the application', true],
    ]);
    const review = await engine.get(
      `/engine-rest/history/activity-instance?processInstanceId=${instance.id}&activityId=review`,
    );
    expect(review.body).toEqual([
      expect.objectContaining({
        activityId: 'review',
        processInstanceId: instance.id,
        canceled: false,
        tenantId: null,
      }),
    ]);
    expect(review.body[0].startTime).toMatch(CAMUNDA_DATE);

    const incidents = await engine.get(`/engine-rest/incident?processInstanceId=${instance.id}`);
    expectCamundaJson(incidents);
    expect(incidents.body).toEqual([]);
  });

  it('answers ended=true and a COMPLETED history for an instance that ran to its end within the start', async () => {
    const response = await engine
      .post('/engine-rest/process-definition/key/grant/start')
      .send({ variables: { amount: { value: 10, type: 'Integer' } } });
    expect(response.body.ended).toBe(true);
    expect(response.body.variables).toBeUndefined();
    const history = await engine.get(`/engine-rest/history/process-instance/${response.body.id}`);
    expect(history.body.state).toBe('COMPLETED');
    expect(history.body.endTime).toMatch(CAMUNDA_DATE);
    const end = await engine.get(
      `/engine-rest/history/activity-instance?processInstanceId=${response.body.id}&activityId=approved`,
    );
    expect(end.body).toEqual([
      expect.objectContaining({
        activityType: 'noneEndEvent',
        completeScope: true,
        activityName: 'Approved',
      }),
    ]);
  });

  it('refuses a variable whose value does not fit its type with a 400 naming it', async () => {
    const response = await engine
      .post('/engine-rest/process-definition/key/grant/start')
      .send({ variables: { amount: { value: 'five thousand', type: 'Integer' } } });
    expect(response.status).toBe(400);
    expectCamundaJson(response);
    expect(response.body).toEqual({
      type: 'InvalidRequestException',
      message: expect.stringContaining("Variable 'amount' in 'variables' is declared as Integer"),
    });
    const unknownType = await engine
      .post('/engine-rest/process-definition/key/grant/start')
      .send({ variables: { scan: { value: 'x', type: 'Bytes' } } });
    expect(unknownType.status).toBe(400);
    expect(unknownType.body.message).toContain("Variable 'scan'");
  });

  it('starts once for an Idempotency-Key, answering a retried start with the first instance', async () => {
    const send = (key: string) =>
      engine
        .post('/engine-rest/process-definition/key/grant/start')
        .set('Idempotency-Key', key)
        .send({ businessKey: 'ansoegning-7', variables: { amount: { value: 5000, type: 'Integer' } } });
    const first = await send('portal-7f3a');
    const retried = await send('portal-7f3a');
    expect(first.status).toBe(200);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ id: first.body.id, businessKey: 'ansoegning-7', ended: false });
    const another = await send('portal-7f3b');
    expect(another.body.id).not.toBe(first.body.id);
    // The same on Camunda Modeler's start by definition id.
    const byId = (key: string) =>
      engine
        .post(`/engine-rest/process-definition/${first.body.definitionId}/start`)
        .set('Idempotency-Key', key)
        .send({ variables: { amount: { value: 5000, type: 'Integer' } } });
    const firstById = await byId('modeler-1');
    expect(firstById.status).toBe(200);
    expect((await byId('modeler-1')).body.id).toBe(firstById.body.id);
    const unusable = await send('with space');
    expect(unusable.status).toBe(400);
    expect(unusable.body.message).toContain("'Idempotency-Key'");
  });

  it('answers 400 for a body that is not JSON and 404 for what does not exist, never a 500', async () => {
    const malformed = await engine
      .post('/engine-rest/process-definition/key/grant/start')
      .set('content-type', 'application/json')
      .send('{"variables":');
    expect(malformed.status).toBe(400);
    expectCamundaJson(malformed);
    expect(malformed.body.message).toContain('not valid JSON');
    const unknownKey = await engine.post('/engine-rest/process-definition/key/nothing/start').send({});
    expect(unknownKey.status).toBe(404);
    expect(unknownKey.body).toEqual({
      type: 'RestException',
      message: 'No matching process definition with key: nothing and no tenant-id',
    });
    const unknownInstance = await engine.get('/engine-rest/history/process-instance/no-such-instance');
    expect(unknownInstance.status).toBe(404);
    expectCamundaJson(unknownInstance);
    const badSort = await engine.get('/engine-rest/history/activity-instance?sortBy=startTime');
    expect(badSort.status).toBe(400);
    expect(badSort.body.message).toBe(
      'Only a single sorting parameter specified. sortBy and sortOrder required',
    );
  });
});

describe('work the engine does after the start', () => {
  it('completes a timer-driven process, its timer and connector run through Bull', async () => {
    const model = bpmnDocument(
      `<bpmn:startEvent id="start" />
       <bpmn:intermediateCatchEvent id="wait" name="One second"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1S</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
       <bpmn:serviceTask id="archive" camunda:type="external" camunda:topic="connector:noop" />
       <bpmn:endEvent id="end" />${chain('start', 'wait', 'archive', 'end')}`,
      { id: 'timed' },
    );
    expect((await deployLikeModeler(designer, 'timed.bpmn', model)).status).toBe(200);
    const started = await engine.post('/engine-rest/process-definition/key/timed/start').send({});
    expect(started.body.ended).toBe(false);
    const history = await untilHistoricState(engine, started.body.id, 'COMPLETED');
    expect(history.endTime).toMatch(CAMUNDA_DATE);
    const activities = await engine.get(
      `/engine-rest/history/activity-instance?processInstanceId=${started.body.id}&sortBy=startTime&sortOrder=asc`,
    );
    expect(
      activities.body.map((activity: Record<string, unknown>) => [
        activity.activityId,
        activity.activityType,
      ]),
    ).toEqual([
      ['start', 'startEvent'],
      ['wait', 'intermediateTimer'],
      ['archive', 'serviceTask'],
      ['end', 'noneEndEvent'],
    ]);
    const timer = activities.body[1];
    expect(
      Date.parse(timer.endTime.replace('+0000', 'Z')) - Date.parse(timer.startTime.replace('+0000', 'Z')),
    ).toBeGreaterThanOrEqual(900);
  }, 30_000);

  it('lists the incident of a connector that fails for good', async () => {
    const model = bpmnDocument(
      `<bpmn:startEvent id="start" />
       <bpmn:serviceTask id="notify" camunda:type="external" camunda:topic="connector:test">
         <bpmn:extensionElements><camunda:inputOutput><camunda:inputParameter name="outcome">permanent</camunda:inputParameter></camunda:inputOutput></bpmn:extensionElements>
       </bpmn:serviceTask>
       <bpmn:endEvent id="end" />${chain('start', 'notify', 'end')}`,
      { id: 'failing' },
    );
    expect((await deployLikeModeler(designer, 'failing.bpmn', model)).status).toBe(200);
    const started = await engine.post('/engine-rest/process-definition/key/failing/start').send({});
    const deadline = Date.now() + 15_000;
    let incidents: Array<Record<string, unknown>> = [];
    while (incidents.length === 0 && Date.now() < deadline) {
      incidents = (await engine.get(`/engine-rest/incident?processInstanceId=${started.body.id}`)).body;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(incidents).toEqual([
      expect.objectContaining({
        processInstanceId: started.body.id,
        activityId: 'notify',
        incidentType: 'failedJob',
        incidentMessage: 'Test connector: asked to fail permanently',
        tenantId: null,
      }),
    ]);
    expect(incidents[0]?.incidentTimestamp).toMatch(CAMUNDA_DATE);
    const history = await engine.get(`/engine-rest/history/process-instance/${started.body.id}`);
    expect(history.body.state).toBe('ACTIVE');
  }, 30_000);
});

describe('tenants', () => {
  it('never shows a row of a tenant the request did not name', async () => {
    const model = bpmnDocument(
      `<bpmn:startEvent id="start" /><bpmn:userTask id="task" />${chain('start', 'task')}`,
      {
        id: 'municipal',
      },
    );
    const deployed = await deployLikeModeler(designer, 'municipal.bpmn', model, { tenantId: 'aarhus' });
    expect(deployed.body.tenantId).toBe('aarhus');

    expect((await designer.get('/engine-rest/process-definition?key=municipal')).body).toEqual([]);
    expect(
      (await designer.get('/engine-rest/process-definition?key=municipal&tenantIdIn=odense')).body,
    ).toEqual([]);
    expect(
      (await designer.get('/engine-rest/process-definition?key=municipal&tenantIdIn=aarhus')).body,
    ).toEqual([expect.objectContaining({ key: 'municipal', tenantId: 'aarhus' })]);

    expect((await engine.post('/engine-rest/process-definition/key/municipal/start').send({})).status).toBe(
      404,
    );
    const wrongTenant = await engine
      .post('/engine-rest/process-definition/key/municipal/tenant-id/odense/start')
      .send({});
    expect(wrongTenant.status).toBe(404);
    expect(wrongTenant.body.message).toBe(
      'No matching process definition with key: municipal and tenant-id: odense',
    );
    const started = await engine
      .post('/engine-rest/process-definition/key/municipal/tenant-id/aarhus/start')
      .send({});
    expect(started.status).toBe(200);
    expect(started.body.tenantId).toBe('aarhus');

    const id = started.body.id as string;
    expect((await engine.get(`/engine-rest/history/process-instance/${id}`)).status).toBe(404);
    expect((await engine.get(`/engine-rest/history/process-instance/${id}?tenantIdIn=odense`)).status).toBe(
      404,
    );
    expect(
      (await engine.get(`/engine-rest/history/process-instance/${id}?tenantIdIn=aarhus`)).body.tenantId,
    ).toBe('aarhus');
    expect((await engine.get(`/engine-rest/history/activity-instance?processInstanceId=${id}`)).body).toEqual(
      [],
    );
    expect(
      (await engine.get(`/engine-rest/history/activity-instance?processInstanceId=${id}&tenantIdIn=aarhus`))
        .body,
    ).toHaveLength(2);
    const badTenant = await engine
      .post('/engine-rest/process-definition/key/municipal/tenant-id/a%20b/start')
      .send({});
    expect(badTenant.status).toBe(400);
    expect(badTenant.body.message).toContain("Cannot use 'tenant-id' value 'a b' as a tenant id");
  });
});
